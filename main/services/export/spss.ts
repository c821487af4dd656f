// SPSS syntax written beside every export (<name>_spss.sps): reads the CSV files with the right
// type for each column (numbers, dates, yes/no, codes), variable labels, value labels for codes
// and yes/no, and NA as missing. Checked with GNU PSPP (tests/services/export.test.ts); the
// commands are those of SPSS Statistics (GET DATA /TYPE=TXT, VARIABLE LABELS, VALUE LABELS,
// MISSING VALUES, FORMATS, DATASET NAME).
import type { CatalogueField, FieldKind } from '@domain/catalogue/fields'
import { BOOLEAN_LIST, type CodeList } from '@domain/catalogue/code-lists'
import type { LinkedColumn } from '../import/linked'
import type { DerivedColumn } from './columns'

interface SpssVariable {
  name: string
  /** Input format in GET DATA. Numbers are read as F40.0 (no implied decimals), then FORMATS sets the display. */
  read: string
  display: string | null
  label: string
  valueLabels: [string, string][] | null
  /** A string variable whose NA is user-missing. */
  stringMissing: boolean
  nominal: boolean
}

/** A quoted SPSS string: apostrophes doubled; cut to `maxBytes` of UTF-8. */
function q(text: string, maxBytes = 250): string {
  let t = text
  while (Buffer.byteLength(t, 'utf8') > maxBytes) t = t.slice(0, -1)
  return `'${t.replace(/'/g, "''")}'`
}

function codeLabels(list: CodeList): [string, string][] {
  return list.labels.map((l) => [l.code, `${l.en} / ${l.zh}`])
}

const YES_NO = codeLabels(BOOLEAN_LIST)

/** Width of a code variable: the longest code, and at least 2 so that NA fits. */
function widthOf(list: CodeList): number {
  return Math.max(2, ...list.labels.map((l) => Buffer.byteLength(l.code, 'utf8')))
}

function digits(n: number | undefined): number {
  return Math.max(3, String(Math.trunc(n ?? 99999)).length + 1)
}

function variableOf(
  name: string,
  kind: FieldKind | DerivedColumn['kind'],
  label: string,
  extra: { codes?: CodeList | undefined; maxLength?: number | undefined; max?: number | undefined; step?: number | undefined },
): SpssVariable {
  const base = { name, label, valueLabels: null, stringMissing: false, nominal: false }
  switch (kind) {
    case 'integer':
      return { ...base, read: 'F40.0', display: `F${digits(extra.max)}.0` }
    case 'decimal':
      return { ...base, read: 'F40.0', display: extra.step === 0.1 ? 'F5.1' : 'F10.2' }
    case 'date':
      return { ...base, read: 'SDATE10', display: null }
    case 'boolean':
      return { ...base, read: 'F1.0', display: null, valueLabels: YES_NO, nominal: true }
    case 'category':
      return extra.codes
        ? { ...base, read: `A${widthOf(extra.codes)}`, display: null, valueLabels: codeLabels(extra.codes), stringMissing: true, nominal: true }
        : { ...base, read: 'A40', display: null, stringMissing: true, nominal: true }
    case 'vertebrae':
    case 'answers':
      return { ...base, read: 'A120', display: null, stringMissing: true }
    default:
      return { ...base, read: `A${Math.min(extra.maxLength ?? 255, 32767)}`, display: null, stringMissing: true }
  }
}

export function fieldVariable(f: CatalogueField): SpssVariable {
  const unit = f.unit && !['points', 'grade'].includes(f.unit) ? ` (${f.unit})` : ''
  return variableOf(f.path, f.kind, `${f.label}${unit} — ${f.labelZh}`, { codes: f.codes, maxLength: f.maxLength, max: f.max, step: f.step })
}

export function derivedVariable(d: DerivedColumn): SpssVariable {
  return variableOf(d.name, d.kind, `${d.meaning.split('. ')[0]!.replace(/\.$/, '')}${d.unit ? ` (${d.unit})` : ''}`, { maxLength: 200 })
}

