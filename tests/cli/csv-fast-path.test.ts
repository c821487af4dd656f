// The CLI's quick reading of plain comma files (line offsets, columns cut out on demand, plain
// numbers read without strings) must give exactly what the import's general reader gives: the
// same file with one quoted header name goes through the general reader, and both are compared.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { completeCases, numericValues, readCsvTable } from '../../main/cli/csv-table'
import { columnKind, eventColumn, factorColumn } from '../../main/cli/r-columns'

let tmp: string
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-csv-fast-'))
})
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

/** The same rows written twice: plain, and with a quoted header (which needs the general reader). */
function both(lines: string[], eol = '\n'): [string, string] {
  const plain = path.join(tmp, `plain-${Math.random().toString(36).slice(2)}.csv`)
  const quoted = plain.replace('plain-', 'quoted-')
  fs.writeFileSync(plain, lines.join(eol) + eol)
  const [first, ...rest] = lines[0]!.split(',')
  fs.writeFileSync(quoted, [[`"${first}"`, ...rest].join(','), ...lines.slice(1)].join(eol) + eol)
  return [plain, quoted]
}

describe('plain comma files read quickly, as the general reader reads them', () => {
  it('gives the same cells, complete cases, numbers, kinds, events and factors', () => {
    const cells = ['12', '-3.25', '+5', '1.', '.5', '0.1', '007', '-0', ' 6.8 ', 'NA', '.', '', '1e3', '123456789012345678', '0x10']
    const lines = ['time,event,g,x,y']
    for (let i = 0; i < 60; i++) lines.push([`${(i * 7.3) % 50}`, i % 3 === 0 ? '2' : '1', i % 4 === 0 ? ' b ' : 'a', cells[i % cells.length]!, i % 5 === 0 ? 'NA' : String(i / 8)].join(','))
    for (const eol of ['\n', '\r\n']) {
      const [plain, quoted] = both(lines, eol)
      const fast = readCsvTable(plain)
      const general = readCsvTable(quoted)
      expect(fast.numbers).toBeDefined() // the quick path was taken
      expect(general.numbers).toBeUndefined()
      expect(fast.header).toEqual(general.header)
      expect(fast.rows).toEqual(general.rows)
      for (const cols of [['time', 'event', 'g'], ['time', 'x'], ['y', 'g']]) {
        const a = completeCases(fast, cols)
        const b = completeCases(general, cols)
        expect(a.rowNumbers).toEqual(b.rowNumbers)
        expect(a.nDropped).toBe(b.nDropped)
        for (const c of cols) {
          expect(a.cells[c]).toEqual(b.cells[c])
          expect(columnKind(fast, c)).toBe(columnKind(general, c))
          // toEqual tells −0 from 0, so the doubles are the very same.
          if (columnKind(general, c) === 'numeric') expect(Array.from(numericValues(fast, a, c))).toEqual(Array.from(numericValues(general, b, c)))
        }
      }
      const a = completeCases(fast, ['time', 'event', 'g'])
      const b = completeCases(general, ['time', 'event', 'g'])
      expect(eventColumn(fast, 'event', () => a.cells.event!, a.rowNumbers, a.values.event)).toEqual(eventColumn(general, 'event', b.cells.event!, b.rowNumbers, b.values.event))
      expect(factorColumn(fast, 'event', () => a.cells.event!, a.values.event)).toEqual(factorColumn(general, 'event', b.cells.event!))
      expect(factorColumn(fast, 'g', a.cells.g!)).toEqual(factorColumn(general, 'g', b.cells.g!))
    }
  })

  it('reads decimals to the very same doubles as Number()', () => {
    const values: string[] = []
    for (let i = 0; i < 3000; i++) {
      const digits = 1 + (i % 15)
      const s = String(Math.floor(Math.abs(Math.sin(i + 1)) * 10 ** digits)).slice(0, digits).padStart(digits, '0')
      const dot = i % (digits + 1)
      values.push(`${i % 2 ? '-' : ''}${s.slice(0, dot)}.${s.slice(dot)}`.replace(/^(-?)\.$/, '$10'))
    }
    const [plain] = both(['a,b', ...values.map((v, i) => `${v},${i}`)])
    const t = readCsvTable(plain)
    const got = t.numbers!([0])[0]!
    expect(got).not.toBeNull()
    values.forEach((v, i) => expect(Object.is(got[i], Number(v)), `${v}: ${got[i]} vs ${Number(v)}`).toBe(true))
  })

  it('leaves files with quotes, ragged rows or a blank line inside to the general reader', () => {
    for (const text of ['a,b\n1,2\n3\n', 'a,b\n1,2\n\n3,4\n', 'a,b\n"1",2\n']) {
      const file = path.join(tmp, `odd-${Math.random().toString(36).slice(2)}.csv`)
      fs.writeFileSync(file, text)
      let t: ReturnType<typeof readCsvTable> | null = null
      try {
        t = readCsvTable(file)
      } catch {
        t = null // the general reader's error for a ragged row
      }
      if (t) expect(t.numbers).toBeUndefined()
    }
  })

  it('reads a column that turns out to be text in the same walk as the numbers, with the same cells', () => {
    // "label": numbers in its first rows, then more than 40 distinct labels (some with the
    // ideographic space around them, which trim() removes), repeated; "v" plain numbers.
    const lines = ['id,label,v,w']
    for (let i = 0; i < 300; i++) {
      const label = i < 7 ? String(i) : i % 13 === 0 ? 'NA' : i % 11 === 0 ? '\u3000肺癌\u3000' : i % 5 === 0 ? ` lab${i % 45} ` : `lab${i % 45}`
      lines.push([String(i + 1), label, i % 17 === 0 ? '' : String(i / 4), i % 3 === 0 ? 'x' : 'y'].join(','))
    }
    const [plain, quoted] = both(lines)
    const fast = readCsvTable(plain)
    const general = readCsvTable(quoted)
    expect(fast.numbers).toBeDefined()
    const cols = ['id', 'label', 'v', 'w']
    const a = completeCases(fast, cols)
    const b = completeCases(general, cols)
    expect(a.rowNumbers).toEqual(b.rowNumbers)
    for (const c of cols) expect(a.cells[c]).toEqual(b.cells[c])
    expect(a.cells.label).toContain('肺癌')
    expect(fast.numbers!([1])[0]).toBeNull()
    expect(Array.from(a.values.v!)).toEqual(Array.from(numericValues(general, b, 'v')))
    expect(factorColumn(fast, 'label', a.cells.label!)).toEqual(factorColumn(general, 'label', b.cells.label!))
    expect(fast.rows).toEqual(general.rows)
  })
})
