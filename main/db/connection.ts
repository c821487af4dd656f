import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3, { type Database } from 'better-sqlite3'
import { AppFailure } from '@contract/result'
import { LATEST_SCHEMA_VERSION, runMigrations } from './migrations/index'
import { toAppFailure } from './errors'
import { refreshStalePatientStatus } from './repositories/patient-edits'
import { writeBackup } from './backups'
import { corruptFailure, inspectBeforeOpening, repairDerived, type DerivedStructure } from './integrity'

/** PRAGMA application_id of a SpineMet registry: 'SPMT'. */
export const SPINEMET_APPLICATION_ID = 0x53504d54

const SQLITE_MAGIC = 'SQLite format 3\u0000'

export interface FileHeader {
  sizeBytes: number
  /** PRAGMA user_version as stored in the header (offset 60). */
  userVersion: number
  /** PRAGMA application_id as stored in the header (offset 68). */
  applicationId: number
  /** File format read/write versions 2 (offsets 18-19): the file is in WAL mode. */
  walMode: boolean
}

export interface RegistryConnection {
  db: Database
  path: string
  schemaVersion: number
  journalMode: 'wal' | 'delete'
  /** The backup taken before migrating an older file, if any. */
  migrationBackupPath: string | null
  /** Derived structures (search index, status cache, indexes) found damaged and rebuilt at opening. */
  repairedOnOpen: DerivedStructure[]
  /** Opened for reading only (the file or its folder is not writable): every save is refused. */
  readOnly: boolean
  /** Why it is read-only; absent means 'media' when readOnly (the file or its folder cannot be written). */
  readOnlyReason?: 'media' | 'damaged'
}

/**
 * Reads the 100-byte SQLite header without opening the file as a database, so a refusal
 * (not SQLite, not SpineMet, newer schema) leaves the file byte-for-byte untouched.
 * https://www.sqlite.org/fileformat.html#the_database_header
 */
export function readHeader(filePath: string): FileHeader {
  let stat: fs.Stats
  try {
    stat = fs.statSync(filePath)
  } catch {
    throw new AppFailure('DB_NOT_FOUND', `The registry file ${filePath} does not exist. Check the folder, or choose File ▸ Open to look for it.`)
  }
  if (stat.isDirectory()) {
    throw new AppFailure('DB_NOT_SQLITE', `${filePath} is a folder, not a SpineMet registry file.`)
  }
  if (stat.size < 100) {
    throw new AppFailure(
      'DB_NOT_SQLITE',
      `${path.basename(filePath)} is not a SpineMet registry: it is ${stat.size === 0 ? 'empty' : 'too small to be a database'}. Nothing was changed.`,
    )
  }
  const buf = Buffer.alloc(100)
  const fd = fs.openSync(filePath, 'r')
  try {
    fs.readSync(fd, buf, 0, 100, 0)
  } finally {
    fs.closeSync(fd)
  }
  if (buf.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw new AppFailure(
      'DB_NOT_SQLITE',
      `${path.basename(filePath)} is not a SpineMet registry (it is not an SQLite database file). Nothing was changed. Choose a file ending in .sqlite that SpineMet created.`,
    )
  }
  return { sizeBytes: stat.size, userVersion: buf.readInt32BE(60), applicationId: buf.readInt32BE(68), walMode: buf[18] === 2 || buf[19] === 2 }
}

const NOT_OURS = 'Nothing was changed. To bring its data in, use Import with a CSV export of it.'

/**
 * The header decides first, from 100 bytes read without opening the file as a database:
 * SpineMet's application_id, a registry format this SpineMet knows (1 … latest), or 0 only for a
 * file SpineMet began to create (checked against its tables next).
 */
export function assertHeaderIsOurs(header: FileHeader, name: string): void {
  if (header.applicationId !== SPINEMET_APPLICATION_ID) {
    throw new AppFailure('DB_NOT_SPINEMET', `${name} is an SQLite database but not a SpineMet registry. ${NOT_OURS}`)
  }
  if (header.userVersion < 0) {
    throw new AppFailure(
      'DB_NOT_SPINEMET',
      `${name} carries SpineMet's mark but an unknown registry format (${header.userVersion}); no SpineMet writes that. ${NOT_OURS}`,
      { details: { fileVersion: header.userVersion } },
    )
  }
  if (header.userVersion > LATEST_SCHEMA_VERSION) {
    throw new AppFailure(
      'DB_FROM_NEWER_VERSION',
      `${name} was written by a newer SpineMet (registry format ${header.userVersion}; this SpineMet reads up to ${LATEST_SCHEMA_VERSION}). ` +
        'Nothing was changed. Install the newer SpineMet to open it.',
      { details: { fileVersion: header.userVersion, supportedVersion: LATEST_SCHEMA_VERSION } },
    )
  }
}

