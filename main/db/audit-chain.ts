import crypto from 'node:crypto'
import type { Database } from 'better-sqlite3'

// Tamper-evident audit trail: every audit row carries the SHA-256 of the previous row's hash and
// its own content (a hash chain, as in append-only logs). Editing, deleting or inserting a row
// anywhere but at the end breaks the chain from that row on, and `info` and the registry report
// say where. This does not stop someone from rewriting the whole chain with this code; it makes
// silent edits by hand (an SQLite editor, a script) visible.
//
// The format is part of the registry format: a change needs a new migration that rehashes.

export const AUDIT_CHAIN_START = '0'.repeat(64)

export interface AuditRowForHash {
  id: number
  at: string
  os_user: string
  patient_id: number | null
  table_name: string
  row_id: number | null
  field: string | null
  action: string
  old_value: string | null
  new_value: string | null
}

/** SHA-256 (hex) of the previous hash and the row's columns, as canonical JSON. */
export function auditRowHash(previous: string, r: AuditRowForHash): string {
  const canonical = JSON.stringify([r.id, r.at, r.os_user, r.patient_id, r.table_name, r.row_id, r.field, r.action, r.old_value, r.new_value])
  return crypto.createHash('sha256').update(previous).update('\n').update(canonical).digest('hex')
}

export interface AuditChainReport {
  intact: boolean
  entries: number
  /** Id of the first entry whose hash does not match (null when intact). */
  brokenAtId: number | null
  reason: string | null
  /** 'changed': the entry itself was edited; 'gap': an entry before it was removed, added or changed. */
  kind: 'changed' | 'gap' | null
}

/** Walks the whole trail in id order and checks every link. */
export function verifyAuditChain(db: Database): AuditChainReport {
  let previous = AUDIT_CHAIN_START
  let entries = 0
  const rows = db
    .prepare('SELECT id, at, os_user, patient_id, table_name, row_id, field, action, old_value, new_value, prev_hash, entry_hash FROM audit_log ORDER BY id')
    .iterate() as IterableIterator<AuditRowForHash & { prev_hash: string | null; entry_hash: string | null }>
  for (const r of rows) {
    entries++
    if (r.prev_hash !== previous) {
      return { intact: false, entries, brokenAtId: r.id, reason: 'an entry before this one was removed, added or changed', kind: 'gap' }
    }
    const expected = auditRowHash(previous, r)
    if (r.entry_hash !== expected) {
      return { intact: false, entries, brokenAtId: r.id, reason: 'this entry was changed after it was written', kind: 'changed' }
    }
    previous = expected
  }
  return { intact: true, entries, brokenAtId: null, reason: null, kind: null }
}
