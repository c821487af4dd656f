// The all-or-nothing commit: the plan is recomputed inside one IMMEDIATE transaction (so no other
// writer can add a duplicate in between) and every patient is written through
// insertPatientRecord, which writes the audit entries. Any error — in the plan or from SQLite —
// rolls the whole import back.
import type { Database } from 'better-sqlite3'
import { AppFailure } from '@contract/result'
import type { ImportCommitResult, ImportProblem } from '@contract/import-export'
import type { AuditActor } from '../../db/repositories/audit'
import { insertPatientRecord } from '../../db/repositories/patient-records'
import { toAppFailure } from '../../db/errors'
import { planImport, type ImportSource, type PlanOptions } from './plan'
import { ROW_CONVENTION } from './problems'

/** Problems carried by a refused commit (AppError.details). */
export interface ImportRefusal {
  problemCount: number
  problems: ImportProblem[]
}

export function refusalMessage(problems: readonly ImportProblem[]): string {
  const n = problems.length
  const first = problems[0]
  return (
    `Nothing was imported: the file has ${n} problem${n === 1 ? '' : 's'} to correct first${first ? ` (the first: ${first.message})` : ''}. ` +
    `Run the check (dry run) to see them all. ${ROW_CONVENTION}`
  )
}

export function commitImport(db: Database, source: ImportSource, options: PlanOptions, actor: AuditActor): ImportCommitResult {
  const run = db.transaction((): ImportCommitResult => {
    const plan = planImport(db, source, options)
    if (plan.errorCount > 0) {
      const details: ImportRefusal = { problemCount: plan.errorCount, problems: plan.errors.slice(0, 200) }
      throw new AppFailure('IMPORT_FAILED', refusalMessage(plan.errors), { details })
    }
    if (plan.toCreate.length === 0) {
      throw new AppFailure('IMPORT_FAILED', 'Nothing was imported: the file has no patient rows to create.')
    }
    let complications = 0
    let followUpEvents = 0
    for (const r of plan.toCreate) {
      try {
        insertPatientRecord(db, r.record, actor)
      } catch (err) {
        const failure = toAppFailure(err)
        throw new AppFailure('IMPORT_FAILED', `Nothing was imported: row ${r.row} could not be saved (${failure.message}). ${ROW_CONVENTION}`, {
          details: { row: r.row, code: failure.code },
        })
      }
      complications += r.record.complications.length
      followUpEvents += r.record.followUp.length
    }
    return { created: plan.toCreate.length, skipped: plan.skipped, complications, followUpEvents }
  })
  return run.immediate()
}
