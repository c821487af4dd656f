// REDCap export: a data dictionary (REDCap's 18 standard columns) and a data-import CSV that a
// REDCap project built from that dictionary imports unchanged, so several centres can pool their
// SpineMet registries on one REDCap server. Both are derived from the same field list as the
// CSV export (`CSV_FIELDS` and the linked files' columns): nothing here names a field by hand.
//
// Conventions (REDCap's documented rules for dictionaries and imports):
// - variable names: lower-case letters, digits and underscores, starting with a letter, at most
//   26 characters (longer names are accepted with a warning but break some exports); the
//   record identifier is the first field of the first instrument;
// - choices: "raw value, label" pairs separated by " | " (e.g. `1, Male | 2, Female`); raw values
//   are the code's position in its code list, 1-based, because REDCap raw values may hold only
//   letters, digits and underscores (SpineMet's codes include "1.0", "semi_rigid" and "IIIa");
//   the SpineMet code of each choice is kept in the Field Annotation;
// - yes/no fields are REDCap's `yesno` (1 = yes, 0 = no, as SpineMet stores them); dates are
//   text with `date_ymd` validation and are written YYYY-MM-DD; a list of vertebrae is a
//   `checkbox` field, imported as one column per vertebra (`name___c1` = 0/1);
// - complications and follow-up events are repeating instruments: their rows carry
//   `redcap_repeat_instrument` and `redcap_repeat_instance`; the instruments must be marked
//   repeating in the project (Project Setup ▸ Repeating instruments), which a dictionary cannot do;
// - a missing value is an empty cell; derived values (totals, bands, endpoints) are not exported:
//   SpineMet recomputes them from the items.
import path from 'node:path'
import type { Database } from 'better-sqlite3'
import type { RedcapExportResult } from '@contract/import-export'
import { VERTEBRAE } from '@domain/codes'
import { deriveRecord } from '@domain/derived'
import { evaluateEligibility } from '@domain/eligibility'
import { getPatientRecord } from '../../db/repositories/patient-records'
import { readRegistrySettings } from '../../db/repositories/registry-settings'
import { stmt } from '../../db/statement-cache'
import { APP_VERSION } from '../../version'
import { snakeCase, type CatalogueField } from '@domain/catalogue/fields'
import type { CodeList } from '@domain/catalogue/code-lists'
import type { LinkedColumn } from '../import/linked'
import type { Session } from '../session'
import { COMPLICATION_COLUMNS, FOLLOW_UP_COLUMNS, exportedFields, exportedLinkedColumns, fieldValue } from './columns'
import { csvLine, writeExportFiles } from './csv-writer'
import { chooseExportTarget } from './index'

/** REDCap's data dictionary header, in its order (columns A–R). */
export const REDCAP_DICTIONARY_HEADER = [
  'Variable / Field Name',
  'Form Name',
  'Section Header',
  'Field Type',
  'Field Label',
  'Choices, Calculations, OR Slider Labels',
  'Field Note',
  'Text Validation Type OR Show Slider Number',
  'Text Validation Min',
  'Text Validation Max',
  'Identifier?',
  'Branching Logic (Show field only if...)',
  'Required Field?',
  'Custom Alignment',
  'Question Number (surveys only)',
  'Matrix Group Name',
  'Matrix Ranking?',
  'Field Annotation',
] as const

/** REDCap's longest advisable variable name. */
export const REDCAP_NAME_MAX = 26

/** Instruments, in the order of the record screen; the two repeating ones last. */
const FORMS: Record<CatalogueField['section'] | 'complication' | 'followUp', { form: string; prefix: string; header: string }> = {
  patient: { form: 'patient', prefix: 'pt', header: 'Patient and tumour' },
  identity: { form: 'patient', prefix: 'id', header: 'Identity (identifying data)' },
  preop: { form: 'preoperative', prefix: 'pre', header: 'Preoperative assessment' },
  surgery: { form: 'surgery', prefix: 'sx', header: 'Surgery and perioperative course' },
  month6: { form: 'month_6', prefix: 'm6', header: 'Six-month assessment' },
  complication: { form: 'complications', prefix: 'cx', header: 'Complication' },
  followUp: { form: 'follow_up', prefix: 'fu', header: 'Follow-up event' },
}

export const REDCAP_REPEATING_FORMS = [FORMS.complication.form, FORMS.followUp.form] as const

/** Shorter words used only when a name would exceed REDCAP_NAME_MAX. */
const SHORT_WORDS: Record<string, string> = {
  tokuhashi: 'tok',
  extraspinal: 'extrasp',
  vertebral: 'vert',
  metastases: 'mets',
  previous: 'prev',
  surgical: 'surg',
  contraindication: 'contraind',
  posterolateral: 'postlat',
}

