import { describe, expect, it } from 'vitest'
import { buildDesign, rColumnKind, rFactor, rNumberLabel } from '@engine/survival-design'
import { EngineInputError } from '@engine/errors'

describe('R column types and factor levels (read.csv + factor)', () => {
  it('labels numbers as R\'s as.character() does', () => {
    // R 4.2: as.character(c(2, 1.5, 1e5, 123456, 0.0001, 0.3, 1/3, 12.25, -7, 1e15, 123456789012, 0.1 + 0.2, 2.5e-7))
    const r = ['2', '1.5', '1e+05', '123456', '1e-04', '0.3', '0.333333333333333', '12.25', '-7', '1e+15', '123456789012', '0.3', '2.5e-07']
    const x = [2, 1.5, 1e5, 123456, 0.0001, 0.3, 1 / 3, 12.25, -7, 1e15, 123456789012, 0.1 + 0.2, 2.5e-7]
    expect(x.map(rNumberLabel)).toEqual(r)
  })

  it('reads columns as type.convert does: logical, numeric or text', () => {
    expect(rColumnKind(['T', 'FALSE', 'true'])).toBe('logical')
    expect(rColumnKind(['1', '2.5', '1e3', '-4'])).toBe('numeric')
    expect(rColumnKind(['1', 'two'])).toBe('text')
  })

  it('orders numeric levels numerically, text levels by code point, logical FALSE then TRUE', () => {
    expect(rFactor(['10', '2', '2.0', '1'], 'numeric')).toEqual({ codes: Int32Array.from([2, 1, 1, 0]), levels: ['1', '2', '10'] })
    expect(rFactor(['b', 'B', 'a'], 'text').levels).toEqual(['B', 'a', 'b']) // R in the C locale
    expect(rFactor(['TRUE', 'F', 'T'], 'logical')).toEqual({ codes: Int32Array.from([1, 0, 1]), levels: ['FALSE', 'TRUE'] })
  })
})

describe('buildDesign (model.matrix with treatment contrasts)', () => {
  it('names factor columns variable + level and fills 0/1 dummies, reference level all zero', () => {
    const d = buildDesign(
      [
        { name: 'age', kind: 'numeric', values: [50, 60, 70] },
        { name: 'race', kind: 'factor', codes: [0, 1, 2], levels: ['asian', 'black', 'white'] },
      ],
      3,
    )
    expect(d.names).toEqual(['age', 'raceblack', 'racewhite'])
    const out = new Float64Array(9)
    d.fill(Int32Array.from([2, 0, 1]), out, new Float64Array(3), new Float64Array(3).fill(1))
    expect(Array.from(out)).toEqual([70, 0, 1, 50, 0, 0, 60, 1, 0])
    expect(Array.from(d.linearPredictor(Float64Array.from([1, 10, 100]), 0, new Uint8Array(3).fill(1)))).toEqual([50, 70, 170])
  })
  it('refuses a one-level factor and a duplicated covariate', () => {
    expect(() => buildDesign([{ name: 's', kind: 'factor', codes: [0], levels: ['m'] }], 1)).toThrow(EngineInputError)
    expect(() => buildDesign([{ name: 'a', kind: 'numeric', values: [1] }, { name: 'a', kind: 'numeric', values: [1] }], 1)).toThrow(/listed twice/)
  })
})
