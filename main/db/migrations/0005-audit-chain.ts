import type { Database } from 'better-sqlite3'
import { AUDIT_CHAIN_START, auditRowHash, type AuditRowForHash } from '../audit-chain'

// Schema version 5: a tamper-evident audit trail. Each audit_log row gets the hash of the row
// before it (prev_hash) and its own (entry_hash), see main/db/audit-chain.ts. Existing rows are
// chained here in id order; from now on writeAudit appends to the chain.

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
    ALTER TABLE audit_log ADD COLUMN entry_hash TEXT;
  `)
  const rows = db.prepare('SELECT id, at, os_user, patient_id, table_name, row_id, field, action, old_value, new_value FROM audit_log ORDER BY id').all() as AuditRowForHash[]
  const set = db.prepare('UPDATE audit_log SET prev_hash = ?, entry_hash = ? WHERE id = ?')
  let previous = AUDIT_CHAIN_START
  for (const r of rows) {
    const hash = auditRowHash(previous, r)
    set.run(previous, hash, r.id)
    previous = hash
  }
}
