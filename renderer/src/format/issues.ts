// Problems with a field's value, from three sources — the client-side schema check, a refused
// save (AppError) and the service's validation issues — turned into text in the UI language by
// code / messageKey, with the service's English sentence as the last resort.
import type { z } from 'zod'
import type { ImportProblem } from '@contract/import-export'
import type { ValidationIssue } from '@contract/patients'
import type { AppError } from '@contract/result'
import type { DateReading } from '@domain/dates'
import type { PlausibilityWarning } from '@domain/plausibility'
import { HIDDEN_CHARACTERS_MESSAGE } from '@contract/patient-record'
import { i18n } from '../i18n'
import { formatDate } from './dates'

export interface FieldProblem {
  /** Dotted field path (`surgery.srsDate`); '' when the problem is about the whole record. */
  path: string
  /** AppError code or ValidationIssue code. */
  code: string
  severity: 'error' | 'warning'
  /** English sentence (shown when no translation applies). */
  message: string
  /** Key under `issues.` in the catalogues. */
  messageKey?: string
  params?: Record<string, string | number>
  related?: string[]
  /** The sentence in both languages when it comes ready-made (the shared date reader's reasons). */
  localized?: { en: string; zh: string }
}

/**
 * Label of a field path in the UI language: 'preop.sinsPain' → 'Preop: SINS pain' (without the
 * timepoint, for a field shown inside its own section: 'SINS pain').
 */
export function fieldLabel(path: string, options: { timepoint?: boolean } = {}): string {
  const { t, te } = i18n.global
  const parts = path.split('.')
  // list items: `followUp.2.eventDate`, `complications.0.onsetDate`, `complication.onsetDate`
  if (parts[0] === 'followUp' && parts.length >= 2 && parts[1] !== 'lastContact') {
    const field = parts[parts.length - 1]!
    const key = `fields.followUpEvent.${field}`
    return te(key) && !/^\d+$/.test(field) ? `${t('record.sections.followUp')}: ${t(key)}` : t('record.sections.followUp')
  }
  if (parts[0] === 'complications' || parts[0] === 'complication' || path.startsWith('complication:')) {
    const field = parts[parts.length - 1]!
    const key = `fields.complication.${field}`
    return te(key) && !/^\d+$/.test(field) ? `${t('record.complicationsBlock')}: ${t(key)}` : t('record.complicationsBlock')
  }
  if (path.startsWith('followUp:')) return t('record.sections.followUp')
  const [section, field] = parts
  if (!section || !field) return path
  if (section === 'preop' || section === 'month6') {
    const key = `fields.assessment.${field}`
    if (!te(key)) return path
    return options.timepoint === false ? t(key) : `${t(`fields.timepoint.${section}`)}: ${t(key)}`
  }
  const key = `fields.${section}.${field}`
  return te(key) ? t(key) : path
}

const looksLikePath = (v: unknown): boolean => typeof v === 'string' && /^[a-z][A-Za-z0-9]*\.[a-z][A-Za-z0-9]*$/.test(v)

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** A parameter in the UI language: field paths → labels, ISO dates → local dates, codes → names. */
function translateParam(key: string, v: string | number): string | number {
  const { t, te } = i18n.global
  if (typeof v !== 'string') return v
  if (ISO_DATE.test(v)) return formatDate(v)
  if (looksLikePath(v)) return fieldLabel(v)
  if ((key === 'location' || key === 'expected') && te(`calc.sins.location.${v}`)) return t(`calc.sins.location.${v}`)
  if (key === 'region' && te(`codes.region.${v}`)) return t(`codes.region.${v}`)
  if (key === 'histology' && te(`codes.histology.${v}`)) return t(`codes.histology.${v}`)
  return v
}

/** The catalogue key for a service messageKey (date-order keys name the two dates; one sentence covers them). */
function catalogueKey(messageKey: string): string {
  if (messageKey.startsWith('entry.') || messageKey.startsWith('legacy.')) return messageKey
  if (messageKey.startsWith('validation.dateOrder.')) return messageKey.endsWith('AfterDeath') ? 'issues.afterDeath' : 'issues.dateOrder'
  return `issues.${messageKey}`
}

/** Client-side checks whose sentence does not say what this field takes; the field's own hint does. */
const GENERIC_KEYS = new Set(['outOfRange', 'tooSmall', 'tooBig', 'wholeNumber', 'oneDecimal', 'stepOf', 'notANumber', 'invalidDate', 'required', 'tooLong', 'notAccepted'])

/** What to enter in this field ('enter a whole number of years, e.g. 62'), for a generic refusal. */
function fixHint(p: FieldProblem): string | null {
  const { t, te } = i18n.global
  if (!p.messageKey || !GENERIC_KEYS.has(p.messageKey)) return null
  const field = p.path.split('.').pop() ?? ''
  if (te(`entry.fix.${field}`)) return t(`entry.fix.${field}`)
  if (p.messageKey === 'invalidDate') return t('entry.fix.date')
  return null
}

const sentence = (s: string): string => {
  const first = s.charAt(0).toUpperCase() + s.slice(1)
  return /[.。!?！？]$/.test(first) || i18n.global.locale.value === 'zh-CN' ? first : `${first}.`
}

/**
 * The problem as one sentence that names its field once: 'Age: enter a whole number of years,
 * e.g. 62.' (for the header and the Checks panel, where the field is not next to it).
 */
export function problemWithField(p: FieldProblem): string {
  const label = p.path ? fieldLabel(p.path) : ''
  const hint = fixHint(p)
  if (hint) return label ? `${label}${labelSeparator()}${hint}${i18n.global.locale.value === 'zh-CN' ? '。' : '.'}` : sentence(hint)
  const text = problemText(p)
  if (!label || text.toLowerCase().includes(label.toLowerCase())) return text
  return `${label}${labelSeparator()}${text}`
}

