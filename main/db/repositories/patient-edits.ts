import type { Database } from 'better-sqlite3'
import type { Complication, FollowUpEvent, PatientRecord } from '@contract/patient-record'
import type { Timepoint } from '@domain/codes'
import { PATIENT_STATUS_LOGIC_VERSION } from '@domain/patient-status'
import { stmt } from '../statement-cache'
import { writeAudit, type AuditActor, type AuditEntry } from './audit'
import {
  ASSESSMENT_COLUMNS,
  COMPLICATION_COLUMNS,
  FOLLOW_UP_COLUMNS,
  IDENTITY_COLUMNS,
  PATIENT_COLUMNS,
  SURGERY_COLUMNS,
  objectToParams,
  toDb,
  type ColumnSpec,
} from './columns'
import { getPatientRecord, insertSectionRow, readPatientRecords, sortVertebrae } from './patient-records'
import { savePatientStatus, staleStatusPatientIds } from './patient-status'
import { readRegistrySettings } from './registry-settings'
import { writeFormStatus, writeMissingCode } from './missing-codes'
import { codesOverriddenByValues } from '@domain/completeness'
import { formSectionOf, type FormSection } from '@domain/missing-codes'

// Changes to an existing patient: one field at a time (autosave), complications and follow-up
// events, deletion. These functions write rows only; the service runs them inside one immediate
// transaction with `recordChange`, which writes the audit entries, patients.updated_at and the
// status cache, so a change is all there or not there at all.

export type Section = 'patient' | 'identity' | 'preop' | 'month6' | 'surgery'

export interface FieldLocation {
  section: Section
  field: string
  /** The table the value lives in, for the audit trail. */
  table: string
  column: ColumnSpec | null
}

const SECTION_COLUMNS: Record<Section, { table: string; columns: readonly ColumnSpec[] }> = {
  patient: { table: 'patients', columns: PATIENT_COLUMNS },
  identity: { table: 'patient_identities', columns: IDENTITY_COLUMNS },
  preop: { table: 'assessments', columns: ASSESSMENT_COLUMNS },
  month6: { table: 'assessments', columns: ASSESSMENT_COLUMNS },
  surgery: { table: 'surgeries', columns: SURGERY_COLUMNS },
}

/** Where a contract field path (`section.field`) is stored; null when there is no such field. */
export function locateField(path: string): FieldLocation | null {
  const [section, field, ...rest] = path.split('.')
  if (rest.length > 0 || section === undefined || field === undefined || !(section in SECTION_COLUMNS)) return null
  const s = section as Section
  if (s === 'patient' && field === 'vertebrae') return { section: s, field, table: 'patient_vertebrae', column: null }
  const column = SECTION_COLUMNS[s].columns.find((c) => c.field === field)
  return column ? { section: s, field, table: SECTION_COLUMNS[s].table, column } : null
}

/** Returns the id of the patient's row of `section` (creating it, empty, on the first field). */
function ensureSectionRow(db: Database, patientId: number, section: Section): number {
  switch (section) {
    case 'patient':
      return patientId
    case 'identity':
      stmt(db, 'INSERT INTO patient_identities (patient_id) VALUES (?) ON CONFLICT (patient_id) DO NOTHING').run(patientId)
      return patientId
    case 'surgery':
      stmt(db, 'INSERT INTO surgeries (patient_id) VALUES (?) ON CONFLICT (patient_id) DO NOTHING').run(patientId)
      return patientId
    case 'preop':
    case 'month6': {
      const timepoint: Timepoint = section
      stmt(db, 'INSERT INTO assessments (patient_id, timepoint) VALUES (?, ?) ON CONFLICT (patient_id, timepoint) DO NOTHING').run(patientId, timepoint)
      return Number(stmt(db, 'SELECT id FROM assessments WHERE patient_id = ? AND timepoint = ?').pluck().get(patientId, timepoint))
    }
  }
}

/**
 * Writes one field (the value already validated). `patient.vertebrae` replaces the whole set.
 * Returns the audit entry describing the change (the caller decides whether anything changed).
 */
