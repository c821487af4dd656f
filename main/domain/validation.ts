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
import type { ValidationIssue } from '../contract/patients'
import type { Assessment, PatientRecordInput } from '../contract/patient-record'
import { regionOfVertebra, type FollowUpEventKind, type SpinalRegion, type Timepoint, type Vertebra } from './codes'
import { daysBetween, monthsBetween } from './dates'
import { defaultRadiosensitivity } from './radiosensitivity'
import { frankelApproximationOfAsia } from './scores/asia'
import { ECOG_KPS_PLAUSIBLE, ecogKpsConsistent } from './scores/performance-status'
import { sinsLocationOfLevels } from './scores/sins'
import { sinsOf } from './derived'
import { scoreTokuhashi } from './scores/tokuhashi'
import { SOSGOQ_PROFILES } from './scores/sosgoq'

export type { ValidationIssue }

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** '2021-03-05' → '5 March 2021' (unambiguous in every English-speaking locale). */
export function dateInWords(iso: string): string {
  const m = Number(iso.slice(5, 7))
  return `${Number(iso.slice(8, 10))} ${MONTHS[m - 1] ?? '?'} ${iso.slice(0, 4)}`
}

/**
 * Today's calendar date where the user is (local time), as ISO. Local, not UTC: at 07:00 in Beijing
 * the UTC date is still yesterday, and an operation entered for today must not be "in the future".
 * The services pass the host's clock.
 */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`
}

// ---- the dated facts of a record ----

interface DatedFact {
  /** Short name used in message keys ('surgery', 'followUpContact', …). */
  name: string
  /** Words for the message ('the surgery date'). */
  label: string
  path: string
  date: string
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)
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

function allDatedFacts(record: PatientRecordInput): DatedFact[] {
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

function dateOrderIssues(facts: readonly DatedFact[]): ValidationIssue[] {
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

function futureIssues(facts: readonly DatedFact[], today: string): ValidationIssue[] {
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

function sosgoqIssues(a: Assessment, tp: Timepoint): ValidationIssue[] {
  const out: ValidationIssue[] = []
  const when = tp === 'preop' ? 'preoperative' : '6-month'
  if (a.sosgoqVersion === null) {
    const given = [a.sosgoqAnswers !== null && a.sosgoqAnswers.length > 0 ? `${tp}.sosgoqAnswers` : null, a.sosgoqEnteredTotal !== null ? `${tp}.sosgoqEnteredTotal` : null].filter(
      (p): p is string => p !== null,
    )
    if (given.length > 0) {
      out.push({
        path: `${tp}.sosgoqVersion`,
        related: given,
        code: 'REQUIRED',
        severity: 'error',
        message: `The ${when} SOSG-OQ has answers or a total but no questionnaire version. Choose version 1.0 or 2.0 first: the two are scored in opposite directions and are never pooled.`,
        messageKey: 'validation.sosgoq.versionMissing',
        params: { timepoint: tp },
      })
    }
    return out
  }
  const profile = SOSGOQ_PROFILES[a.sosgoqVersion]
  if (a.sosgoqAnswers !== null && a.sosgoqAnswers.length > profile.itemCount) {
    out.push({
      path: `${tp}.sosgoqAnswers`,
      related: [`${tp}.sosgoqVersion`],
      code: 'SCORE_OUT_OF_RANGE',
      severity: 'error',
      message: `The ${when} SOSG-OQ has ${a.sosgoqAnswers.length} answers, but version ${a.sosgoqVersion} has ${profile.itemCount} questions. Check the questionnaire version, or remove the extra answers.`,
      messageKey: 'validation.sosgoq.tooManyAnswers',
      params: { timepoint: tp, count: a.sosgoqAnswers.length, itemCount: profile.itemCount, version: a.sosgoqVersion },
    })
  }
  return out
}

function warning(path: string, related: string[], code: ValidationIssue['code'], messageKey: string, message: string, params: Record<string, string | number>): ValidationIssue {
  return { path, related, code, severity: 'warning', message, messageKey, params }
}

const REGION_WORDS: Record<SpinalRegion, string> = { cervical: 'cervical', thoracic: 'thoracic', lumbar: 'lumbar', sacral: 'sacral' }
const SINS_LOCATION_WORDS: Record<string, string> = { junctional: 'junctional', mobile: 'mobile', semi_rigid: 'semi-rigid', rigid: 'rigid' }

function assessmentWarnings(record: PatientRecordInput, a: Assessment, tp: Timepoint): ValidationIssue[] {
  const out: ValidationIssue[] = []
  const when = tp === 'preop' ? 'preoperative' : '6-month'
  const vertebrae = record.patient.vertebrae
  if (a.ecog !== null && a.kps !== null && !ecogKpsConsistent(a.ecog, a.kps)) {
    const [lo, hi] = ECOG_KPS_PLAUSIBLE[a.ecog] ?? [0, 100]
    out.push(
      warning(
        `${tp}.kps`,
        [`${tp}.ecog`],
        'INCONSISTENT',
        'validation.consistency.ecogVsKps',
        `The ${when} ECOG ${a.ecog} and KPS ${a.kps} % do not usually go together (published conversions put ECOG ${a.ecog} at KPS ${lo === hi ? `${lo}` : `${lo}–${hi}`} %). Check both; they are recorded separately on purpose.`,
        { timepoint: tp, ecog: a.ecog, kps: a.kps, kpsMin: lo, kpsMax: hi },
      ),
    )
  }
  if (tp === 'preop' && a.kps === 0) {
    out.push(
      warning('preop.kps', [], 'INCONSISTENT', 'validation.consistency.preopKpsZero', 'A KPS of 0 % means the patient has died; it cannot describe a patient before an operation. Check the KPS.', {
        kps: 0,
      }),
    )
  }
  if (tp === 'preop' && a.ecog === 5) {
    out.push(
      warning('preop.ecog', [], 'INCONSISTENT', 'validation.consistency.preopEcogFive', 'ECOG 5 means the patient has died; it cannot describe a patient before an operation. Check the ECOG grade.', {
        ecog: 5,
      }),
    )
  }
  if (tp === 'preop' && a.tokuhashiFrankel !== null && a.asiaGrade !== null && frankelApproximationOfAsia(a.asiaGrade) !== a.tokuhashiFrankel) {
    out.push(
      warning(
        'preop.tokuhashiFrankel',
        ['preop.asiaGrade'],
        'INCONSISTENT',
        'validation.consistency.frankelVsAsia',
        `The Tokuhashi palsy item uses Frankel ${a.tokuhashiFrankel}, but the ASIA grade entered is ${a.asiaGrade}. ` +
          'ASIA letters correspond to Frankel letters only as an approximation (the definitions differ), so check that both describe the same examination.',
        { frankel: a.tokuhashiFrankel, asia: a.asiaGrade },
      ),
    )
  }
  if (a.sinsLocation !== null && vertebrae.length > 0) {
    const expected = sinsLocationOfLevels(vertebrae)
    if (expected !== null && expected !== a.sinsLocation) {
      out.push(
        warning(
          `${tp}.sinsLocation`,
          ['patient.vertebrae'],
          'INCONSISTENT',
          'validation.consistency.sinsLocationVsVertebrae',
          `The ${when} SINS location is ${SINS_LOCATION_WORDS[a.sinsLocation]}, but the involved vertebrae (${vertebrae.join(', ')}) make it ${SINS_LOCATION_WORDS[expected]} ` +
            '(for several levels the most unstable class counts). Check the location or the vertebrae.',
          { timepoint: tp, location: a.sinsLocation, expected, vertebrae: vertebrae.join(', ') },
        ),
      )
    }
  }
  return out
}

const TOKUHASHI_ITEM_PATHS = ['preop.kps', 'preop.tokuhashiExtraspinalBoneFoci', 'preop.tokuhashiVertebralMetastases', 'preop.tokuhashiVisceral', 'patient.histology', 'preop.tokuhashiFrankel']
const SINS_ITEM_KEYS = ['sinsLocation', 'sinsPain', 'sinsBoneLesion', 'sinsAlignment', 'sinsCollapse', 'sinsPosterolateral'] as const

/**
 * A total recorded without items ("total known, items not recorded") whose items were filled in
 * later: their sum must equal the total. When it does not, SpineMet uses the items' sum and says
 * by how much the two differ, so the user can check the items or correct the total.
 */
function enteredTotalWarnings(record: PatientRecordInput): ValidationIssue[] {
  const out: ValidationIssue[] = []
  const { patient, preop } = record
  const tokuhashi = scoreTokuhashi({
    kps: preop.kps,
    extraspinalBoneFoci: preop.tokuhashiExtraspinalBoneFoci,
    vertebralMetastases: preop.tokuhashiVertebralMetastases,
    visceral: preop.tokuhashiVisceral,
    histology: patient.histology,
    primaryPointsOverride: patient.tokuhashiPrimaryPoints,
    frankel: preop.tokuhashiFrankel,
    enteredTotal: preop.tokuhashiEnteredTotal,
  })
  const differs = (score: 'tokuhashi' | 'sins', tp: Timepoint, path: string, related: string[], items: number, entered: number) => {
    const name = score === 'tokuhashi' ? 'revised Tokuhashi' : 'SINS'
    const when = tp === 'preop' ? 'preoperative' : '6-month'
    const difference = items - entered
    out.push(
      warning(
        path,
        related,
        'INCONSISTENT',
        'legacy.issues.totalDiffers',
        `The ${when} ${name} items add up to ${items}, but the total recorded without items is ${entered} ` +
          `(the items are ${Math.abs(difference)} point${Math.abs(difference) === 1 ? '' : 's'} ${difference > 0 ? 'higher' : 'lower'}). ` +
          `SpineMet now uses the items' sum; check the items against the chart, or correct the total.`,
        { score, timepoint: tp, items, entered, difference },
      ),
    )
  }
  if (tokuhashi.difference !== null) differs('tokuhashi', 'preop', 'preop.tokuhashiEnteredTotal', TOKUHASHI_ITEM_PATHS, tokuhashi.fromItems!, tokuhashi.enteredTotal!)
  for (const tp of ['preop', 'month6'] as const) {
    const a = record[tp]
    const sins = sinsOf(a)
    if (sins.difference !== null) differs('sins', tp, `${tp}.sinsEnteredTotal`, SINS_ITEM_KEYS.map((k) => `${tp}.${k}`), sins.fromItems!, sins.enteredTotal!)
  }
  return out
}

