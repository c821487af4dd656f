// What the user can still do with a damaged registry (open it read-only, export what can be read),
// the audit trail's hash-chain check for the audit viewer, and writers that wait their turn visibly.
import path from 'node:path'
import type { Database } from 'better-sqlite3'
import { AppFailure } from '@contract/result'
import type { MethodName } from '@contract/api'
import type { AuditChainStatus, SalvageExportResult } from '@contract/integrity'
import type { RegistryInfo } from '@contract/registry'
import { todayIso } from '@domain/validation'
import { verifyAuditChain } from '../db/audit-chain'
import { openDamagedRegistryReadOnly, withReadOnlyRegistry } from '../db/connection'
import type { Handlers } from '../dispatch'
import { exportRegistry } from './export/index'
import { readWhatCanBeRead } from './export/salvage'
import type { Session } from './session'

// ---- the audit trail's hash chain ----

export function auditChainStatus(session: Session): AuditChainStatus {
  const db = session.requireDb()
  const chain = verifyAuditChain(db)
  let brokenEntryAt: string | null = null
  let brokenPatientId: number | null = null
  if (chain.brokenAtId !== null) {
    const row = db.prepare('SELECT at, patient_id FROM audit_log WHERE id = ?').get(chain.brokenAtId) as { at: string; patient_id: number | null } | undefined
    brokenEntryAt = row?.at ?? null
    brokenPatientId = row?.patient_id ?? null
  }
  return {
    intact: chain.intact,
    entries: chain.entries,
    brokenAtId: chain.brokenAtId,
    breakKind: chain.kind,
    brokenEntryAt,
    brokenPatientId,
    reason: chain.reason,
  }
}

// ---- a damaged registry: open read-only, export what can be read ----

function refusedFile(session: Session): string {
  const file = session.refusedDamagedPath
  if (file === null) {
    throw new AppFailure('NO_REGISTRY_OPEN', 'No damaged registry was refused just now. Open the file first (File ▸ Open); when SpineMet finds it damaged it offers to open it read-only.')
  }
  return file
}

/** "Open read-only" after a refusal: the registry opens for viewing and nothing can change it. */
export function openDamagedReadOnly(session: Session): RegistryInfo {
  const file = refusedFile(session)
  const conn = openDamagedRegistryReadOnly(file)
  session.adopt(conn)
  session.host.log('warn', 'damaged registry opened read-only', {})
  return session.info()
}

/** Writes what can be read from `db` (a damaged registry opened read-only) as the usual CSV export. */
export function salvageRegistry(db: Database, registryFile: string, csvPath: string, options: { identified: boolean; now: string }): SalvageExportResult {
  const { records, unreadableIds } = readWhatCanBeRead(db)
  const result = exportRegistry(db, csvPath, { identified: options.identified, scope: 'all', now: options.now, records })
  return { ...result, registryFileName: path.basename(registryFile), exported: result.rows, unreadableIds, unreadable: unreadableIds.length }
}

/**
 * "Export what can be read": from the damaged registry open read-only, or else the one just
 * refused (opened read-only for the export, then closed). Asks where to save like every export.
 */
export async function salvageExport(session: Session, input: { identified: boolean }): Promise<SalvageExportResult> {
  const current = session.current
  const fromOpen = current !== null && current.readOnlyReason === 'damaged'
  const file = fromOpen ? current.path : refusedFile(session)
  const choose = session.host.chooseExportPath
  if (!choose) throw new AppFailure('EXPORT_FAILED', 'This version of SpineMet cannot show a save dialog here; use the command line: npm run cli -- export --salvage --help')
  const today = todayIso(session.host.now())
  const chosen = await choose.call(session.host, `${path.basename(file, path.extname(file))}-readable-${today}.csv`, 'csv')
  if (!chosen) throw new AppFailure('CANCELLED', 'Cancelled.')
  const now = session.host.now().toISOString()
  const result = fromOpen
    ? salvageRegistry(current.db, file, chosen, { identified: input.identified, now })
    : withReadOnlyRegistry(file, (db) => salvageRegistry(db, file, chosen, { identified: input.identified, now }))
  session.host.log('warn', 'readable rows exported from a damaged registry', { rows: result.exported, unreadable: result.unreadable })
  return result
}

/** Methods that change the registry (or start doing so); refused while it is open read-only. */
const WRITES: ReadonlySet<MethodName> = new Set<MethodName>([
  'patients.create',
  'patients.update',
  'patients.delete',
  'patients.addComplication',
  'patients.updateComplication',
  'patients.removeComplication',
  'patients.addFollowUp',
  'patients.updateFollowUp',
  'patients.removeFollowUp',
  'import.preview',
  'import.dryRun',
  'import.commit',
  'settings.update',
  'study.saveSettings',
  'study.deleteAnalysis',
])

