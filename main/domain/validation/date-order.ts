// Dates in order: date of birth < diagnosis ≤ admission ≤ surgery ≤ discharge, SRS, assessments,
// complications and follow-up counted from the operation, nothing after death or in the future.
// Errors: the record cannot be saved this way.
import type { PatientRecordInput } from '../record'
import type { FollowUpEventKind } from '../codes'
import { dateInWords } from '../dates'
import { capitalize, type ValidationIssue } from './issue'

// ---- the dated facts of a record ----

interface DatedFact {
  /** Short name used in message keys ('surgery', 'followUpContact', …). */
  name: string
  /** Words for the message ('the surgery date'). */
  label: string
  path: string
  date: string
}

const keyName = (a: string, b: string): string => `${a}Before${capitalize(b)}`

const FOLLOW_UP_NAME: Record<FollowUpEventKind, { name: string; label: string }> = {
  contact: { name: 'followUpContact', label: 'the follow-up contact' },
  local_progression: { name: 'localProgression', label: 'the local progression' },
  death: { name: 'death', label: 'the date of death' },
}

function addFact(out: DatedFact[], name: string, label: string, path: string, date: string | null | undefined): void {
  if (date) out.push({ name, label, path, date })
}

// Built with pushes into one array (no spread, filter or closure per record): an import checks
// every record of a file of 100,000.
export function allDatedFacts(record: PatientRecordInput): DatedFact[] {
  const { identity, patient, surgery, preop, month6 } = record
  const out: DatedFact[] = []
  addFact(out, 'birth', 'the date of birth', 'identity.dateOfBirth', identity.dateOfBirth)
  addFact(out, 'diagnosis', 'the diagnosis date', 'patient.diagnosisDate', patient.diagnosisDate)
  addFact(out, 'admission', 'the admission date', 'surgery.admissionDate', surgery.admissionDate)
  addFact(out, 'surgery', 'the surgery date', 'surgery.surgeryDate', surgery.surgeryDate)
  addFact(out, 'discharge', 'the discharge date', 'surgery.dischargeDate', surgery.dischargeDate)
  addFact(out, 'srs', 'the SRS date', 'surgery.srsDate', surgery.srsDate)
  addFact(out, 'preopAssessment', 'the preoperative assessment date', 'preop.assessedOn', preop.assessedOn)
  addFact(out, 'month6Assessment', 'the 6-month assessment date', 'month6.assessedOn', month6.assessedOn)
  const { complications, followUp } = record
  for (let i = 0; i < complications.length; i++) {
    addFact(out, 'complicationOnset', 'the complication onset date', `complications.${i}.onsetDate`, complications[i]!.onsetDate)
  }
  for (let i = 0; i < followUp.length; i++) {
    const e = followUp[i]!
    const { name, label } = FOLLOW_UP_NAME[e.kind]
    out.push({ name, label, path: `followUp.${i}.eventDate`, date: e.eventDate })
  }
  return out
}

// ---- issue builders ----

/**
 * `later` should not come before `earlier` (or, when `strict`, not on the same day either).
 * Returns the error when it does.
 */
function orderIssue(earlier: DatedFact, later: DatedFact, strict: boolean, why: string): ValidationIssue | null {
  const wrong = strict ? later.date <= earlier.date : later.date < earlier.date
  if (!wrong) return null
  const same = later.date === earlier.date
  return {
    path: later.path,
    related: [earlier.path],
    code: 'DATE_ORDER',
    severity: 'error',
    message:
      `${capitalize(later.label)} (${dateInWords(later.date)}) is ${same ? 'the same day as' : 'before'} ${earlier.label} (${dateInWords(earlier.date)}). ` +
      `${why} Check both dates against the chart.`,
    messageKey: `validation.dateOrder.${keyName(later.name, earlier.name)}`,
    params: { date: later.date, otherDate: earlier.date },
  }
}

/** Date of birth < diagnosis ≤ admission ≤ surgery ≤ discharge, among the dates present. */
const CHAIN: readonly { name: string; why: string }[] = [
  { name: 'birth', why: '' },
  { name: 'diagnosis', why: 'The diagnosis must come after the date of birth.' },
  { name: 'admission', why: 'The admission cannot come before the diagnosis.' },
  { name: 'surgery', why: 'The operation cannot come before the admission or the diagnosis.' },
  { name: 'discharge', why: 'The discharge cannot come before the operation or the admission.' },
]