export function writePatientField(db: Database, patientId: number, path: string, oldValue: unknown, value: unknown): AuditEntry {
  const loc = locateField(path)
  if (!loc) throw new Error(`no stored field ${path}`)
  if (loc.column === null) {
    const set = sortVertebrae(value as string[])
    stmt(db, 'DELETE FROM patient_vertebrae WHERE patient_id = ?').run(patientId)
    const insert = stmt(db, 'INSERT INTO patient_vertebrae (patient_id, vertebra) VALUES (?, ?)')
    for (const v of set) insert.run(patientId, v)
    return { patientId, tableName: loc.table, rowId: patientId, field: path, action: 'update', oldValue, newValue: set }
  }
  const rowId = ensureSectionRow(db, patientId, loc.section)
  // patients and assessments are keyed by their own id; identities and surgeries by patient_id.
  const key = loc.section === 'identity' || loc.section === 'surgery' ? 'patient_id' : 'id'
  // Table and column names come from the fixed lists in columns.ts, never from input.
  stmt(db, `UPDATE ${loc.table} SET ${loc.column.column} = @value WHERE ${key} = @rowId`).run({ value: toDb(loc.column.kind, value), rowId })
  return { patientId, tableName: loc.table, rowId, field: path, action: 'update', oldValue, newValue: value }
}

/** The study id of the other patient holding `hospitalNumber`, or null. */
export function hospitalNumberOwner(db: Database, hospitalNumber: string, exceptPatientId: number | null): string | null {
  const r = stmt(
    db,
    'SELECT p.study_id FROM patient_identities i JOIN patients p ON p.id = i.patient_id WHERE i.hospital_number = ? AND i.patient_id IS NOT ?',
  )
    .pluck()
    .get(hospitalNumber, exceptPatientId) as string | undefined
  return r ?? null
}

/** True when another patient already has `studyId`. */
export function studyIdTaken(db: Database, studyId: string, exceptPatientId: number | null): boolean {
  return stmt(db, 'SELECT 1 FROM patients WHERE study_id = ? AND id IS NOT ?').pluck().get(studyId, exceptPatientId) !== undefined
}

/**
 * The next free study id of the form SM-0001: one more than the highest SM-number in use (ids of
 * other forms, e.g. from an import, are left alone), with as many digits as that id has (so a
 * registry numbered SM-001… continues SM-216), at least four in a new registry.
 */
export function nextStudyId(db: Database): string {
  const rows = stmt(db, "SELECT study_id FROM patients WHERE study_id GLOB 'SM-[0-9]*' AND NOT substr(study_id, 4) GLOB '*[^0-9]*'")
    .pluck()
    .all() as string[]
  let max = 0
  let width = 4
  for (const id of rows) {
    const n = Number(id.slice(3))
    if (n > max) {
      max = n
      width = id.length - 3
    }
  }
  let n = max + 1
  for (;;) {
    const candidate = `SM-${String(n).padStart(width, '0')}`
    if (!studyIdTaken(db, candidate, null)) return candidate
    n++
  }
}

// ---- complications and follow-up events ----

type Item = 'complications' | 'follow_up_events'
const ITEM_COLUMNS: Record<Item, readonly ColumnSpec[]> = { complications: COMPLICATION_COLUMNS, follow_up_events: FOLLOW_UP_COLUMNS }

function insertItem(db: Database, table: Item, patientId: number, item: Record<string, unknown>, at: string): number {
  return insertSectionRow(db, table, ITEM_COLUMNS[table], item, { patient_id: patientId, created_at: at })
}

function updateItem(db: Database, table: Item, patientId: number, id: number, item: Record<string, unknown>): boolean {
  const cols = ITEM_COLUMNS[table]
  const r = stmt(db, `UPDATE ${table} SET ${cols.map((c) => `${c.column} = @${c.column}`).join(', ')} WHERE id = @id AND patient_id = @patient_id`).run({
    ...objectToParams(item, cols),
    id,
    patient_id: patientId,
  })
  return r.changes === 1
}

function deleteItem(db: Database, table: Item, patientId: number, id: number): boolean {
  return stmt(db, `DELETE FROM ${table} WHERE id = ? AND patient_id = ?`).run(id, patientId).changes === 1
}

export const insertComplication = (db: Database, patientId: number, c: Omit<Complication, 'id'>, at: string): number =>
  insertItem(db, 'complications', patientId, c as unknown as Record<string, unknown>, at)
export const updateComplication = (db: Database, patientId: number, id: number, c: Omit<Complication, 'id'>): boolean =>
  updateItem(db, 'complications', patientId, id, c as unknown as Record<string, unknown>)
export const deleteComplication = (db: Database, patientId: number, id: number): boolean => deleteItem(db, 'complications', patientId, id)