/** Tables each registry format has (what a file claiming that format must contain). */
const TABLES_BY_VERSION: Record<number, readonly string[]> = {
  1: ['registry_meta', 'patients', 'patient_identities', 'patient_vertebrae', 'assessments', 'surgeries', 'complications', 'follow_up_events', 'audit_log'],
  2: ['patient_status', 'patient_search'],
}

/**
 * Refuses a file whose tables do not match the format its header claims: a header copied onto
 * another database, or version 0 with tables of its own (SpineMet writes its tables and the
 * version in one transaction, so a version-0 registry is empty). Reads only sqlite_schema.
 */
export function assertSchemaIsOurs(db: Database, userVersion: number, name: string): void {
  let tables: Set<string>
  try {
    tables = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[])
  } catch (err) {
    throw toAppFailure(err, name)
  }
  if (userVersion === 0) {
    if (tables.size > 0) {
      throw new AppFailure('DB_NOT_SPINEMET', `${name} has tables of its own but no SpineMet registry format. ${NOT_OURS}`)
    }
    return
  }
  const missing: string[] = []
  for (const [v, names] of Object.entries(TABLES_BY_VERSION)) {
    if (Number(v) <= userVersion) for (const t of names) if (!tables.has(t)) missing.push(t)
  }
  if (missing.length > 0) {
    throw new AppFailure(
      'DB_NOT_SPINEMET',
      `${name} claims to be a SpineMet registry (format ${userVersion}) but lacks its tables (${missing.slice(0, 4).join(', ')}${missing.length > 4 ? ', …' : ''}). ${NOT_OURS}`,
      { details: { missing } },
    )
  }
}

function assertWritable(filePath: string): void {
  const name = path.basename(filePath)
  const message =
    `${name} is read-only, so SpineMet cannot save changes to it. Nothing was changed. ` +
    'Copy the file to a folder where you can write (or ask IT to allow writing), then open the copy.'
  const stat = fs.statSync(filePath)
  // Checked on the mode bits too: the administrator may run as root, where access() always
  // succeeds, and a file marked read-only must still be treated as such.
  if ((stat.mode & 0o222) === 0) throw new AppFailure('DB_READ_ONLY', message)
  try {
    fs.accessSync(filePath, fs.constants.W_OK)
    // SQLite writes its journal (-wal, -shm) beside the file.
    fs.accessSync(path.dirname(filePath), fs.constants.W_OK)
  } catch {
    throw new AppFailure('DB_READ_ONLY', message)
  }
}

/**
 * How long a write waits for another writer (an import committing, a second SpineMet window or the
 * CLI) before giving up with DB_BUSY. Longer than the longest single commit measured (a 15,000-row
 * import, about 8 s), so an autosave during an import waits its turn instead of failing.
 */
export const BUSY_TIMEOUT_MS = 30_000

function applyPragmas(db: Database): 'wal' | 'delete' {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  db.pragma('foreign_keys = ON')
  // A lost clinical entry costs more than a millisecond per commit.
  db.pragma('synchronous = FULL')
  // WAL cannot work on network shares; SQLite then keeps the old mode and we fall back to DELETE.
  const mode = String(db.pragma('journal_mode = WAL', { simple: true })).toLowerCase()
  if (mode === 'wal') return 'wal'
  db.pragma('journal_mode = DELETE')
  return 'delete'
}

/**
 * Opens an existing registry: checks the header (SQLite, SpineMet, not newer), refuses
 * read-only files, runs a quick integrity check, and migrates an older schema after a
 * `db.backup()` beside the file. Every refusal happens before the file is opened for writing.
 */
export async function openRegistryFile(filePath: string, options: { now?: () => Date } = {}): Promise<RegistryConnection> {
  const absolute = path.resolve(filePath)
  const header = readHeader(absolute)
  const name = path.basename(absolute)
  assertHeaderIsOurs(header, name)
  assertWritable(absolute)

  let db: Database
  try {
    db = new BetterSqlite3(absolute, { fileMustExist: true })
  } catch (err) {
    throw toAppFailure(err, name)
  }
  try {
    // Decided before anything is written (no journal-mode switch yet): a file without our tables,
    // or damaged outside the derived structures, is refused here.
    assertSchemaIsOurs(db, header.userVersion, name)
    const found = inspectBeforeOpening(db, name)
    const journalMode = applyPragmas(db)
    let migrationBackupPath: string | null = null
    const from = header.userVersion
    if (from < LATEST_SCHEMA_VERSION) {
      // A verified backup in the backups folder, openable like any registry (File ▸ Open).
      migrationBackupPath = (await writeBackup(db, absolute, 'pre-migration', (options.now ?? (() => new Date()))())).path
      try {
        runMigrations(db, from)
      } catch (err) {
        throw new AppFailure(
          'DB_MIGRATION_FAILED',
          `SpineMet could not update ${name} to the current registry format; the file was left as it was. A copy was saved as ${path.basename(migrationBackupPath)} in the backups folder beside it.`,
          { details: { cause: err instanceof Error ? err.message : String(err) } },
        )
      }
    }
    // Search index, status cache and SQL indexes are derived data: rebuilt, never a reason to refuse.
    const repairedOnOpen = repairDerived(db, name, found)
    // The status cache is derived data: rows made by other rules (PATIENT_STATUS_LOGIC_VERSION)
    // or missing are recomputed now, with the current schema and rules (see migration 0002).
    refreshStalePatientStatus(db)
    return { db, path: absolute, schemaVersion: LATEST_SCHEMA_VERSION, journalMode, migrationBackupPath, repairedOnOpen, readOnly: false }
  } catch (err) {
    db.close()
    throw err instanceof AppFailure ? err : toAppFailure(err, name)
  }
}

