import fs from 'node:fs'
import type { ImportDelimiter, ImportEncoding } from '@contract/import-export'
import { readCsv, sniffDelimiter } from '../services/import/csv'
import { decodeCsvBytes } from '../services/import/encoding'
import { UsageError } from './command'

/** A parsed CSV file: header names and string cells (empty string = missing). */
export interface CsvTable {
  file: string
  /** As the import reader found them (UTF-8 when absent), for the R call that reads the same file. */
  encoding?: ImportEncoding
  delimiter?: ImportDelimiter
  header: string[]
  rows: string[][]
  /** The trimmed cells of one column, when the table can give them without building every row. */
  column?: (index: number) => string[]
  /** Number of data rows (rows.length, without building them). */
  nRows?: number
}

/** The trimmed cells of column `index`, in row order. */
export function columnCells(table: CsvTable, index: number): string[] {
  return table.column ? table.column(index) : table.rows.map((r) => r[index]!)
}

/** Number of data rows. */
export function rowCount(table: CsvTable): number {
  return table.nRows ?? table.rows.length
}

/**
 * Reads a CSV file with the import's reader (services/import/csv.ts), so that every command takes
 * what the import takes: UTF-8 (with or without BOM), UTF-16 and Chinese GB18030/GBK, separated by
 * commas, semicolons or tabs. A problem of the file itself (wrong encoding, broken quotes, a row
 * with too many or too few cells, a repeated column name) is a usage error naming its row.
 */
export function readCsvTable(file: string): CsvTable {
  let bytes: Uint8Array
  try {
    bytes = fs.readFileSync(file)
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
  }
  const fast = plainCommaTable(file, bytes)
  if (fast) return fast
  const csv = readCsv(bytes, file)
  const fatal = csv.problems.find((p) => p.severity === 'error')
  if (fatal) throw new UsageError(`${file}${fatal.row === null ? '' : ` line ${fatal.row}`}${fatal.column === null ? '' : ` column "${fatal.column}"`}: ${fatal.detail}`)
  if (csv.header.length === 0) throw new UsageError(`${file} is empty`)
  const dup = csv.problems.find((p) => p.code === 'MAPPING' && p.row === 1)
  if (dup) throw new UsageError(`${file} has the column "${dup.value}" twice`)
  const names = csv.header
  const rows = new Array<string[]>(csv.rows.length)
  for (let i = 0; i < rows.length; i++) {
    const cells = csv.rows[i]!.cells
    for (let k = 0; k < cells.length; k++) cells[k] = cells[k]!.trim()
    rows[i] = cells
  }
  return { file, encoding: csv.encoding, delimiter: csv.delimiter, header: names, rows }
}

/**
 * The common case read quickly: UTF-8 separated by commas, without quotation marks, every line
 * with as many cells as the header and no blank line before the end. Only line offsets are kept;
 * a column's cells are cut out of the text when a command asks for that column, so a command that
 * uses three of fifteen columns never builds the other twelve (at a million rows the row arrays
 * of the general reader are most of the run). Anything else returns null and goes through the
 * import's reader, which gives the same cells and names every problem.
 */
function plainCommaTable(file: string, bytes: Uint8Array): CsvTable | null {
  const decoded = decodeCsvBytes(bytes)
  if (decoded.wrongEncoding || (decoded.encoding !== 'utf-8' && decoded.encoding !== 'utf-8-bom')) return null
  let text = decoded.text
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  if (text.indexOf('"') >= 0 || sniffDelimiter(text) !== ',') return null
  // Line ends (a \r before \n belongs to the line end; a lone \r is left to the general reader).
  const len = text.length
  let headerEnd = text.indexOf('\n')
  if (headerEnd < 0) headerEnd = len
  const headerLine = text.slice(0, headerEnd).replace(/\r$/, '')
  if (headerLine.trim() === '') return null
  const headerCsv = readCsv(new TextEncoder().encode(headerLine), file)
  if (headerCsv.problems.some((p) => p.severity === 'error')) return null
  const dup = headerCsv.problems.find((p) => p.code === 'MAPPING' && p.row === 1)
  if (dup) throw new UsageError(`${file} has the column "${dup.value}" twice`)
  const width = headerCsv.header.length
  if (width < 2) return null
  let starts = new Int32Array(1024)
  let ends = new Int32Array(1024)
  let n = 0
  let pos = headerEnd + 1
  while (pos < len) {
    let end = text.indexOf('\n', pos)
    if (end < 0) end = len
    let stop = end
    if (stop > pos && text.charCodeAt(stop - 1) === 13) stop--
    let commas = 0
    let blank = true
    for (let i = pos; i < stop; i++) {
      const c = text.charCodeAt(i)
      if (c === 44) commas++
      else if (c === 13) return null
      else if (blank && !isAsciiSpace(c)) blank = false
    }
    if (blank) {
      // Blank lines are fine at the end of the file only.
      for (let i = stop; i < len; i++) if (!isAsciiSpace(text.charCodeAt(i))) return null
      break
    }
    if (commas !== width - 1) return null
    if (n === starts.length) {
      const s2 = new Int32Array(n * 2)
      s2.set(starts)
      starts = s2
      const e2 = new Int32Array(n * 2)
      e2.set(ends)
      ends = e2
    }
    starts[n] = pos
    ends[n] = stop
    n++
    pos = end + 1
  }
  const cache = new Map<number, string[]>()
  const column = (index: number): string[] => {
    const hit = cache.get(index)
    if (hit) return hit
    const out = new Array<string>(n)
    for (let r = 0; r < n; r++) {
      let s = starts[r]!
      for (let k = 0; k < index; k++) s = text.indexOf(',', s) + 1
      let e = index === width - 1 ? ends[r]! : text.indexOf(',', s)
      // Trimmed as String.prototype.trim, as the general reader does.
      while (s < e && isAsciiSpace(text.charCodeAt(s))) s++
      while (e > s && isAsciiSpace(text.charCodeAt(e - 1))) e--
      const cell = text.slice(s, e)
      out[r] = cell.length > 0 && (cell.charCodeAt(0) > 127 || cell.charCodeAt(cell.length - 1) > 127) ? cell.trim() : cell
    }
    cache.set(index, out)
    return out
  }
  const table: CsvTable = { file, encoding: decoded.encoding, delimiter: ',', header: headerCsv.header, rows: [], column, nRows: n }
  let rows: string[][] | null = null
  Object.defineProperty(table, 'rows', {
    enumerable: true,
    get: () => {
      if (!rows) {
        const cols = headerCsv.header.map((_, k) => column(k))
        rows = Array.from({ length: n }, (_, r) => cols.map((c) => c[r]!))
      }
      return rows
    },
  })
  return table
}

