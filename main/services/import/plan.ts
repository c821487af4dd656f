// The import plan: every row of the patients file (and of the linked complications and follow-up
// files) turned into a patient record, with every problem found on the way, by row and column.
// The dry run shows the plan; the commit recomputes it inside its transaction and writes it only
// when it has no error. After a clean dry run of the same request the commit starts from what the
// dry run converted (CheckedRows, replayChunk) rather than from the file; everything that depends
// on the registry (duplicates, skipped patients, new study IDs) is decided again either way.
// Nothing here writes to the database.
import type { Database } from 'better-sqlite3'
import { emptyPatientRecord, patientRecordSchema, type PatientRecordInput } from '@contract/patient-record'
import {
  MAX_LISTED_PROBLEMS,
  type ImportDryRun,
  type ImportFileRole,
  type ImportMapping,
  type ImportProblem,
} from '@contract/import-export'
import { validateRecord } from '@domain/validation'
import { stmt } from '../../db/statement-cache'
import { CellConverter, isMissingCell, type FieldMemo } from './cells'
import { CHECKED_ROWS_MAX_BYTES, CheckedRows } from './checked-rows'
import { AppFailure } from '@contract/result'
import { dataRowCount, rowChunks, rowCountOf, type CsvFile, type CsvRow } from './csv'
import { csvField, type CsvField } from './fields'
import { MISSING_CODES_COLUMN, readMissingCodes } from '@domain/missing-codes-text'
import { checkMapping } from './plan-mapping'
import { issueProblem, labelOfPath, sourceOf } from './plan-issues'
import { attachLinked, prepareLinked, unknownPatients, unpackRow, type LinkedPlan } from './plan-linked'
import { Collector, draft, fileDraft } from './plan-problems'
import { quoted, quotedZh } from './problems'

export { sourceOf } from './plan-issues'
export { KEPT_PROBLEMS } from './plan-problems'

export interface ImportSource {
  patients: CsvFile
  complications: CsvFile | null
  followUp: CsvFile | null
}

export interface PlanOptions {
  mapping: ImportMapping
  onDuplicate: 'refuse' | 'skip'
  includeLinked: boolean
  /** ISO date no entry may be after (the host's clock). */
  today: string
  /**
   * True when a check of this same file and request found no error (the commit after a dry run):
   * the domain rules and the record's schema, which depend only on the rows, are not applied to
   * every record again (only to a row the check skipped, when it kept which rows those were).
   * Duplicates and the registry are checked again as always.
   */
  rulesChecked?: boolean
}

export interface CellSource {
  file: ImportFileRole
  fileName: string
  row: number
  column: string | null
}

export interface PlannedRow {
  row: number
  record: PatientRecordInput
  /**
   * Where each field came from (`surgery.srsDate`, `followUp.0.eventDate`). The patients file's
   * columns are the same for every row: they are looked up in the plan's one map of columns
   * (sourceOf), not copied into each row.
   */
  sources: Map<string, CellSource>
  /** The plan's columns of the patients file: field path → column name. */
  columns: ReadonlyMap<string, string>
  errors: number
  skip: boolean
}

/** What checking every row found: the numbers and the problems (see ImportPlanner). */
export interface PlanSummary {
  /** The errors, sorted by file and row (at most KEPT_PROBLEMS; `errorCount` is the true number). */
  errors: ImportProblem[]
  errorCount: number
  warnings: ImportProblem[]
  warningCount: number
  /** Rows a commit creates when there is no error: every row that is not skipped. */
  createCount: number
  totalRows: number
  okRows: number
  duplicates: number
  skipped: number
  complications: number
  followUpEvents: number
}

export interface ImportPlan extends PlanSummary {
  rows: PlannedRow[]
  /** Rows a commit creates (errors aside): every row that is not skipped. */
  toCreate: PlannedRow[]
}

const key = (s: string) => s.trim().toUpperCase()

const recordListsSchema = patientRecordSchema.pick({ complications: true, followUp: true })

