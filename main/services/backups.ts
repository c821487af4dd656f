import path from 'node:path'
import BetterSqlite3, { type Database } from 'better-sqlite3'
import { AppFailure } from '@contract/result'
import type { BackupInfo, RestoreResult } from '@contract/backups'
import {
  countBackupPatients,
  hasDailyBackup,
  listBackupFiles,
  replaceWithBackup,
  verifyDatabaseFile,
  writeBackup,
  type BackupFile,
  type BackupReason,
} from '../db/backups'
import { openRegistryFile } from '../db/connection'
import type { Session } from './session'

// Backups of the open registry as the app offers them (list, back up now, restore), and the
// automatic backups other services take before risky changes. The mechanism (online backup,
// verification, retention) is main/db/backups.ts, shared with the CLI.

function toInfo(b: BackupFile): BackupInfo {
  return { fileName: b.fileName, path: b.path, createdAt: b.createdAt, reason: b.reason, patients: countBackupPatients(b.path), sizeBytes: b.sizeBytes }
}

export function listBackups(session: Session): BackupInfo[] {
  session.requireDb()
  return listBackupFiles(session.current!.path).map(toInfo)
}

export async function backupNow(session: Session): Promise<BackupInfo> {
  const db = session.requireDb()
  const b = await writeBackup(db, session.current!.path, 'manual', session.host.now())
  session.host.log('info', 'backup written', { reason: 'manual' })
  return toInfo(b)
}

/**
 * Takes an automatic backup of the open registry before a risky change (import, delete).
 * A backup that cannot be written stops the change: the user is told why, and nothing is changed.
 */
export async function backupBefore(session: Session, reason: BackupReason): Promise<void> {
  const db = session.requireDb()
  await writeBackup(db, session.current!.path, reason, session.host.now())
  session.host.log('info', 'backup written', { reason })
}

/** The daily backup at opening: at most one a day. A failure is logged, not fatal: the file is open. */
export async function dailyBackup(session: Session, db: Database, registryPath: string): Promise<void> {
  const now = session.host.now()
  if (hasDailyBackup(registryPath, now)) return
  try {
    await writeBackup(db, registryPath, 'daily', now)
    session.host.log('info', 'backup written', { reason: 'daily' })
  } catch (err) {
    session.host.log('warn', 'daily backup failed', { code: err instanceof AppFailure ? err.code : 'unknown' })
  }
}

/**
 * Replaces the open registry with one of its backups: the backup is checked first, the current
 * state is backed up ('pre-restore'), the registry is closed, the file replaced, and reopened.
 */
export async function restoreFromBackup(session: Session, input: { fileName: string }): Promise<RestoreResult> {
  const db = session.requireDb()
  const registryPath = session.current!.path
  const chosen = listBackupFiles(registryPath).find((b) => b.fileName === input.fileName)
  if (!chosen) {
    throw new AppFailure('NOT_FOUND', `There is no backup called ${input.fileName} for this registry. Choose one from the list.`, { field: 'fileName' })
  }
  const result = await restoreRegistryFile(registryPath, chosen.path, session.host.now(), { db, close: () => session.close() })
  session.host.log('info', 'registry restored from backup', { reason: chosen.reason })
  const conn = await openRegistryFile(registryPath, { now: () => session.host.now() })
  session.adopt(conn)
  return result
}

/**
 * Restores `registryPath` from the backup file `from` (shared by the app and the CLI). When the
 * registry is open (`open`), its current state is backed up through that connection, which is then
 * closed; otherwise the file is opened for that. A damaged current state is backed up as it is.
 */
export async function restoreRegistryFile(
  registryPath: string,
  from: string,
  now: Date,
  open?: { db: Database; close: () => void },
): Promise<RestoreResult> {
  const source = path.resolve(from)
  if (source === path.resolve(registryPath)) {
    throw new AppFailure('INVALID_INPUT', 'That is the registry itself. Choose one of its backups.')
  }
  const check = verifyDatabaseFile(source)
  if (!check.ok || check.patients === null) {
    throw new AppFailure(
      'DB_CORRUPT',
      `${path.basename(source)} cannot be restored: ${check.patients === null ? 'it is not a SpineMet registry' : `it failed SQLite's integrity check (${check.messages.slice(0, 2).join('; ')})`}. Nothing was changed.`,
    )
  }
  let safety: BackupFile
  if (open) {
    safety = await writeBackup(open.db, registryPath, 'pre-restore', now, { keepDamaged: true })
    open.close()
  } else {
    let db: Database
    try {
      db = (await openRegistryFile(registryPath, { now: () => now })).db
    } catch (err) {
      // A damaged registry is what restoring is for: its pages are still copied, as they are.
      if (!(err instanceof AppFailure) || (err.code !== 'DB_CORRUPT' && err.code !== 'DB_MIGRATION_FAILED')) throw err
      db = new BetterSqlite3(registryPath, { fileMustExist: true })
    }
    try {
      safety = await writeBackup(db, registryPath, 'pre-restore', now, { keepDamaged: true })
      try {
        db.pragma('wal_checkpoint(TRUNCATE)')
      } catch {
        // the pre-restore backup already holds the WAL's content
      }
    } finally {
      db.close()
    }
  }
  await replaceWithBackup(registryPath, source)
  return { restoredFrom: path.basename(source), safetyBackup: safety.path, patients: check.patients }
}