/** The ASCII characters String.prototype.trim removes: tab, line feed, vertical tab, form feed, carriage return, space. */
const isAsciiSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13)

export function columnIndex(table: CsvTable, name: string): number {
  const i = table.header.indexOf(name)
  if (i < 0) throw new UsageError(`${table.file} has no column "${name}" (columns: ${table.header.join(', ')})`)
  return i
}

/** The cells read as missing: R's read.csv(na.strings = MISSING_CELLS) after strip.white. */
export const MISSING_CELLS = ['', 'NA', '.'] as const

/** Treats '', 'NA' and '.' as missing (MISSING_CELLS). */
export function isMissing(cell: string): boolean {
  return cell === '' || cell === 'NA' || cell === '.'
}

/**
 * The R line that reads the file as the CLI does, into `d`: the full path, the same missing-value
 * spellings, cells trimmed, text columns as factors.
 */
export function rReadCsv(file: string, table?: Pick<CsvTable, 'encoding' | 'delimiter'>): string {
  const na = MISSING_CELLS.map((c) => JSON.stringify(c)).join(', ')
  const sep = table?.delimiter && table.delimiter !== ',' ? `, sep = ${JSON.stringify(table.delimiter)}` : ''
  const enc = table?.encoding ? R_FILE_ENCODING[table.encoding] : null
  return `d <- read.csv(${JSON.stringify(file.replace(/\\/g, '/'))}${sep}, na.strings = c(${na}), strip.white = TRUE, stringsAsFactors = TRUE${enc ? `, fileEncoding = "${enc}"` : ''})`
}

/** R's fileEncoding for the encodings the reader accepts (UTF-8 needs none). */
const R_FILE_ENCODING: Record<ImportEncoding, string | null> = { 'utf-8': null, 'utf-8-bom': 'UTF-8-BOM', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', gb18030: 'GB18030' }

export interface CompleteCases {
  /** 1-based data-row numbers (header excluded) of the rows kept. */
  rowNumbers: number[]
  /** For each requested column, the kept cells in row order. */
  cells: Record<string, string[]>
  /** Rows dropped because a used column was missing. */
  nDropped: number
}

/** Keeps the rows where every named column has a value (R's na.omit on the used columns). */
export function completeCases(table: CsvTable, columns: readonly string[]): CompleteCases {
  const idx = columns.map((c) => columnIndex(table, c))
  const source = idx.map((i) => columnCells(table, i))
  const n = rowCount(table)
  const keep = new Uint8Array(n).fill(1)
  let nKept = n
  for (const col of source) {
    for (let r = 0; r < n; r++) {
      if (keep[r] && isMissing(col[r] ?? '')) {
        keep[r] = 0
        nKept--
      }
    }
  }
  const rowNumbers = new Array<number>(nKept)
  for (let r = 0, k = 0; r < n; r++) if (keep[r]) rowNumbers[k++] = r + 1
  const cells: Record<string, string[]> = {}
  columns.forEach((c, k) => {
    const col = source[k]!
    cells[c] = nKept === n ? col.slice() : rowNumbers.map((r) => col[r - 1]!)
  })
  return { rowNumbers, cells, nDropped: n - nKept }
}

/** Converts cells to numbers, naming the first bad cell by row and column. */
export function numericColumn(table: CsvTable, column: string, cells: readonly string[], rowNumbers: readonly number[]): Float64Array {
  const out = new Float64Array(cells.length)
  for (let i = 0; i < cells.length; i++) {
    const v = Number(cells[i])
    if (!Number.isFinite(v) || cells[i]!.trim() === '') {
      throw new UsageError(`${table.file} row ${rowNumbers[i]} column "${column}": expected a number, got ${JSON.stringify(cells[i])}`)
    }
    out[i] = v
  }
  return out
}
