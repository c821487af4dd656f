import type { Database } from 'better-sqlite3'
import type {
  Assessment,
  Complication,
  FollowUpEvent,
  Identity,
  PatientCore,
  PatientRecord,
  PatientRecordInput,
  Surgery,
} from '@contract/patient-record'
import type { Timepoint, Vertebra } from '@domain/codes'
import { VERTEBRAE } from '@domain/codes'
import type { RadiosensitivityClasses } from '@domain/radiosensitivity'
import {
  ASSESSMENT_COLUMNS,
  COMPLICATION_COLUMNS,
  FOLLOW_UP_COLUMNS,
  IDENTITY_COLUMNS,
  PATIENT_COLUMNS,
  SURGERY_COLUMNS,
  arrayToObject,
  toDb,
  rowToObject,
  type ColumnSpec,
} from './columns'
import { stmt } from '../statement-cache'
import { writeAudit, type AuditActor, type AuditEntry } from './audit'
import { computePatientStatus } from '@domain/patient-status'
import { PATIENT_STATUS_COLUMNS, PATIENT_STATUS_UPSERT, patientStatusRow, savePatientStatus } from './patient-status'
import { readRegistrySettings } from './registry-settings'
import { readFormStatus, readMissingCodes, readSideTables, writeMissingCode } from './missing-codes'

/**
 * Inserts one row of a record section into `table`: the section's columns plus the keys the row
 * needs (patient_id, timepoint, created_at, …). Returns the new rowid. Table and column names come
 * from the fixed lists in columns.ts and the callers, never from input.
 */
export function insertSectionRow(db: Database, table: string, columns: readonly ColumnSpec[], values: object, keys: Record<string, string | number>): number {
  const keyNames = Object.keys(keys)
  // Positional parameters and one SQL text per table and set of keys (an import inserts 100,000s of rows).
  const cacheKey = `${table}|${keyNames.join(',')}|${columns.length}`
  let sql = insertSql.get(cacheKey)
  if (!sql) {
    const names = [...keyNames, ...columns.map((c) => c.column)]
    sql = `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`
    insertSql.set(cacheKey, sql)
  }
  const params: (string | number | null)[] = keyNames.map((k) => keys[k]!)
  const v = values as Record<string, unknown>
  for (const c of columns) params.push(toDb(c.kind, v[c.field]))
  return Number(stmt(db, sql).run(params).lastInsertRowid)
}

const insertSql = new Map<string, string>()

function hasAnyValue(obj: object): boolean {
  const o = obj as Record<string, unknown>
  for (const k in o) {
    const v = o[k]
    if (v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)) return true
  }
  return false
}

const vertebraOrder = new Map<string, number>(VERTEBRAE.map((v, i) => [v, i]))

/** The vertebrae once each, from C1 down to the sacrum. */
export function sortVertebrae(list: readonly string[]): Vertebra[] {
  return ([...new Set(list)] as Vertebra[]).sort((a, b) => (vertebraOrder.get(a) ?? 0) - (vertebraOrder.get(b) ?? 0))
}

/** One more than the highest patient id ever used (in patients or in the audit trail). */
export function nextPatientId(db: Database): number {
  const max = stmt(db, 'SELECT max(coalesce((SELECT max(id) FROM patients), 0), coalesce((SELECT max(patient_id) FROM audit_log), 0))').pluck().get() as number
  return max + 1
}

/**
 * Writes every row of new patient `patientId` (all sections) and its row of the status cache, and
 * appends one audit entry per row created to `audit` (written by the caller); none when `audit` is
 * null. No transaction of its own.
 */
