import fs from 'node:fs'
import path from 'node:path'
import { AppFailure } from '@contract/result'
import type { AppInfo, RecentRegistry, RegistryInfo } from '@contract/registry'
import { backupRegistry, createRegistryFile, openRegistryFile, openRegistryReadOnly, type RegistryConnection } from '../db/connection'
import { APP_VERSION, ENGINE_VERSION, LATEST_SCHEMA_VERSION } from '../version'
import { DEMO_DEFAULT_SEED, writeDemoRegistry } from './demo-cohort'
import type { Session } from './session'
import { dailyBackup } from './backups'

const REGISTRY_EXTENSION = '.sqlite'

function withExtension(filePath: string): string {
  return path.extname(filePath) ? filePath : filePath + REGISTRY_EXTENSION
}

function cancelled(): never {
  throw new AppFailure('CANCELLED', 'Cancelled.')
}

export function appInfo(session: Session): AppInfo {
  return {
    appVersion: APP_VERSION,
    engineVersion: ENGINE_VERSION,
    schemaVersion: LATEST_SCHEMA_VERSION,
    host: session.host.kind,
    platform: process.platform,
    userDataDir: session.host.userDataDir,
  }
}

export function currentRegistry(session: Session): RegistryInfo | null {
  return session.current ? session.info() : null
}

/** Opens a registry file by path (CLI, dialogs, recent list) and makes it the session's registry. */
export async function openRegistryAt(session: Session, filePath: string): Promise<RegistryInfo> {
  let conn: RegistryConnection
  try {
    try {
      conn = await openRegistryFile(filePath, { now: () => session.host.now() })
    } catch (err) {
      // Read-only media (or a file marked read-only): open it for viewing, writing nothing at all.
      if (!(err instanceof AppFailure) || err.code !== 'DB_READ_ONLY') throw err
      conn = openRegistryReadOnly(filePath)
    }
  } catch (err) {
    // Damaged clinical data: remembered so that the user may open it read-only or export what can be read.
    if (err instanceof AppFailure && err.code === 'DB_CORRUPT' && (err.details as { readOnlyAvailable?: boolean } | undefined)?.readOnlyAvailable) {
      session.refusedDamagedPath = path.resolve(filePath)
      session.host.log('warn', 'registry refused: clinical data damaged', { readOnlyOffered: true })
    }
    throw err
  }
  if (!conn.readOnly) await dailyBackup(session, conn.db, conn.path)
  session.adopt(conn)
  session.host.log('info', 'registry opened', { schemaVersion: conn.schemaVersion, migrated: conn.migrationBackupPath !== null })
  if (conn.repairedOnOpen.length > 0) session.host.log('warn', 'derived structures rebuilt at opening', { rebuilt: conn.repairedOnOpen })
  return session.info()
}

export function createRegistryAt(session: Session, filePath: string): RegistryInfo {
  const conn = createRegistryFile(withExtension(filePath), { appVersion: APP_VERSION, now: () => session.host.now() })
  session.adopt(conn)
  return session.info()
}

export async function createRegistry(session: Session): Promise<RegistryInfo> {
  const chosen = await session.host.chooseNewRegistryPath('registry' + REGISTRY_EXTENSION)
  if (!chosen) cancelled()
  return createRegistryAt(session, chosen)
}

export async function openRegistry(session: Session, input: { recentPath?: string | undefined }): Promise<RegistryInfo> {
  let target: string
  if (input.recentPath !== undefined) {
    // The renderer may only name a file SpineMet has opened before; anything else goes through the dialog.
    if (!session.isRecent(input.recentPath)) {
      throw new AppFailure('INVALID_INPUT', 'That file is not in the list of recent registries. Use File ▸ Open to choose it.', { field: 'recentPath' })
    }
    target = input.recentPath
  } else {
    const chosen = await session.host.chooseRegistryToOpen()
    if (!chosen) cancelled()
    target = chosen
  }
  return openRegistryAt(session, target)
}

/** Opens the demo registry in the user-data folder, writing it first when it does not exist. */
export async function openDemoRegistry(session: Session, input: { regenerate?: boolean | undefined }): Promise<RegistryInfo> {
  const demoPath = session.demoRegistryPath
  if (session.current?.path === demoPath) {
    if (!input.regenerate) return session.info()
    session.close()
  }
  if (input.regenerate || !fs.existsSync(demoPath)) {
    await writeDemoRegistry(demoPath, { seed: DEMO_DEFAULT_SEED, appVersion: APP_VERSION, overwrite: true })
  }
  return openRegistryAt(session, demoPath)
}

/**
 * File ▸ Save as: SQLite's online backup of the open registry to the chosen file, which then
 * becomes the open registry. The original file is left as it was.
 */
export async function saveRegistryAs(session: Session): Promise<RegistryInfo> {
  const db = session.requireDb()
  const current = session.current!
  const chosen = await session.host.chooseSaveAsPath(path.basename(current.path, REGISTRY_EXTENSION) + '-copy' + REGISTRY_EXTENSION)
  if (!chosen) cancelled()
  const target = path.resolve(withExtension(chosen))
  if (target === current.path) {
    throw new AppFailure('INVALID_INPUT', 'That is the file already open. Choose another name for the copy.')
  }
  if (fs.existsSync(target)) {
    throw new AppFailure('DB_ALREADY_EXISTS', `${path.basename(target)} already exists. Choose another name; SpineMet does not overwrite registries.`)
  }
  try {
    await backupRegistry(db, target)
  } catch (err) {
    fs.rmSync(target, { force: true })
    throw new AppFailure('DB_READ_ONLY', `SpineMet could not write ${path.basename(target)}: ${(err as Error).message}. The open registry is unchanged.`)
  }
  return openRegistryAt(session, target)
}

export function closeRegistry(session: Session): null {
  session.close()
  return null
}

export function recentRegistries(session: Session): RecentRegistry[] {
  return session.recent()
}

export function forgetRecentRegistry(session: Session, input: { path: string }): RecentRegistry[] {
  session.forget(input.path)
  return session.recent()
}
