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
  /** The same for several columns at once. */
  columns?: (indices: readonly number[]) => string[][]
  /**
   * The columns as numbers where every filled cell is a plain decimal number (missing cells NaN),
   * without building strings; null for a column with any other cell.
   */
  numbers?: (indices: readonly number[]) => (Float64Array | null)[]
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
  /** The cells of column k in rows [from, to) into out, cut from each line by a walk to the column. */
  const cut = (k: number, from: number, to: number, out: string[]): void => {
    const seen = new TextCells()
    for (let r = from; r < to; r++) {
      let s = starts[r]!
      for (let j = 0; j < k; j++) s = nextComma(text, s) + 1
      out[r] = seen.cell(text, s, k === width - 1 ? ends[r]! : nextComma(text, s))
    }
  }
  // The cells of several columns in one walk along each line (a column alone would re-walk the
  // line from its start for every column asked for).
  const columns = (indices: readonly number[]): string[][] => {
    const wanted = [...new Set(indices.filter((i) => !cache.has(i)))].sort((a, b) => a - b)
    if (wanted.length > 0) {
      const outs = wanted.map(() => new Array<string>(n))
      const seen = wanted.map(() => new TextCells())
      const last = wanted[wanted.length - 1]!
      for (let r = 0; r < n; r++) {
        let s = starts[r]!
        let w = 0
        for (let k = 0; k <= last; k++) {
          const comma = k === width - 1 ? ends[r]! : nextComma(text, s)
          if (k === wanted[w]) {
            outs[w]![r] = seen[w]!.cell(text, s, comma)
            w++
          }
          s = comma + 1
        }
      }
      wanted.forEach((i, k) => cache.set(i, outs[k]!))
    }
    return indices.map((i) => cache.get(i)!)
  }
  const column = (index: number): string[] => columns([index])[0]!
  const numberCache = new Map<number, Float64Array | null>()
  // Numbers and text in one walk along each line: a column is read as numbers (no string per
  // cell) until its first cell that is not a plain number; from there on its cells are cut out as
  // text (and kept for columns()), and its earlier cells are cut out after the walk.
  const numbers = (indices: readonly number[]): (Float64Array | null)[] => {
    const wanted = [...new Set(indices.filter((i) => !numberCache.has(i)))].sort((a, b) => a - b)
    if (wanted.length > 0) {
      const m = wanted.length
      const nums: (Float64Array | null)[] = wanted.map(() => new Float64Array(n))
      const texts: (string[] | null)[] = wanted.map(() => null)
      const seen = wanted.map(() => new TextCells())
      const textFrom = new Int32Array(m)
      const last = wanted[m - 1]!
      for (let r = 0; r < n; r++) {
        let s = starts[r]!
        const stop = ends[r]!
        let w = 0
        let want = wanted[0]!
        for (let k = 0; k <= last; k++) {
          if (k !== want) {
            s = (k === width - 1 ? stop : nextComma(text, s)) + 1
            continue
          }
          const num = nums[w]
          let e: number
          if (num) {
            e = numberField(text, s, stop)
            if (e >= 0) num[r] = FIELD[0]!
            else {
              e = -1 - e
              nums[w] = null
              texts[w] = new Array<string>(n)
              textFrom[w] = r
              texts[w]![r] = seen[w]!.cell(text, s, e)
            }
          } else {
            e = k === width - 1 ? stop : nextComma(text, s)
            texts[w]![r] = seen[w]!.cell(text, s, e)
          }
          s = e + 1
          w++
          want = w < m ? wanted[w]! : -1
        }
      }
      for (let w = 0; w < m; w++) {
        const cells = texts[w]
        if (!cells) continue
        cut(wanted[w]!, 0, textFrom[w]!, cells)
        cache.set(wanted[w]!, cells)
      }
      wanted.forEach((i, k) => numberCache.set(i, nums[k]!))
    }
    return indices.map((i) => numberCache.get(i)!)
  }
  const table: CsvTable = { file, encoding: decoded.encoding, delimiter: ',', header: headerCsv.header, rows: [], column, columns, numbers, nRows: n }
  let rows: string[][] | null = null
  Object.defineProperty(table, 'rows', {
    enumerable: true,
    get: () => {
      if (!rows) {
        const cols = columns(headerCsv.header.map((_, k) => k))
        rows = Array.from({ length: n }, (_, r) => cols.map((c) => c[r]!))
      }
      return rows
    },
  })
  return table
}

/** The position of the next comma from s (the line has one: its commas were counted). A loop, as
 * indexOf is a call into the runtime, slower than scanning a few characters. */
function nextComma(text: string, s: number): number {
  while (text.charCodeAt(s) !== 44) s++
  return s
}

const POW10 = Array.from({ length: 23 }, (_, k) => Math.pow(10, k))

/**
 * The cells of one text column, trimmed as String.prototype.trim (as the general reader trims
 * them). A column of few distinct values (histology, ASIA grade) gives the same string object for
 * equal cells: a cell is compared with the values met so far instead of being copied out of the
 * line, which saves a string per cell and lets a Map find it by its kept hash. Beyond
 * TextCells.MAX distinct values every cell is cut out.
 */
class TextCells {
  static readonly MAX = 32
  private raw: string[] = []
  private value: string[] = []
  cell(text: string, a: number, e: number): string {
    while (a < e && isAsciiSpace(text.charCodeAt(a))) a++
    while (e > a && isAsciiSpace(text.charCodeAt(e - 1))) e--
    const len = e - a
    const raw = this.raw
    for (let i = 0; i < raw.length; i++) {
      const t = raw[i]!
      if (t.length === len && text.startsWith(t, a)) return this.value[i]!
    }
    const cell = text.slice(a, e)
    // Beyond the ASCII white space, trim() also removes Unicode spaces (e.g. the ideographic space).
    const value = cell.length > 0 && (cell.charCodeAt(0) > 127 || cell.charCodeAt(cell.length - 1) > 127) ? cell.trim() : cell
    if (raw.length < TextCells.MAX) {
      raw.push(cell)
      this.value.push(value)
    }
    return value
  }
}