interface RegistryKeys {
  studyIds: Set<string>
  hospitalNumbers: Set<string>
}

function registryKeys(db: Database): RegistryKeys {
  const studyIds = new Set((stmt(db, 'SELECT study_id FROM patients').pluck().all() as string[]).map(key))
  const hospitalNumbers = new Set(
    (stmt(db, 'SELECT hospital_number FROM patient_identities WHERE hospital_number IS NOT NULL').pluck().all() as string[]).map(key),
  )
  return { studyIds, hospitalNumbers }
}

function freeStudyIds(db: Database): { taken: Set<string>; n: number } {
  const ids = stmt(db, 'SELECT study_id FROM patients').pluck().all() as string[]
  const n = ids.reduce((max, id) => {
    const m = /^SM-(\d+)$/i.exec(id.trim())
    return m ? Math.max(max, Number(m[1])) : max
  }, 0)
  return { taken: new Set(ids.map(key)), n }
}

function nextFreeId(free: { taken: Set<string>; n: number }): string {
  for (;;) {
    free.n++
    const id = `SM-${String(free.n).padStart(4, '0')}`
    if (!free.taken.has(key(id))) return id
  }
}

/** The next `count` free study IDs of the form SM-0001, after the highest in the registry. */
export function nextStudyIds(db: Database, count: number): string[] {
  const free = freeStudyIds(db)
  return Array.from({ length: count }, () => nextFreeId(free))
}

/** Where a field path (`surgery.srsDate`) is in a record: its section and the field's name there. */
function recordPlace(path: string): [keyof PatientRecordInput, string] {
  const [section, field] = path.split('.') as [keyof PatientRecordInput, string]
  return [section, field]
}

// ---- the plan ----

function sortProblems(list: ImportProblem[]): ImportProblem[] {
  const order = (p: ImportProblem) => [p.file === 'patients' ? 0 : p.file === 'complications' ? 1 : 2, p.row ?? 0]
  return list.sort((a, b) => {
    const [fa, ra] = order(a)
    const [fb, rb] = order(b)
    return fa! - fb! || ra! - rb!
  })
}

/**
 * Turns the files into records and problems, a chunk of patient rows at a time, so that a large
 * file is checked (and committed) without holding all its records: planChunk for each chunk of
 * rows in file order, then finish. Reads the registry (duplicates, study IDs); writes nothing.
 */
export class ImportPlanner {
  private readonly out = new Collector()
  private readonly cells = new CellConverter()
  private readonly file: CsvFile
  private readonly columns: { index: number; name: string; path: string }[]
  /** The field of each mapped column, and its place in the record (looked up once, not per cell). */
  private readonly columnFields: CsvField[]
  private readonly columnPlaces: [keyof PatientRecordInput, string][]
  private readonly columnMemos: FieldMemo[]
  private readonly columnOfPath: ReadonlyMap<string, string>
  readonly usable: boolean
  private readonly existing: RegistryKeys
  private readonly studyIdColumn: { index: number; name: string; path: string } | null
  private readonly hospitalColumn: { index: number; name: string; path: string } | null
  private readonly seenStudy = new Map<string, number>()
  private readonly seenHospital = new Map<string, number>()
  private readonly skippedStudyIds = new Set<string>()
  private readonly linked: LinkedPlan[] = []
  /** The export's missing-data codes column, read back into the record (−1: none). */
  private readonly missingCodesIndex: number
  private readonly freeIds: { taken: Set<string>; n: number } | null
  /** What this check converts, kept for the commit (keepCheckedRows). */
  private kept: CheckedRows | null = null
  /** True once rows come from what a clean check kept (replayChunk). */
  private replaying = false
  private duplicates = 0
  private skipped = 0
  private planned = 0
  private okRows = 0
  private createCount = 0
  private complications = 0
  private followUpEvents = 0

