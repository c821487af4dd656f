// The all-or-nothing commit: the plan is recomputed inside one IMMEDIATE transaction (so no other
// writer can add a duplicate in between) — from what a clean dry run of the same request converted
// when there is that, else from the file — and written a chunk of rows at a time (write.ts: the rows
// and status cache of each patient, and one audit entry for the whole import). Any error — in the
// plan or from SQLite — or a cancel rolls the whole import back, leaving the registry file as it was.
//
// At scale (tens of thousands of rows) the derived structures are not kept up to date row by row:
// the search index (FTS5, written by triggers) is filled once at the end from the new rows, and
// when the import is at least as large as the registry, the ordinary (non-unique) indexes of the
// clinical tables are dropped and built again at the end, inside the same transaction. Both are
// restored exactly by a rollback. Between two chunks the event loop runs (the window stays
// responsive in the app) when committed through commitImportInChunks.
import type { Database } from 'better-sqlite3'
import { AppFailure } from '@contract/result'
import type { ImportCommitResult, ImportProblem } from '@contract/import-export'
import type { AuditActor } from '../../db/repositories/audit'
import { rowChunks, rowCountOf } from './csv'
import type { CheckedRows } from './checked-rows'
import { ImportPlanner, PLAN_CHUNK_ROWS, cancelledFailure, yieldToEventLoop, type ImportProgress, type ImportSource, type PlanOptions, type PlannedRow } from './plan'
import { ROW_CONVENTION } from './problems'
import { ImportWriter } from './write'

/** Problems carried by a refused commit (AppError.details). */
export interface ImportRefusal {
  problemCount: number
  problems: ImportProblem[]
}

export function refusalMessage(problems: readonly ImportProblem[], count: number = problems.length): string {
  const n = count
  const first = problems[0]
  return (
    `Nothing was imported: the file has ${n} problem${n === 1 ? '' : 's'} to correct first${first ? ` (the first: ${first.message})` : ''}. ` +
    `Run the check (dry run) to see them all. ${ROW_CONVENTION}`
  )
}

/** From this many rows on, the search index is filled once at the end rather than row by row. */
export const DEFER_DERIVED_FROM_ROWS = 2000

/** The tables an import writes, whose ordinary indexes it may build again at the end. */
const IMPORTED_TABLES = ['patients', 'patient_identities', 'patient_vertebrae', 'assessments', 'surgeries', 'complications', 'follow_up_events', 'audit_log', 'patient_status']

/** The triggers that keep the search index in step with new patients and identities (migration 0002). */
const SEARCH_INSERT_TRIGGERS = ['patient_search_patient_insert', 'patient_search_identity_insert']

interface Deferred {
  /** SQL to run again at the end: the indexes and triggers dropped at the start. */
  recreate: string[]
  search: boolean
  firstId: number
}

/** Drops what is built again once at the end (inside the transaction). */
function deferDerived(db: Database, rows: number, firstId: number): Deferred | null {
  if (rows < DEFER_DERIVED_FROM_ROWS) return null
  const schema = (type: string, names: readonly string[] | null) =>
    (db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = ? AND sql IS NOT NULL AND ${names ? 'name' : 'tbl_name'} IN (SELECT value FROM json_each(?))`).all(type, JSON.stringify(names ?? IMPORTED_TABLES)) as {
      name: string
      sql: string
    }[])
  const triggers = schema('trigger', SEARCH_INSERT_TRIGGERS)
  const patients = db.prepare('SELECT count(*) FROM patients').pluck().get() as number
  // Building an index again reads its whole table: worth it only when the import is the larger part.
  const indexes = rows >= patients ? schema('index', null).filter((i) => !/^\s*CREATE\s+UNIQUE\b/i.test(i.sql)) : []
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`)
  for (const i of indexes) db.exec(`DROP INDEX ${i.name}`)
  return { recreate: [...indexes, ...triggers].map((x) => x.sql), search: triggers.length === SEARCH_INSERT_TRIGGERS.length, firstId }
}

function restoreDerived(db: Database, d: Deferred): void {
  if (d.search) {
    // What the insert triggers would have written for the new patients and identities.
    db.prepare('INSERT INTO patient_search (rowid, name_or_study_id) SELECT id * 2, study_id FROM patients WHERE id >= ?').run(d.firstId)
    db.prepare('INSERT INTO patient_search (rowid, name_or_study_id, hospital_number) SELECT patient_id * 2 + 1, full_name, hospital_number FROM patient_identities WHERE patient_id >= ?').run(d.firstId)
  }
  for (const sql of d.recreate) db.exec(sql)
}