function writeNewPatient(
  db: Database,
  patientId: number,
  record: PatientRecordInput,
  actor: AuditActor,
  audit: AuditEntry[] | null,
  classes: RadiosensitivityClasses = readRegistrySettings(db).radiosensitivity,
): void {
  const inserted = (tableName: string, rowId: number, newValue: unknown) =>
    audit?.push({ patientId, tableName, rowId, field: null, action: 'insert', oldValue: null, newValue })

  insertSectionRow(db, 'patients', PATIENT_COLUMNS, record.patient, { id: patientId, created_at: actor.at, updated_at: actor.at })
  inserted('patients', patientId, record.patient)

  const vertebra = stmt(db, 'INSERT INTO patient_vertebrae (patient_id, vertebra) VALUES (?, ?)')
  for (const v of new Set(record.patient.vertebrae)) vertebra.run(patientId, v)

  if (hasAnyValue(record.identity)) {
    insertSectionRow(db, 'patient_identities', IDENTITY_COLUMNS, record.identity, { patient_id: patientId })
    inserted('patient_identities', patientId, record.identity)
  }

  for (const timepoint of ['preop', 'month6'] as const) {
    const a = record[timepoint]
    if (!hasAnyValue(a)) continue
    const rowId = insertSectionRow(db, 'assessments', ASSESSMENT_COLUMNS, a, { patient_id: patientId, timepoint })
    inserted('assessments', rowId, { timepoint, ...a })
  }

  if (hasAnyValue(record.surgery)) {
    insertSectionRow(db, 'surgeries', SURGERY_COLUMNS, record.surgery, { patient_id: patientId })
    inserted('surgeries', patientId, record.surgery)
  }

  const lists = [
    ['complications', COMPLICATION_COLUMNS, record.complications],
    ['follow_up_events', FOLLOW_UP_COLUMNS, record.followUp],
  ] as const
  for (const [table, columns, items] of lists) {
    for (const item of items) inserted(table, insertSectionRow(db, table, columns, item, { patient_id: patientId, created_at: actor.at }), item)
  }

  for (const [path, code] of Object.entries(record.missingCodes ?? {})) {
    writeMissingCode(db, patientId, path, code)
    audit?.push({ patientId, tableName: 'missing_codes', rowId: patientId, field: path, action: 'insert', oldValue: null, newValue: code })
  }
  savePatientStatus(db, patientId, record, actor.at, classes)
}

/**
 * Inserts a complete patient record (all sections) in one transaction, writes one audit entry per
 * row created and the patient's row of the status cache. Returns the new patient id. Sections that
 * hold no value are not written, so an empty 6-month assessment leaves no row. Called inside an
 * outer transaction, it becomes a savepoint of it.
 */
export function insertPatientRecord(db: Database, record: PatientRecordInput, actor: AuditActor): number {
  const tx = db.transaction((): number => {
    // Ids are never reused, not even the id of the last patient deleted (SQLite would hand it out
    // again without AUTOINCREMENT): the audit trail of a deleted patient keeps its id and must not
    // become the history of a new one.
    const patientId = nextPatientId(db)
    const audit: AuditEntry[] = []
    writeNewPatient(db, patientId, record, actor, audit)
    writeAudit(db, actor, audit)
    return patientId
  })
  return tx.immediate()
}

/** Missing-data codes and form status, present in a record only when it has some. */
function sideFields(codes: PatientRecord['missingCodes'] | undefined, forms: PatientRecord['formStatus'] | undefined): Pick<PatientRecord, 'missingCodes' | 'formStatus'> {
  const out: Pick<PatientRecord, 'missingCodes' | 'formStatus'> = {}
  if (codes && Object.keys(codes).length > 0) out.missingCodes = codes
  if (forms && Object.keys(forms).length > 0) out.formStatus = forms
  return out
}

/** A record of insertPatientRecords that SQLite refused: its index in the list, and SQLite's error. */
export class RecordWriteError extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause))
  }
}

/**
 * Inserts new patients in bulk (an import's chunk) inside the caller's transaction, with the rows
 * and status cache insertPatientRecord writes, but without a savepoint per patient and without an
 * audit entry per row: the import writes one audit entry that names the file, its hash and the row
 * each patient came from (IMPORT_AUDIT_TABLE in ./audit). The values are in the file and the
 * registry, and every later change is audited with its old value, so the values as imported stay
 * recoverable, while the trail of 100,000 imported patients does not hold the registry a second
 * time. Ids follow one another from `firstId`. Returns the new ids.
 */
export function insertPatientRecords(db: Database, records: readonly PatientRecordInput[], actor: AuditActor, firstId: number = nextPatientId(db)): number[] {
  if (!db.inTransaction) throw new Error('insertPatientRecords must run inside a transaction')
  const classes = readRegistrySettings(db).radiosensitivity
  const ids = records.map((_, index) => firstId + index)
  // The rows go in through multi-row INSERT statements (BULK_ROWS rows each), in the order and with
  // the rowids the patient-by-patient writes give. When SQLite refuses one, the savepoint undoes the
  // chunk and the patients are written again one by one, to name the record it refused.
  db.exec('SAVEPOINT spinemet_bulk_insert')
  try {
    writeNewPatients(db, records, firstId, actor, classes)
  } catch {
    db.exec('ROLLBACK TO spinemet_bulk_insert')
    records.forEach((record, index) => {
      try {
        writeNewPatient(db, firstId + index, record, actor, null, classes)
      } catch (err) {
        db.exec('RELEASE spinemet_bulk_insert')
        throw new RecordWriteError(index, err)
      }
    })
  }
  db.exec('RELEASE spinemet_bulk_insert')
  return ids
}

