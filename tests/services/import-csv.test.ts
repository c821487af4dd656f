import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeCsvBytes } from '../../main/services/import/encoding'
import { readCsv, sniffDelimiter } from '../../main/services/import/csv'
import { fixture } from './import-helpers'

const bytes = (name: string) => new Uint8Array(fs.readFileSync(fixture(name)))
const utf8 = (s: string) => new TextEncoder().encode(s)

describe('encoding detection', () => {
  it.each([
    ['clean.csv', 'utf-8'],
    ['zh-hospital-utf8-bom.csv', 'utf-8-bom'],
    ['clean-utf16le.csv', 'utf-16le'],
    ['clean-utf16be.csv', 'utf-16be'],
    ['zh-hospital-gb18030.csv', 'gb18030'],
  ] as const)('reads %s as %s', (name, encoding) => {
    const d = decodeCsvBytes(bytes(name))
    expect(d.encoding).toBe(encoding)
    expect(d.wrongEncoding).toBeNull()
    expect(d.text.charCodeAt(0)).not.toBe(0xfeff)
  })

  it('decodes the GB18030 hospital export to the same text as its UTF-8 source', () => {
    expect(decodeCsvBytes(bytes('zh-hospital-gb18030.csv')).text).toBe(fs.readFileSync(fixture('zh-hospital.utf8.csv'), 'utf8'))
    expect(decodeCsvBytes(bytes('clean-utf16be.csv')).text).toBe(fs.readFileSync(fixture('clean.csv'), 'utf8'))
  })

  it('reads UTF-16 without a byte-order mark', () => {
    const le = Buffer.from('Study ID,Age\r\nA-1,50\r\n', 'utf16le')
    expect(decodeCsvBytes(new Uint8Array(le)).encoding).toBe('utf-16le')
    const be = Buffer.from(le)
    be.swap16()
    const d = decodeCsvBytes(new Uint8Array(be))
    expect(d.encoding).toBe('utf-16be')
    expect(d.text).toBe('Study ID,Age\r\nA-1,50\r\n')
  })

  it('refuses Windows-1252 text and names it as the likely encoding', () => {
    const d = decodeCsvBytes(bytes('wrong-encoding-cp1252.csv'))
    expect(d.wrongEncoding?.likely).toMatch(/Windows-1252/)
  })

  it('does not mistake Latin-1 names that happen to be valid GB18030 for Chinese', () => {
    // "Müller" in Latin-1 is 4D FC 6C 6C 65 72: FC 6C is a valid GBK pair, but not a Chinese character.
    const latin1 = new Uint8Array(Buffer.from('Name,Age\nMüller,50\nGödel,61\n', 'latin1'))
    expect(decodeCsvBytes(latin1).wrongEncoding).not.toBeNull()
  })
})

describe('delimiter', () => {
  it.each([
    ['a,b,c\n1,2,3\n', ','],
    ['a;b;c\n1;2,5;3\n', ';'],
    ['a\tb\n1\t2\n', '\t'],
    ['only one column\nvalue\n', ','],
  ] as const)('sniffs %j as %j', (text, d) => {
    expect(sniffDelimiter(text)).toBe(d)
  })

  it('reads the semicolon and tab fixtures', () => {
    expect(readCsv(bytes('semicolon.csv'), 'semicolon.csv').delimiter).toBe(';')
    expect(readCsv(bytes('semicolon.csv'), 'semicolon.csv').rows[0]!.cells[3]).toBe('pain, mechanical')
    expect(readCsv(bytes('tab.tsv'), 'tab.tsv').delimiter).toBe('\t')
  })
})

describe('rows as a spreadsheet numbers them', () => {
  it('counts the header as row 1, keeps a quoted line break in one row, skips blank rows but not their numbers', () => {
    const f = readCsv(utf8('id,note\r\nA,"two\r\nlines"\r\n\r\nB,x\r\n,\r\nC,y\r\n'), 't.csv')
    expect(f.rows.map((r) => [r.row, r.cells[0]])).toEqual([
      [2, 'A'],
      [4, 'B'],
      [6, 'C'],
    ])
    expect(f.rows[0]!.cells[1]).toBe('two\r\nlines')
  })

  it('names blank headers by their column letter and renames repeated ones', () => {
    const f = readCsv(utf8('Age,,Age\n1,2,3\n'), 't.csv')
    expect(f.header).toEqual(['Age', '(column B)', 'Age (2)'])
    expect(f.problems[0]).toMatchObject({ severity: 'warning', code: 'MAPPING', row: 1, column: 'Age (2)' })
  })

  it('tolerates empty cells after the last column (Excel writes them)', () => {
    const f = readCsv(bytes('ragged.csv'), 'ragged.csv')
    expect(f.rows.map((r) => r.row)).toEqual([2, 5])
    expect(f.rows[1]!.cells).toEqual(['RG-004', 'H9004', '53'])
  })

  it('reports rows with more or fewer values than the header by row', () => {
    const f = readCsv(bytes('ragged.csv'), 'ragged.csv')
    expect(f.problems.map((p) => [p.code, p.row])).toEqual([
      ['MALFORMED_CSV', 3],
      ['MALFORMED_CSV', 4],
    ])
    expect(f.problems[0]!.detail).toContain('4 values but the header has 3 columns')
  })

  it('reports an unclosed quotation mark at the row where it opens', () => {
    const f = readCsv(bytes('malformed-quotes.csv'), 'malformed-quotes.csv')
    expect(f.problems).toHaveLength(1)
    expect(f.problems[0]).toMatchObject({ code: 'MALFORMED_CSV', row: 3 })
    expect(f.problems[0]!.detail).toContain('never closed')
    expect(f.rows.map((r) => r.row)).toEqual([2])
  })
})
