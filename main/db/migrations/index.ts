import type { Database } from 'better-sqlite3'
import * as m0001 from './0001-initial-schema'
import * as m0002 from './0002-patient-status'
import * as m0003 from './0003-study-analyses'
import * as m0004 from './0004-integrity'
import * as m0005 from './0005-audit-chain'
import * as m0006 from './0006-score-totals'
import * as m0007 from './0007-missing-codes-form-status'

export interface Migration {
  version: number
  name: string
  up(db: Database): void
}

/** Every schema step, in order. Append only: a shipped migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial-schema', up: m0001.up },
  { version: 2, name: 'patient-status', up: m0002.up },
  { version: 3, name: 'study-analyses', up: m0003.up },
  { version: 4, name: 'integrity', up: m0004.up },
  { version: 5, name: 'audit-chain', up: m0005.up },
  { version: 6, name: 'score-totals', up: m0006.up },
  { version: 7, name: 'missing-codes-form-status', up: m0007.up },
]

export const LATEST_SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0

export function checkMigrationList(list: readonly Migration[] = MIGRATIONS): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`)
  })
}

export function pendingMigrations(currentVersion: number, list: readonly Migration[] = MIGRATIONS): Migration[] {
  return list.filter((m) => m.version > currentVersion)
}

/**
 * Runs every pending step in one transaction and records the version with PRAGMA user_version,
 * so a failure leaves the file exactly as it was.
 */
export function runMigrations(db: Database, currentVersion: number, list: readonly Migration[] = MIGRATIONS): number {
  checkMigrationList(list)
  const pending = pendingMigrations(currentVersion, list)
  if (pending.length === 0) return currentVersion
  const apply = db.transaction(() => {
    for (const m of pending) {
      m.up(db)
      db.pragma(`user_version = ${m.version}`)
    }
  })
  apply()
  return pending[pending.length - 1]!.version
}