function patientWarnings(record: PatientRecordInput, today: string): ValidationIssue[] {
  const out: ValidationIssue[] = []
  const { patient, identity, surgery, preop, month6 } = record

  if (patient.spinalRegion !== null && patient.vertebrae.length > 0) {
    const regions = [...new Set(patient.vertebrae.map((v: Vertebra) => regionOfVertebra(v)))]
    if (!regions.includes(patient.spinalRegion)) {
      out.push(
        warning(
          'patient.spinalRegion',
          ['patient.vertebrae'],
          'INCONSISTENT',
          'validation.consistency.regionVsVertebrae',
          `The region is ${REGION_WORDS[patient.spinalRegion]}, but the involved vertebrae (${patient.vertebrae.join(', ')}) are ${regions.map((r) => REGION_WORDS[r]).join(' and ')}. Check the region or the vertebrae.`,
          { region: patient.spinalRegion, vertebrae: patient.vertebrae.join(', '), vertebraeRegions: regions.join(', ') },
        ),
      )
    }
  }

  if (patient.ageYears !== null && identity.dateOfBirth !== null) {
    const reference = surgery.surgeryDate ?? preop.assessedOn ?? surgery.admissionDate ?? patient.diagnosisDate ?? today
    if (reference >= identity.dateOfBirth) {
      const computed = ageOn(identity.dateOfBirth, reference)
      if (Math.abs(computed - patient.ageYears) > 1) {
        out.push(
          warning(
            'patient.ageYears',
            ['identity.dateOfBirth'],
            'INCONSISTENT',
            'validation.consistency.ageVsDateOfBirth',
            `The age entered is ${patient.ageYears} years, but the date of birth (${dateInWords(identity.dateOfBirth)}) gives ${computed} years on ${dateInWords(reference)}. Check the age or the date of birth.`,
            { age: patient.ageYears, computedAge: computed, dateOfBirth: identity.dateOfBirth, referenceDate: reference },
          ),
        )
      }
    }
  }

  if (patient.histology === 'other' && patient.tokuhashiPrimaryPoints === null) {
    out.push(
      warning(
        'patient.tokuhashiPrimaryPoints',
        ['patient.histology'],
        'REQUIRED',
        'validation.required.tokuhashiPrimaryPointsForOther',
        'The histology is "other", so SpineMet cannot look up the Tokuhashi primary-site points. Choose the points (0–5) from the revised Tokuhashi table; until then the Tokuhashi total stays incomplete.',
        { histology: 'other' },
      ),
    )
  }
  if (patient.histology !== null && patient.histology !== 'other' && patient.tokuhashiPrimaryPoints !== null) {
    out.push(
      warning(
        'patient.tokuhashiPrimaryPoints',
        ['patient.histology'],
        'INCONSISTENT',
        'validation.consistency.tokuhashiPrimaryPointsIgnored',
        'Primary-site points were entered by hand, but the histology has its own points in the revised Tokuhashi table, which SpineMet uses. The entered points are ignored; clear them, or set the histology to "other".',
        { histology: patient.histology, points: patient.tokuhashiPrimaryPoints },
      ),
    )
  }
  if (patient.histology !== null && patient.radiosensitivity === null && defaultRadiosensitivity(patient.histology) === null) {
    out.push(
      warning(
        'patient.radiosensitivity',
        ['patient.histology'],
        'REQUIRED',
        'validation.required.radiosensitivityChoice',
        'The published sources do not classify this histology as radiosensitive or radioresistant. Choose the class with the treating team; SpineMet does not guess it.',
        { histology: patient.histology },
      ),
    )
  }

  if (surgery.arm === 'HT' && surgery.srsDate !== null && (surgery.srsDoseGy === null || surgery.srsFractions === null)) {
    const missing = [surgery.srsDoseGy === null ? 'surgery.srsDoseGy' : null, surgery.srsFractions === null ? 'surgery.srsFractions' : null].filter((p): p is string => p !== null)
    out.push(
      warning(
        missing[0]!,
        ['surgery.arm', 'surgery.srsDate', ...missing.slice(1)],
        'REQUIRED',
        'validation.required.srsDoseForHybrid',
        `Hybrid therapy is surgery followed by SRS, and an SRS date is recorded (${dateInWords(surgery.srsDate)}), but the ${missing.length === 2 ? 'dose and the number of fractions are' : missing[0] === 'surgery.srsDoseGy' ? 'dose is' : 'number of fractions is'} missing. Enter them from the radiotherapy record.`,
        { srsDate: surgery.srsDate },
      ),
    )
  }

  if (surgery.surgeryDate !== null && month6.assessedOn !== null && month6.assessedOn > surgery.surgeryDate) {
    const months = monthsBetween(surgery.surgeryDate, month6.assessedOn)
    if (months < 4 || months > 8) {
      out.push(
        warning(
          'month6.assessedOn',
          ['surgery.surgeryDate'],
          'INCONSISTENT',
          'validation.consistency.month6Timing',
          `The 6-month assessment (${dateInWords(month6.assessedOn)}) is ${Math.round(months * 10) / 10} months after the operation (${dateInWords(surgery.surgeryDate)}); SpineMet expects 4 to 8 months. Check the date, or whether this belongs to another visit.`,
          { date: month6.assessedOn, otherDate: surgery.surgeryDate, months: Math.round(months * 10) / 10, days: daysBetween(surgery.surgeryDate, month6.assessedOn) },
        ),
      )
    }
  }

  if (preop.sosgoqVersion !== null && month6.sosgoqVersion !== null && preop.sosgoqVersion !== month6.sosgoqVersion) {
    out.push(
      warning(
        'month6.sosgoqVersion',
        ['preop.sosgoqVersion'],
        'INCONSISTENT',
        'validation.consistency.sosgoqVersionMismatch',
        `The 6-month SOSG-OQ is version ${month6.sosgoqVersion} but the preoperative one is version ${preop.sosgoqVersion}. The versions are scored in opposite directions and are never pooled, so no change in quality of life can be computed for this patient. Check which form was used.`,
        { preopVersion: preop.sosgoqVersion, month6Version: month6.sosgoqVersion },
      ),
    )
  }
  return out
}

/** Whole years of age on `on` (both ISO dates). */
export function ageOn(dateOfBirth: string, on: string): number {
  let years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4))
  if (on.slice(5) < dateOfBirth.slice(5)) years--
  return years
}

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

/** True when the issue is about `path` (as its field or one of the related fields), or about an item under it. */
export function issueInvolves(issue: ValidationIssue, path: string): boolean {
  const hit = (p: string) => p === path || p.startsWith(path + '.')
  return hit(issue.path) || (issue.related ?? []).some(hit)
}

/** Identity of an issue that does not depend on list positions (params carry the dates involved). */
export function issueKey(issue: ValidationIssue): string {
  return `${issue.code}|${issue.messageKey}|${JSON.stringify(issue.params ?? {})}`
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

export function errorsOf(issues: readonly ValidationIssue[]): ValidationIssue[] {
  return issues.filter((i) => i.severity === 'error')
}
