import path from 'node:path'
import { AppFailure } from '@contract/result'
import { withReadOnlyRegistry } from '../../db/connection'
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index'
import { exportRegistry } from '../../services/export/index'
import { salvageRegistry } from '../../services/integrity'
import { exportNotes } from '../../services/export/dictionary'
import { REDCAP_REPEATING_FORMS, exportRedcap } from '../../services/export/redcap'
import { CSV_FIELDS } from '../../services/import/fields'
import { APP_VERSION } from '../../version'
import { oneOfOption, requireString, type Command } from '../command'

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export a registry as CSV for R, SPSS or Excel: patients, complications, follow-up and a data dictionary (read-only).',
  help: `Writes five files: FILE (one row per patient), FILE_complications.csv and FILE_follow_up.csv (one row
per item, linked by patient.studyId), FILE_dictionary.csv (column, type, unit, allowed values with
English and Chinese labels, meaning, source) and FILE_spss.sps (SPSS syntax that reads the three CSV
files with types, variable and value labels, NA as missing).
De-identified by default: no name, hospital number, date of birth or free-text notes. Clinical
dates are kept (survival and intervals need them), so the files are pseudonymised, not anonymous.
--identified adds identity and free text (${CSV_FIELDS.filter((f) => f.identifying || f.freeText)
    .map((f) => f.path)
    .join(', ')}, complication descriptions, follow-up notes).
Format: UTF-8 with BOM, comma-separated, NA for missing, dates YYYY-MM-DD, yes/no as 1/0, codes as
stored (labels in the dictionary), derived.* columns computed (totals, intervals, endpoints).
In R: d <- read.csv("FILE"); in R before 4.2 on Windows add fileEncoding = "UTF-8-BOM".
In SPSS: open FILE_spss.sps and run it.
--format redcap writes instead FILE_redcap_dictionary.csv (a REDCap data dictionary: its 18
standard columns, choices as "1, Male | 2, Female", dates as date_ymd, vertebrae as a checkbox)
and FILE_redcap_data.csv (one row per patient keyed by pt_study_id, plus one row per complication
and follow-up event as repeating instruments ${REDCAP_REPEATING_FORMS.join(' and ')}). In REDCap:
Project Setup ▸ Data Dictionary ▸ upload the dictionary; mark the two instruments repeating; then
Data Import Tool ▸ upload the data file (date format YYYY-MM-DD). JSON fields for redcap: dataPath,
dictionaryPath, records, repeatingRows, fields, repeatingInstruments, identified, appVersion.
The registry is opened read-only. JSON fields: path, complicationsPath, followUpPath,
dictionaryPath, spssSyntaxPath, rows, complicationRows, followUpRows, identified, columns.
--salvage exports what can be read from a damaged registry (one SpineMet refuses with DB_CORRUPT):
each patient is read on its own and skipped when SQLite cannot read it; the report says how many
were written and which record numbers could not be read (JSON adds exported, unreadable,
unreadableIds). The file is not changed. Exit code 1 when any patient could not be read.`,
  options: {
    db: { type: 'string', valueName: 'FILE', description: 'registry file (.sqlite)' },
    csv: { type: 'string', valueName: 'FILE', description: 'patients CSV to write (the other files are named after it)' },
    identified: { type: 'boolean', description: 'include names, hospital numbers, dates of birth and free text' },
    scope: { type: 'string', valueName: 'all|eligible', description: 'all patients (default) or only those meeting the study criteria' },
    format: { type: 'string', valueName: 'spinemet|redcap', description: 'SpineMet CSV files for R/SPSS/Excel (default) or a REDCap dictionary and data-import file' },
    salvage: { type: 'boolean', description: 'damaged registry: export every patient that can still be read, list those that cannot' },
  },
  async run({ values, io }) {
    const dbFile = path.resolve(io.cwd, requireString(values, 'db'))
    const csvFile = path.resolve(io.cwd, requireString(values, 'csv'))
    const scope = oneOfOption(values, 'scope', ['all', 'eligible'] as const) ?? 'all'
    const identified = values.identified === true
    const format = oneOfOption(values, 'format', ['spinemet', 'redcap'] as const) ?? 'spinemet'
    const now = new Date().toISOString()
    if (values.salvage === true) {
      if (scope !== 'all') throw new AppFailure('INVALID_INPUT', '--salvage exports every patient that can be read; leave out --scope.', { field: 'scope' })
      const salvaged = withReadOnlyRegistry(dbFile, (db, inspected) => {
        if (inspected.header.userVersion !== LATEST_SCHEMA_VERSION) {
          throw new AppFailure('INVALID_INPUT', `${path.basename(dbFile)} uses registry format ${inspected.header.userVersion}; --salvage reads format ${LATEST_SCHEMA_VERSION} only.`)
        }
        return salvageRegistry(db, dbFile, csvFile, { identified, now })
      })
      const ids = salvaged.unreadableIds
      const text = [
        `Exported ${salvaged.exported} patients that could be read from ${salvaged.registryFileName} (${identified ? 'IDENTIFIED' : 'de-identified'}); ${salvaged.unreadable} could not be read.`,
        ids.length > 0 ? `Not readable (record numbers): ${ids.slice(0, 50).join(', ')}${ids.length > 50 ? `, … (${ids.length - 50} more in the JSON output)` : ''}` : 'Every patient could be read.',
        `  ${salvaged.path}`,
        `  ${salvaged.complicationsPath}`,
        `  ${salvaged.followUpPath}`,
        `  ${salvaged.dictionaryPath}`,
        `  ${salvaged.spssSyntaxPath}`,
        `${path.basename(dbFile)} was not changed.`,
      ].join('\n')
      return { json: salvaged, text, exitCode: salvaged.unreadable > 0 ? 1 : 0 }
    }
    const checkFormat = (userVersion: number) => {
      if (userVersion !== LATEST_SCHEMA_VERSION) {
        throw new AppFailure(
          'INVALID_INPUT',
          `${path.basename(dbFile)} uses registry format ${userVersion}; this SpineMet exports format ${LATEST_SCHEMA_VERSION}. Open it once in SpineMet (it is updated after a backup), then export.`,
        )
      }
    }
    if (format === 'redcap') {
      const r = withReadOnlyRegistry(dbFile, (db, inspected) => {
        checkFormat(inspected.header.userVersion)
        return exportRedcap(db, csvFile, { identified, scope })
      })
      const text = [
        `Wrote ${r.records} REDCap records (${identified ? 'IDENTIFIED' : 'de-identified'}, ${r.fields} fields) and ${r.repeatingRows} rows of repeating instruments:`,
        `  ${r.dictionaryPath}`,
        `  ${r.dataPath}`,
        '',
        `In REDCap: upload the dictionary (Project Setup ▸ Data Dictionary), mark ${r.repeatingInstruments.join(' and ')} as repeating instruments, then import the data file (Data Import Tool, dates YYYY-MM-DD).`,
      ].join('\n')
      return { json: r, text }
    }
    const result = withReadOnlyRegistry(dbFile, (db, inspected) => {
      checkFormat(inspected.header.userVersion)
      return exportRegistry(db, csvFile, { identified, scope, now })
    })
    const notes = exportNotes({ identified, appVersion: APP_VERSION, exportedAt: now, scope, rows: result.rows })
    const text = [
      `Wrote ${result.rows} patients (${identified ? 'IDENTIFIED' : 'de-identified'}, ${result.columns} columns), ${result.complicationRows} complications and ${result.followUpRows} follow-up events:`,
      `  ${result.path}`,
      `  ${result.complicationsPath}`,
      `  ${result.followUpPath}`,
      `  ${result.dictionaryPath}`,
      `  ${result.spssSyntaxPath}`,
      '',
      notes.find(([k]) => k === 'privacy')![1],
    ].join('\n')
    return { json: result, text }
  },
}