/** Creates a new, empty registry file at the current schema version. */
export function createRegistryFile(
  filePath: string,
  options: { overwrite?: boolean; appVersion: string; now?: () => Date; registryId?: string },
): RegistryConnection {
  const absolute = path.resolve(filePath)
  const name = path.basename(absolute)
  if (fs.existsSync(absolute)) {
    if (!options.overwrite) {
      throw new AppFailure('DB_ALREADY_EXISTS', `${name} already exists. Choose another name, or open it with File ▸ Open.`)
    }
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(absolute + suffix, { force: true })
  }
  try {
    fs.mkdirSync(path.dirname(absolute), { recursive: true })
  } catch (err) {
    throw new AppFailure('DB_READ_ONLY', `SpineMet cannot create the folder for ${name}: ${(err as Error).message}`)
  }
  let db: Database
  try {
    db = new BetterSqlite3(absolute)
  } catch (err) {
    throw toAppFailure(err, name)
  }
  try {
    db.pragma(`application_id = ${SPINEMET_APPLICATION_ID}`)
    const journalMode = applyPragmas(db)
    runMigrations(db, 0)
    const now = (options.now ?? (() => new Date()))().toISOString()
    const meta = db.prepare('INSERT INTO registry_meta (key, value) VALUES (?, ?)')
    db.transaction(() => {
      meta.run('registry_id', options.registryId ?? cryptoRandomId())
      meta.run('created_at', now)
      meta.run('created_by_app_version', options.appVersion)
    })()
    return { db, path: absolute, schemaVersion: LATEST_SCHEMA_VERSION, journalMode, migrationBackupPath: null, repairedOnOpen: [], readOnly: false }
  } catch (err) {
    db.close()
    throw err instanceof AppFailure ? err : toAppFailure(err, name)
  }
}

function cryptoRandomId(): string {
  return globalThis.crypto.randomUUID()
}

/** Full PRAGMA integrity_check; 'ok' or the list of problems SQLite reports. */
export function integrityCheck(db: Database): { ok: boolean; messages: string[] } {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[]
  const messages = rows.map((r) => r.integrity_check)
  return { ok: messages.length === 1 && messages[0] === 'ok', messages }
}

/** Copies an open registry with SQLite's online backup (never a file copy of a WAL database). */
export async function backupRegistry(db: Database, targetPath: string): Promise<void> {
  await db.backup(targetPath)
}

/**
 * Opens a registry on read-only media (or a file marked read-only) for viewing: nothing is
 * written, not even -wal/-shm. Only a current-format registry that passes SQLite's integrity
 * check is opened this way; saves then fail with DB_READ_ONLY.
 */
export function openRegistryReadOnly(filePath: string): RegistryConnection {
  const { db, inspected } = openReadOnlyRegistry(filePath)
  const name = path.basename(inspected.path)
  try {
    if (inspected.header.userVersion !== LATEST_SCHEMA_VERSION) {
      throw new AppFailure(
        'DB_READ_ONLY',
        `${name} is read-only and uses an older registry format (${inspected.header.userVersion}), which SpineMet must update before showing it. Nothing was changed. Copy the file to a folder where you can write, then open the copy.`,
      )
    }
    if (!inspected.integrity.ok) throw corruptFailure(name, inspected.integrity.messages)
    return { db, path: inspected.path, schemaVersion: LATEST_SCHEMA_VERSION, journalMode: inspected.journalMode === 'wal' ? 'wal' : 'delete', migrationBackupPath: null, repairedOnOpen: [], readOnly: true }
  } catch (err) {
    db.close()
    throw err
  }
}

