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

/** The audit trail of one patient, newest first (index audit_log_patient). */
export function listPatientAudit(db: Database, patientId: number): StoredAuditEntry[] {
  const rows = db
    .prepare(
      `SELECT a.*, p.study_id FROM audit_log a LEFT JOIN patients p ON p.id = a.patient_id
       WHERE a.patient_id = ? ORDER BY a.at DESC, a.id DESC`,
    )
    .all(patientId) as Record<string, unknown>[]
  return rows.map(toStored)
}

/** Every audit entry (or one patient's), oldest first, one at a time (exports of large registries). */
export function* iterateAudit(db: Database, patientId?: number): Generator<StoredAuditEntry> {
  const sql =
    patientId === undefined
      ? 'SELECT a.*, p.study_id FROM audit_log a LEFT JOIN patients p ON p.id = a.patient_id ORDER BY a.id'
      : 'SELECT a.*, p.study_id FROM audit_log a LEFT JOIN patients p ON p.id = a.patient_id WHERE a.patient_id = ? ORDER BY a.id'
  const stmt = db.prepare(sql)
  const it = (patientId === undefined ? stmt.iterate() : stmt.iterate(patientId)) as IterableIterator<Record<string, unknown>>
  for (const r of it) yield toStored(r)
}

export function countAudit(db: Database, patientId?: number): number {
  return patientId === undefined
    ? (db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number)
    : (db.prepare('SELECT count(*) FROM audit_log WHERE patient_id = ?').pluck().get(patientId) as number)
}