/** Rows per multi-row INSERT statement of insertPatientRecords. */
export const BULK_ROWS = 50

/**
 * The rows of one table gathered for multi-row INSERT statements: BULK_ROWS rows per statement
 * (each statement text prepared once per connection), the rest in one shorter statement.
 */
class BulkRows {
  /** Parameters of full statements (BULK_ROWS rows each), then of the statement being filled. */
  private readonly full: (string | number | null)[][] = []
  private params: (string | number | null)[] | null = null
  private filled = 0
  private rows = 0
  constructor(
    private readonly table: string,
    private readonly names: readonly string[],
    private readonly suffix = '',
  ) {}

  /** Adds one row: the key values, then `columns` of `values` (stored as toDb stores them). */
  add(keys: readonly (string | number)[], columns: readonly ColumnSpec[] = [], values: object = {}): void {
    const params = (this.params ??= this.statementParams())
    let i = this.filled
    for (const k of keys) params[i++] = k
    const v = values as Record<string, unknown>
    for (const c of columns) params[i++] = toDb(c.kind, v[c.field])
    this.filled = i
    this.rowAdded()
  }

  addValues(row: readonly (string | number | null)[]): void {
    const params = (this.params ??= this.statementParams())
    let i = this.filled
    for (const x of row) params[i++] = x
    this.filled = i
    this.rowAdded()
  }

  /** A statement's parameters, allocated at their full size once (not grown value by value). */
  private statementParams(): (string | number | null)[] {
    return new Array<string | number | null>(BULK_ROWS * this.names.length).fill(null)
  }

  private rowAdded(): void {
    if (++this.rows < BULK_ROWS) return
    this.full.push(this.params!)
    this.params = null
    this.filled = 0
    this.rows = 0
  }

  flush(db: Database): void {
    if (this.full.length > 0) {
      const statement = stmt(db, this.sql(BULK_ROWS))
      for (const params of this.full) statement.run(params)
      this.full.length = 0
    }
    if (this.rows > 0) {
      const params = this.params!
      params.length = this.filled
      stmt(db, this.sql(this.rows)).run(params)
      this.params = null
    }
    this.filled = 0
    this.rows = 0
  }

  private sql(n: number): string {
    const key = `${this.table} ${n}`
    let sql = BULK_SQL.get(key)
    if (!sql) {
      const row = `(${this.names.map(() => '?').join(', ')})`
      sql = `INSERT INTO ${this.table} (${this.names.join(', ')}) VALUES ${Array.from({ length: n }, () => row).join(', ')} ${this.suffix}`.trimEnd()
      BULK_SQL.set(key, sql)
    }
    return sql
  }
}

/** The statement text of each table's multi-row INSERT by number of rows (a table is always written with the same columns). */
const BULK_SQL = new Map<string, string>()

const columnNames = (keys: readonly string[], columns: readonly ColumnSpec[]): string[] => [...keys, ...columns.map((c) => c.column)]

/** What writeNewPatient writes, for patients firstId, firstId + 1, … (no audit entries), table by table in multi-row statements. */
function writeNewPatients(db: Database, records: readonly PatientRecordInput[], firstId: number, actor: AuditActor, classes: RadiosensitivityClasses): void {
  const patients = new BulkRows('patients', columnNames(['id', 'created_at', 'updated_at'], PATIENT_COLUMNS))
  const vertebrae = new BulkRows('patient_vertebrae', ['patient_id', 'vertebra'])
  const identities = new BulkRows('patient_identities', columnNames(['patient_id'], IDENTITY_COLUMNS))
  const assessments = new BulkRows('assessments', columnNames(['patient_id', 'timepoint'], ASSESSMENT_COLUMNS))
  const surgeries = new BulkRows('surgeries', columnNames(['patient_id'], SURGERY_COLUMNS))
  const complications = new BulkRows('complications', columnNames(['patient_id', 'created_at'], COMPLICATION_COLUMNS))
  const followUp = new BulkRows('follow_up_events', columnNames(['patient_id', 'created_at'], FOLLOW_UP_COLUMNS))
  const status = new BulkRows('patient_status', PATIENT_STATUS_COLUMNS, PATIENT_STATUS_UPSERT)
  const codes: [number, NonNullable<PatientRecordInput['missingCodes']>][] = []
  let patientId = firstId
  for (const record of records) {
    patients.add([patientId, actor.at, actor.at], PATIENT_COLUMNS, record.patient)
    for (const v of new Set(record.patient.vertebrae)) vertebrae.add([patientId, v])
    if (hasAnyValue(record.identity)) identities.add([patientId], IDENTITY_COLUMNS, record.identity)
    if (hasAnyValue(record.preop)) assessments.add([patientId, 'preop'], ASSESSMENT_COLUMNS, record.preop)
    if (hasAnyValue(record.month6)) assessments.add([patientId, 'month6'], ASSESSMENT_COLUMNS, record.month6)
    if (hasAnyValue(record.surgery)) surgeries.add([patientId], SURGERY_COLUMNS, record.surgery)
    for (const item of record.complications) complications.add([patientId, actor.at], COMPLICATION_COLUMNS, item)
    for (const item of record.followUp) followUp.add([patientId, actor.at], FOLLOW_UP_COLUMNS, item)
    if (record.missingCodes && Object.keys(record.missingCodes).length > 0) codes.push([patientId, record.missingCodes])
    status.addValues(patientStatusRow(patientId, computePatientStatus(record, classes), actor.at))
    patientId++
  }
  // The patients first: every other table refers to them.
  for (const table of [patients, vertebrae, identities, assessments, surgeries, complications, followUp]) table.flush(db)
  for (const [id, list] of codes) for (const [path, code] of Object.entries(list)) writeMissingCode(db, id, path, code)
  status.flush(db)
}

