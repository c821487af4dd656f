// CSV export behind `export.csv` and the CLI `export`: the patients file (one row per patient,
// every field plus derived columns), the complications and follow-up files, and the data
// dictionary, with an SPSS syntax file that reads them. De-identified unless asked: no name, hospital number, date of birth or free text.
import path from 'node:path'
import type { Database } from 'better-sqlite3'
import { AppFailure } from '@contract/result'
import type { ExportResult } from '@contract/import-export'
import type { PatientRecord } from '@contract/patient-record'
import { deriveRecord } from '@domain/derived'
import { evaluateEligibility } from '@domain/eligibility'
import { todayIso } from '@domain/validation'
import { getPatientRecord } from '../../db/repositories/patient-records'
import { readRegistrySettings } from '../../db/repositories/registry-settings'
import { stmt } from '../../db/statement-cache'
import { APP_VERSION } from '../../version'
import { linkedPaths } from '../import/source'
import type { Session } from '../session'
import {
  COMPLICATION_COLUMNS,
  DERIVED_COLUMNS,
  FOLLOW_UP_COLUMNS,
  derivedCell,
  exportedFields,
  exportedLinkedColumns,
  fieldValue,
  formatValue,
} from './columns'
import { renderCsv, writeExportFiles } from './csv-writer'
import { DICTIONARY_HEADER, dictionaryRows } from './dictionary'
import { derivedVariable, fieldVariable, linkedVariable, spssSyntax } from './spss'

export interface ExportOptions {
  identified: boolean
  scope: 'all' | 'eligible'
  /** ISO timestamp written in the dictionary. */
  now: string
  /** The records to write instead of every record read from `db` (what a damaged registry still gives). */
  records?: Iterable<PatientRecord>
}

/** Every patient record, in study-ID order. */
function* allRecords(db: Database): Generator<PatientRecord> {
  const ids = stmt(db, 'SELECT id FROM patients ORDER BY study_id').pluck().all() as number[]
  for (const id of ids) {
    const r = getPatientRecord(db, id)
    if (r) yield r
  }
}

function withCsvExtension(p: string): string {
  return path.extname(p).toLowerCase() === '.csv' ? p : `${p}.csv`
}

/** Writes the export files for `patientsPath` (and its siblings); returns what was written. */
export function exportRegistry(db: Database, patientsPath: string, options: ExportOptions): ExportResult {
  const file = path.resolve(withCsvExtension(patientsPath))
  const siblings = linkedPaths(file)
  const fields = exportedFields(options.identified)
  const complicationColumns = exportedLinkedColumns(COMPLICATION_COLUMNS, options.identified)
  const followUpColumns = exportedLinkedColumns(FOLLOW_UP_COLUMNS, options.identified)

  const patientRows: string[][] = []
  const complicationRows: string[][] = []
  const followUpRows: string[][] = []
  const { radiosensitivity } = readRegistrySettings(db)
  for (const record of options.records ?? allRecords(db)) {
    const derived = deriveRecord(record, radiosensitivity)
    const eligibility = evaluateEligibility(record, undefined, derived)
    if (options.scope === 'eligible' && eligibility.status !== 'eligible') continue
    const x = { record, derived, eligibility }
    patientRows.push([...fields.map((f) => formatValue(f.kind, fieldValue(record, f.path))), ...DERIVED_COLUMNS.map((d) => derivedCell(d, x))])
    const studyId = record.patient.studyId
    for (const c of record.complications) {
      const item = c as unknown as Record<string, unknown>
      complicationRows.push(complicationColumns.map((col) => (col.key === '' ? studyId : formatValue(col.field.kind, item[col.key]))))
    }
    for (const e of record.followUp) {
      const item = e as unknown as Record<string, unknown>
      followUpRows.push(followUpColumns.map((col) => (col.key === '' ? studyId : formatValue(col.field.kind, item[col.key]))))
    }
  }

  const dictionary = dictionaryRows({
    patientsFile: path.basename(file),
    complicationsFile: path.basename(siblings.complications),
    followUpFile: path.basename(siblings.followUp),
    identified: options.identified,
    appVersion: APP_VERSION,
    exportedAt: options.now,
    scope: options.scope,
    rows: patientRows.length,
    fields,
    derived: DERIVED_COLUMNS,
    complicationColumns,
    followUpColumns,
  })
  const header = [...fields.map((f) => f.path), ...DERIVED_COLUMNS.map((d) => d.name)]
  const spss = spssSyntax({
    appVersion: APP_VERSION,
    exportedAt: options.now,
    identified: options.identified,
    patients: { path: file, variables: [...fields.map(fieldVariable), ...DERIVED_COLUMNS.map(derivedVariable)] },
    complications: { path: siblings.complications, variables: complicationColumns.map(linkedVariable) },
    followUp: { path: siblings.followUp, variables: followUpColumns.map(linkedVariable) },
  })
  writeExportFiles([
    { path: file, content: renderCsv({ path: file, header, rows: patientRows }) },
    { path: siblings.complications, content: renderCsv({ path: siblings.complications, header: complicationColumns.map((c) => c.name), rows: complicationRows }) },
    { path: siblings.followUp, content: renderCsv({ path: siblings.followUp, header: followUpColumns.map((c) => c.name), rows: followUpRows }) },
    { path: siblings.dictionary, content: renderCsv({ path: siblings.dictionary, header: DICTIONARY_HEADER, rows: dictionary }) },
    { path: siblings.spss, content: spss },
  ])
  return {
    path: file,
    dictionaryPath: siblings.dictionary,
    complicationsPath: siblings.complications,
    followUpPath: siblings.followUp,
    spssSyntaxPath: siblings.spss,
    rows: patientRows.length,
    complicationRows: complicationRows.length,
    followUpRows: followUpRows.length,
    identified: options.identified,
    columns: header.length,
  }
}

/** The path the user chose for an export (the save dialog), or CANCELLED. */
export async function chooseExportTarget(session: Session, identified: boolean, cliHelp: string): Promise<string> {
  const choose = session.host.chooseExportPath
  if (!choose) throw new AppFailure('EXPORT_FAILED', `This version of SpineMet cannot show a save dialog here; use the command line: npm run cli -- ${cliHelp}`)
  const today = todayIso(session.host.now())
  const chosen = await choose.call(session.host, `spinemet-${identified ? 'identified' : 'deidentified'}-${today}.csv`, 'csv')
  if (!chosen) throw new AppFailure('CANCELLED', 'Cancelled.')
  return chosen
}

/** File ▸ Export CSV: asks where to save, then writes the files. */
export async function exportCsv(session: Session, input: { identified: boolean; scope: 'all' | 'eligible' }): Promise<ExportResult> {
  const db = session.requireDb()
  const chosen = await chooseExportTarget(session, input.identified, 'export --help')
  const result = exportRegistry(db, chosen, { identified: input.identified, scope: input.scope, now: session.host.now().toISOString() })
  session.host.log('info', 'csv export written', { rows: result.rows, identified: result.identified })
  return result
}