/** REDCap variable name of a SpineMet path such as `preop.tokuhashiExtraspinalBoneFoci`. */
export function redcapName(prefix: string, key: string): string {
  const full = `${prefix}_${snakeCase(key)}`
  if (full.length <= REDCAP_NAME_MAX) return full
  return full
    .split('_')
    .map((w) => SHORT_WORDS[w] ?? w)
    .join('_')
}

interface RedcapVariable {
  name: string
  form: string
  section: string
  field: CatalogueField
  /** Key of the value inside the record section or the linked item. */
  read(item: Record<string, unknown>): unknown
}

/** Choices of a code list: position (1-based) and English label; the Chinese label after a slash. */
function choicesOf(codes: CodeList): string {
  return codes.labels.map((l, i) => `${i + 1}, ${l.en} / ${l.zh}`.replace(/\|/g, '/')).join(' | ')
}

const VERTEBRA_CHOICES = VERTEBRAE.map((v) => `${v.toLowerCase()}, ${v}`).join(' | ')

function fieldType(f: CatalogueField): { type: string; validation: string; choices: string } {
  switch (f.kind) {
    case 'category':
      return { type: f.codes!.labels.length > 6 ? 'dropdown' : 'radio', validation: '', choices: choicesOf(f.codes!) }
    case 'boolean':
      return { type: 'yesno', validation: '', choices: '' }
    case 'integer':
      return { type: 'text', validation: 'integer', choices: '' }
    case 'decimal':
      return { type: 'text', validation: f.step === 0.1 ? 'number_1dp' : 'number', choices: '' }
    case 'date':
      return { type: 'text', validation: 'date_ymd', choices: '' }
    case 'vertebrae':
      return { type: 'checkbox', validation: '', choices: VERTEBRA_CHOICES }
    case 'answers':
      return { type: 'text', validation: '', choices: '' }
    case 'text':
      return { type: f.freeText ? 'notes' : 'text', validation: '', choices: '' }
  }
}

function noteOf(f: CatalogueField): string {
  const parts = [f.labelZh]
  if (f.unit) parts.push(f.unit)
  if (f.kind === 'answers') parts.push('item answers 1 (best) … 5 (worst) separated by ";", NA = unanswered')
  if (f.kind === 'date') parts.push('YYYY-MM-DD')
  return parts.join(' · ')
}

function annotationOf(v: RedcapVariable): string {
  const codes = v.field.codes ? ` Codes: ${v.field.codes.labels.map((l, i) => `${i + 1} = ${l.code}`).join(', ')}.` : ''
  return `SpineMet ${v.field.path}.${codes} ${v.field.meaning}`.trim()
}

function dictionaryRow(v: RedcapVariable, sectionHeader: string): string[] {
  const { type, validation, choices } = fieldType(v.field)
  const range = validation === 'integer' || validation.startsWith('number')
  return [
    v.name,
    v.form,
    sectionHeader,
    type,
    v.field.unit ? `${v.field.label} (${v.field.unit})` : v.field.label,
    choices,
    noteOf(v.field),
    validation,
    range && v.field.min !== undefined ? String(v.field.min) : '',
    range && v.field.max !== undefined ? String(v.field.max) : '',
    v.field.identifying || v.field.freeText ? 'y' : '',
    '',
    '',
    '',
    '',
    '',
    '',
    annotationOf(v),
  ]
}

/** The variables of an export, record fields first (study ID leading), then the repeating instruments. */
export function redcapVariables(identified: boolean): { record: RedcapVariable[]; complications: RedcapVariable[]; followUp: RedcapVariable[] } {
  const order: CatalogueField['section'][] = ['patient', 'identity', 'preop', 'surgery', 'month6']
  const fields = exportedFields(identified)
  const record: RedcapVariable[] = []
  for (const section of order) {
    for (const f of fields.filter((x) => x.section === section)) {
      const key = f.path.split('.')[1]!
      const form = FORMS[section]
      record.push({ name: redcapName(form.prefix, key), form: form.form, section: form.header, field: f, read: (r) => fieldValue(r as never, f.path) })
    }
  }
  const studyId = record.findIndex((v) => v.field.path === 'patient.studyId')
  record.unshift(...record.splice(studyId, 1))
  const linked = (columns: readonly LinkedColumn[], which: 'complication' | 'followUp') =>
    exportedLinkedColumns(columns, identified)
      .filter((c) => c.key !== '')
      .map((c) => ({ name: redcapName(FORMS[which].prefix, c.key), form: FORMS[which].form, section: FORMS[which].header, field: c.field, read: (item: Record<string, unknown>) => item[c.key] }))
  return { record, complications: linked(COMPLICATION_COLUMNS, 'complication'), followUp: linked(FOLLOW_UP_COLUMNS, 'followUp') }
}

/** Dictionary rows: a section header on the first field of each section. */
export function redcapDictionaryRows(vars: ReturnType<typeof redcapVariables>): string[][] {
  const rows: string[][] = []
  let lastSection = ''
  for (const v of [...vars.record, ...vars.complications, ...vars.followUp]) {
    rows.push(dictionaryRow(v, v.section !== lastSection ? v.section : ''))
    lastSection = v.section
  }
  return rows
}

