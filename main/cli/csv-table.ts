import fs from 'node:fs'
import Papa from 'papaparse'
import { UsageError } from './command'

/** A parsed CSV file: header names and string cells (empty string = missing). */
export interface CsvTable {
  file: string
  header: string[]
  rows: string[][]
}

export function readCsvTable(file: string): CsvTable {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' })
  const fatal = parsed.errors.find((e) => e.type === 'Quotes' || e.type === 'Delimiter')
  if (fatal) throw new UsageError(`${file} row ${(fatal.row ?? 0) + 1}: ${fatal.message}`)
  const [header, ...rows] = parsed.data
  if (!header || header.length === 0) throw new UsageError(`${file} is empty`)
  const names = header.map((h) => h.trim())
  const dup = names.find((n, i) => names.indexOf(n) !== i)
  if (dup !== undefined) throw new UsageError(`${file} has the column "${dup}" twice`)
  rows.forEach((r, i) => {
    if (r.length !== names.length) {
      throw new UsageError(`${file} data row ${i + 1} has ${r.length} cells but the header has ${names.length}`)
    }
  })
  return { file, header: names, rows: rows.map((r) => r.map((c) => c.trim())) }
}

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
export function rReadCsv(file: string): string {
  const na = MISSING_CELLS.map((c) => JSON.stringify(c)).join(', ')
  return `d <- read.csv(${JSON.stringify(file.replace(/\\/g, '/'))}, na.strings = c(${na}), strip.white = TRUE, stringsAsFactors = TRUE)`
}

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
  const rowNumbers: number[] = []
  const cells: Record<string, string[]> = Object.fromEntries(columns.map((c) => [c, [] as string[]]))
  let nDropped = 0
  table.rows.forEach((row, r) => {
    if (idx.some((i) => isMissing(row[i] ?? ''))) {
      nDropped++
      return
    }
    rowNumbers.push(r + 1)
    columns.forEach((c, k) => cells[c]!.push(row[idx[k]!]!))
  })
  return { rowNumbers, cells, nDropped }
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