  constructor(
    db: Database,
    source: ImportSource,
    private readonly options: PlanOptions,
  ) {
    const out = this.out
    const file = (this.file = source.patients)
    for (const p of file.problems) out.add(p, 'patients', file.fileName)
    if (options.includeLinked) {
      if (source.complications) for (const p of source.complications.problems) out.add(p, 'complications', source.complications.fileName)
      if (source.followUp) for (const p of source.followUp.problems) out.add(p, 'followUp', source.followUp.fileName)
    }
    const { columns, usable } = checkMapping(source, options.mapping, out)
    this.columns = columns
    this.columnFields = usable ? columns.map((c) => csvField(c.path)) : []
    this.columnPlaces = columns.map((c) => recordPlace(c.path))
    this.columnMemos = this.columnFields.map((f) => this.cells.memoOf(f))
    this.columnOfPath = new Map(columns.map((c) => [c.path, c.name]))
    this.missingCodesIndex = file.header.indexOf(MISSING_CODES_COLUMN)
    this.usable = usable
    this.existing = registryKeys(db)
    this.studyIdColumn = columns.find((c) => c.path === 'patient.studyId') ?? null
    this.hospitalColumn = columns.find((c) => c.path === 'identity.hospitalNumber') ?? null
    // Study IDs for files that have none (mapped by hospital number only): SM-0001… after the highest.
    this.freeIds = usable && !this.studyIdColumn ? freeStudyIds(db) : null

    if (usable && options.includeLinked && (source.complications || source.followUp)) {
      if (!this.studyIdColumn) {
        out.add(
          fileDraft(
            'warning',
            'IGNORED',
            'the complications and follow-up files beside this file are not imported, because this file has no study ID column to link them by.',
            '同目录下的并发症和随访文件未导入，因为本文件没有可用于关联的研究编号列。',
          ),
          'patients',
          file.fileName,
        )
      } else {
        for (const [kind, f] of [['complications', source.complications], ['followUp', source.followUp]] as const) {
          if (!f) continue
          const l = prepareLinked(kind, f, out)
          if (l) this.linked.push(l)
        }
      }
    }
  }

  /**
   * Keeps what this check converts (see CheckedRows), for the commit that follows a clean check.
   * Call before the first chunk; `checkedRows` is null once the check found an error or the rows
   * grew past CHECKED_ROWS_MAX_BYTES.
   */
  keepCheckedRows(): void {
    if (this.usable) this.kept = new CheckedRows(this.columnMemos, rowCountOf(this.file))
  }

  /** What the check kept, when it is complete and clean (after the last chunk). */
  get checkedRows(): CheckedRows | null {
    return this.kept && this.kept.count === this.planned && this.out.errorCount === 0 ? this.kept : null
  }

  /** Plans the next rows of the patients file (in file order). Returns every row of the chunk. */
  planChunk(chunk: readonly CsvRow[]): PlannedRow[] {
    if (!this.usable) return []
    const rows: PlannedRow[] = []
    const { studyIdColumn, missingCodesIndex } = this
    for (const r of chunk) {
      this.planned++
      const index = this.kept?.begin(r.row) ?? null
      const planned = this.convertRow(r, index)
      const codesCell = missingCodesIndex >= 0 ? (r.cells[missingCodesIndex] ?? '') : ''
      if (index !== null && missingCodesIndex >= 0) this.kept!.putCodesCell(index, codesCell)
      const studyIdMissing = studyIdColumn !== null && isMissingCell(r.cells[studyIdColumn.index] ?? '')
      rows.push(this.planRow(planned, studyIdMissing, codesCell, index))
    }
    this.dropKeptIfSpoiled()
    return rows
  }