/** The data file's columns: a checkbox field becomes one column per choice. */
function dataColumns(vars: readonly RedcapVariable[]): string[] {
  return vars.flatMap((v) => (v.field.kind === 'vertebrae' ? VERTEBRAE.map((x) => `${v.name}___${x.toLowerCase()}`) : [v.name]))
}

/** A value as REDCap imports it: empty when missing, code positions for choices. */
function cells(v: RedcapVariable, value: unknown): string[] {
  const f = v.field
  if (f.kind === 'vertebrae') {
    const set = new Set(Array.isArray(value) ? (value as string[]) : [])
    return VERTEBRAE.map((x) => (set.has(x) ? '1' : '0'))
  }
  if (value === null || value === undefined) return ['']
  switch (f.kind) {
    case 'category': {
      const i = f.codes!.labels.findIndex((l) => l.code === String(value))
      return [i < 0 ? '' : String(i + 1)]
    }
    case 'boolean':
      return [value ? '1' : '0']
    case 'answers':
      return [Array.isArray(value) && value.length > 0 ? value.map((a) => (a === null || a === undefined ? 'NA' : String(a))).join(';') : '']
    default:
      return [String(value)]
  }
}

export interface RedcapExportOptions {
  identified: boolean
  scope: 'all' | 'eligible'
}

/** Writes `<name>_redcap_dictionary.csv` and `<name>_redcap_data.csv` beside `basePath`. */
export function exportRedcap(db: Database, basePath: string, options: RedcapExportOptions): RedcapExportResult {
  const resolved = path.resolve(basePath)
  const stem = resolved.replace(/(_redcap_(data|dictionary))?\.csv$/i, '')
  const dataPath = `${stem}_redcap_data.csv`
  const dictionaryPath = `${stem}_redcap_dictionary.csv`
  const vars = redcapVariables(options.identified)
  const repeat = ['redcap_repeat_instrument', 'redcap_repeat_instance']
  const recordColumns = dataColumns(vars.record)
  const compColumns = dataColumns(vars.complications)
  const fuColumns = dataColumns(vars.followUp)
  const header = [recordColumns[0]!, ...repeat, ...recordColumns.slice(1), ...compColumns, ...fuColumns]
  const width = header.length
  const blank = (n: number) => new Array<string>(n).fill('')

  let data = csvLine(header)
  let records = 0
  let repeatingRows = 0
  const { radiosensitivity } = readRegistrySettings(db)
  const ids = stmt(db, 'SELECT id FROM patients ORDER BY study_id').pluck().all() as number[]
  for (const id of ids) {
    const record = getPatientRecord(db, id)
    if (!record) continue
    if (options.scope === 'eligible' && evaluateEligibility(record, undefined, deriveRecord(record, radiosensitivity)).status !== 'eligible') continue
    records++
    const studyId = record.patient.studyId
    const values = vars.record.flatMap((v) => cells(v, v.read(record as never)))
    data += csvLine([values[0]!, '', '', ...values.slice(1), ...blank(compColumns.length + fuColumns.length)])
    const repeated = (form: string, items: readonly object[], own: RedcapVariable[], before: number, after: number) => {
      items.forEach((item, i) => {
        const row = [studyId, form, String(i + 1), ...blank(before), ...own.flatMap((v) => cells(v, v.read(item as Record<string, unknown>))), ...blank(after)]
        if (row.length !== width) throw new Error(`REDCap row width ${row.length} ≠ ${width}`)
        data += csvLine(row)
        repeatingRows++
      })
    }
    repeated(FORMS.complication.form, record.complications, vars.complications, recordColumns.length - 1, fuColumns.length)
    repeated(FORMS.followUp.form, record.followUp, vars.followUp, recordColumns.length - 1 + compColumns.length, 0)
  }
  let dictionary = csvLine(REDCAP_DICTIONARY_HEADER)
  for (const row of redcapDictionaryRows(vars)) dictionary += csvLine(row)
  writeExportFiles([
    { path: dictionaryPath, content: dictionary },
    { path: dataPath, content: data },
  ])
  return {
    dataPath,
    dictionaryPath,
    records,
    repeatingRows,
    fields: vars.record.length + vars.complications.length + vars.followUp.length,
    repeatingInstruments: [...REDCAP_REPEATING_FORMS],
    identified: options.identified,
    appVersion: APP_VERSION,
  }
}

/** File ▸ Export for REDCap: asks where to save, then writes the two files. */
export async function exportRedcapFiles(session: Session, input: RedcapExportOptions): Promise<RedcapExportResult> {
  const db = session.requireDb()
  const chosen = await chooseExportTarget(session, input.identified, 'export --format redcap --help')
  const result = exportRedcap(db, chosen, input)
  session.host.log('info', 'redcap export written', { records: result.records, identified: result.identified })
  return result
}