const labelSeparator = (): string => (i18n.global.locale.value === 'zh-CN' ? '：' : ': ')

/** The problem's text in the UI language. */
export function problemText(p: FieldProblem): string {
  const { t, te } = i18n.global
  const hint = fixHint(p)
  if (hint) return sentence(hint)
  if (p.localized) return i18n.global.locale.value === 'zh-CN' ? p.localized.zh : p.localized.en
  const params: Record<string, string | number> = {}
  for (const [k, v] of Object.entries(p.params ?? {})) params[k] = translateParam(k, v)
  if (p.path && params.field === undefined) params.field = fieldLabel(p.path)
  if (p.related?.[0] && params.other === undefined) params.other = fieldLabel(p.related[0])
  if (p.messageKey) {
    const key = catalogueKey(p.messageKey)
    if (te(key)) return t(key, params)
  }
  if (p.code === 'DATE_ORDER' && p.related?.length) return t('issues.dateOrder', { date: '', otherDate: '', ...params })
  if (i18n.global.locale.value === 'en' || !te(`errors.${p.code}`)) return p.message
  return `${t(`errors.${p.code}`)} (${p.message})`
}

/**
 * An import problem's description (without its row and column) in the UI language. English is the
 * import's own sentence; in Chinese a problem found by the domain rules (date order, consistency)
 * is translated from its messageKey like the same problem on the record screen, and every other
 * problem uses the import's Chinese sentence.
 */
export function importProblemText(p: ImportProblem): string {
  const { te, locale } = i18n.global
  if (locale.value === 'en') return p.detail.charAt(0).toUpperCase() + p.detail.slice(1)
  if (p.messageKey && te(catalogueKey(p.messageKey))) {
    const problem: FieldProblem = { path: p.field ?? '', code: p.code, severity: p.severity, message: p.detail, messageKey: p.messageKey }
    if (p.params) problem.params = p.params
    if (p.related) problem.related = p.related
    return problemText(problem)
  }
  return p.detailZh
}

/** A typed date the shared reader refused, with the reader's sentence (the one import gives). */
export function problemFromDateReading(path: string, reading: Extract<DateReading, { ok: false }>): FieldProblem {
  return { path, code: reading.code, severity: 'error', message: reading.message, localized: { en: reading.message, zh: reading.messageZh } }
}

/** An implausible value the user did not confirm: kept on screen with the reason. */
export function problemFromPlausibility(w: PlausibilityWarning): FieldProblem {
  return { path: w.path, code: 'IMPLAUSIBLE', severity: 'error', message: w.message, messageKey: `entry.plausibility.${w.messageKey}`, params: w.params }
}

type ZodIssue = z.core.$ZodIssue

/** A client-side schema failure of one field, with a translatable key. */
export function problemFromZod(path: string, issues: readonly ZodIssue[]): FieldProblem {
  const i = issues[0]
  const base = { path, code: 'INVALID_INPUT', severity: 'error' as const, message: i?.message ?? 'Not accepted.' }
  if (!i) return { ...base, messageKey: 'notAccepted' }
  switch (i.code) {
    case 'too_big':
      return i.origin === 'string'
        ? { ...base, messageKey: 'tooLong', params: { max: Number(i.maximum) } }
        : { ...base, messageKey: 'tooBig', params: { max: Number(i.maximum) } }
    case 'too_small':
      if (i.origin === 'string') return { ...base, messageKey: 'required' }
      return { ...base, messageKey: 'tooSmall', params: { min: Number(i.minimum) } }
    case 'not_multiple_of':
      return { ...base, messageKey: 'stepOf', params: { step: Number(i.divisor) } }
    case 'invalid_type':
      return { ...base, messageKey: i.expected === 'int' ? 'wholeNumber' : 'notANumber' }
    case 'invalid_format':
      return { ...base, messageKey: 'invalidDate' }
    case 'custom':
      if (i.message === HIDDEN_CHARACTERS_MESSAGE) return { ...base, messageKey: 'entry.hiddenCharacters' }
      if (/decimal/i.test(i.message)) return { ...base, messageKey: 'oneDecimal' }
      if (/date/i.test(i.message)) return { ...base, messageKey: 'invalidDate' }
      return { ...base, messageKey: 'notAccepted' }
    default:
      return { ...base, messageKey: 'notAccepted' }
  }
}

function isValidationIssue(v: unknown): v is ValidationIssue {
  return !!v && typeof v === 'object' && typeof (v as ValidationIssue).messageKey === 'string' && typeof (v as ValidationIssue).code === 'string'
}

/** A refused save. When the service sends its validation issues in `details`, the first one is used. */
export function problemFromError(path: string, error: AppError): FieldProblem {
  const details = error.details
  const list = Array.isArray(details) ? details : details && typeof details === 'object' && Array.isArray((details as { issues?: unknown }).issues) ? (details as { issues: unknown[] }).issues : []
  const issues = list.filter(isValidationIssue)
  const issue = issues.find((i) => i.severity === 'error') ?? issues[0]
  if (issue) return { ...problemFromIssue(issue), path: issue.path || path, severity: 'error' }
  return { path: path || error.field || '', code: error.code, severity: 'error', message: error.message }
}

export function problemFromIssue(issue: ValidationIssue): FieldProblem {
  const p: FieldProblem = { path: issue.path, code: issue.code, severity: issue.severity, message: issue.message, messageKey: issue.messageKey }
  if (issue.params) p.params = issue.params
  if (issue.related) p.related = issue.related
  return p
}
