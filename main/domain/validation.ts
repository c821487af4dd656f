// Validation of a patient record: the domain rules that zod cannot express because they involve
// more than one field (docs/clinical-reference.md §1–§9; docs/architecture.md: domain rules are checked in services). Pure and shared with
// the renderer, which shows the same messages next to the fields while the user types.
//
// Errors refuse the save: dates out of order, dates in the future, SOS-GOQ answers that the
// instrument version cannot have. Warnings are saved and shown: clinical inconsistencies a
// clinician may have a reason for (e.g. an ASIA grade that differs from the Frankel grade used for
// Tokuhashi — the two scales are not the same, docs/clinical-reference.md §4).
//
// Every issue carries an English sentence (naming the dates in words, for a research nurse), a
// `messageKey` with `params` for the renderer's translations, the field it is about (`path`) and
// the other fields involved (`related`). Paths of list items use the item's index in the record
// (`followUp.2.eventDate`, `complications.0.onsetDate`).
//
// The steps live in main/domain/validation/: date order, SOSG-OQ, assessment and record warnings.
import type { PatientRecordInput } from './record'
import { todayIso } from './dates'
import { allDatedFacts, dateOrderIssues, futureIssues } from './validation/date-order'
import { sosgoqIssues } from './validation/sosgoq'
import { assessmentWarnings } from './validation/assessment-warnings'
import { enteredTotalWarnings, patientWarnings } from './validation/record-warnings'
import { issueInvolves, issueKey, type ValidationIssue } from './validation/issue'

export { errorsOf, issueInvolves, issueKey, type ValidationIssue } from './validation/issue'
export { ageOn, dateInWords, todayIso } from './dates'

/**
 * Every problem of a record: errors (the record cannot be saved this way) and warnings (saved,
 * shown next to the field). `today` (ISO) is the date no entry may be after; default: today (local).
 */
export function validateRecord(record: PatientRecordInput, today: string = todayIso()): ValidationIssue[] {
  const facts = allDatedFacts(record)
  const issues = [
    ...futureIssues(facts, today),
    ...dateOrderIssues(facts),
    ...sosgoqIssues(record.preop, 'preop'),
    ...sosgoqIssues(record.month6, 'month6'),
    ...assessmentWarnings(record, record.preop, 'preop'),
    ...assessmentWarnings(record, record.month6, 'month6'),
    ...patientWarnings(record, today),
    ...enteredTotalWarnings(record),
  ]
  return issues
}

/** Sets `section.field` of a copy of the record (list items are addressed as `followUp.2.eventDate`). */
export function withFieldValue(record: PatientRecordInput, path: string, value: unknown): PatientRecordInput {
  const copy = structuredClone(record)
  const parts = path.split('.')
  let target: Record<string, unknown> = copy as unknown as Record<string, unknown>
  for (let i = 0; i < parts.length - 1; i++) {
    const next = target[parts[i]!]
    if (typeof next !== 'object' || next === null) throw new Error(`No field ${path} in a patient record`)
    target = next as Record<string, unknown>
  }
  target[parts[parts.length - 1]!] = value
  return copy
}

/**
 * The issues that setting `path` to `value` would cause: every issue of the changed record that
 * involves the field, and every issue that was not there before the change (e.g. choosing the
 * histology `other` raises "enter the primary-site points"). Issues already present and unrelated
 * to the field are left out, so a stored problem elsewhere never blocks an unrelated edit.
 */
export function validateFieldChange(record: PatientRecordInput, path: string, value: unknown, today: string = todayIso()): ValidationIssue[] {
  return validateChange(record, withFieldValue(record, path, value), [path], today)
}

/** As validateFieldChange, for any change from `before` to `after` touching the given paths. */
export function validateChange(before: PatientRecordInput, after: PatientRecordInput, paths: readonly string[], today: string = todayIso()): ValidationIssue[] {
  const old = new Set(validateRecord(before, today).map(issueKey))
  return validateRecord(after, today).filter((i) => paths.some((p) => issueInvolves(i, p)) || !old.has(issueKey(i)))
}
