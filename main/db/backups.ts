import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3, { type Database } from 'better-sqlite3'
import { AppFailure } from '@contract/result'
import { toAppFailure } from './errors'
import { openReadOnlySnapshot } from './connection'

// Automatic, rotating backups of a registry, written with SQLite's online backup (db.backup(),
// never a file copy of a live WAL database) into a `backups` folder beside the registry:
//   <folder>/backups/<registry name>.<UTC time>.<reason>.sqlite
// Each copy is verified with SQLite's integrity check before it takes its final name, so a
// half-written or damaged copy never appears in the list. The files are ordinary registries:
// File ▸ Open can open one directly, and File ▸ Restore from backup… lists them.
//
// Retention (applied after every new backup of the same registry):
// - every backup taken before an import, before a migration, or on request (manual) is kept;
// - daily backups: the newest 7, plus the newest of each of the 4 latest calendar weeks before them;
// - backups before a delete, a restore or a demo replacement: the newest 10 of each kind.

export const BACKUP_REASONS = ['daily', 'manual', 'pre-import', 'pre-delete', 'pre-migration', 'pre-restore', 'pre-demo'] as const
export type BackupReason = (typeof BACKUP_REASONS)[number]

export const BACKUP_FOLDER = 'backups'
const KEEP_DAILY = 7
const KEEP_WEEKLY = 4
const KEEP_OTHER = 10
const ALWAYS_KEPT: readonly BackupReason[] = ['manual', 'pre-import', 'pre-migration']

export interface BackupFile {
  path: string
  fileName: string
  /** When the backup was taken (ISO, UTC), from its file name. */
  createdAt: string
  reason: BackupReason
  sizeBytes: number
}

export function backupFolder(registryPath: string): string {
  return path.join(path.dirname(path.resolve(registryPath)), BACKUP_FOLDER)
}

const stampOf = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace('.', '')
const NAME = /^(.+)\.(\d{8}T\d{9}Z)\.([a-z-]+)\.sqlite$/

function parseStamp(s: string): string {
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`
}

/** The backups of `registryPath` in its backups folder, newest first. */
export function listBackupFiles(registryPath: string): BackupFile[] {
  const folder = backupFolder(registryPath)
  const base = path.basename(registryPath)
  let names: string[]
  try {
    names = fs.readdirSync(folder)
  } catch {
    return []
  }
  const out: BackupFile[] = []
  for (const fileName of names) {
    const m = NAME.exec(fileName)
    if (!m || m[1] !== base || !(BACKUP_REASONS as readonly string[]).includes(m[3]!)) continue
    const full = path.join(folder, fileName)
    let sizeBytes = 0
    try {
      sizeBytes = fs.statSync(full).size
    } catch {
      continue
    }
    out.push({ path: full, fileName, createdAt: parseStamp(m[2]!), reason: m[3] as BackupReason, sizeBytes })
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
}

/** Integrity and patient count of a closed database file, read without writing beside it. */
export function verifyDatabaseFile(file: string): { ok: boolean; messages: string[]; patients: number | null } {
  let db: Database
  try {
    db = openReadOnlySnapshot(file)
  } catch (err) {
    return { ok: false, messages: [(err as Error).message], patients: null }
  }
  try {
    const messages = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check)
    return { ok: messages.length === 1 && messages[0] === 'ok', messages, patients: patientCount(db) }
  } catch (err) {
    return { ok: false, messages: [(err as Error).message], patients: null }
  } finally {
    db.close()
  }
}

function patientCount(db: Database): number | null {
  try {
    return db.prepare('SELECT count(*) FROM patients').pluck().get() as number
  } catch {
    return null
  }
}

/** Number of patients in a backup file, or null when it cannot be read. */
export function countBackupPatients(file: string): number | null {
  let db: Database | null = null
  try {
    // Backups are stored in rollback-journal mode: a read-only connection creates nothing beside them.
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true })
    return patientCount(db)
  } catch {
    return null
  } finally {
    db?.close()
  }
}

/**
 * Finishes a freshly written copy: rollback-journal mode (so that reading it later never creates
 * -wal/-shm files beside it), then SQLite's full integrity check.
 */
function sealCopy(file: string): { ok: boolean; messages: string[] } {
  const db = new BetterSqlite3(file, { fileMustExist: true })
  try {
    db.pragma('journal_mode = DELETE')
    const messages = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check)
    return { ok: messages.length === 1 && messages[0] === 'ok', messages }
  } finally {
    db.close()
  }
}

/**
 * Writes a verified backup of the open registry `db` (stored at `registryPath`) and applies the
 * retention rules. `out` writes to that file instead (not rotated). Returns the backup.
 */
export async function writeBackup(
  db: Database,
  registryPath: string,
  reason: BackupReason,
  now: Date,
  options: { out?: string; keepDamaged?: boolean } = {},
): Promise<BackupFile> {
  const out = options.out
  const folder = backupFolder(registryPath)
  const target = out !== undefined ? path.resolve(out) : path.join(folder, `${path.basename(registryPath)}.${stampOf(now)}.${reason}.sqlite`)
  if (fs.existsSync(target)) {
    throw new AppFailure('DB_ALREADY_EXISTS', `${path.basename(target)} already exists. Choose another name; SpineMet does not overwrite files.`)
  }
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.writing`)
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true })
    await db.backup(temp)
    const check = sealCopy(temp)
    // A copy of a damaged registry (taken before restoring over it) is kept as it is: it may hold
    // the latest entries, and the integrity check would refuse it anyway.
    if (!check.ok && options.keepDamaged !== true) {
      throw new AppFailure('DB_CORRUPT', `The backup of ${path.basename(registryPath)} failed its integrity check (${check.messages.slice(0, 3).join('; ')}); it was not kept.`)
    }
    fs.renameSync(temp, target)
  } catch (err) {
    fs.rmSync(temp, { force: true })
    if (err instanceof AppFailure) throw err
    const code = (err as { code?: unknown }).code
    if (code === 'ENOSPC' || code === 'SQLITE_FULL') {
      throw new AppFailure('DB_READ_ONLY', `There is not enough disk space for a backup of ${path.basename(registryPath)} in ${path.dirname(target)}. Free some space and try again.`)
    }
    if (typeof code === 'string' && code.startsWith('SQLITE')) throw toAppFailure(err, path.basename(registryPath))
    throw new AppFailure('DB_READ_ONLY', `SpineMet could not write a backup of ${path.basename(registryPath)} in ${path.dirname(target)}: ${(err as Error).message}`)
  }
  if (out === undefined) pruneBackups(registryPath)
  const stat = fs.statSync(target)
  return { path: target, fileName: path.basename(target), createdAt: now.toISOString(), reason, sizeBytes: stat.size }
}

