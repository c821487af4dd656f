// CSV import use cases behind `import.*`. The renderer never names a file: the host's dialog
// chooses it, and the parsed file stays here behind a token until it is committed or discarded.
import { randomUUID } from 'node:crypto'
import { AppFailure } from '@contract/result'
import type { ImportCommitResult, ImportDryRun, ImportMapping, ImportPreview, ImportProblemListResult, ImportSetAsideResult } from '@contract/import-export'
import { todayIso } from '@domain/validation'
import type { Session } from '../session'
import { backupBefore } from '../backups'
import { commitImport } from './commit'
import { dryRunOf, planImport, type ImportSource, type PlanOptions } from './plan'
import { loadImportSource, previewOf } from './source'
import { writeProblemList, type ListLanguage } from './problem-list'
import { commitGoodRows } from './set-aside'

/** Parsed files kept per session; the oldest is dropped beyond this many. */
const MAX_KEPT = 3

interface Kept {
  source: ImportSource
  keptAt: number
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

function sourceOf(session: Session, token: string): ImportSource {
  const kept = storeOf(session).get(token)
  if (!kept) {
    throw new AppFailure('IMPORT_FAILED', 'The file chosen for import is no longer loaded (SpineMet keeps only the last few). Choose the file again.', { field: 'token' })
  }
  return kept.source
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
  session.host.log('info', 'import file read', { rows: source.patients.rows.length, encoding: source.patients.encoding, problems: source.patients.problems.length })
  return previewOf(source, token)
}

export function dryRunImport(session: Session, input: ImportRequest): ImportDryRun {
  const db = session.requireDb()
  return dryRunOf(planImport(db, sourceOf(session, input.token), planOptions(session, input)))
}

export async function commitImportRequest(session: Session, input: ImportRequest): Promise<ImportCommitResult> {
  const db = session.requireDb()
  const source = sourceOf(session, input.token)
  // Every import is preceded by a verified backup (kept by the retention rules).
  await backupBefore(session, 'pre-import')
  const result = commitImport(db, source, planOptions(session, input), session.actor())
  storeOf(session).delete(input.token)
  session.host.log('info', 'import committed', { created: result.created, skipped: result.skipped })
  session.host.emit('registry.changed', { path: session.current?.path ?? null })
  return result
}

export function discardImport(session: Session, input: { token: string }): null {
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
  const source = sourceOf(session, input.token)
  const plan = planImport(db, source, planOptions(session, input))
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
