// CSV columns as R's read.csv() + factor() read them (main/cli/r-columns.ts), shared by km, cox,
// match and compare.
import { describe, expect, it } from 'vitest'
import { columnKind, covariateColumns, eventColumn, factorColumn, rColumnKind } from '../../main/cli/r-columns'
import { completeCases, type CsvTable } from '../../main/cli/csv-table'
import { UsageError } from '../../main/cli/command'

const table = (header: string[], rows: string[][]): CsvTable => ({ file: 't.csv', header, rows })

describe('R column types and factor levels (read.csv + factor)', () => {
  it('reads columns as type.convert does: logical, numeric or text', () => {
    expect(rColumnKind(['T', 'FALSE', 'true'])).toBe('logical')
    expect(rColumnKind(['1', '2.5', '1e3', '-4'])).toBe('numeric')
    expect(rColumnKind(['1', 'two'])).toBe('text')
  })

  it('orders numeric levels numerically, text levels as R with ICU, logical FALSE then TRUE', () => {
    const t = table(['n', 'txt', 'lgl'], [['10', 'b', 'TRUE'], ['2', 'B', 'F'], ['2.0', 'a', 'T'], ['1', 'A', 'NA']])
    const cells = (c: number) => t.rows.map((r) => r[c]!)
    expect(factorColumn(t, 'n', cells(0))).toEqual({ codes: Int32Array.from([2, 1, 1, 0]), levels: ['1', '2', '10'] })
    expect(factorColumn(t, 'txt', cells(1)).levels).toEqual(['a', 'A', 'b', 'B']) // R in C.UTF-8 / en_US.UTF-8 (ICU)
    expect(factorColumn(t, 'lgl', cells(2).slice(0, 3))).toEqual({ codes: Int32Array.from([1, 0, 1]), levels: ['FALSE', 'TRUE'] })
    expect(columnKind(t, 'lgl')).toBe('logical') // "NA" is missing, as read.csv reads it
  })

  it('reads events as Surv() does: 0/1, 1/2 (2 = event) or TRUE/FALSE, and refuses anything else', () => {
    const t = table(['a', 'b', 'c'], [['0', '1', 'TRUE'], ['1', '2', 'FALSE'], ['1', '2', 'T']])
    const cells = (c: number) => t.rows.map((r) => r[c]!)
    expect(Array.from(eventColumn(t, 'a', cells(0), [1, 2, 3]))).toEqual([0, 1, 1])
    expect(Array.from(eventColumn(t, 'b', cells(1), [1, 2, 3]))).toEqual([0, 1, 1])
    expect(Array.from(eventColumn(t, 'c', cells(2), [1, 2, 3]))).toEqual([1, 0, 1])
    const bad = table(['e'], [['0'], ['3']])
    expect(() => eventColumn(bad, 'e', ['0', '3'], [1, 2])).toThrow(UsageError)
  })

  it('makes model covariates: numbers, factors in R order, --factors, and logical as factor or indicator', () => {
    const t = table(['age', 'histology', 'cyl', 'smoker'], [['50', 'RCC', '6', 'TRUE'], ['61', 'colorectal', '4', 'FALSE'], ['70', 'Melanoma', '8', 'TRUE']])
    const cc = completeCases(t, t.header)
    const asFactor = covariateColumns(t, t.header, cc, { factors: new Set(['cyl']), logical: 'factor' })
    expect(asFactor.map((c) => [c.name, c.type])).toEqual([['age', 'numeric'], ['histology', 'factor'], ['cyl', 'factor'], ['smoker', 'factor']])
    expect(asFactor[1]).toMatchObject({ levels: ['colorectal', 'Melanoma', 'RCC'], codes: Int32Array.from([2, 0, 1]) })
    expect(asFactor[2]).toMatchObject({ levels: ['4', '6', '8'] })
    expect(asFactor[3]).toMatchObject({ levels: ['FALSE', 'TRUE'], codes: Int32Array.from([1, 0, 1]) })
    const asIndicator = covariateColumns(t, ['smoker'], cc, { logical: 'indicator' })
    expect(asIndicator).toEqual([{ name: 'smokerTRUE', type: 'numeric', values: [1, 0, 1] }])
  })
})