  /**
   * Plans rows `from`…`to` (exclusive) of what a clean check of this file kept, without reading
   * the file: the same steps as planChunk after the conversion of the cells. The record rules are
   * applied to a row the check did not apply them to (skipped then, as already in the registry).
   */
  replayChunk(checked: CheckedRows, from: number, to: number): PlannedRow[] {
    if (!this.usable) return []
    if (this.planned > 0 && !this.replaying) throw new Error('replayChunk after planChunk: one planner plans from one source')
    this.replaying = true
    const rows: PlannedRow[] = []
    const { columnPlaces, studyIdColumn, missingCodesIndex } = this
    for (let index = from; index < to; index++) {
      this.planned++
      const planned = this.newRow(checked.row(index))
      const record = planned.record as unknown as Record<keyof PatientRecordInput, Record<string, unknown>>
      for (let k = 0; k < columnPlaces.length; k++) {
        const value = checked.value(index, k)
        if (value === null) continue
        const [section, field] = columnPlaces[k]!
        record[section][field] = value
      }
      const codesCell = missingCodesIndex >= 0 ? checked.codesCell(index) : ''
      const studyIdMissing = studyIdColumn !== null && planned.record.patient.studyId === ''
      rows.push(this.planRow(planned, studyIdMissing, codesCell, null, !checked.wasRuled(index)))
    }
    return rows
  }

  /** Steps 2–6 of a row whose cells are in its record: identity, duplicates, linked rows, codes, rules, counts. */
  private planRow(planned: PlannedRow, studyIdMissing: boolean, codesCell: string, index: number | null, ruleAnyway = false): PlannedRow {
    this.checkIdentified(planned, studyIdMissing)
    this.checkDuplicates(planned)
    if (!planned.skip && this.freeIds) planned.record.patient.studyId = nextFreeId(this.freeIds)
    this.attachLinkedRows(planned)
    // Missing-data codes (the export's column), once the record's values and linked rows are in.
    if (!planned.skip && this.missingCodesIndex >= 0) this.readCodes(planned, codesCell)
    // Domain rules (date order, consistency) and the contract's schema on every complete record.
    if (!planned.skip) {
      this.createCount++
      if (planned.record.patient.studyId !== '' && (!this.options.rulesChecked || ruleAnyway)) {
        this.validate(planned)
        if (index !== null) this.kept!.markRuled(index)
      }
    }
    this.count(planned)
    return planned
  }

  /** What the check keeps is of no use once it found an error, and not kept past its size limit. */
  private dropKeptIfSpoiled(): void {
    if (this.kept && (this.out.errorCount > 0 || this.kept.bytes > CHECKED_ROWS_MAX_BYTES)) this.kept = null
  }

  /** A planned row of spreadsheet row `row` with an empty record, before its cells are put in. */
  private newRow(row: number): PlannedRow {
    return { row, record: emptyPatientRecord(''), sources: new Map(), columns: this.columnOfPath, errors: 0, skip: false }
  }

  /** Step 1: every mapped cell of the row converted into the record, or a problem at its row and column. */
  private convertRow(r: CsvRow, index: number | null): PlannedRow {
    const { out, file } = this
    const planned = this.newRow(r.row)
    const { columns, columnMemos, columnPlaces, cells } = this
    const kept = index !== null ? this.kept : null
    const record = planned.record as unknown as Record<keyof PatientRecordInput, Record<string, unknown>>
    for (let k = 0; k < columns.length; k++) {
      const c = columns[k]!
      const raw = r.cells[c.index] ?? ''
      const result = cells.convertIn(columnMemos[k]!, raw)
      if (!result.ok) {
        out.add(draft('error', result.code, r.row, c.name, c.path, raw, result.detail, result.detailZh), 'patients', file.fileName, planned)
        continue
      }
      kept?.put(index!, k, cells.lastId, result.value)
      if (result.value !== null) {
        const [section, field] = columnPlaces[k]!
        record[section][field] = result.value
      }
    }
    return planned
  }

