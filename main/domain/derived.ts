// Everything computed from a patient record: score totals, intervals and endpoints. Never stored
// (one source of truth: the components and dates the user entered).
import type { Assessment, PatientRecordInput } from './record'
import type { Radiosensitivity } from './codes'
import { addDays, daysBetween, monthsBetween } from './dates'
import { resolveRadiosensitivityClass, twoLevelRadiosensitivity, type RadiosensitivityClass, type RadiosensitivityClasses } from './radiosensitivity'
import { scoreSins, type SinsResult } from './scores/sins'
import { scoreSosgoq, type SosgoqScore } from './scores/sosgoq'
import { scoreTokuhashi, type TokuhashiResult } from './scores/tokuhashi'

export interface Endpoint {
  /** Months from surgery (days / (365.25/12)). */
  months: number
  /** 1 = event (relapse or death), 0 = censored. */
  event: 0 | 1
  /** Date the time ends (event or censoring). */
  endDate: string
}

export interface DerivedRecord {
  tokuhashi: TokuhashiResult
  sins: { preop: SinsResult; month6: SinsResult }
  sosgoq: { preop: SosgoqScore | null; month6: SosgoqScore | null }
  /**
   * The two-level class used (the study's radioresistant criterion, exports), resolved as the NOMS
   * summary resolves it: the record's entry, else the registry's setting for the histology, else
   * SpineMet's default. `histologyClass`: the class the histology gets without an entry (null: no
   * setting and no source classifies it, so the record must name one).
   */
  radiosensitivity: { value: Radiosensitivity | null; source: 'entered' | 'registrySetting' | 'histology' | null; histologyClass: RadiosensitivityClass | null }
  /** Days from surgery to the first SRS fraction. */
  surgeryToSrsDays: number | null
  /** Days from admission to discharge. */
  lengthOfStayDays: number | null
  localProgressionDate: string | null
  deathDate: string | null
  /** The latest dated event of any kind (contact, progression, death). */
  lastFollowUpDate: string | null
  followUpMonths: number | null
  /** Local control: surgery → first local progression; censored at the last follow-up (or death). */
  localControl: Endpoint | null
  /** Overall survival: surgery → death of any cause; censored at the last follow-up. */
  overallSurvival: Endpoint | null
}

export function sinsOf(a: Assessment): SinsResult {
  return scoreSins({
    location: a.sinsLocation,
    pain: a.sinsPain,
    boneLesion: a.sinsBoneLesion,
    alignment: a.sinsAlignment,
    collapse: a.sinsCollapse,
    posterolateral: a.sinsPosterolateral,
    enteredTotal: a.sinsEnteredTotal,
  })
}

export function sosgoqOf(a: Assessment): SosgoqScore | null {
  if (a.sosgoqVersion === null) return null
  return scoreSosgoq(a.sosgoqVersion, a.sosgoqAnswers, a.sosgoqEnteredTotal)
}

export function tokuhashiOf(record: Pick<PatientRecordInput, 'patient' | 'preop'>): TokuhashiResult {
  return scoreTokuhashi({
    kps: record.preop.kps,
    extraspinalBoneFoci: record.preop.tokuhashiExtraspinalBoneFoci,
    vertebralMetastases: record.preop.tokuhashiVertebralMetastases,
    visceral: record.preop.tokuhashiVisceral,
    histology: record.patient.histology,
    primaryPointsOverride: record.patient.tokuhashiPrimaryPoints,
    frankel: record.preop.tokuhashiFrankel,
    enteredTotal: record.preop.tokuhashiEnteredTotal,
  })
}

const minDate = (dates: readonly string[]): string | null => (dates.length ? dates.reduce((a, b) => (b < a ? b : a)) : null)
const maxDate = (dates: readonly string[]): string | null => (dates.length ? dates.reduce((a, b) => (b > a ? b : a)) : null)

/**
 * @param radiosensitivityClasses the registry's radiosensitivity class per histology (registry
 *   settings); none: SpineMet's defaults
 */