function readOnlyRefusal(session: Session): AppFailure | null {
  const conn = session.current
  if (!conn?.readOnly) return null
  const name = path.basename(conn.path)
  if (conn.readOnlyReason === 'damaged') {
    return new AppFailure(
      'DB_READ_ONLY',
      `${name} was opened read-only because the file is damaged: nothing can be changed in it, and nothing was. ` +
        'Restore a backup (File ▸ Restore from backup…), or export what can be read and import it into a new registry.',
      { details: { readOnlyReason: 'damaged' } },
    )
  }
  return new AppFailure(
    'DB_READ_ONLY',
    `${name} is read-only (the file or its folder cannot be written), so nothing can be changed in it, and nothing was. ` +
      'Copy the file to a folder where you can write (File ▸ Save as), then make changes in the copy.',
    { details: { readOnlyReason: 'media' } },
  )
}

/**
 * Refuses every change while the registry is open read-only, with a sentence saying why, before the
 * service runs (SQLite would refuse too: the connection is read-only). A study run is allowed
 * unless it asks to be saved.
 */
export function refuseWritesWhenReadOnly(session: Session, handlers: Handlers): Handlers {
  const guarded = { ...handlers } as Record<string, (input: unknown) => unknown>
  for (const name of Object.keys(handlers) as MethodName[]) {
    const inner = handlers[name] as (input: unknown) => unknown
    const isWrite = WRITES.has(name)
    if (!isWrite && name !== 'study.run') continue
    guarded[name] = (input: unknown) => {
      const refusal = isWrite || (input as { save?: boolean } | null)?.save === true ? readOnlyRefusal(session) : null
      if (refusal) throw refusal
      return inner(input)
    }
  }
  return guarded as Handlers
}

// ---- writers that wait their turn ----

/** The saves made while the user types; each is one short transaction, safe to retry when it could not start. */
const INTERACTIVE_WRITES: readonly MethodName[] = [
  'patients.create',
  'patients.update',
  'patients.addComplication',
  'patients.updateComplication',
  'patients.removeComplication',
  'patients.addFollowUp',
  'patients.updateFollowUp',
  'patients.removeFollowUp',
  'settings.update',
  'study.saveSettings',
]

/** How long one attempt may block the main process waiting for the lock, and the pause between attempts. */
const ATTEMPT_WAIT_MS = 100
const PAUSE_MS = 150

function isBusy(err: unknown): boolean {
  if (err instanceof AppFailure) return err.code === 'DB_BUSY'
  try {
    const code = (err as { code?: unknown } | null)?.code
    return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
  } catch {
    return false
  }
}

/** The busy timeout the connection was configured with, remembered while attempts shorten it. */
const configuredTimeout = new WeakMap<Database, { ms: number; depth: number }>()

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Another process (an import from the command line, another SpineMet window) may hold the write
 * lock for seconds. Instead of blocking the main process in SQLite's busy handler for the whole
 * wait (the window would freeze), an autosave tries for a short moment, then pauses with the event
 * loop free, says so ('registry.writerWaiting'), and tries again, until it saves or the registry's
 * busy timeout has passed (then DB_BUSY, as before). The renderer shows "Waiting for the import to
 * finish…" meanwhile and keeps what was typed.
 */
export async function waitForTurn<T>(session: Session, run: () => T | Promise<T>): Promise<T> {
  const db = session.current?.db
  if (!db || session.current?.readOnly) return run()
  let entry = configuredTimeout.get(db)
  if (!entry) {
    entry = { ms: Number(db.pragma('busy_timeout', { simple: true })), depth: 0 }
    configuredTimeout.set(db, entry)
  }
  entry.depth++
  const deadline = Date.now() + entry.ms
  let waiting = false
  try {
    for (;;) {
      const remaining = deadline - Date.now()
      db.pragma(`busy_timeout = ${Math.max(0, Math.min(ATTEMPT_WAIT_MS, remaining))}`)
      try {
        return await run()
      } catch (err) {
        if (!isBusy(err) || Date.now() >= deadline || !db.open) throw err
      } finally {
        if (db.open) db.pragma(`busy_timeout = ${entry.ms}`)
      }
      if (!waiting) {
        waiting = true
        session.host.emit('registry.writerWaiting', { waiting: true })
        session.host.log('info', 'save waiting for another writer', {})
      }
      await sleep(Math.max(0, Math.min(PAUSE_MS, deadline - Date.now())))
    }
  } finally {
    entry.depth--
    if (entry.depth === 0) configuredTimeout.delete(db)
    if (waiting) session.host.emit('registry.writerWaiting', { waiting: false })
  }
}

/** Wraps the interactive saves in `waitForTurn`. */
export function waitTurnForSaves(session: Session, handlers: Handlers): Handlers {
  const wrapped = { ...handlers } as Record<string, (input: unknown) => unknown>
  for (const name of INTERACTIVE_WRITES) {
    const inner = handlers[name] as (input: unknown) => unknown
    wrapped[name] = (input: unknown) => waitForTurn(session, () => inner(input))
  }
  return wrapped as Handlers
}