/** Set by numberField: the cell's number (NaN when missing). A typed array, as a double kept in a
 * variable of the module would be boxed (a heap allocation per cell). */
const FIELD = new Float64Array(1)

/**
 * Reads the cell starting at s as plainNumber does, in the same walk that finds its end (the
 * next comma, or stop, the end of the line). Returns that end with the number in FIELD[0], or,
 * when the cell is not a plain number, −1 − end. The usual cell (digits, at most one point, an
 * optional minus) is read here; anything else goes to plainNumber.
 */
function numberField(text: string, s: number, stop: number): number {
  let i = s
  let negative = false
  if (i < stop && text.charCodeAt(i) === 45) {
    negative = true
    i++
  }
  let mantissa = 0
  let digits = 0
  let fraction = -1
  let plain = true
  for (; i < stop; i++) {
    const c = text.charCodeAt(i)
    if (c === 44) break
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48)
      digits++
      if (fraction >= 0) fraction++
    } else if (c === 46 && fraction < 0) fraction = 0
    else plain = false
  }
  if (plain && digits > 0 && digits <= 15) {
    const v = fraction > 0 ? mantissa / POW10[fraction]! : mantissa
    FIELD[0] = negative ? -v : v
    return i
  }
  const v = plainNumber(text, s, i)
  if (v === null) return -1 - i
  FIELD[0] = v
  return i
}

/**
 * The cell text[s, e) as a number when it is a plain decimal ([+-]digits[.digits], at most 15
 * digits), NaN when it is missing ('', 'NA', '.'), else null. M / 10^k is the correctly rounded
 * quotient of two exact doubles, so it equals Number() of the cell (Clinger's fast path).
 */
function plainNumber(text: string, s: number, e: number): number | null {
  while (s < e && isAsciiSpace(text.charCodeAt(s))) s++
  while (e > s && isAsciiSpace(text.charCodeAt(e - 1))) e--
  if (s === e) return NaN
  let c = text.charCodeAt(s)
  if (e - s === 1 && c === 46) return NaN // "."
  if (e - s === 2 && c === 78 && text.charCodeAt(s + 1) === 65) return NaN // "NA"
  let negative = false
  if (c === 45 || c === 43) {
    negative = c === 45
    s++
  }
  let mantissa = 0
  let digits = 0
  let fraction = -1
  for (let i = s; i < e; i++) {
    c = text.charCodeAt(i)
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48)
      digits++
      if (fraction >= 0) fraction++
    } else if (c === 46 && fraction < 0) fraction = 0
    else return null
  }
  if (digits === 0 || digits > 15) return null
  const v = fraction > 0 ? mantissa / POW10[fraction]! : mantissa
  return negative ? -v : v
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
  /** For each requested column, the kept cells in row order (built when first read). */
  cells: Record<string, string[]>
  /** For the requested columns the table could read as plain numbers, the kept values (read only: may be the table's own array). */
  values: Record<string, Float64Array>
  /** Rows dropped because a used column was missing. */
  nDropped: number
}

/** Keeps the rows where every named column has a value (R's na.omit on the used columns). */
export function completeCases(table: CsvTable, columns: readonly string[]): CompleteCases {
  const idx = columns.map((c) => columnIndex(table, c))
  // Columns of plain numbers need no strings: NaN marks their missing cells.
  const fast = table.numbers ? table.numbers(idx) : idx.map(() => null)
  const slowIdx = idx.filter((_, k) => !fast[k])
  const slow = table.columns ? table.columns(slowIdx) : slowIdx.map((i) => columnCells(table, i))
  const n = rowCount(table)
  const keep = new Uint8Array(n).fill(1)
  let nKept = n
  for (const col of fast) if (col) nKept -= dropMissingNumbers(col, keep)
  for (const col of slow) {
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
  const values: Record<string, Float64Array> = {}
  columns.forEach((c, k) => {
    const numbers = fast[k]
    if (numbers) {
      // Every row kept: the table's own array (numericValues copies it for a caller that may change it).
      values[c] = nKept === n ? numbers : Float64Array.from(rowNumbers, (r) => numbers[r - 1]!)
    }
    let built: string[] | null = null
    Object.defineProperty(cells, c, {
      enumerable: true,
      get: () => {
        if (!built) {
          const col = columnCells(table, idx[k]!)
          built = nKept === n ? col.slice() : rowNumbers.map((r) => col[r - 1]!)
        }
        return built
      },
    })
  })
  return { rowNumbers, cells, values, nDropped: n - nKept }
}

/**
 * Clears keep[r] where col[r] is NaN (a missing cell) and returns how many it cleared. A function of
 * its own: V8 compiles a loop of a function that runs once while it runs, and a compile of
 * completeCases() as a whole was discarded at its next loop.
 */
function dropMissingNumbers(col: Float64Array, keep: Uint8Array): number {
  let dropped = 0
  for (let r = 0; r < keep.length; r++) {
    if (keep[r] && Number.isNaN(col[r]!)) {
      keep[r] = 0
      dropped++
    }
  }
  return dropped
}

/** A used column's kept values as numbers (numericColumn on its cells, unless already read as numbers). */
export function numericValues(table: CsvTable, cc: CompleteCases, column: string): Float64Array {
  return cc.values[column]?.slice() ?? numericColumn(table, column, cc.cells[column]!, cc.rowNumbers)
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