export const insertFollowUpEvent = (db: Database, patientId: number, e: Omit<FollowUpEvent, 'id'>, at: string): number =>
  insertItem(db, 'follow_up_events', patientId, e as unknown as Record<string, unknown>, at)
export const updateFollowUpEvent = (db: Database, patientId: number, id: number, e: Omit<FollowUpEvent, 'id'>): boolean =>
  updateItem(db, 'follow_up_events', patientId, id, e as unknown as Record<string, unknown>)
export const deleteFollowUpEvent = (db: Database, patientId: number, id: number): boolean => deleteItem(db, 'follow_up_events', patientId, id)

// ---- bookkeeping of every change ----

/**
 * Finishes a change inside its transaction: writes the audit entries, stamps patients.updated_at
 * and recomputes the patient's status cache from the stored record. Returns the record as stored.
 */
export function recordChange(db: Database, patientId: number, actor: AuditActor, audit: readonly AuditEntry[]): PatientRecord {
  stmt(db, 'UPDATE patients SET updated_at = ? WHERE id = ?').run(actor.at, patientId)
  const record = getPatientRecord(db, patientId)
  if (!record) throw new Error(`patient ${patientId} vanished inside its own transaction`)
  const entries = [...audit]
  // A value entered into a field coded as missing replaces the code.
  for (const path of codesOverriddenByValues(record)) {
    const old = writeMissingCode(db, patientId, path, null)
    if (record.missingCodes) delete record.missingCodes[path]
    if (record.missingCodes && Object.keys(record.missingCodes).length === 0) delete record.missingCodes
    entries.push({ patientId, tableName: 'missing_codes', rowId: patientId, field: path, action: 'delete', oldValue: old, newValue: null })
  }
  // A change to a verified section makes it "complete" again: it must be verified anew.
  const touched = new Set(audit.map(sectionOfEntry).filter((s): s is FormSection => s !== null))
  for (const section of touched) {
    if (record.formStatus?.[section]?.status !== 'verified') continue
    writeFormStatus(db, patientId, section, 'complete', actor.osUser, actor.at)
    record.formStatus![section] = { status: 'complete', by: actor.osUser, at: actor.at }
    entries.push({ patientId, tableName: 'form_status', rowId: patientId, field: `formStatus.${section}`, action: 'update', oldValue: 'verified', newValue: 'complete' })
  }
  writeAudit(db, actor, entries)
  savePatientStatus(db, patientId, record, actor.at)
  return record
}

/** The form section an audited change belongs to (null for bookkeeping such as form status itself). */
function sectionOfEntry(e: AuditEntry): FormSection | null {
  if (e.tableName === 'form_status') return null
  if (e.field !== null) return formSectionOf(e.field)
  if (e.tableName === 'complications') return 'periop'
  if (e.tableName === 'follow_up_events') return 'followUp'
  return null
}

/** Deletes a patient and every row of its record (ON DELETE CASCADE); the audit trail stays. */
export function deletePatientRows(db: Database, patientId: number): boolean {
  return stmt(db, 'DELETE FROM patients WHERE id = ?').run(patientId).changes === 1
}

/**
 * Recomputes the status of patients whose cached row is missing or was made by other rules (after
 * a migration, or when PATIENT_STATUS_LOGIC_VERSION changed). Cheap when nothing is stale: two
 * counts over indexes. Returns how many rows were recomputed.
 */
export function refreshStalePatientStatus(db: Database): number {
  const counts = stmt(
    db,
    `SELECT (SELECT count(*) FROM patients) AS patients, (SELECT count(*) FROM patient_status) AS cached,
            (SELECT count(*) FROM patient_status WHERE logic_version <> @v) AS stale`,
  ).get({ v: PATIENT_STATUS_LOGIC_VERSION }) as { patients: number; cached: number; stale: number }
  if (counts.patients === counts.cached && counts.stale === 0) return 0
  const ids = staleStatusPatientIds(db)
  db.transaction(() => refreshPatientStatus(db, ids)).immediate()
  return ids.length
}

/** Recomputes the cached status of the patients `ids` (inside the caller's transaction), with the registry's settings. */
export function refreshPatientStatus(db: Database, ids: readonly number[]): void {
  const classes = readRegistrySettings(db).radiosensitivity
  const CHUNK = 1000
  for (let k = 0; k < ids.length; k += CHUNK) {
    for (const record of readPatientRecords(db, ids.slice(k, k + CHUNK))) savePatientStatus(db, record.id, record, record.updatedAt, classes)
  }
}