export function deriveRecord(record: PatientRecordInput, radiosensitivityClasses: RadiosensitivityClasses = {}): DerivedRecord {
  const { patient, surgery, followUp } = record
  const localProgressionDate = minDate(followUp.filter((e) => e.kind === 'local_progression').map((e) => e.eventDate))
  const deathDate = followUp.find((e) => e.kind === 'death')?.eventDate ?? null
  const lastFollowUpDate = maxDate(followUp.map((e) => e.eventDate))
  const surgeryDate = surgery.surgeryDate
  const rs = resolveRadiosensitivityClass(patient.histology, patient.radiosensitivity, radiosensitivityClasses)
  const histologyClass = patient.radiosensitivity === null ? rs.class : resolveRadiosensitivityClass(patient.histology, null, radiosensitivityClasses).class

  let localControl: Endpoint | null = null
  let overallSurvival: Endpoint | null = null
  if (surgeryDate !== null && lastFollowUpDate !== null && lastFollowUpDate >= surgeryDate) {
    const lcEnd = localProgressionDate ?? lastFollowUpDate
    localControl = { months: monthsBetween(surgeryDate, lcEnd), event: localProgressionDate ? 1 : 0, endDate: lcEnd }
    const osEnd = deathDate ?? lastFollowUpDate
    overallSurvival = { months: monthsBetween(surgeryDate, osEnd), event: deathDate ? 1 : 0, endDate: osEnd }
  }
  return {
    tokuhashi: tokuhashiOf(record),
    sins: { preop: sinsOf(record.preop), month6: sinsOf(record.month6) },
    sosgoq: { preop: sosgoqOf(record.preop), month6: sosgoqOf(record.month6) },
    radiosensitivity: {
      value: rs.class === null ? null : twoLevelRadiosensitivity(rs.class),
      source: rs.origin === null ? null : rs.origin.kind === 'record' ? 'entered' : rs.origin.kind === 'registrySetting' ? 'registrySetting' : 'histology',
      histologyClass,
    },
    surgeryToSrsDays: surgeryDate && surgery.srsDate ? daysBetween(surgeryDate, surgery.srsDate) : null,
    lengthOfStayDays: surgery.admissionDate && surgery.dischargeDate ? daysBetween(surgery.admissionDate, surgery.dischargeDate) : null,
    localProgressionDate,
    deathDate,
    lastFollowUpDate,
    followUpMonths: surgeryDate && lastFollowUpDate ? monthsBetween(surgeryDate, lastFollowUpDate) : null,
    localControl,
    overallSurvival,
  }
}

/** Visits after surgery: 1, 3, 6 and 12 months, then every 6 months (Zheng 2021 Follow-up). */
export const FOLLOW_UP_SCHEDULE_MONTHS: readonly number[] = [1, 3, 6, 12]
/** A visit is overdue this many days after its due date. */
export const FOLLOW_UP_GRACE_DAYS = 30

/** Days from surgery to the k-th scheduled visit (k = 0: 1 month, 1: 3 months, 2: 6, 3: 12, then every 6 months). */
function scheduledVisitDay(k: number): number {
  if (k < 0) return 0
  const months = k < FOLLOW_UP_SCHEDULE_MONTHS.length ? FOLLOW_UP_SCHEDULE_MONTHS[k]! : 12 + 6 * (k - FOLLOW_UP_SCHEDULE_MONTHS.length + 1)
  return Math.round(months * (365.25 / 12))
}

/**
 * The next scheduled visit, counting from the surgery date, that the last contact does not
 * already cover. A contact counts for a visit from a little before its due date: from
 * FOLLOW_UP_GRACE_DAYS before it, or half-way from the previous visit when the visits are closer
 * (the 1-month visit counts from day 15). Without that, a patient seen a few days early would be
 * reported overdue a month later for a visit that took place.
 */
export function nextFollowUpDue(surgeryDate: string, lastContact: string | null): string {
  const contactDay = lastContact === null ? 0 : daysBetween(surgeryDate, lastContact)
  for (let k = 0; ; k++) {
    const due = scheduledVisitDay(k)
    const windowOpens = due - Math.min(FOLLOW_UP_GRACE_DAYS, Math.floor((due - scheduledVisitDay(k - 1)) / 2))
    if (windowOpens > contactDay) return addDays(surgeryDate, due)
  }
}

/** True when a living patient's next scheduled visit is more than the grace period in the past. */
export function isFollowUpOverdue(derived: Pick<DerivedRecord, 'deathDate' | 'lastFollowUpDate'>, surgeryDate: string | null, today: string): boolean {
  if (surgeryDate === null || derived.deathDate !== null) return false
  const due = nextFollowUpDue(surgeryDate, derived.lastFollowUpDate)
  return daysBetween(due, today) > FOLLOW_UP_GRACE_DAYS
}
