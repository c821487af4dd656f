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

function fact(name: string, label: string, path: string, date: string | null | undefined): DatedFact | null {
  return date ? { name, label, path, date } : null
}

function followUpFacts(record: PatientRecordInput): DatedFact[] {
  return record.followUp.map((e, i) => ({ ...FOLLOW_UP_NAME[e.kind], path: `followUp.${i}.eventDate`, date: e.eventDate }))
}

function complicationFacts(record: PatientRecordInput): DatedFact[] {
  const out: DatedFact[] = []
  record.complications.forEach((c, i) => {
    if (c.onsetDate) out.push({ name: 'complicationOnset', label: 'the complication onset date', path: `complications.${i}.onsetDate`, date: c.onsetDate })
  })
  return out
}

export function allDatedFacts(record: PatientRecordInput): DatedFact[] {
  const { identity, patient, surgery, preop, month6 } = record
  return [
    fact('birth', 'the date of birth', 'identity.dateOfBirth', identity.dateOfBirth),
    fact('diagnosis', 'the diagnosis date', 'patient.diagnosisDate', patient.diagnosisDate),
    fact('admission', 'the admission date', 'surgery.admissionDate', surgery.admissionDate),
    fact('surgery', 'the surgery date', 'surgery.surgeryDate', surgery.surgeryDate),
    fact('discharge', 'the discharge date', 'surgery.dischargeDate', surgery.dischargeDate),
    fact('srs', 'the SRS date', 'surgery.srsDate', surgery.srsDate),
    fact('preopAssessment', 'the preoperative assessment date', 'preop.assessedOn', preop.assessedOn),
    fact('month6Assessment', 'the 6-month assessment date', 'month6.assessedOn', month6.assessedOn),
    ...complicationFacts(record),
    ...followUpFacts(record),
  ].filter((f): f is DatedFact => f !== null)
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

export function dateOrderIssues(facts: readonly DatedFact[]): ValidationIssue[] {
  const out: ValidationIssue[] = []
  const byName = (name: string) => facts.find((f) => f.name === name) ?? null
  const push = (i: ValidationIssue | null) => {
    if (i) out.push(i)
  }

  // The chain, compared between consecutive dates present: any disorder shows up in at least one
  // consecutive pair, and one wrong date does not raise a cascade of messages.
  const chain = CHAIN.map((c) => ({ c, f: byName(c.name) })).filter((x): x is { c: (typeof CHAIN)[number]; f: DatedFact } => x.f !== null)
  for (let k = 1; k < chain.length; k++) {
    const prev = chain[k - 1]!
    const cur = chain[k]!
    push(orderIssue(prev.f, cur.f, prev.c.name === 'birth', cur.c.why))
  }

  const surgery = byName('surgery')
  if (surgery) {
    const srs = byName('srs')
    if (srs) push(orderIssue(surgery, srs, false, 'SRS is given after the operation.'))
    const preopAssessment = byName('preopAssessment')
    if (preopAssessment) {
      push(orderIssue(preopAssessment, surgery, false, 'The preoperative assessment is made on or before the day of the operation.'))
    }
    const month6Assessment = byName('month6Assessment')
    if (month6Assessment) push(orderIssue(surgery, month6Assessment, true, 'The 6-month assessment is made after the operation.'))
    for (const c of facts.filter((f) => f.name === 'complicationOnset')) {
      push(orderIssue(surgery, c, false, 'A complication of the operation starts on or after the day of the operation.'))
    }
    for (const e of facts.filter((f) => f.path.startsWith('followUp.'))) {
      if (e.name === 'localProgression') push(orderIssue(surgery, e, true, 'Local progression is recorded after the operation.'))
      else push(orderIssue(surgery, e, false, 'Follow-up events are counted from the operation.'))
    }
  }

  // A death date ends follow-up: nothing is dated after it.
  const deaths = facts.filter((f) => f.name === 'death')
  const death = deaths[0]
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
  for (const extra of deaths.slice(1)) {
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