/** ISO-8601 week key (year-week) of a UTC date, for the weekly tier. */
function weekKey(iso: string): string {
  const d = new Date(iso.slice(0, 10) + 'T00:00:00Z')
  const day = (d.getUTCDay() + 6) % 7
  d.setUTCDate(d.getUTCDate() - day + 3)
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4))
  const week = 1 + Math.round(((d.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7)
  return `${d.getUTCFullYear()}-${week}`
}

/** Which backups the retention rules keep (newest-first input); the rest are returned for deletion. */
export function backupsToDelete(list: readonly BackupFile[]): BackupFile[] {
  const doomed: BackupFile[] = []
  const daily = list.filter((b) => b.reason === 'daily')
  const weeks = new Set<string>()
  daily.forEach((b, i) => {
    if (i < KEEP_DAILY) return
    const w = weekKey(b.createdAt)
    if (!weeks.has(w) && weeks.size < KEEP_WEEKLY && !daily.slice(0, KEEP_DAILY).some((k) => weekKey(k.createdAt) === w)) {
      weeks.add(w)
      return
    }
    doomed.push(b)
  })
  for (const reason of BACKUP_REASONS) {
    if (reason === 'daily' || ALWAYS_KEPT.includes(reason)) continue
    doomed.push(...list.filter((b) => b.reason === reason).slice(KEEP_OTHER))
  }
  return doomed
}

export function pruneBackups(registryPath: string): void {
  for (const b of backupsToDelete(listBackupFiles(registryPath))) fs.rmSync(b.path, { force: true })
}

/** True when a daily backup was already taken on the UTC day of `now`. */
export function hasDailyBackup(registryPath: string, now: Date): boolean {
  const day = now.toISOString().slice(0, 10)
  return listBackupFiles(registryPath).some((b) => b.reason === 'daily' && b.createdAt.slice(0, 10) === day)
}

/**
 * Replaces the (closed) registry file at `registryPath` with the backup `from`: SQLite's online
 * backup into a temporary file beside the registry, verified, then renamed over it after any
 * stale -wal/-shm of the old file is removed, so a failure leaves the old file as it was.
 */
export async function replaceWithBackup(registryPath: string, from: string): Promise<void> {
  const target = path.resolve(registryPath)
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.restoring`)
  fs.rmSync(temp, { force: true })
  const source = openReadOnlySnapshot(from)
  try {
    await source.backup(temp)
  } catch (err) {
    fs.rmSync(temp, { force: true })
    throw new AppFailure('DB_READ_ONLY', `SpineMet could not write beside ${path.basename(target)}: ${(err as Error).message}. The registry is unchanged.`)
  } finally {
    source.close()
  }
  const check = sealCopy(temp)
  if (!check.ok) {
    fs.rmSync(temp, { force: true })
    throw new AppFailure('DB_CORRUPT', `The restored copy failed its integrity check; ${path.basename(target)} is unchanged.`)
  }
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(target + suffix, { force: true })
  fs.renameSync(temp, target)
}
