// Reading a CSV file into header + rows, keeping each row's number as a spreadsheet shows it
// (header = row 1), so that every problem can be found in Excel or WPS by its row.
import Papa from 'papaparse'
import type { ImportDelimiter, ImportEncoding } from '@contract/import-export'
import { decodeCsvBytes, encodingName } from './encoding'
import { columnLetter, quoted, quotedZh, type ProblemDraft } from './problems'

export interface CsvRow {
  /** Row number as in a spreadsheet: the header is row 1. */
  row: number
  cells: string[]
}

export interface CsvFile {
  fileName: string
  encoding: ImportEncoding
  delimiter: ImportDelimiter
  /** Column names, unique: blank headers become "(column F)", repeats "Name (2)". */
  header: string[]
  /** Non-blank data rows; rows with a quoting error are left out (reported in `problems`). */
  rows: CsvRow[]
  /** Problems of the file itself: encoding, quotes, ragged rows, repeated or blank headers. */
  problems: ProblemDraft[]
}

const DELIMITERS: readonly ImportDelimiter[] = [',', ';', '\t']
const DELIMITER_NAMES: Record<ImportDelimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' }

/**
 * Picks the delimiter that splits the first rows into the same number of cells (more than one).
 * Ties go to the comma, then semicolon, then tab. A one-column file is read with commas.
 */
export function sniffDelimiter(text: string): ImportDelimiter {
  let best: { d: ImportDelimiter; score: number; width: number } = { d: ',', score: 0, width: 1 }
  const sample = text.slice(0, 64 * 1024)
  for (const d of DELIMITERS) {
    const parsed = Papa.parse<string[]>(sample, { delimiter: d, preview: 30, skipEmptyLines: 'greedy' })
    const widths = parsed.data.map((r) => r.length)
    if (widths.length === 0) continue
    const header = widths[0]!
    if (header < 2) continue
    const consistent = widths.filter((w) => w === header).length / widths.length
    // Consistency first; among consistent splits the wider one (a ';' file has commas in notes).
    const score = consistent
    if (score > best.score + 1e-9 || (Math.abs(score - best.score) < 1e-9 && header > best.width)) best = { d, score, width: header }
  }
  return best.d
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '')
}

/** A row the CSV format itself breaks (quotes, number of values): the row is left out. */
function malformedRow(row: number, detail: string, detailZh: string, params?: Record<string, number>): ProblemDraft {
  const p: ProblemDraft = { severity: 'error', code: 'MALFORMED_CSV', row, column: null, field: null, value: null, detail, detailZh }
  if (params) p.params = params
  return p
}

/** Turns raw header cells into unique, non-empty names (the mapping is keyed by name). */
function uniqueHeader(raw: readonly string[], problems: ProblemDraft[]): string[] {
  const seen = new Map<string, number>()
  return raw.map((h, i) => {
    let name = h.replace(/^\uFEFF/, '').trim()
    if (name === '') name = `(column ${columnLetter(i)})`
    const n = (seen.get(name) ?? 0) + 1
    seen.set(name, n)
    if (n > 1) {
      const renamed = `${name} (${n})`
      problems.push({
        severity: 'warning',
        code: 'MAPPING',
        row: 1,
        column: renamed,
        field: null,
        value: name,
        detail: `the header ${quoted(name)} appears more than once; this one (column ${columnLetter(i)}) is shown as ${quoted(renamed)}.`,
        detailZh: `表头${quotedZh(name)}出现了不止一次；第 ${columnLetter(i)} 列显示为${quotedZh(renamed)}。`,
      })
      return renamed
    }
    return name
  })
}

