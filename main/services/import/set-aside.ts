// "Import the good rows and set the others aside": an explicit, confirmed alternative to the
// all-or-nothing commit. Rows without any error are created in one transaction; every row with an
// error is written, as it was in the file, to a rejects file with the same columns (plus one column
// naming its problems), which imports cleanly once corrected. Linked complications and follow-up
// rows of the rejected patients go to <rejects>_complications.csv / _follow_up.csv beside it, so
// the corrected rejects import with them. Problems that belong to no row (the mapping, a missing
// column, a row the CSV format breaks) cannot be set aside: the file is refused as before.
import fs from 'node:fs'
import type { Database } from 'better-sqlite3'
import { AppFailure } from '@contract/result'
import type { ImportProblem, ImportSetAsideResult } from '@contract/import-export'
import type { AuditActor } from '../../db/repositories/audit'
import { guardFormula, renderCsv, writeFilesTogether } from '../export/csv-writer'
import { rowChunks, type CsvFile } from './csv'
import { COMPLICATION_COLUMNS, FOLLOW_UP_COLUMNS, locateLinkedColumns } from './linked'
import { nextStudyIds, planImport, type ImportPlan, type ImportSource, type PlanOptions } from './plan'
import { problemText, REJECTS_PROBLEM_COLUMN, type ListLanguage } from './problem-list'
import { ROW_CONVENTION } from './problems'
import { linkedPaths } from './source'
import { ImportWriter } from './write'

const key = (s: string) => s.trim().toUpperCase()

interface RejectFile {
  path: string
  content: string
  rows: number
}

function inMemory(file: CsvFile): CsvFile {
  if (!file.stream) return file
  const rows = [...rowChunks(file, 10_000)].flat()
  const whole: CsvFile = { fileName: file.fileName, encoding: file.encoding, delimiter: file.delimiter, header: file.header, rows, problems: file.problems }
  if (file.sha256) whole.sha256 = file.sha256
  return whole
}

/** An error that no row can carry: the mapping, a missing column, a row the reader left out. */
function unplaceable(plan: ImportPlan, source: ImportSource): ImportProblem | null {
  const rowsOf = (file: CsvFile | null) => new Set((file?.rows ?? []).map((r) => r.row))
  const present = { patients: rowsOf(source.patients), complications: rowsOf(source.complications), followUp: rowsOf(source.followUp) }
  return plan.errors.find((p) => p.row === null || !present[p.file].has(p.row)) ?? null
}

function messagesByRow(problems: readonly ImportProblem[], file: ImportProblem['file'], language: ListLanguage): Map<number, string> {
  const out = new Map<number, string>()
  for (const p of problems) {
    if (p.file !== file || p.row === null) continue
    const text = (p.column ? `${p.column}: ` : '') + problemText(p, language)
    const before = out.get(p.row)
    out.set(p.row, before ? `${before} | ${text}` : text)
  }
  return out
}

function rejectsCsv(file: CsvFile, rows: readonly number[], messages: Map<number, string>, language: ListLanguage, path: string): RejectFile {
  const byRow = new Map(file.rows.map((r) => [r.row, r.cells]))
  const body = rows.map((row) => [...(byRow.get(row) ?? []).map(guardFormula), guardFormula(messages.get(row) ?? '')])
  return { path, rows: rows.length, content: renderCsv({ path, header: [...file.header, REJECTS_PROBLEM_COLUMN[language]], rows: body }) }
}

/** The rows of a linked file whose patient is not created (rejected, or not in the patients file). */
function linkedRejects(
  kind: 'complications' | 'followUp',
  file: CsvFile | null,
  created: Set<string>,
  skipped: Set<string>,
  problems: readonly ImportProblem[],
  language: ListLanguage,
  target: string,
): RejectFile | null {
  if (!file) return null
  const columns = kind === 'complications' ? COMPLICATION_COLUMNS : FOLLOW_UP_COLUMNS
  const index = locateLinkedColumns(file.header, columns).get(columns[0]!) ?? -1
  if (index < 0) return null
  const rows = file.rows.filter((r) => {
    const id = key(r.cells[index] ?? '')
    return !created.has(id) && !skipped.has(id)
  })
  if (rows.length === 0) return null
  return rejectsCsv(file, rows.map((r) => r.row), messagesByRow(problems, kind, language), language, target)
}

export interface SetAsideOptions extends PlanOptions {
  /** Where the rejected rows go (the patients file; linked files beside it). */
  rejectsPath: string
  /** Language of the problems column. */
  language: ListLanguage
}

/**
 * Creates the patients of every row without an error and writes the other rows to the rejects
 * file(s). The rejects are written first (each file complete or not at all); if the transaction
 * then fails, they are removed again and nothing was imported.
 */
export function commitGoodRows(db: Database, streamed: ImportSource, options: SetAsideOptions, actor: AuditActor): ImportSetAsideResult {
  // The rows are needed again to write the rejects: files read in chunks are read whole here.
  const source = {
    patients: inMemory(streamed.patients),
    complications: streamed.complications && inMemory(streamed.complications),
    followUp: streamed.followUp && inMemory(streamed.followUp),
  }
  const files: RejectFile[] = []
  const run = db.transaction((): ImportSetAsideResult => {
    const plan = planImport(db, source, options)
    const blocking = unplaceable(plan, source)
    if (blocking) {
      throw new AppFailure(
        'IMPORT_FAILED',
        `Nothing was imported: this problem belongs to no single row, so the good rows cannot be separated from it (${blocking.message}). Correct it first. ${ROW_CONVENTION}`,
        { details: { problemCount: plan.errors.length, problems: [blocking] } },
      )
    }
    const good = plan.toCreate.filter((r) => r.errors === 0)
    const bad = plan.toCreate.filter((r) => r.errors > 0)
    if (good.length === 0) {
      throw new AppFailure('IMPORT_FAILED', `Nothing was imported: every row has a problem (${plan.errors.length} in all). Save the problem list, correct the file and check it again.`)
    }
    // Without a study ID column the plan numbered every row; the created patients take the next
    // numbers in order, and the rejected rows get theirs when they are imported again.
    const hasStudyIdColumn = Object.values(options.mapping).includes('patient.studyId')
    if (!hasStudyIdColumn) nextStudyIds(db, good.length).forEach((id, i) => (good[i]!.record.patient.studyId = id))

    const language = options.language
    const linked = linkedPaths(options.rejectsPath)
    const created = new Set(good.map((r) => key(r.record.patient.studyId)))
    const skipped = new Set(plan.rows.filter((r) => r.skip).map((r) => key(r.record.patient.studyId)))
    files.push(rejectsCsv(source.patients, bad.map((r) => r.row), messagesByRow(plan.errors, 'patients', language), language, options.rejectsPath))
    if (options.includeLinked && hasStudyIdColumn) {
      for (const [kind, target] of [['complications', linked.complications], ['followUp', linked.followUp]] as const) {
        const f = linkedRejects(kind, source[kind], created, skipped, plan.errors, language, target)
        if (f) files.push(f)
      }
    }
    writeFilesTogether(files)

    const writer = new ImportWriter(db, source.patients, actor)
    writer.write(good)
    writer.finish()
    return {
      created: writer.created,
      skipped: plan.skipped,
      complications: writer.complications,
      followUpEvents: writer.followUpEvents,
      rejectedRows: bad.length,
      rejectedProblems: plan.errors.length,
      rejectsPath: options.rejectsPath,
      rejectsFiles: files.map((f) => f.path),
    }
  })
  try {
    return run.immediate()
  } catch (err) {
    for (const f of files) fs.rmSync(f.path, { force: true })
    throw err
  }
}