  /** The export's missing-data codes cell of the row, read back into the record; a code that cannot apply is a warning. */
  private readCodes(planned: PlannedRow, cell: string): void {
    if (isMissingCell(cell)) return
    const { codes, problems } = readMissingCodes(cell, planned.record)
    if (Object.keys(codes).length > 0) planned.record.missingCodes = codes
    for (const p of problems) {
      const d = draft('warning', 'IGNORED', planned.row, MISSING_CODES_COLUMN, null, p.pair, `the missing-data code ${quoted(p.pair)} is not imported: ${p.message}.`, `缺失数据代码${quotedZh(p.pair)}未导入：${p.messageZh}。`)
      this.out.add(d, 'patients', this.file.fileName)
    }
  }

  /** Step 2: the patient can be identified: by the study ID when the file has one, else by the hospital number. */
  private checkIdentified(planned: PlannedRow, studyIdMissing: boolean): void {
    const { out, file, studyIdColumn, hospitalColumn } = this
    const hospital = planned.record.identity.hospitalNumber?.trim() ?? ''
    if (studyIdColumn && studyIdMissing) {
      out.add(
        draft('error', 'MISSING_VALUE', planned.row, studyIdColumn.name, 'patient.studyId', '', 'the study ID is empty; every patient needs one.', '研究编号为空；每位患者都必须有研究编号。'),
        'patients',
        file.fileName,
        planned,
      )
    } else if (!studyIdColumn && hospitalColumn && hospital === '') {
      out.add(
        draft(
          'error',
          'MISSING_VALUE',
          planned.row,
          hospitalColumn.name,
          'identity.hospitalNumber',
          '',
          'the hospital number is empty, and the file has no study ID column, so this patient cannot be identified.',
          '住院号为空，且文件中没有研究编号列，无法识别该患者。',
        ),
        'patients',
        file.fileName,
        planned,
      )
    }
  }

  /** An identifier of the row: seen in an earlier row of the file (an error here), in the registry, or new. */
  private seenBefore(planned: PlannedRow, column: string, value: string, kind: 'study' | 'hospital'): 'inFile' | 'inRegistry' | 'new' {
    const k = key(value)
    // Rows a clean check kept hold no identifier twice (that is an error of the check): only the registry is asked.
    if (this.replaying) return (kind === 'study' ? this.existing.studyIds : this.existing.hospitalNumbers).has(k) ? 'inRegistry' : 'new'
    const seen = kind === 'study' ? this.seenStudy : this.seenHospital
    const first = seen.get(k)
    if (first !== undefined) {
      const [en, zh] =
        kind === 'study'
          ? [
              `study ID ${quoted(value)} is also in row ${first}. Each patient must appear once in the file.`,
              `研究编号${quotedZh(value)}也出现在第 ${first} 行。每位患者在文件中只能出现一次。`,
            ]
          : [
              `hospital number ${quoted(value)} is also in row ${first}: the same patient appears twice in the file. Keep one row per patient.`,
              `住院号${quotedZh(value)}也出现在第 ${first} 行：同一患者在文件中出现了两次。每位患者只保留一行。`,
            ]
      const field = kind === 'study' ? 'patient.studyId' : 'identity.hospitalNumber'
      this.out.add(draft('error', 'DUPLICATE', planned.row, column, field, value, en, zh), 'patients', this.file.fileName, planned)
      return 'inFile'
    }
    seen.set(k, planned.row)
    return (kind === 'study' ? this.existing.studyIds : this.existing.hospitalNumbers).has(k) ? 'inRegistry' : 'new'
  }