/** Reads the bytes of a CSV file: encoding, delimiter, header, rows and file-level problems. */
export function readCsv(bytes: Uint8Array, fileName: string): CsvFile {
  const decoded = decodeCsvBytes(bytes)
  const problems: ProblemDraft[] = []
  let text = decoded.text
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const delimiter = sniffDelimiter(text)
  const parsed = Papa.parse<string[]>(text, { delimiter, quoteChar: '"', skipEmptyLines: false })

  // Record index i (0 = header) is spreadsheet row i + 1: a value with a line break inside
  // quotes stays one row, as in Excel.
  const data = parsed.data
  while (data.length > 0 && isBlank(data[data.length - 1]!)) data.pop()
  const headerIndex = data.findIndex((r) => !isBlank(r))
  const broken = new Set<number>()
  for (const e of parsed.errors) {
    if (e.type !== 'Quotes' || e.row === undefined) continue
    const row = e.row + 1
    if (broken.has(row)) continue
    broken.add(row)
    problems.push(
      e.code === 'MissingQuotes'
        ? malformedRow(
            row,
            'a quotation mark opens a value that is never closed, so the rest of the file after it was read as one value. ' +
              'Check the quotation marks in this row (a value with a " inside must be written with "" in a CSV file).',
            '这一行有一个引号没有闭合，导致文件其余部分被当作一个值读取。请检查本行的引号（值内的 " 在 CSV 中须写成 ""）。',
          )
        : malformedRow(
            row,
            'a quotation mark in the middle of a value breaks the CSV format. Put the whole value in quotes and write each " inside it as "".',
            '某个值中间的引号破坏了 CSV 格式。请把整个值放在引号内，并把其中每个 " 写成 ""。',
          ),
    )
  }

  if (headerIndex < 0) {
    return { fileName, encoding: decoded.encoding, delimiter, header: [], rows: [], problems }
  }
  if (decoded.wrongEncoding) {
    const { likely, likelyZh } = decoded.wrongEncoding
    problems.unshift({
      severity: 'error',
      code: 'WRONG_ENCODING',
      row: null,
      column: null,
      field: null,
      value: null,
      detail:
        `the file is not saved as UTF-8, UTF-16 or Chinese GB18030/GBK text; it looks like ${likely}, so names and notes would be imported garbled. ` +
        'Open it in Excel or WPS and save it again as "CSV UTF-8 (comma delimited)", then import that file.',
      detailZh: `文件不是 UTF-8、UTF-16 或中文 GB18030/GBK 编码，看起来是${likelyZh}，导入后姓名和备注会变成乱码。请在 Excel 或 WPS 中打开，另存为“CSV UTF-8（逗号分隔）”，再导入该文件。`,
      params: { likely },
    })
  }

  const rawHeader = data[headerIndex]!
  const header = uniqueHeader(rawHeader, problems)
  const rows: CsvRow[] = []
  for (let i = headerIndex + 1; i < data.length; i++) {
    const row = i + 1
    const cells = data[i]!
    if (isBlank(cells) || broken.has(row)) continue
    if (cells.length > header.length) {
      const extra = cells.slice(header.length)
      if (extra.every((c) => c.trim() === '')) {
        rows.push({ row, cells: cells.slice(0, header.length) })
        continue
      }
      problems.push(
        malformedRow(
          row,
          `this row has ${cells.length} values but the header has ${header.length} columns, so the values cannot be matched to their columns. ` +
            `A ${DELIMITER_NAMES[delimiter]} inside a value that is not in quotes is the usual cause.`,
          `这一行有 ${cells.length} 个值，但表头只有 ${header.length} 列，无法把值对应到列。常见原因是某个值里含有分隔符却没有加引号。`,
          { cells: cells.length, columns: header.length },
        ),
      )
      continue
    }
    if (cells.length < header.length) {
      problems.push(
        malformedRow(
          row,
          `this row has ${cells.length} values but the header has ${header.length} columns, so the values cannot be matched to their columns. Check that no value is missing its separator.`,
          `这一行只有 ${cells.length} 个值，但表头有 ${header.length} 列，无法把值对应到列。请检查是否缺少分隔符。`,
          { cells: cells.length, columns: header.length },
        ),
      )
      continue
    }
    rows.push({ row, cells })
  }
  return { fileName, encoding: decoded.encoding, delimiter, header, rows, problems }
}

/** How the import screen and CLI describe the file's format. */
export function describeFormat(file: Pick<CsvFile, 'encoding' | 'delimiter'>): string {
  return `${encodingName(file.encoding)}, ${DELIMITER_NAMES[file.delimiter]}-separated`
}