/** Reads one complete patient record, or null when there is no patient with that id. */
export function getPatientRecord(db: Database, id: number): PatientRecord | null {
  const row = stmt(db, 'SELECT * FROM patients WHERE id = ?').get(id) as Record<string, unknown> | undefined
  if (!row) return null
  const patient = rowToObject<Omit<PatientCore, 'vertebrae'>>(row, PATIENT_COLUMNS)
  const vertebrae = sortVertebrae(stmt(db, 'SELECT vertebra FROM patient_vertebrae WHERE patient_id = ?').pluck().all(id) as Vertebra[])
  const identityRow = stmt(db, 'SELECT * FROM patient_identities WHERE patient_id = ?').get(id) as Record<string, unknown> | undefined
  const identity: Identity = identityRow
    ? rowToObject<Identity>(identityRow, IDENTITY_COLUMNS)
    : { fullName: null, hospitalNumber: null, dateOfBirth: null }
  const assessment = (timepoint: Timepoint): Assessment => {
    const r = stmt(db, 'SELECT * FROM assessments WHERE patient_id = ? AND timepoint = ?').get(id, timepoint) as Record<string, unknown> | undefined
    return r ? rowToObject<Assessment>(r, ASSESSMENT_COLUMNS) : rowToObject<Assessment>({}, ASSESSMENT_COLUMNS)
  }
  const surgeryRow = stmt(db, 'SELECT * FROM surgeries WHERE patient_id = ?').get(id) as Record<string, unknown> | undefined
  const surgery = rowToObject<Surgery>(surgeryRow ?? {}, SURGERY_COLUMNS)
  const complications = (stmt(db, 'SELECT * FROM complications WHERE patient_id = ? ORDER BY onset_date, id').all(id) as Record<string, unknown>[]).map(
    (r) => ({ id: Number(r.id), ...rowToObject<Omit<Complication, 'id'>>(r, COMPLICATION_COLUMNS) }),
  )
  const followUp = (stmt(db, 'SELECT * FROM follow_up_events WHERE patient_id = ? ORDER BY event_date, id').all(id) as Record<string, unknown>[]).map(
    (r) => ({ id: Number(r.id), ...rowToObject<Omit<FollowUpEvent, 'id'>>(r, FOLLOW_UP_COLUMNS) }),
  )
  return {
    id,
    patient: { ...patient, vertebrae },
    identity,
    preop: assessment('preop'),
    month6: assessment('month6'),
    surgery,
    complications,
    followUp,
    ...sideFields(readMissingCodes(db, id), readFormStatus(db, id)),
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
  }
}

/** Patient ids in study-ID order (the order whole-registry reads and exports use). */
export function patientIdsInStudyOrder(db: Database): number[] {
  return stmt(db, 'SELECT id FROM patients ORDER BY study_id, id').pluck().all() as number[]
}

/** Every patient record, in study-ID order (see readPatientRecords). */
export function readAllPatientRecords(db: Database): PatientRecord[] {
  return readPatientRecords(db, patientIdsInStudyOrder(db))
}

/**
 * The records of `ids`, in that order, read with one query per table (not seven per patient) and
 * assembled in memory: what an analysis over the whole registry reads, in chunks of ids when it
 * must leave the event loop free between them. Same records as getPatientRecord gives one by one.
 * The rows are read as arrays (better-sqlite3's raw mode), not as objects keyed by column name:
 * at 10,000 patients that halves the time spent in SQLite's result rows.
 */