  /**
   * Step 3: each identifier the file has, seen in an earlier row (refused) or already in the
   * registry (refused, or the row skipped when the user chose to skip such patients).
   */
  private checkDuplicates(planned: PlannedRow): void {
    const { out, file, options, studyIdColumn, hospitalColumn, existing } = this
    const row = planned.row
    const studyId = planned.record.patient.studyId.trim()
    const hospital = planned.record.identity.hospitalNumber?.trim() ?? ''
    const study = studyIdColumn && studyId !== '' ? this.seenBefore(planned, studyIdColumn.name, studyId, 'study') : 'new'
    const hosp = hospital !== '' && hospitalColumn ? this.seenBefore(planned, hospitalColumn.name, hospital, 'hospital') : 'new'
    let duplicate = study === 'inFile' || hosp === 'inFile'
    if ((study === 'inRegistry' || hosp === 'inRegistry') && !duplicate) {
      const byHospital = hospital !== '' && existing.hospitalNumbers.has(key(hospital))
      const column = byHospital ? hospitalColumn!.name : studyIdColumn!.name
      const field = byHospital ? 'identity.hospitalNumber' : 'patient.studyId'
      const value = byHospital ? hospital : studyId
      const what = byHospital ? `hospital number ${quoted(hospital)}` : `study ID ${quoted(studyId)}`
      const whatZh = byHospital ? `住院号${quotedZh(hospital)}` : `研究编号${quotedZh(studyId)}`
      duplicate = true
      if (options.onDuplicate === 'skip') {
        planned.skip = true
        this.skipped++
        if (studyId !== '') this.skippedStudyIds.add(key(studyId))
        const d = draft('warning', 'SKIPPED', row, column, field, value, `a patient with ${what} is already in the registry; this row is skipped.`, `登记库中已有${whatZh}的患者；本行已跳过。`)
        out.add(d, 'patients', file.fileName)
      } else {
        const d = draft(
          'error',
          'DUPLICATE',
          row,
          column,
          field,
          value,
          `a patient with ${what} is already in the registry. Remove this row, or choose "skip patients already in the registry".`,
          `登记库中已有${whatZh}的患者。请删除本行，或选择“跳过登记库中已有的患者”。`,
        )
        out.add(d, 'patients', file.fileName, planned)
      }
    }
    if (duplicate) this.duplicates++
  }

  /** Step 4: the linked files' rows of this patient (a study ID twice in the file links to its first row). */
  private attachLinkedRows(planned: PlannedRow): void {
    if (this.linked.length === 0 || planned.record.patient.studyId === '') return
    const k = key(planned.record.patient.studyId)
    for (const l of this.linked) {
      const list = l.byStudyId.get(k)
      if (!list) continue
      l.byStudyId.delete(k)
      if (!planned.skip) attachLinked(l, list.map(unpackRow), planned, this.out, this.cells)
    }
  }

  /** Step 6: the numbers the dry run shows. */
  private count(planned: PlannedRow): void {
    if (planned.errors > 0) return
    this.okRows++
    if (!planned.skip) {
      this.complications += planned.record.complications.length
      this.followUpEvents += planned.record.followUp.length
    }
  }

  /** Step 5: the domain rules (date order, consistency) and the record's schema. */
  private validate(r: PlannedRow): void {
    const { out, file, options } = this
    for (const issue of validateRecord(r.record, options.today)) issueProblem(issue, r, file.fileName, out)
    // Every field of the patients file was checked against its schema as it was converted (cells.ts):
    // what the record's schema adds is its lists, the linked complications and follow-up events.
    if (r.record.complications.length === 0 && r.record.followUp.length === 0) return
    const parsed = recordListsSchema.safeParse({ complications: r.record.complications, followUp: r.record.followUp })
    if (!parsed.success && r.errors === 0) {
      const issue = parsed.error.issues[0]!
      const path = issue.path.map(String).join('.')
      const where = sourceOf(r, path, file.fileName)
      out.add(
        draft('error', 'INVALID', r.row, where?.column ?? null, path, null, `${labelOfPath(path).en}: ${issue.message}`, `${labelOfPath(path).zh}：${issue.message}`),
        where?.file ?? 'patients',
        where?.fileName ?? file.fileName,
        r,
      )
    }
  }

  /** Errors found so far (a commit stops writing at the first). */
  get errorCount(): number {
    return this.out.errorCount
  }

  /** Rows planned so far. */
  get rowsPlanned(): number {
    return this.planned
  }

