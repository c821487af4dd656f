// English names of the record's fields, for messages that say which field was refused
// ("The KPS (preoperative) was not saved: …"), from the field catalogue's words and units. The
// renderer translates by `field`.
import type { z } from 'zod'
import { SECTION_FIELDS, TIMEPOINT_WORDS, type FieldSpec } from '@domain/catalogue/fields'

/** The time point before an assessment's field ("preoperative KPS"); other sections add nothing. */
const SECTION_WORDS: Record<string, string> = { preop: TIMEPOINT_WORDS.preop.words, month6: TIMEPOINT_WORDS.month6.words }

/** Each field key in words (a key means the same in every section it appears in). */
const FIELD_WORDS: ReadonlyMap<string, string> = new Map(
  Object.values(SECTION_FIELDS).flatMap((specs) => Object.entries(specs as Record<string, FieldSpec>).map(([key, f]) => [key, f.words] as const)),
)

/** Units said after a limit ("at most 100 %"); counts (points, levels, fractions) go without. */
const COUNT_UNITS = new Set(['points', 'grade', 'levels', 'fractions'])
const UNITS: ReadonlyMap<string, string> = new Map(
  Object.values(SECTION_FIELDS).flatMap((specs) =>
    Object.entries(specs as Record<string, FieldSpec>)
      .filter(([, f]) => f.unit !== null && !COUNT_UNITS.has(f.unit) && f.kind !== 'answers')
      .map(([key, f]) => [key, ` ${f.unit!}`] as const),
  ),
)

const EXPECTED_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'yes or no',
  array: 'a list',
  null: 'no value',
}

/** 'preop.kps' → 'preoperative KPS'; 'surgery.srsDate' → 'SRS date'. */
export function fieldLabel(path: string): string {
  const parts = path.split('.')
  const field = parts[parts.length - 1] ?? path
  const section = parts.length > 1 ? (SECTION_WORDS[parts[0]!] ?? '') : ''
  const words = FIELD_WORDS.get(field) ?? field.replace(/([A-Z])/g, ' $1').toLowerCase()
  return section ? `${section} ${words}` : words
}

/** One zod issue about a single value, in words (the value itself is never echoed: it may identify a patient). */
export function describeValueProblem(issue: z.core.$ZodIssue | undefined, path: string, value?: unknown): string {
  if (!issue) return 'the value is not valid'
  if (value === undefined && issue.path.length === 0) return 'no value was given (send null to clear the field)'
  const field = path.split('.').pop() ?? ''
  const unit = UNITS.get(field) ?? ''
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${EXPECTED_WORDS[issue.expected] ?? issue.expected}`
    case 'too_big':
      if (issue.origin === 'string') return `it is longer than ${String(issue.maximum)} characters`
      if (issue.origin === 'array') return `it has more than ${String(issue.maximum)} entries`
      return `it must be at most ${String(issue.maximum)}${unit}`
    case 'too_small':
      if (issue.origin === 'string') return 'it is empty'
      return issue.inclusive === false ? `it must be more than ${String(issue.minimum)}${unit}` : `it must be at least ${String(issue.minimum)}${unit}`
    case 'not_multiple_of':
      return `it must be a multiple of ${String(issue.divisor)}${unit}`
    case 'invalid_value':
      return `choose one of: ${naturalOrder(issue.values.map(String)).join(', ')}`
    default:
      return issue.message.replace(/\.$/, '')
  }
}

/**
 * zod lists enum values in object-key order, which puts integer-like codes first ("0, 2, 3, 1a");
 * put such lists back in natural order (Bilsky 0, 1a, 1b, 1c, 2, 3). Other lists keep their order.
 */
function naturalOrder(values: string[]): string[] {
  if (!values.some((v) => /^\d+$/.test(v))) return values
  return [...values].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
}
