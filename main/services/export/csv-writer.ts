// Writing CSV the way R, SPSS and Excel all read it: UTF-8 with a byte-order mark, comma-separated,
// CRLF line ends (RFC 4180), a value quoted only when it holds a comma, quote, line break or
// leading/trailing space; NA for a missing value.
import fs from 'node:fs'
import path from 'node:path'
import { AppFailure } from '@contract/result'

export const CSV_BOM = '\uFEFF'
export const CSV_EOL = '\r\n'
export const CSV_NA = 'NA'

export function csvCell(value: string): string {
  if (value === '') return ''
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(',') + CSV_EOL
}

/**
 * Free text that starts with = + - @, a tab or a carriage return would run as a formula when the
 * file is opened in a spreadsheet (CSV injection; OWASP's list of leading characters); it gets an
 * apostrophe in front, which SpineMet's import removes again. The data dictionary says so for R/SPSS.
 */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection). */
export const FORMULA_START = /^[=+\-@\t\r]/

export interface CsvDocument {
  path: string
  header: readonly string[]
  rows: readonly (readonly string[])[]
}

export function renderCsv(doc: CsvDocument): string {
  let out = CSV_BOM + csvLine(doc.header)
  for (const r of doc.rows) out += csvLine(r)
  return out
}

/**
 * Writes several files as one step: each is written to a temporary file first and renamed only
 * when all are written, so a failure (disk full, no permission) leaves no half-written export.
 */
export function writeFilesTogether(files: readonly { path: string; content: string }[]): void {
  const temps: { tmp: string; final: string }[] = []
  try {
    for (const f of files) {
      fs.mkdirSync(path.dirname(f.path), { recursive: true })
      const tmp = `${f.path}.${process.pid}.tmp`
      fs.writeFileSync(tmp, f.content, 'utf8')
      temps.push({ tmp, final: f.path })
    }
    for (const t of temps) fs.renameSync(t.tmp, t.final)
  } catch (err) {
    for (const t of temps) fs.rmSync(t.tmp, { force: true })
    throw err
  }
}

/** writeFilesTogether for an export: a failure becomes EXPORT_FAILED naming the folder and what to do. */
export function writeExportFiles(files: readonly { path: string; content: string }[]): void {
  try {
    writeFilesTogether(files)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error'
    throw new AppFailure(
      'EXPORT_FAILED',
      `SpineMet could not write the export to ${path.dirname(files[0]!.path)} (${code}). Nothing was written; choose a folder where you may save files${code === 'ENOSPC' ? ' and free some disk space' : ''}.`,
    )
  }
}