  /** After the last chunk: the linked rows no patient claimed, and the numbers. */
  finish(): PlanSummary {
    for (const l of this.linked) unknownPatients(l, this.skippedStudyIds, this.out)
    const { out, file } = this
    return {
      errors: sortProblems(out.errors),
      errorCount: out.errorCount,
      warnings: sortProblems(out.warnings),
      warningCount: out.warningCount,
      createCount: this.createCount,
      totalRows: dataRowCount(file),
      okRows: this.usable ? this.okRows : 0,
      duplicates: this.duplicates,
      skipped: this.skipped,
      complications: this.complications,
      followUpEvents: this.followUpEvents,
    }
  }
}

/** Rows planned (and committed) at a time. */
export const PLAN_CHUNK_ROWS = 250

/** Plans the whole file and keeps every row (small files, tests): see ImportPlanner. */
export function planImport(db: Database, source: ImportSource, options: PlanOptions): ImportPlan {
  const planner = new ImportPlanner(db, source, options)
  const rows: PlannedRow[] = []
  if (planner.usable) for (const chunk of rowChunks(source.patients, PLAN_CHUNK_ROWS)) for (const r of planner.planChunk(chunk)) rows.push(r)
  return { ...planner.finish(), rows, toCreate: rows.filter((r) => !r.skip) }
}

/** Progress of a long check or commit, and the way to stop it. */
export interface ImportProgress {
  /** Called after each chunk: rows checked and rows written so far, of `total`. */
  onProgress?(p: { checked: number; written: number; total: number }): void
  /** Polled between chunks; true stops the work with CANCELLED. */
  cancelled?(): boolean
}

/** Seconds left at the rate so far (null until there is a rate to go by; 0 when done). */
export function secondsLeft(done: number, total: number, elapsedMs: number): number | null {
  if (done >= total) return 0
  if (done <= 0 || elapsedMs < 200) return null
  return Math.ceil(((total - done) * elapsedMs) / done / 1000)
}

/** Lets the event loop run (the window's, in the app) between two chunks. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

export function cancelledFailure(): AppFailure {
  return new AppFailure('CANCELLED', 'The import was cancelled; nothing was written.')
}

/**
 * The dry run of a large file: every row checked a chunk at a time, leaving the event loop free
 * between chunks, without keeping the records. Same numbers and problems as planImport. With
 * `keep`, what a clean check converted is returned too (CheckedRows), for the commit that follows.
 */
export async function checkImport(
  db: Database,
  source: ImportSource,
  options: PlanOptions,
  progress: ImportProgress = {},
  keep = false,
): Promise<PlanSummary & { checkedRows: CheckedRows | null }> {
  const planner = new ImportPlanner(db, source, options)
  if (keep) planner.keepCheckedRows()
  const total = rowCountOf(source.patients)
  if (planner.usable) {
    for (const chunk of rowChunks(source.patients, PLAN_CHUNK_ROWS)) {
      planner.planChunk(chunk)
      progress.onProgress?.({ checked: planner.rowsPlanned, written: 0, total })
      await yieldToEventLoop()
      if (progress.cancelled?.()) throw cancelledFailure()
    }
  }
  const summary = planner.finish()
  return { ...summary, checkedRows: summary.errorCount === 0 ? planner.checkedRows : null }
}

/** What the dry run returns: the plan's numbers and its problems, capped for the screen. */
export function dryRunOf(plan: PlanSummary): ImportDryRun {
  const canCommit = plan.errorCount === 0 && plan.createCount > 0
  return {
    totalRows: plan.totalRows,
    okRows: plan.okRows,
    problems: plan.errors.slice(0, MAX_LISTED_PROBLEMS),
    problemCount: plan.errorCount,
    warnings: plan.warnings.slice(0, MAX_LISTED_PROBLEMS),
    warningCount: plan.warningCount,
    duplicates: plan.duplicates,
    wouldCreate: plan.errorCount === 0 ? plan.createCount : 0,
    wouldSkip: plan.skipped,
    complications: plan.complications,
    followUpEvents: plan.followUpEvents,
    canCommit,
  }
}
