// Reading the files of an import from disk: the patients file the user chose, and the
// complications and follow-up files SpineMet's export writes beside it (same name + suffix).
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { AppFailure } from '@contract/result'
import type { ImportColumn, ImportLinkedFile, ImportPreview } from '@contract/import-export'
import { isMissingCell } from './cells'
import { dataRowCount, readCsv, readCsvFile, rowCountOf, type CsvFile } from './csv'
import { importTargets } from './fields'
import { suggestMapping } from './mapping'
import { attach } from './problems'
import type { ImportSource } from './plan'

/** Larger files are refused: a registry export of 100,000 patients is about 60 MB. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024

export const LINKED_SUFFIXES = { complications: '_complications', followUp: '_follow_up', dictionary: '_dictionary' } as const

/** The SPSS syntax an export writes beside its CSV files. */
export const SPSS_SUFFIX = '_spss.sps'

/**
 * Files larger than this are read in chunks instead of whole (see readCsvFile). A file read whole
 * stays in memory, as strings, for as long as the import screen has it: a few megabytes of CSV are
 * several times that in rows and cells, and all of it weighs on each collection of the heap.
 */
export const STREAM_FROM_BYTES = 1024 * 1024

function checkedStat(filePath: string): fs.Stats {
  const name = path.basename(filePath)
  let stat: fs.Stats
  try {
    stat = fs.statSync(filePath)
  } catch {
    throw new AppFailure('IMPORT_FAILED', `${name} was not found. It may have been moved or renamed; choose it again.`)
  }
  if (stat.isDirectory()) throw new AppFailure('IMPORT_FAILED', `${name} is a folder. Choose a CSV file.`)
  if (stat.size === 0) throw new AppFailure('IMPORT_FAILED', `${name} is empty. Choose the CSV file that holds the patients.`)
  if (stat.size > MAX_IMPORT_BYTES) {
    throw new AppFailure('IMPORT_FAILED', `${name} is ${Math.round(stat.size / 1024 / 1024)} MB; SpineMet imports files up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.`)
  }
  return stat
}

function unreadable(name: string, err: unknown): AppFailure {
  return new AppFailure('IMPORT_FAILED', `SpineMet cannot read ${name} (${(err as NodeJS.ErrnoException).code ?? 'error'}). Check that the file is not open in another program with a lock, and that you may read it.`)
}

function readBytes(filePath: string): Uint8Array {
  checkedStat(filePath)
  try {
    return fs.readFileSync(filePath)
  } catch (err) {
    throw unreadable(path.basename(filePath), err)
  }
}

/** SHA-256 (hex) of a file, read a megabyte at a time. */
function fileSha256(filePath: string): string {
  const hash = crypto.createHash('sha256')
  const fd = fs.openSync(filePath, 'r')
  try {
    const buf = Buffer.alloc(1 << 20)
    for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) hash.update(buf.subarray(0, n))
  } finally {
    fs.closeSync(fd)
  }
  return hash.digest('hex')
}

/** A file of an import: read whole when small, in chunks when large (or as `stream` says). */
function readImportFile(filePath: string, stream: boolean | undefined): CsvFile {
  const stat = checkedStat(filePath)
  if (!(stream ?? stat.size > STREAM_FROM_BYTES)) {
    const bytes = readBytes(filePath)
    return { ...readCsv(bytes, path.basename(filePath)), sha256: crypto.createHash('sha256').update(bytes).digest('hex') }
  }
  try {
    return { ...readCsvFile(filePath, path.basename(filePath)), sha256: fileSha256(filePath) }
  } catch (err) {
    if (err instanceof AppFailure) throw err
    throw unreadable(path.basename(filePath), err)
  }
}

