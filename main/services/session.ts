import fs from 'node:fs'
import path from 'node:path'
import type { Database } from 'better-sqlite3'
import { AppFailure } from '@contract/result'
import type { RecentRegistry, RegistryInfo } from '@contract/registry'
import { integrityCheck, type RegistryConnection } from '../db/connection'
import { countRows, readMeta } from '../db/repositories/registry-meta'
import { verifyAuditChain } from '../db/audit-chain'
import type { AuditActor } from '../db/repositories/audit'
import type { Host } from './host'

const MAX_RECENT = 10

/**
 * The one registry file open in this process, and the recent-file list. Services reach the
 * database only through `requireDb()`, which fails with NO_REGISTRY_OPEN in words a user
 * understands.
 */
export class Session {
  private connection: RegistryConnection | null = null
  private demoPath: string
  /**
   * The last file refused at opening because its clinical tables are damaged: the one
   * "Open read-only" and "Export what can be read" act on (the renderer never names a file).
   */
  refusedDamagedPath: string | null = null

  constructor(readonly host: Host) {
    this.demoPath = path.join(host.userDataDir, 'demo', 'spinemet-demo.sqlite')
  }

  get demoRegistryPath(): string {
    return this.demoPath
  }

  get current(): RegistryConnection | null {
    return this.connection
  }

  requireDb(): Database {
    if (!this.connection) {
      throw new AppFailure('NO_REGISTRY_OPEN', 'No registry is open. Open a registry file (File ▸ Open) or create one (File ▸ New) first.')
    }
    return this.connection.db
  }

  actor(): AuditActor {
    return { osUser: this.host.osUser(), at: this.host.now().toISOString() }
  }

  /** Makes `conn` the open registry, closing the previous one, and remembers the file. */
  adopt(conn: RegistryConnection): void {
    this.close()
    this.connection = conn
    this.remember(conn.path)
    this.host.emit('registry.changed', { path: conn.path })
  }

  close(): void {
    if (!this.connection) return
    const { db } = this.connection
    try {
      // Fold the WAL back into the file so that a copied .sqlite is complete on its own.
      db.pragma('wal_checkpoint(TRUNCATE)')
    } catch {
      // a failed checkpoint loses nothing: the WAL stays beside the file
    }
    db.close()
    this.connection = null
    this.host.emit('registry.changed', { path: null })
  }

  /**
   * Describes the open registry. The full integrity check reads every page, so it runs only
   * when asked (`registry.info`, CLI `info`); otherwise the quick check made at opening is reported.
   */
  info(options: { fullIntegrityCheck?: boolean } = {}): RegistryInfo {
    const conn = this.connection
    if (!conn) throw new AppFailure('NO_REGISTRY_OPEN', 'No registry is open.')
    const meta = readMeta(conn.db)
    let sizeBytes = 0
    try {
      sizeBytes = fs.statSync(conn.path).size
    } catch {
      sizeBytes = 0
    }
    return {
      path: conn.path,
      fileName: path.basename(conn.path),
      schemaVersion: conn.schemaVersion,
      journalMode: conn.journalMode,
      registryId: meta.registry_id ?? '',
      createdAt: meta.created_at ?? null,
      createdByAppVersion: meta.created_by_app_version ?? null,
      sizeBytes,
      counts: countRows(conn.db),
      integrity: options.fullIntegrityCheck ? integrityCheck(conn.db) : { ok: true, messages: ['ok (quick check at opening)'] },
      isDemo: meta.demo_seed !== undefined,
      migrationBackupPath: conn.migrationBackupPath,
      repairedOnOpen: [...conn.repairedOnOpen],
      readOnly: conn.readOnly,
      readOnlyReason: conn.readOnly ? (conn.readOnlyReason ?? 'media') : null,
      auditChain: options.fullIntegrityCheck ? verifyAuditChain(conn.db) : null,
    }
  }

  // ---- recent files (a small JSON file in the user-data folder) ----

  private recentFile(): string {
    return path.join(this.host.userDataDir, 'recent-registries.json')
  }

  private readRecentRaw(): { path: string; lastOpenedAt: string }[] {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(this.recentFile(), 'utf8'))
      if (!Array.isArray(parsed)) return []
      return parsed.filter(
        (e): e is { path: string; lastOpenedAt: string } =>
          typeof e === 'object' && e !== null && typeof (e as { path?: unknown }).path === 'string' && typeof (e as { lastOpenedAt?: unknown }).lastOpenedAt === 'string',
      )
    } catch {
      return []
    }
  }

  private writeRecentRaw(list: { path: string; lastOpenedAt: string }[]): void {
    fs.mkdirSync(this.host.userDataDir, { recursive: true })
    const tmp = this.recentFile() + '.tmp'
    fs.writeFileSync(tmp, JSON.stringify(list, null, 2))
    fs.renameSync(tmp, this.recentFile())
  }

  remember(filePath: string): void {
    const list = this.readRecentRaw().filter((e) => e.path !== filePath)
    list.unshift({ path: filePath, lastOpenedAt: this.host.now().toISOString() })
    this.writeRecentRaw(list.slice(0, MAX_RECENT))
  }

  forget(filePath: string): void {
    this.writeRecentRaw(this.readRecentRaw().filter((e) => e.path !== filePath))
  }

  recent(): RecentRegistry[] {
    return this.readRecentRaw().map((e) => ({
      path: e.path,
      fileName: path.basename(e.path),
      lastOpenedAt: e.lastOpenedAt,
      exists: fs.existsSync(e.path),
    }))
  }

  isRecent(filePath: string): boolean {
    return this.readRecentRaw().some((e) => e.path === filePath)
  }
}
