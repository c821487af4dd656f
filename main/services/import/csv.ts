// Reading a CSV file into header + rows, keeping each row's number as a spreadsheet shows it
// (header = row 1), so that every problem can be found in Excel or WPS by its row.
import fs from 'node:fs'
import { TextDecoder } from 'node:util'
import Papa from 'papaparse'
import { AppFailure } from '@contract/result'
import type { ImportDelimiter, ImportEncoding } from '@contract/import-export'
import { decodeCsvBytes, encodingName, utf16WithoutBom } from './encoding'
import { isMissingCell } from './cells'
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
  /**
   * A large file is not kept in memory: `rows` is empty and its rows are read again from disk, a
   * chunk at a time, whenever they are needed (see readCsvFile).
   */
  stream?: CsvStream
  /** SHA-256 (hex) of the file's bytes, when it was read from disk (named in the import's audit entry). */
  sha256?: string
}

/** What a file read in chunks keeps of its rows: their number, samples, and a way to read them again. */
export interface CsvStream {
  rowCount: number
  /** The first few values of each column that are not missing (the mapping screen's samples). */
  samples: string[][]
  /** Per column: whether any row has a value that is not missing. */
  filled: boolean[]
  /** The data rows again, in order, `size` at a time (refused when the file changed meanwhile). */
  chunks(size: number): Generator<CsvRow[]>
  /** Refuses (IMPORT_FAILED) when the file was changed or moved since it was read. */
  assertUnchanged(): void
}

/** Number of data rows of a file, kept in memory or not. */
export function rowCountOf(file: CsvFile): number {
  return file.stream ? file.stream.rowCount : file.rows.length
}

/**
 * The data rows of a file as a spreadsheet shows them: the rows read plus those the reader had to
 * drop (bad quotes, wrong column count), so the mapping screen and the check count alike.
 */
export function dataRowCount(file: CsvFile): number {
  return rowCountOf(file) + file.problems.filter((p) => p.code === 'MALFORMED_CSV' && p.row !== null).length
}