/**
 * The commit as steps: each `yield` comes after a chunk of rows has been checked and written.
 * Throwing into the generator (a cancel) rolls everything back.
 */
function* commitSteps(db: Database, source: ImportSource, options: PlanOptions, actor: AuditActor, progress: ImportProgress, checked: CheckedRows | null): Generator<void, ImportCommitResult> {
  const nested = db.inTransaction
  db.exec(nested ? 'SAVEPOINT spinemet_import' : 'BEGIN IMMEDIATE')
  let open = true
  const rollback = () => {
    if (!open) return
    open = false
    if (nested) db.exec('ROLLBACK TO spinemet_import; RELEASE spinemet_import')
    else if (db.inTransaction) db.exec('ROLLBACK')
  }
  try {
    const planner = new ImportPlanner(db, source, options)
    const total = rowCountOf(source.patients)
    const writer = new ImportWriter(db, source.patients, actor)
    const deferred = planner.usable ? deferDerived(db, total, writer.nextPatientId) : null
    if (planner.usable) {
      for (const planned of plannedChunks(planner, source, checked)) {
        // After the first error nothing more is written; the rest is only checked, to list every problem.
        if (planner.errorCount === 0) writer.write(planned.filter((r) => !r.skip))
        progress.onProgress?.({ checked: planner.rowsPlanned, written: planner.errorCount === 0 ? writer.created : 0, total })
        yield
      }
    }
    const plan = planner.finish()
    if (plan.errorCount > 0) {
      const details: ImportRefusal = { problemCount: plan.errorCount, problems: plan.errors.slice(0, 200) }
      throw new AppFailure('IMPORT_FAILED', refusalMessage(plan.errors, plan.errorCount), { details })
    }
    if (plan.createCount === 0) {
      throw new AppFailure('IMPORT_FAILED', 'Nothing was imported: the file has no patient rows to create.')
    }
    writer.finish()
    if (deferred) restoreDerived(db, deferred)
    open = false
    db.exec(nested ? 'RELEASE spinemet_import' : 'COMMIT')
    return { created: writer.created, skipped: plan.skipped, complications: writer.complications, followUpEvents: writer.followUpEvents }
  } catch (err) {
    rollback()
    throw err
  } finally {
    // A generator closed early (return()) without an error: nothing may stay half-written.
    rollback()
  }
}

/**
 * The planned rows, a chunk at a time: from what a clean check of this same request kept, when
 * there is that (the file is not read and converted again), else from the file.
 */
function* plannedChunks(planner: ImportPlanner, source: ImportSource, checked: CheckedRows | null): Generator<PlannedRow[]> {
  if (checked) {
    // Not read again, but what was checked is still what the file holds.
    source.patients.stream?.assertUnchanged()
    for (let from = 0; from < checked.count; from += PLAN_CHUNK_ROWS) yield planner.replayChunk(checked, from, Math.min(checked.count, from + PLAN_CHUNK_ROWS))
    return
  }
  for (const chunk of rowChunks(source.patients, PLAN_CHUNK_ROWS)) yield planner.planChunk(chunk)
}

/** Commits in one go (the CLI, tests): see commitSteps. */
export function commitImport(db: Database, source: ImportSource, options: PlanOptions, actor: AuditActor, progress: ImportProgress = {}, checked: CheckedRows | null = null): ImportCommitResult {
  const steps = commitSteps(db, source, options, actor, progress, checked)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
    if (progress.cancelled?.()) steps.throw(cancelledFailure())
  }
}

/**
 * Commits a chunk at a time, letting the event loop run between chunks (progress events reach the
 * window, Cancel is heard). A cancel rolls everything back and rejects with CANCELLED.
 */
export async function commitImportInChunks(
  db: Database,
  source: ImportSource,
  options: PlanOptions,
  actor: AuditActor,
  progress: ImportProgress = {},
  checked: CheckedRows | null = null,
): Promise<ImportCommitResult> {
  const steps = commitSteps(db, source, options, actor, progress, checked)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
    await yieldToEventLoop()
    if (progress.cancelled?.()) steps.throw(cancelledFailure())
  }
}
