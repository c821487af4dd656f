import type { Database, Statement } from 'better-sqlite3'

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
      `INSERT INTO audit_log (at, os_user, patient_id, table_name, row_id, field, action, old_value, new_value)
       VALUES (@at, @osUser, @patientId, @tableName, @rowId, @field, @action, @oldValue, @newValue)`,
    )
    statements.set(db, stmt)
  }
  for (const e of entries) {
    stmt.run({
      at: actor.at,
      osUser: actor.osUser,
      patientId: e.patientId,
      tableName: e.tableName,
      rowId: e.rowId,
      field: e.field,
      action: e.action,
      oldValue: stringify(e.oldValue),
      newValue: stringify(e.newValue),
    })
  }
}