/** The data rows of a file, `size` at a time. */
export function* rowChunks(file: CsvFile, size: number): Generator<CsvRow[]> {
  if (file.stream) {
    yield* file.stream.chunks(size)
    return
  }
  for (let i = 0; i < file.rows.length; i += size) yield file.rows.slice(i, i + size)
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

/** Broken-quote problems of parsed records (record index + `base` + 1 = spreadsheet row). */
function quoteProblems(errors: readonly Papa.ParseError[], base: number, broken: Set<number>, problems: ProblemDraft[]): void {
  for (const e of errors) {
    if (e.type !== 'Quotes' || e.row === undefined) continue
    const row = base + e.row + 1
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
}

/**
 * Turns parsed records into the header and data rows, a block at a time (a whole file, or the
 * pieces of a file read in chunks): the first non-blank record is the header; blank rows, rows
 * with a broken quote and rows whose number of values does not match the header are left out
 * (the last two reported in `problems`).
 */
class RecordAssembler {
  header: string[] | null = null
  readonly problems: ProblemDraft[] = []

  /** Set before the first block of a file read in chunks (its delimiter is found in that block). */
  constructor(public delimiter: ImportDelimiter) {}

  /** Records of one block; `base` is the number of records before it in the file. */
  take(records: readonly string[][], base: number, errors: readonly Papa.ParseError[]): CsvRow[] {
    const broken = new Set<number>()
    quoteProblems(errors, base, broken, this.problems)
    const rows: CsvRow[] = []
    for (let j = 0; j < records.length; j++) {
      const cells = records[j]!
      const row = base + j + 1
      if (isBlank(cells)) continue
      if (this.header === null) {
        this.header = uniqueHeader(cells, this.problems)
        continue
      }
      if (broken.has(row)) continue
      const header = this.header
      if (cells.length > header.length) {
        const extra = cells.slice(header.length)
        if (extra.every((c) => c.trim() === '')) {
          rows.push({ row, cells: cells.slice(0, header.length) })
          continue
        }
        this.problems.push(
          malformedRow(
            row,
            `this row has ${cells.length} values but the header has ${header.length} columns, so the values cannot be matched to their columns. ` +
              `A ${DELIMITER_NAMES[this.delimiter]} inside a value that is not in quotes is the usual cause.`,
            `这一行有 ${cells.length} 个值，但表头只有 ${header.length} 列，无法把值对应到列。常见原因是某个值里含有分隔符却没有加引号。`,
            { cells: cells.length, columns: header.length },
          ),
        )
        continue
      }
      if (cells.length < header.length) {
        this.problems.push(
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
    return rows
  }
}

function wrongEncodingProblem(wrong: { likely: string; likelyZh: string }): ProblemDraft {
  const { likely, likelyZh } = wrong
  return {
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
  }
}

/** Reads the bytes of a CSV file: encoding, delimiter, header, rows and file-level problems. */
export function readCsv(bytes: Uint8Array, fileName: string): CsvFile {
  const decoded = decodeCsvBytes(bytes)
  let text = decoded.text
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const delimiter = sniffDelimiter(text)
  const parsed = Papa.parse<string[]>(text, { delimiter, quoteChar: '"', skipEmptyLines: false })

  // Record index i (0 = header) is spreadsheet row i + 1: a value with a line break inside
  // quotes stays one row, as in Excel.
  const assembler = new RecordAssembler(delimiter)
  const rows = assembler.take(parsed.data, 0, parsed.errors)
  const problems = assembler.problems
  if (assembler.header === null) {
    return { fileName, encoding: decoded.encoding, delimiter, header: [], rows: [], problems }
  }
  if (decoded.wrongEncoding) problems.unshift(wrongEncodingProblem(decoded.wrongEncoding))
  return { fileName, encoding: decoded.encoding, delimiter, header: assembler.header, rows, problems }
}

// ---- large files, read in chunks ----

/** Bytes read from disk at a time: small blocks keep what a block's rows hold alive short-lived (measured: 1 MB blocks peaked 25 MB higher at 100,000 rows). */
const READ_BYTES = 1 << 18
/** Values kept per column as samples. */
const SAMPLES = 5

/** How a file is decoded when it is read in chunks: the decoder's label and the bytes of its byte-order mark. */
interface StreamEncoding {
  encoding: ImportEncoding
  label: string
  skip: number
}

function streamEncodingOf(head: Uint8Array): StreamEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8-bom', label: 'utf-8', skip: 3 }
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', label: 'utf-16le', skip: 2 }
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', label: 'utf-16be', skip: 2 }
  const utf16 = utf16WithoutBom(head)
  if (utf16) return { encoding: utf16, label: utf16, skip: 0 }
  return { encoding: 'utf-8', label: 'utf-8', skip: 0 }
}

/**
 * The decoded text of a file in blocks that each end at the end of a record (a line break outside
 * quotes), so that each block parses on its own. A quote that is never closed makes the rest of the
 * file one block, as it makes the rest one value.
 *
 * The record ends are found in the bytes, before decoding: in UTF-8 and GB18030 the bytes of " and
 * of a line break never occur inside another character, and in UTF-16 they are whole code units.
 * So each block is decoded once, straight from the read buffer, and nothing is copied as text.
 */
function* textBlocks(filePath: string, enc: StreamEncoding, fatal: boolean): Generator<string> {
  const fd = fs.openSync(filePath, 'r')
  try {
    const decoder = new TextDecoder(enc.label, { fatal, ignoreBOM: true })
    const unit = enc.label === 'utf-16le' || enc.label === 'utf-16be' ? 2 : 1
    const bigEndian = enc.label === 'utf-16be'
    let buf = Buffer.alloc(READ_BYTES)
    let held = 0 // bytes read and not yet yielded, at the start of buf
    let scanned = 0 // of those, the bytes already looked at (whole code units)
    let inQuotes = false // the quote state at `scanned`
    let boundary = -1 // the end of the last record outside quotes, within the scanned bytes
    let position = enc.skip
    for (;;) {
      if (held === buf.length) {
        // One record longer than the buffer (or an unclosed quote): keep reading into a larger one.
        const larger = Buffer.alloc(buf.length * 2)
        buf.copy(larger, 0, 0, held)
        buf = larger
      }
      const n = fs.readSync(fd, buf, held, buf.length - held, position)
      position += n
      held += n
      const limit = held - ((held - scanned) % unit)
      if (unit === 1) {
        // From quote to quote with the native search: the line breaks between two quotes outside
        // quotes are record ends, and only the last one matters.
        const view = buf.subarray(0, limit)
        let i = scanned
        while (i < limit) {
          const q = view.indexOf(34, i)
          const end = q < 0 ? limit : q
          if (!inQuotes && end > i) {
            // Only within [i, end): a short stretch (between quoted values) is looked at directly.
            if (end - i <= 64) {
              for (let k = end - 1; k >= i; k--) {
                if (buf[k] === 10) {
                  boundary = k + 1
                  break
                }
              }
            } else {
              const lf = buf.subarray(i, end).lastIndexOf(10)
              if (lf >= 0) boundary = i + lf + 1
            }
          }
          if (q < 0) break
          inQuotes = !inQuotes
          i = q + 1
        }
      } else {
        for (let i = scanned; i < limit; i += 2) {
          const c = bigEndian ? (buf[i]! << 8) | buf[i + 1]! : buf[i]! | (buf[i + 1]! << 8)
          if (c === 34) inQuotes = !inQuotes
          else if (c === 10 && !inQuotes) boundary = i + 2
        }
      }
      scanned = limit
      if (n === 0) {
        const text = decoder.decode(buf.subarray(0, held))
        if (text !== '') yield text
        return
      }
      if (boundary < 0) continue
      yield decoder.decode(buf.subarray(0, boundary), { stream: true })
      buf.copyWithin(0, boundary, held)
      held -= boundary
      scanned -= boundary
      boundary = -1
    }
  } finally {
    fs.closeSync(fd)
  }
}

interface ParsedBlock {
  records: string[][]
  errors: Papa.ParseError[]
}

/** Parses the blocks of a file, numbering records across blocks. */
function* parsedBlocks(filePath: string, enc: StreamEncoding, fatal: boolean, delimiterOf: (first: string) => ImportDelimiter): Generator<ParsedBlock & { base: number; delimiter: ImportDelimiter }> {
  let delimiter: ImportDelimiter | null = null
  let newline: '\r' | '\n' | '\r\n' | undefined
  let base = 0
  let first = true
  for (let block of textBlocks(filePath, enc, fatal)) {
    if (first && block.charCodeAt(0) === 0xfeff) block = block.slice(1)
    first = false
    if (delimiter === null) delimiter = delimiterOf(block)
    // The block ends with its record's line break: without it, the block is exactly its records.
    const body = block.endsWith('\r\n') ? block.slice(0, -2) : block.endsWith('\n') ? block.slice(0, -1) : block
    const config: Papa.ParseConfig<string[]> = { delimiter, quoteChar: '"', skipEmptyLines: false }
    if (newline) config.newline = newline
    const parsed = Papa.parse<string[]>(body, config)
    const lb = parsed.meta.linebreak
    if (newline === undefined && (lb === '\r' || lb === '\n' || lb === '\r\n')) newline = lb
    yield { records: parsed.data, errors: parsed.errors, base, delimiter }
    base += parsed.data.length
  }
}

/**
 * Reads a large CSV file without keeping its rows: one pass finds the encoding, delimiter, header,
 * number of rows, file problems and samples; the rows are read again from disk, a chunk at a time,
 * by `stream.chunks`. Files that are neither UTF-8 nor UTF-16 (GB18030, or an encoding SpineMet
 * refuses) are read whole (readCsv).
 */
export function readCsvFile(filePath: string, fileName: string): CsvFile {
  const head = Buffer.alloc(4096)
  const fd = fs.openSync(filePath, 'r')
  let headBytes = 0
  let stat: fs.Stats
  try {
    headBytes = fs.readSync(fd, head, 0, head.length, 0)
    stat = fs.fstatSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  let enc = streamEncodingOf(head.subarray(0, headBytes))
  const scan = (fatal: boolean) => {
    const assembler = new RecordAssembler(',')
    let delimiter: ImportDelimiter = ','
    let rowCount = 0
    let samples: string[][] = []
    let filled: boolean[] = []
    for (const b of parsedBlocks(filePath, enc, fatal, (text) => (delimiter = sniffDelimiter(text)))) {
      assembler.delimiter = b.delimiter
      const rows = assembler.take(b.records, b.base, b.errors)
      if (assembler.header && samples.length === 0) {
        samples = assembler.header.map(() => [])
        filled = assembler.header.map(() => false)
      }
      rowCount += rows.length
      for (const r of rows) {
        for (let i = 0; i < filled.length; i++) {
          if (filled[i] && samples[i]!.length >= SAMPLES) continue
          const v = (r.cells[i] ?? '').trim()
          if (isMissingCell(v)) continue
          filled[i] = true
          if (samples[i]!.length < SAMPLES) samples[i]!.push(v.length > 60 ? v.slice(0, 57) + '…' : v)
        }
      }
    }
    return { assembler, delimiter, rowCount, samples, filled }
  }
  let scanned: ReturnType<typeof scan>
  try {
    scanned = scan(enc.label === 'utf-8')
  } catch (err) {
    if (!(err instanceof TypeError)) throw err
    // Not UTF-8: GB18030 is read in chunks too; anything else is read whole (and refused with its encoding).
    const decoded = decodeCsvBytes(fs.readFileSync(filePath))
    if (decoded.encoding !== 'gb18030' || decoded.wrongEncoding) return readCsv(fs.readFileSync(filePath), fileName)
    enc = { encoding: 'gb18030', label: 'gb18030', skip: 0 }
    scanned = scan(false)
  }
  const { assembler, delimiter, rowCount, samples, filled } = scanned
  const header = assembler.header ?? []
  const encoding = enc
  const stream: CsvStream = {
    rowCount,
    samples,
    filled,
    assertUnchanged() {
      let now: fs.Stats | null = null
      try {
        now = fs.statSync(filePath)
      } catch {
        now = null
      }
      if (!now || now.size !== stat.size || now.mtimeMs !== stat.mtimeMs) {
        throw new AppFailure('IMPORT_FAILED', `${fileName} was changed or moved after SpineMet read it. Choose the file again so that its new content is checked.`)
      }
    },
    *chunks(size: number) {
      this.assertUnchanged()
      const again = new RecordAssembler(delimiter)
      let chunk: CsvRow[] = []
      for (const b of parsedBlocks(filePath, encoding, false, () => delimiter)) {
        for (const r of again.take(b.records, b.base, b.errors)) {
          chunk.push(r)
          if (chunk.length >= size) {
            yield chunk
            chunk = []
          }
        }
      }
      if (chunk.length > 0) yield chunk
    },
  }
  return { fileName, encoding: enc.encoding, delimiter, header, rows: [], problems: assembler.problems, stream }
}

/** How the import screen and CLI describe the file's format. */
export function describeFormat(file: Pick<CsvFile, 'encoding' | 'delimiter'>): string {
  return `${encodingName(file.encoding)}, ${DELIMITER_NAMES[file.delimiter]}-separated`
}
