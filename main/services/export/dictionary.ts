// The data dictionary written with every export: one row per column of each file (type, unit,
// allowed values with their English and Chinese labels, meaning, source), preceded by rows that
// state the conventions of the files (file = "(all files)").
import type { CatalogueField } from '@domain/catalogue/fields'
import type { CodeList } from '@domain/catalogue/code-lists'
import type { LinkedColumn } from '../import/linked'
import type { DerivedColumn } from './columns'

export const DICTIONARY_HEADER = ['file', 'column', 'label', 'label_zh', 'type', 'unit', 'allowed values', 'meaning', 'source'] as const

const TYPE_WORDS: Record<string, string> = {
  text: 'text',
  integer: 'integer',
  decimal: 'decimal number',
  date: 'date (YYYY-MM-DD)',
  boolean: '0/1',
  category: 'category (code)',
  vertebrae: 'list of vertebrae separated by ";"',
  answers: 'list of option levels separated by ";"',
}

function allowedOf(codes: CodeList | undefined): string {
  if (!codes) return ''
  return codes.labels.map((l) => `${l.code} = ${l.en} / ${l.zh}`).join('; ')
}

function rangeOf(f: CatalogueField): string {
  if (f.codes) return allowedOf(f.codes)
  if (f.kind === 'vertebrae') return 'C1–C7, T1–T12, L1–L5, S1–S5'
  if (f.kind === 'answers') return '1 (best) … 5 (worst); NA = unanswered'
  if (f.minExclusive && f.min !== undefined && f.max !== undefined) return `> ${f.min} to ${f.max}`
  if (f.min !== undefined && f.max !== undefined) return f.step === 10 ? `${f.min}–${f.max} in steps of 10` : f.step === 0.1 ? `${f.min}–${f.max}, one decimal` : `${f.min}–${f.max}`
  if (f.maxLength !== undefined) return `up to ${f.maxLength} characters`
  return ''
}

export interface DictionaryInput {
  patientsFile: string
  complicationsFile: string
  followUpFile: string
  identified: boolean
  appVersion: string
  exportedAt: string
  scope: 'all' | 'eligible'
  rows: number
  fields: readonly CatalogueField[]
  derived: readonly DerivedColumn[]
  complicationColumns: readonly LinkedColumn[]
  followUpColumns: readonly LinkedColumn[]
}

/** The conventions of an export, as sentences (also shown by the CLI and the export screen). */
export function exportNotes(x: Pick<DictionaryInput, 'identified' | 'appVersion' | 'exportedAt' | 'scope' | 'rows'>): [string, string][] {
  return [
    ['export', `Written by SpineMet ${x.appVersion} on ${x.exportedAt}: ${x.rows} patients (${x.scope === 'eligible' ? 'only those meeting the study criteria' : 'all patients'}).`],
    [
      'privacy',
      x.identified
        ? 'IDENTIFIED export: names, hospital numbers, dates of birth and free-text notes are included. Store and send it as identifiable patient data.'
        : 'De-identified export: no names, hospital numbers, dates of birth or free-text notes (free text can name people). Clinical dates (diagnosis, admission, surgery, discharge, SRS, assessments, complications, follow-up) ARE included because survival times and intervals need them, so the files are pseudonymised, not anonymous: keep them inside the study team.',
    ],
    [
      'encoding',
      'UTF-8 with a byte-order mark, comma-separated, CRLF line ends. Excel and SPSS detect the encoding. R: read.csv(file) gives numbers as numeric/integer and NA for missing values (R 4.2 or later on Windows, or any UTF-8 locale on macOS/Linux); in older R on Windows use read.csv(file, fileEncoding = "UTF-8-BOM").',
    ],
    [
      'missing',
      'A missing value is written NA (R\'s convention). Why a study field is missing, when the team recorded it, is in derived.missingCodes: ND = not done, UNK = unknown, NAP = not applicable, LTFU = lost to follow-up; NA without a code means not entered yet.',
    ],
    [
      'spss',
      'SPSS: open the _spss.sps file written beside these files and run it (File > Open > Syntax, Run > All): it reads the three CSV files with types, variable and value labels, and NA as missing. Dates become SPSS dates.',
    ],
    ['dates', 'Dates are YYYY-MM-DD; in R use as.Date(x). Months = days / (365.25 / 12).'],
    ['yes/no', 'Yes/no fields are 1 = yes, 0 = no.'],
    [
      'files',
      'One row per patient in the patients file; the complications and follow-up files have one row per item and link to patients by patient.studyId (merge(patients, follow_up, by = "patient.studyId") in R).',
    ],
    ['derived', 'Columns named derived.* are computed by SpineMet from the entered values (scores, intervals, survival endpoints); they are not read back on import, except derived.missingCodes (the missing-data codes the team recorded).'],
    ['import', 'SpineMet imports the patients file back with its columns mapped one to one; the complications and follow-up files beside it are read with it.'],
  ]
}

export function dictionaryRows(x: DictionaryInput): string[][] {
  const rows: string[][] = []
  for (const [topic, text] of exportNotes(x)) rows.push(['(all files)', `(${topic})`, '', '', '', '', '', text, 'SpineMet'])
  for (const f of x.fields) {
    rows.push([x.patientsFile, f.path, f.label, f.labelZh, TYPE_WORDS[f.kind] ?? f.kind, f.unit ?? '', rangeOf(f), f.meaning, f.source])
  }
  for (const d of x.derived) {
    rows.push([x.patientsFile, d.name, d.name.replace(/^derived\./, ''), '', `${TYPE_WORDS[d.kind] ?? d.kind} (derived, read-only)`, d.unit ?? '', d.allowed ?? '', d.meaning, d.source])
  }
  const linked = (file: string, columns: readonly LinkedColumn[]) => {
    for (const c of columns) {
      rows.push([file, c.name, c.field.label, c.field.labelZh, TYPE_WORDS[c.field.kind] ?? c.field.kind, '', c.field.codes ? allowedOf(c.field.codes) : c.field.maxLength ? `up to ${c.field.maxLength} characters` : '', c.field.meaning, c.field.source])
    }
  }
  linked(x.complicationsFile, x.complicationColumns)
  linked(x.followUpFile, x.followUpColumns)
  return rows
}
