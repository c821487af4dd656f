// CSV import use cases behind `import.*`. The renderer never names a file: the host's dialog
// chooses it, and the parsed file stays here behind a token until it is committed or discarded.
import { randomUUID } from 'node:crypto'
import { AppFailure } from '@contract/result'
import type { ImportCommitResult, ImportDryRun, ImportMapping, ImportPreview, ImportProblemListResult, ImportSetAsideResult } from '@contract/import-export'
import { todayIso } from '@domain/validation'
import type { Handlers } from '../../dispatch'
import type { Session } from '../session'
import { backupBefore } from '../backups'
import { commitImportInChunks } from './commit'
import { rowCountOf } from './csv'
import { checkImport, dryRunOf, secondsLeft, type ImportProgress, type ImportSource, type PlanOptions, type PlanSummary } from './plan'
import { loadImportSource, previewOf } from './source'
import type { CheckedRows } from './checked-rows'
import { writeProblemList, type ListLanguage } from './problem-list'
import { commitGoodRows } from './set-aside'

/** Parsed files kept per session; the oldest is dropped beyond this many. */
const MAX_KEPT = 3

interface Kept {
  source: ImportSource
  keptAt: number
  /**
   * The last check of this file: the request it checked (checkKey), what it found, and what it
   * converted when it found no error (for the commit; kept for one file of the session at a time).
   */
  checked?: { key: string; summary: PlanSummary; rows: CheckedRows | null }
}

const stores = new WeakMap<Session, Map<string, Kept>>()

function storeOf(session: Session): Map<string, Kept> {
  let s = stores.get(session)
  if (!s) {
    s = new Map()
    stores.set(session, s)
  }
  return s
}

function keptOf(session: Session, token: string): Kept {
  const kept = storeOf(session).get(token)
  if (!kept) {
    throw new AppFailure('IMPORT_FAILED', 'The file chosen for import is no longer loaded (SpineMet keeps only the last few). Choose the file again.', { field: 'token' })
  }
  return kept
}

function sourceOf(session: Session, token: string): ImportSource {
  return keptOf(session, token).source
}

/** What makes two checks of the same file alike: the mapping, the choices and the day. */
function checkKey(options: PlanOptions): string {
  return JSON.stringify([Object.entries(options.mapping).sort(([a], [b]) => a.localeCompare(b)), options.onDuplicate, options.includeLinked, options.today])
}

/** The last check of this file and request, when there was one (the registry may have changed since). */
function lastCheck(kept: Kept, options: PlanOptions): PlanSummary | null {
  return kept.checked?.key === checkKey(options) ? kept.checked.summary : null
}

export interface ImportRequest {
  token: string
  mapping: ImportMapping
  onDuplicate: 'refuse' | 'skip'
  includeLinked: boolean
}

function planOptions(session: Session, input: ImportRequest): PlanOptions {
  return {
    mapping: input.mapping,
    onDuplicate: input.onDuplicate,
    includeLinked: input.includeLinked,
    today: todayIso(session.host.now()),
  }
}

/** Keeps a parsed source and returns its token (used by the dialog flow and by tests). */
export function keepSource(session: Session, source: ImportSource): string {
  const store = storeOf(session)
  const token = randomUUID()
  store.set(token, { source, keptAt: Date.now() })
  while (store.size > MAX_KEPT) {
    const oldest = [...store.entries()].sort((a, b) => a[1].keptAt - b[1].keptAt)[0]!
    store.delete(oldest[0])
  }
  return token
}

export async function previewImport(session: Session): Promise<ImportPreview> {
  session.requireDb()
  const choose = session.host.chooseImportFile
  if (!choose) throw new AppFailure('IMPORT_FAILED', 'This version of SpineMet cannot show a file dialog here; use the command line: npm run cli -- import --help')
  const chosen = await choose.call(session.host)
  if (!chosen) throw new AppFailure('CANCELLED', 'Cancelled.')
  const source = loadImportSource(chosen)
  const token = keepSource(session, source)
  session.host.log('info', 'import file read', { rows: rowCountOf(source.patients), encoding: source.patients.encoding, problems: source.patients.problems.length })
  return previewOf(source, token)
}

// ---- the check or commit that is running (one per session) ----

interface Running {
  token: string
  stage: 'check' | 'commit'
  cancelled: boolean
}

const running = new WeakMap<Session, Running>()

/** The id of an import's `job.progress` events: the renderer knows it by its token. */
export const importJobId = (token: string): string => `import:${token}`

/** While an import is written, this is what any other change of the registry is told. */
export function importBusyFailure(): AppFailure {
  return new AppFailure('DB_BUSY', 'An import is being written into this registry. Wait until it has finished (or cancel it), then try again; nothing else was changed.', {
    details: { reason: 'import' },
  })
}

/** True while an import is being committed (its transaction is open between chunks). */
export function isCommittingImport(session: Session): boolean {
  return running.get(session)?.stage === 'commit'
}

/** Runs a check or commit as the session's one import job, with progress events and cancel. */
async function asJob<T>(session: Session, token: string, stage: Running['stage'], work: (progress: ImportProgress) => Promise<T>): Promise<T> {
  if (running.has(session)) {
    throw new AppFailure('DB_BUSY', 'Another import is being checked or written. Wait until it has finished, or cancel it.', { details: { reason: 'import' } })
  }
  const job: Running = { token, stage, cancelled: false }
  running.set(session, job)
  const jobId = importJobId(token)
  const label = stage === 'check' ? 'Import: checking the rows' : 'Import: checking and writing the rows'
  const started = Date.now()
  try {
    return await work({
      onProgress: ({ checked, written, total }) =>
        session.host.emit('job.progress', { jobId, done: checked, total, label, rows: { checked, written, total, secondsLeft: secondsLeft(checked, total, Date.now() - started) } }),
      cancelled: () => job.cancelled,
    })
  } finally {
    running.delete(session)
  }
}