export function readPatientRecords(db: Database, ids: readonly number[]): PatientRecord[] {
  type Row = unknown[]
  const idList = JSON.stringify(ids)
  const inIds = 'patient_id IN (SELECT value FROM json_each(?))'
  // Only the columns the record holds (not the bookkeeping ones), grouped by patient in one pass;
  // each row is [patient_id, ...extra, ...the section's columns].
  const cols = (specs: readonly ColumnSpec[], extra: readonly string[]) => ['patient_id', ...extra, ...specs.map((c) => c.column)].join(', ')
  const byPatient = (sql: string): Map<number, Row[]> => {
    const out = new Map<number, Row[]>()
    for (const r of stmt(db, sql).raw(true).all(idList) as Row[]) {
      const id = r[0] as number
      const list = out.get(id)
      if (list) list.push(r)
      else out.set(id, [r])
    }
    return out
  }
  const vertebrae = byPatient(`SELECT patient_id, vertebra FROM patient_vertebrae WHERE ${inIds}`)
  const identities = byPatient(`SELECT ${cols(IDENTITY_COLUMNS, [])} FROM patient_identities WHERE ${inIds}`)
  const assessments = byPatient(`SELECT ${cols(ASSESSMENT_COLUMNS, ['timepoint'])} FROM assessments WHERE ${inIds}`)
  const surgeries = byPatient(`SELECT ${cols(SURGERY_COLUMNS, [])} FROM surgeries WHERE ${inIds}`)
  const complications = byPatient(`SELECT ${cols(COMPLICATION_COLUMNS, ['id'])} FROM complications WHERE ${inIds} ORDER BY patient_id, onset_date, id`)
  const followUp = byPatient(`SELECT ${cols(FOLLOW_UP_COLUMNS, ['id'])} FROM follow_up_events WHERE ${inIds} ORDER BY patient_id, event_date, id`)
  const patients = new Map<number, Row>()
  const patientSql = `SELECT id, created_at, updated_at, ${PATIENT_COLUMNS.map((c) => c.column).join(', ')} FROM patients WHERE id IN (SELECT value FROM json_each(?))`
  for (const r of stmt(db, patientSql).raw(true).all(idList) as Row[]) patients.set(r[0] as number, r)
  const side = readSideTables(db, ids)
  const emptyAssessment = rowToObject<Assessment>({}, ASSESSMENT_COLUMNS)
  const noIdentity = (): Identity => ({ fullName: null, hospitalNumber: null, dateOfBirth: null })
  const out: PatientRecord[] = []
  for (const id of ids) {
    const row = patients.get(id)
    if (!row) continue
    const identityRow = identities.get(id)?.[0]
    let preop: Assessment | null = null
    let month6: Assessment | null = null
    for (const a of assessments.get(id) ?? []) {
      if (a[1] === 'month6') month6 = arrayToObject<Assessment>(a, ASSESSMENT_COLUMNS, 2)
      else preop = arrayToObject<Assessment>(a, ASSESSMENT_COLUMNS, 2)
    }
    const surgeryRow = surgeries.get(id)?.[0]
    out.push({
      id,
      patient: { ...arrayToObject<Omit<PatientCore, 'vertebrae'>>(row, PATIENT_COLUMNS, 3), vertebrae: sortVertebrae((vertebrae.get(id) ?? []).map((v) => v[1] as Vertebra)) },
      identity: identityRow ? arrayToObject<Identity>(identityRow, IDENTITY_COLUMNS, 1) : noIdentity(),
      preop: preop ?? { ...emptyAssessment },
      month6: month6 ?? { ...emptyAssessment },
      surgery: surgeryRow ? arrayToObject<Surgery>(surgeryRow, SURGERY_COLUMNS, 1) : rowToObject<Surgery>({}, SURGERY_COLUMNS),
      complications: (complications.get(id) ?? []).map((r) => ({ id: r[1] as number, ...arrayToObject<Omit<Complication, 'id'>>(r, COMPLICATION_COLUMNS, 2) })),
      followUp: (followUp.get(id) ?? []).map((r) => ({ id: r[1] as number, ...arrayToObject<Omit<FollowUpEvent, 'id'>>(r, FOLLOW_UP_COLUMNS, 2) })),
      ...sideFields(side.codes.get(id), side.forms.get(id)),
      createdAt: row[1] as string,
      updatedAt: row[2] as string,
    })
  }
  return out
}
