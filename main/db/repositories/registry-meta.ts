import type { Database } from 'better-sqlite3'
import type { RegistryCounts } from '@contract/registry'
import { stmt } from '../statement-cache'

export function readMeta(db: Database): Record<string, string> {
  const rows = stmt(db, 'SELECT key, value FROM registry_meta').all() as { key: string; value: string }[]
  return Object.fromEntries(rows.map((r) => [r.key, r.value]))
}

export function writeMeta(db: Database, key: string, value: string): void {
  stmt(db, 'INSERT INTO registry_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value)
}

export function countRows(db: Database): RegistryCounts {
  const n = (table: string): number => (stmt(db, `SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  return {
    patients: n('patients'),
    identities: n('patient_identities'),
    assessments: n('assessments'),
    surgeries: n('surgeries'),
    complications: n('complications'),
    followUpEvents: n('follow_up_events'),
    auditEntries: n('audit_log'),
  }
}
