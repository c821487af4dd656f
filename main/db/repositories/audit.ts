import type { Database, Statement } from 'better-sqlite3'
import type { AuditEntryView } from '@contract/patients'
import { AUDIT_CHAIN_START, auditRowHash } from '../audit-chain'

export interface AuditActor {
  /** Operating-system user name. */
  osUser: string
  /** ISO timestamp of the change. */
  at: string
}

export interface AuditEntry {
  patientId: number | null
  tableName: string
  rowId: number | null
  field: string | null
  action: 'insert' | 'update' | 'delete'
  oldValue: unknown
  newValue: unknown
}

const statements = new WeakMap<Database, Statement>()

function stringify(value: unknown): string | null {
  if (value === null || value === undefined) return null
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** Appends entries to the audit trail; call inside the transaction that makes the change. */
export function writeAudit(db: Database, actor: AuditActor, entries: readonly AuditEntry[]): void {
  let stmt = statements.get(db)
  if (!stmt) {
    stmt = db.prepare(
      `INSERT INTO audit_log (id, at, os_user, patient_id, table_name, row_id, field, action, old_value, new_value, prev_hash, entry_hash)
       VALUES (@id, @at, @osUser, @patientId, @tableName, @rowId, @field, @action, @oldValue, @newValue, @prevHash, @entryHash)`,
    )
    statements.set(db, stmt)
  }
  if (entries.length === 0) return
  // Appends to the hash chain (main/db/audit-chain.ts): ids are given explicitly so that each
  // hash covers its own id. Runs inside the caller's write transaction, so no one appends between.
  const last = db.prepare('SELECT id, entry_hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; entry_hash: string | null } | undefined
  let id = last?.id ?? 0
  let previous = last ? (last.entry_hash ?? AUDIT_CHAIN_START) : AUDIT_CHAIN_START
  for (const e of entries) {
    id++
    const row = {
      id,
      at: actor.at,
      os_user: actor.osUser,
      patient_id: e.patientId,
      table_name: e.tableName,
      row_id: e.rowId,
      field: e.field,
      action: e.action,
      old_value: stringify(e.oldValue),
      new_value: stringify(e.newValue),
    }
    const entryHash = auditRowHash(previous, row)
    stmt.run({
      id,
      at: row.at,
      osUser: row.os_user,
      patientId: row.patient_id,
      tableName: row.table_name,
      rowId: row.row_id,
      field: row.field,
      action: row.action,
      oldValue: row.old_value,
      newValue: row.new_value,
      prevHash: previous,
      entryHash,
    })
    previous = entryHash
  }
}

/** An entry as stored: what the record screen shows (AuditEntryView) plus whose record it is. */
export interface StoredAuditEntry extends AuditEntryView {
  patientId: number | null
  /** Study id of the patient when it still exists (null after deletion). */
  studyId: string | null
}

function toStored(r: Record<string, unknown>): StoredAuditEntry {
  return {
    id: Number(r.id),
    at: r.at as string,
    osUser: r.os_user as string,
    patientId: r.patient_id === null ? null : Number(r.patient_id),
    studyId: (r.study_id as string | null | undefined) ?? null,
    tableName: r.table_name as string,
    rowId: r.row_id === null ? null : Number(r.row_id),
    field: (r.field as string | null) ?? null,
    action: r.action as StoredAuditEntry['action'],
    oldValue: (r.old_value as string | null) ?? null,
    newValue: (r.new_value as string | null) ?? null,
  }
}

// ---- imports: one entry per import, not one per patient ----

/** The table name of an import's audit entry (it belongs to no single patient). */
export const IMPORT_AUDIT_TABLE = 'imports'

/**
 * What an import's one audit entry holds: the file (name and SHA-256 of its bytes) and which of
 * its rows became which patient. The patients got consecutive ids, firstPatientId…lastPatientId,
 * in the order of `rows`: runs of consecutive spreadsheet rows, [first row, number of rows].
 */
export interface ImportAuditValue {
  importedFrom: string
  sha256: string | null
  patients: number
  firstPatientId: number
  lastPatientId: number
  rows: [number, number][]
}

/** The spreadsheet row patient `patientId` was imported from (null when it is not one of the import's). */
export function importedRow(v: ImportAuditValue, patientId: number): number | null {
  if (patientId < v.firstPatientId || patientId > v.lastPatientId) return null
  let k = patientId - v.firstPatientId
  for (const [first, count] of v.rows) {
    if (k < count) return first + k
    k -= count
  }
  return null
}

/**
 * The import a patient came from, as an entry of that patient's trail: the import's entry (its id,
 * time and user), showing the file, its hash and the patient's row. Null when the patient was not
 * imported. Imports' id ranges do not overlap: the one with the highest first id at or below the
 * patient's is the only candidate.
 */
function importEntryOf(db: Database, patientId: number): StoredAuditEntry | null {
  const r = db
    .prepare(
      `SELECT a.*, (SELECT study_id FROM patients WHERE id = ?) AS study_id FROM audit_log a
       WHERE a.patient_id IS NULL AND a.table_name = ? AND a.row_id <= ? ORDER BY a.row_id DESC, a.id DESC LIMIT 1`,
    )
    .get(patientId, IMPORT_AUDIT_TABLE, patientId) as Record<string, unknown> | undefined
  if (!r) return null
  let value: ImportAuditValue
  try {
    value = JSON.parse(String(r.new_value)) as ImportAuditValue
  } catch {
    return null
  }
  const row = importedRow(value, patientId)
  if (row === null) return null
  return {
    ...toStored(r),
    patientId,
    tableName: 'patients',
    rowId: patientId,
    newValue: JSON.stringify({ importedFrom: value.importedFrom, row, sha256: value.sha256 }),
  }
}

// ---- reading the trail ----

/** The audit trail of one patient, newest first (index audit_log_patient), with the import it came from. */
export function listPatientAudit(db: Database, patientId: number): StoredAuditEntry[] {
  const rows = db
    .prepare(
      `SELECT a.*, p.study_id FROM audit_log a LEFT JOIN patients p ON p.id = a.patient_id
       WHERE a.patient_id = ? ORDER BY a.at DESC, a.id DESC`,
    )
    .all(patientId) as Record<string, unknown>[]
  const entries = rows.map(toStored)
  const imported = importEntryOf(db, patientId)
  if (imported) {
    const i = entries.findIndex((e) => e.at < imported.at || (e.at === imported.at && e.id < imported.id))
    entries.splice(i < 0 ? entries.length : i, 0, imported)
  }
  return entries
}

/** Every audit entry (or one patient's, with its import), oldest first, one at a time (exports of large registries). */
export function* iterateAudit(db: Database, patientId?: number): Generator<StoredAuditEntry> {
  const sql =
    patientId === undefined
      ? 'SELECT a.*, p.study_id FROM audit_log a LEFT JOIN patients p ON p.id = a.patient_id ORDER BY a.id'
      : 'SELECT a.*, p.study_id FROM audit_log a LEFT JOIN patients p ON p.id = a.patient_id WHERE a.patient_id = ? ORDER BY a.id'
  const stmt = db.prepare(sql)
  const it = (patientId === undefined ? stmt.iterate() : stmt.iterate(patientId)) as IterableIterator<Record<string, unknown>>
  let imported = patientId === undefined ? null : importEntryOf(db, patientId)
  for (const r of it) {
    const e = toStored(r)
    if (imported && imported.id < e.id) {
      yield imported
      imported = null
    }
    yield e
  }
  if (imported) yield imported
}

export function countAudit(db: Database, patientId?: number): number {
  return patientId === undefined
    ? (db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number)
    : (db.prepare('SELECT count(*) FROM audit_log WHERE patient_id = ?').pluck().get(patientId) as number) + (importEntryOf(db, patientId) ? 1 : 0)
}