/** Paths of the linked files that would sit beside a patients file. */
export function linkedPaths(patientsPath: string): { complications: string; followUp: string; dictionary: string; spss: string } {
  const ext = path.extname(patientsPath)
  const base = patientsPath.slice(0, patientsPath.length - ext.length).replace(/_patients$/i, '')
  return {
    complications: `${base}${LINKED_SUFFIXES.complications}${ext || '.csv'}`,
    followUp: `${base}${LINKED_SUFFIXES.followUp}${ext || '.csv'}`,
    dictionary: `${base}${LINKED_SUFFIXES.dictionary}${ext || '.csv'}`,
    spss: `${base}${SPSS_SUFFIX}`,
  }
}

function refuseLinkedFileAsPatients(file: CsvFile): void {
  const h = new Set(file.header.map((x) => x.trim().toLowerCase()))
  const base = file.fileName.replace(/(_complications|_follow_up|_dictionary)(\.[^.]*)?$/i, '$2')
  if (h.has('complication.kind') || h.has('followup.kind')) {
    throw new AppFailure(
      'IMPORT_FAILED',
      `${file.fileName} is the ${h.has('complication.kind') ? 'complications' : 'follow-up'} file of a SpineMet export. Choose the patients file (${base}) instead; this file is read with it.`,
    )
  }
  if (h.has('column') && h.has('meaning') && h.has('allowed values')) {
    throw new AppFailure('IMPORT_FAILED', `${file.fileName} is the data dictionary of a SpineMet export. Choose the patients file (${base}) instead.`)
  }
}

export interface LoadOptions {
  /** Explicit linked files (CLI); by default the files beside the patients file are used when they exist. */
  complications?: string | null
  followUp?: string | null
  /** Read the files in chunks (true) or whole (false); by default by each one's size (STREAM_FROM_BYTES). */
  stream?: boolean
}

/** Reads the patients file and, when present, the linked files. */
export function loadImportSource(patientsPath: string, options: LoadOptions = {}): ImportSource {
  const patients = readImportFile(patientsPath, options.stream)
  if (patients.header.length === 0) {
    throw new AppFailure('IMPORT_FAILED', `${path.basename(patientsPath)} has no header row. The first row must name the columns.`)
  }
  refuseLinkedFileAsPatients(patients)
  const beside = linkedPaths(patientsPath)
  const pick = (explicit: string | null | undefined, implicit: string): CsvFile | null => {
    if (explicit === null) return null
    const p = explicit ?? (fs.existsSync(implicit) ? implicit : null)
    return p ? readImportFile(p, options.stream) : null
  }
  return { patients, complications: pick(options.complications, beside.complications), followUp: pick(options.followUp, beside.followUp) }
}

function sampleColumns(file: CsvFile): ImportColumn[] {
  const stream = file.stream
  if (stream) return file.header.map((name, index) => ({ name, index, sample: stream.samples[index] ?? [] }))
  return file.header.map((name, index) => {
    const sample: string[] = []
    for (const r of file.rows) {
      const v = (r.cells[index] ?? '').trim()
      if (!isMissingCell(v)) sample.push(v.length > 60 ? v.slice(0, 57) + '…' : v)
      if (sample.length >= 5) break
    }
    return { name, index, sample }
  })
}

function linkedInfo(file: CsvFile | null): ImportLinkedFile | null {
  return file ? { fileName: file.fileName, rowCount: rowCountOf(file), encoding: file.encoding, delimiter: file.delimiter } : null
}

/** What the mapping step needs: columns with samples, the suggested mapping, the targets. */
export function previewOf(source: ImportSource, token: string): ImportPreview {
  const f = source.patients
  return {
    token,
    fileName: f.fileName,
    encoding: f.encoding,
    delimiter: f.delimiter,
    rowCount: dataRowCount(f),
    columns: sampleColumns(f),
    suggestedMapping: suggestMapping(f.header),
    targets: importTargets(),
    linked: { complications: linkedInfo(source.complications), followUp: linkedInfo(source.followUp) },
    fileProblems: f.problems.map((p) => attach(p, 'patients', f.fileName)),
  }
}
