// CSV import use cases behind `import.*`. The renderer never names a file: the host's dialog
// chooses it, and the parsed file stays here behind a token until it is committed or discarded.
import { randomUUID } from 'node:crypto'
import { AppFailure } from '@contract/result'
import type { ImportCommitResult, ImportDryRun, ImportMapping, ImportPreview } from '@contract/import-export'
import { todayIso } from '@domain/validation'
import type { Session } from '../session'
import { backupBefore } from '../backups'
import { commitImport } from './commit'
import { dryRunOf, planImport, type ImportSource, type PlanOptions } from './plan'
import { loadImportSource, previewOf } from './source'

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