export async function dryRunImport(session: Session, input: ImportRequest): Promise<ImportDryRun> {
  const db = session.requireDb()
  const kept = keptOf(session, input.token)
  const options = planOptions(session, input)
  const { checkedRows, ...summary } = await asJob(session, input.token, 'check', (progress) => checkImport(db, kept.source, options, progress, true))
  for (const other of storeOf(session).values()) if (other.checked) other.checked.rows = null
  kept.checked = { key: checkKey(options), summary, rows: checkedRows }
  return dryRunOf(summary)
}

export async function commitImportRequest(session: Session, input: ImportRequest): Promise<ImportCommitResult> {
  const db = session.requireDb()
  const kept = keptOf(session, input.token)
  const source = kept.source
  const options = planOptions(session, input)
  // After a clean dry run of the same request, its rows are not put through the record rules again,
  // and what it converted is written without reading the file again.
  const rulesChecked = lastCheck(kept, options)?.errorCount === 0
  const checked = rulesChecked ? (kept.checked?.rows ?? null) : null
  // Every import is preceded by a verified backup (kept by the retention rules).
  await backupBefore(session, 'pre-import')
  const result = await asJob(session, input.token, 'commit', (progress) => commitImportInChunks(db, source, { ...options, rulesChecked }, session.actor(), progress, checked))
  storeOf(session).delete(input.token)
  session.host.log('info', 'import committed', { created: result.created, skipped: result.skipped })
  session.host.emit('registry.changed', { path: session.current?.path ?? null })
  return result
}

/**
 * Cancels the check or commit of `token`: it stops after the chunk it is in, and a commit rolls
 * back (the registry file stays exactly as it was). False when nothing of that file is running.
 */
export function cancelImport(session: Session, input: { token: string }): boolean {
  const job = running.get(session)
  if (!job || job.token !== input.token) return false
  job.cancelled = true
  return true
}

export function discardImport(session: Session, input: { token: string }): null {
  cancelImport(session, input)
  storeOf(session).delete(input.token)
  return null
}

/** The file name offered for a list or rejects file: the imported file's name with a suffix. */
function besideName(fileName: string, suffix: string): string {
  const dot = fileName.lastIndexOf('.')
  return `${dot > 0 ? fileName.slice(0, dot) : fileName}${suffix}.csv`
}

async function chooseCsvPath(session: Session, defaultName: string): Promise<string> {
  const choose = session.host.chooseExportPath
  if (!choose) throw new AppFailure('CANCELLED', 'This SpineMet window cannot save files; use the command line: npm run cli -- import --help')
  const chosen = await choose.call(session.host, defaultName, 'csv')
  if (!chosen) throw new AppFailure('CANCELLED', 'Cancelled.')
  return chosen
}

/** Saves the check's problem list (errors, then warnings) as CSV in the UI language. */
export async function saveProblemList(session: Session, input: ImportRequest & { language: ListLanguage }): Promise<ImportProblemListResult> {
  const db = session.requireDb()
  const kept = keptOf(session, input.token)
  const source = kept.source
  const options = planOptions(session, input)
  // The dry run's list when it checked this request (what the screen shows), else a new check.
  const plan = lastCheck(kept, options) ?? (await checkImport(db, source, options))
  const target = await chooseCsvPath(session, besideName(source.patients.fileName, input.language === 'zh-CN' ? '_问题清单' : '_problems'))
  const rows = writeProblemList(target, [...plan.errors, ...plan.warnings], input.language)
  session.host.log('info', 'import problem list saved', { rows })
  return { path: target, rows }
}

/**
 * The confirmed "import the good rows, write the others to a file for correction": asks where the
 * rejects go, backs up, creates the good rows and writes the rejects (see set-aside.ts).
 */
export async function commitGoodRowsRequest(session: Session, input: ImportRequest & { language: ListLanguage }): Promise<ImportSetAsideResult> {
  const db = session.requireDb()
  const source = sourceOf(session, input.token)
  const rejectsPath = await chooseCsvPath(session, besideName(source.patients.fileName, input.language === 'zh-CN' ? '_待更正' : '_rejects'))
  await backupBefore(session, 'pre-import')
  const result = commitGoodRows(db, source, { ...planOptions(session, input), rejectsPath, language: input.language }, session.actor())
  storeOf(session).delete(input.token)
  session.host.log('info', 'import committed, rows set aside', { created: result.created, rejected: result.rejectedRows })
  session.host.emit('registry.changed', { path: session.current?.path ?? null })
  return result
}

/** What the window may still do while an import is being written: nothing that reads or changes patients. */
const ALLOWED_WHILE_COMMITTING: ReadonlySet<string> = new Set(['app.info', 'app.setLanguage', 'import.cancel', 'registry.current', 'registry.recent', 'settings.get'])

/**
 * The commit keeps its transaction open between chunks (so the window stays responsive); anything
 * else that reached the registry meanwhile would read half an import or become part of it. So
 * while an import is committed, every other method is refused with DB_BUSY (details.reason
 * 'import'), and the window can say that it waits for the import.
 */
export function guardWhileImporting(session: Session, handlers: Handlers): Handlers {
  const guarded: Record<string, unknown> = { ...handlers }
  for (const [name, handler] of Object.entries(handlers) as [string, (input: unknown) => unknown][]) {
    if (ALLOWED_WHILE_COMMITTING.has(name)) continue
    guarded[name] = (input: unknown) => {
      if (isCommittingImport(session)) throw importBusyFailure()
      return handler(input)
    }
  }
  return guarded as Handlers
}