/** The first fact of that name, or null. */
function firstNamed(facts: readonly DatedFact[], name: string): DatedFact | null {
  for (const f of facts) if (f.name === name) return f
  return null
}

export function dateOrderIssues(facts: readonly DatedFact[]): ValidationIssue[] {
  const out: ValidationIssue[] = []
  let issue: ValidationIssue | null

  // The chain, compared between consecutive dates present: any disorder shows up in at least one
  // consecutive pair, and one wrong date does not raise a cascade of messages.
  let prev: DatedFact | null = null
  let prevIsBirth = false
  for (const c of CHAIN) {
    const f = firstNamed(facts, c.name)
    if (!f) continue
    if (prev && (issue = orderIssue(prev, f, prevIsBirth, c.why))) out.push(issue)
    prev = f
    prevIsBirth = c.name === 'birth'
  }

  const surgery = firstNamed(facts, 'surgery')
  if (surgery) {
    const srs = firstNamed(facts, 'srs')
    if (srs && (issue = orderIssue(surgery, srs, false, 'SRS is given after the operation.'))) out.push(issue)
    const preopAssessment = firstNamed(facts, 'preopAssessment')
    if (preopAssessment && (issue = orderIssue(preopAssessment, surgery, false, 'The preoperative assessment is made on or before the day of the operation.'))) out.push(issue)
    const month6Assessment = firstNamed(facts, 'month6Assessment')
    if (month6Assessment && (issue = orderIssue(surgery, month6Assessment, true, 'The 6-month assessment is made after the operation.'))) out.push(issue)
    for (const c of facts) {
      if (c.name === 'complicationOnset' && (issue = orderIssue(surgery, c, false, 'A complication of the operation starts on or after the day of the operation.'))) out.push(issue)
    }
    for (const e of facts) {
      if (!e.path.startsWith('followUp.')) continue
      issue =
        e.name === 'localProgression'
          ? orderIssue(surgery, e, true, 'Local progression is recorded after the operation.')
          : orderIssue(surgery, e, false, 'Follow-up events are counted from the operation.')
      if (issue) out.push(issue)
    }
  }

  // A death date ends follow-up: nothing is dated after it.
  const death = firstNamed(facts, 'death')
  if (death) {
    for (const f of facts) {
      // a second death is reported as such below, not as an event after death
      if (f.name === 'death' || f.name === 'birth' || f.name === 'diagnosis') continue
      if (f.date > death.date) {
        out.push({
          path: f.path,
          related: [death.path],
          code: 'DATE_ORDER',
          severity: 'error',
          message:
            `${capitalize(f.label)} (${dateInWords(f.date)}) is after the date of death (${dateInWords(death.date)}). ` +
            'A death date ends follow-up: nothing can be dated after it. Check both dates against the chart.',
          messageKey: `validation.dateOrder.${f.name}AfterDeath`,
          params: { date: f.date, otherDate: death.date },
        })
      }
    }
  }
  for (const extra of facts) {
    if (extra.name !== 'death' || extra === death) continue
    out.push({
      path: extra.path,
      related: [death!.path],
      code: 'DUPLICATE',
      severity: 'error',
      message: `A date of death is already recorded (${dateInWords(death!.date)}). A patient has one date of death; correct that entry instead of adding another.`,
      messageKey: 'validation.followUp.secondDeath',
      params: { date: extra.date, otherDate: death!.date },
    })
  }
  return out
}

export function futureIssues(facts: readonly DatedFact[], today: string): ValidationIssue[] {
  return facts
    .filter((f) => f.date > today)
    .map((f) => ({
      path: f.path,
      code: 'DATE_ORDER' as const,
      severity: 'error' as const,
      message: `${capitalize(f.label)} (${dateInWords(f.date)}) is in the future (today is ${dateInWords(today)}). Enter dates that have already happened.`,
      messageKey: 'validation.dateInFuture',
      params: { date: f.date, today },
    }))
}
