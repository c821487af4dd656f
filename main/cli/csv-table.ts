import fs from 'node:fs'
import type { ImportDelimiter, ImportEncoding } from '@contract/import-export'
import { readCsv } from '../services/import/csv'
import { UsageError } from './command'

/** A parsed CSV file: header names and string cells (empty string = missing). */
export interface CsvTable {
  file: string
  /** As the import reader found them (UTF-8 when absent), for the R call that reads the same file. */
  encoding?: ImportEncoding
  delimiter?: ImportDelimiter
  header: string[]
  rows: string[][]
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