export function linkedVariable(c: LinkedColumn): SpssVariable {
  return variableOf(c.name, c.field.kind, `${c.field.label} — ${c.field.labelZh}`, { codes: c.field.codes, maxLength: c.field.maxLength })
}

function datasetCommands(dataset: string, file: string, variables: readonly SpssVariable[], last: boolean): string[] {
  const lines: string[] = []
  lines.push(
    'GET DATA /TYPE=TXT',
    `  /FILE=${q(file, 4000)}`,
    "  /ENCODING='UTF8' /DELCASE=LINE /DELIMITERS=\",\" /QUALIFIER='\"' /ARRANGEMENT=DELIMITED /FIRSTCASE=2",
    '  /VARIABLES=',
    ...variables.map((v) => `    ${v.name} ${v.read}`),
    '.',
  )
  const shown = variables.filter((v) => v.display)
  if (shown.length > 0) lines.push('FORMATS', ...shown.map((v) => `  ${v.name} (${v.display})`), '.')
  lines.push('VARIABLE LABELS', ...variables.map((v) => `  ${v.name} ${q(v.label)}`), '.')
  const labelled = variables.filter((v) => v.valueLabels)
  if (labelled.length > 0) {
    lines.push('VALUE LABELS')
    labelled.forEach((v, i) => {
      lines.push(`  ${i === 0 ? '' : '/'}${v.name}`, ...v.valueLabels!.map(([code, label]) => `    ${v.read.startsWith('A') ? q(code) : code} ${q(label, 120)}`))
    })
    lines.push('.')
  }
  const missing = variables.filter((v) => v.stringMissing)
  if (missing.length > 0) lines.push('MISSING VALUES', ...missing.map((v, i) => `  ${i === 0 ? '' : '/'}${v.name} ('NA')`), '.')
  const nominal = variables.filter((v) => v.nominal && !v.read.startsWith('A'))
  if (nominal.length > 0) lines.push(`VARIABLE LEVEL ${nominal.map((v) => v.name).join(' ')} (NOMINAL).`)
  // EXECUTE reads the data now, while warnings are off (GET DATA alone reads on the first
  // procedure). Reading the next file replaces the active dataset, so the first two are kept as
  // copies (DATASET COPY) and the last, the patients, is the active dataset named `patients`.
  lines.push('EXECUTE.', last ? `DATASET NAME ${dataset}.` : `DATASET COPY ${dataset}.`, '')
  return lines
}

export interface SpssInput {
  appVersion: string
  exportedAt: string
  identified: boolean
  patients: { path: string; variables: readonly SpssVariable[] }
  complications: { path: string; variables: readonly SpssVariable[] }
  followUp: { path: string; variables: readonly SpssVariable[] }
}

/** The syntax file's text (CRLF line ends, UTF-8 with a byte-order mark: SPSS reads it as Unicode). */
export function spssSyntax(x: SpssInput): string {
  const lines = [
    '* Encoding: UTF-8.',
    `* Written by SpineMet ${x.appVersion} on ${x.exportedAt}.`,
    '* Reads the CSV files of this export into three datasets (patients, complications, follow_up)',
    '* with types, labels and value labels. In SPSS: File > Open > Syntax, then Run > All.',
    '* The file paths below are where the export was written; change them if you moved the files.',
    '* NA marks a missing value: numbers and dates read as system-missing, codes and text as user-missing.',
    ...(x.identified
      ? ['* Identified export: SPSS text import cannot read a line break inside a value; if any note has one,', '* use the de-identified export (it has no free text) for SPSS.']
      : []),
    '* NA in numeric columns would give one warning per cell, so warnings are switched off while reading.',
    'SET MXWARNS=0.',
    '',
    ...datasetCommands('complications', x.complications.path, x.complications.variables, false),
    ...datasetCommands('follow_up', x.followUp.path, x.followUp.variables, false),
    ...datasetCommands('patients', x.patients.path, x.patients.variables, true),
    'SET MXWARNS=10.',
    'DATASET ACTIVATE patients.',
    '',
  ]
  return '\uFEFF' + lines.join('\r\n')
}