/**
 * Opens a database file for reading without writing a byte anywhere: no -wal/-shm beside it,
 * no change to the file, so it works on read-only media and on files that are not ours.
 * A WAL-mode file whose WAL is empty or absent is read from a copy in memory (its header marked
 * as rollback mode in the copy only; SQLite would otherwise create -shm to read it). A file with
 * a non-empty WAL beside it (SpineMet was not closed normally) is opened read-only by SQLite,
 * which needs the -shm file and so a writable folder.
 */
export function openReadOnlySnapshot(filePath: string): Database {
  const absolute = path.resolve(filePath)
  let walBytes = 0
  try {
    walBytes = fs.statSync(absolute + '-wal').size
  } catch {
    walBytes = 0
  }
  if (walBytes > 0) return new BetterSqlite3(absolute, { readonly: true, fileMustExist: true })
  const image = fs.readFileSync(absolute)
  if (image.length >= 100 && (image[18] === 2 || image[19] === 2)) {
    image[18] = 1
    image[19] = 1
  }
  return new BetterSqlite3(image, { readonly: true })
}

export interface InspectedRegistry {
  path: string
  header: FileHeader
  journalMode: string
  integrity: { ok: boolean; messages: string[] }
}

/**
 * Opens a registry read-only to report on it (CLI `info`): never migrates and never writes.
 * Refuses non-SQLite, non-SpineMet and newer-version files like `openRegistryFile`.
 */
export function withReadOnlyRegistry<T>(filePath: string, fn: (db: Database, inspected: InspectedRegistry) => T): T {
  const { db, inspected } = openReadOnlyRegistry(filePath)
  let pending = false
  try {
    const out = fn(db, inspected)
    if (out instanceof Promise) {
      // An async reader (e.g. an online backup of the file) keeps the connection until it settles.
      pending = true
      return out.then(
        (v) => v,
        (err: unknown) => {
          throw err instanceof AppFailure ? err : toAppFailure(err, path.basename(inspected.path))
        },
      ).finally(() => db.close()) as T
    }
    return out
  } catch (err) {
    throw err instanceof AppFailure ? err : toAppFailure(err, path.basename(inspected.path))
  } finally {
    if (!pending) db.close()
  }
}

/**
 * A read-only snapshot of a file whose header and schema are SpineMet's (checked before and after
 * opening; the connection is closed again when the schema is not ours).
 */
function openOurSnapshot(filePath: string): { absolute: string; header: ReturnType<typeof readHeader>; name: string; db: Database } {
  const absolute = path.resolve(filePath)
  const header = readHeader(absolute)
  const name = path.basename(absolute)
  assertHeaderIsOurs(header, name)
  let db: Database
  try {
    db = openReadOnlySnapshot(absolute)
  } catch (err) {
    throw toAppFailure(err, name)
  }
  try {
    assertSchemaIsOurs(db, header.userVersion, name)
  } catch (err) {
    db.close()
    throw err instanceof AppFailure ? err : toAppFailure(err, name)
  }
  return { absolute, header, name, db }
}

/** Opens a registry for reading only (see withReadOnlyRegistry); the caller closes `db`. */
export function openReadOnlyRegistry(filePath: string): { db: Database; inspected: InspectedRegistry } {
  const { absolute, header, name, db } = openOurSnapshot(filePath)
  try {
    const journalMode = header.walMode ? 'wal' : String(db.pragma('journal_mode', { simple: true }))
    return { db, inspected: { path: absolute, header, journalMode, integrity: integrityCheck(db) } }
  } catch (err) {
    db.close()
    throw err instanceof AppFailure ? err : toAppFailure(err, name)
  }
}

/**
 * Opens a registry refused as damaged in its clinical tables, for viewing only, after the user
 * chose "Open read-only": read from a read-only snapshot (see openReadOnlySnapshot), so not a byte
 * of the file changes and nothing is written beside it; every write fails in SQLite too. Only the
 * header, the schema table and the registry format are required to be readable.
 */
export function openDamagedRegistryReadOnly(filePath: string): RegistryConnection {
  const { absolute, header, name, db } = openOurSnapshot(filePath)
  try {
    if (header.userVersion !== LATEST_SCHEMA_VERSION) {
      throw new AppFailure(
        'DB_CORRUPT',
        `${name} is damaged and uses an older registry format (${header.userVersion}), which SpineMet cannot show without updating it. Nothing was changed. Restore a backup, or ask support to recover it.`,
      )
    }
    return {
      db,
      path: absolute,
      schemaVersion: LATEST_SCHEMA_VERSION,
      journalMode: header.walMode ? 'wal' : 'delete',
      migrationBackupPath: null,
      repairedOnOpen: [],
      readOnly: true,
      readOnlyReason: 'damaged',
    }
  } catch (err) {
    db.close()
    throw err instanceof AppFailure ? err : toAppFailure(err, name)
  }
}
