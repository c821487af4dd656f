// Registry → analysis dataset: one plain row per screened patient with everything the study uses
// (eligibility per criterion, the baseline values of the propensity model and the tables, the
// outcomes at 6 months, perioperative values, complications and the two endpoints). Pure (domain
// rules only), so the rows can be sent to an engine worker as they are. No identity field enters.
import type { PatientRecord, PatientRecordInput } from '@contract/patient-record'
import type { StudySettings } from '@contract/study'
import { deriveRecord } from '../../domain/derived'
import { evaluateEligibility, type CriterionId } from '../../domain/eligibility'
import type { RadiosensitivityClasses } from '../../domain/radiosensitivity'
import { regionOfVertebra, type AsiaGrade, type BilskyGrade, type ComplicationKind, type Histology, type Sex, type SosgoqVersion, type SpinalRegion, type TreatmentArm } from '../../domain/codes'

/** A time-to-event endpoint in months. */
export interface EndpointValue {
  time: number
  /** 1 = event, 0 = censored. */
  event: 0 | 1
}

/** The values of one assessment the study reads. */
export interface AssessmentValues {
  vas: number | null
  sins: number | null
  asia: AsiaGrade | null
  /** SOSG-OQ score 0–100 of `sosgoqVersion` (never pooled across versions). */
  sosgoq: number | null
  sosgoqVersion: SosgoqVersion | null
}

/** One screened patient, as the analysis reads it. Plain data. */
export interface AnalysisRow {
  patientId: number
  studyId: string
  arm: TreatmentArm | null
  /** Each criterion for this patient under the settings' protocol: true passes, false fails, null unknown. */
  criteria: Record<CriterionId, boolean | null>
  age: number | null
  sex: Sex | null
  spinalLevel: SpinalRegion | null
  histology: Histology | null
  tokuhashi: number | null
  ecog: number | null
  bilsky: BilskyGrade | null
  preop: AssessmentValues
  month6: AssessmentValues
  /** Operative time in hours (the reference study's unit). */
  operativeTimeHours: number | null
  bloodLossMl: number | null
  lengthOfStayDays: number | null
  surgeryToSrsDays: number | null
  /** One entry per recorded complication. */
  complications: ComplicationKind[]
  /** Local progression-free survival: surgery → first local progression, censored at the last follow-up (or death). */
  lpfs: EndpointValue | null
  /** Overall survival: surgery → death of any cause, censored at the last follow-up. */
  os: EndpointValue | null
}

function assessmentValues(a: PatientRecordInput['preop'], sins: number | null, sosgoq: { value: number | null; version: SosgoqVersion } | null): AssessmentValues {
  return {
    vas: a.vasPain,
    sins,
    asia: a.asiaGrade,
    sosgoq: sosgoq?.value ?? null,
    sosgoqVersion: sosgoq && sosgoq.value !== null ? sosgoq.version : null,
  }
}

/**
 * The analysis row of one record, its eligibility evaluated with the settings' protocol and the
 * registry's radiosensitivity class per histology (registry settings; the NOMS summary reads the same).
 */
export function analysisRow(record: PatientRecord, settings: Pick<StudySettings, 'protocol'>, radiosensitivityClasses: RadiosensitivityClasses = {}): AnalysisRow {
  const derived = deriveRecord(record, radiosensitivityClasses)
  const eligibility = evaluateEligibility(record, { id: 'study-settings', ...settings.protocol }, derived)
  const { patient, preop, surgery } = record
  const region = patient.spinalRegion ?? (patient.vertebrae[0] ? regionOfVertebra(patient.vertebrae[0]) : null)
  const endpoint = (e: { months: number; event: 0 | 1 } | null): EndpointValue | null => (e ? { time: e.months, event: e.event } : null)
  return {
    patientId: record.id,
    studyId: patient.studyId,
    arm: surgery.arm,
    criteria: eligibility.criteria,
    age: patient.ageYears,
    sex: patient.sex,
    spinalLevel: region,
    histology: patient.histology,
    tokuhashi: derived.tokuhashi.total,
    ecog: preop.ecog,
    bilsky: preop.bilskyGrade,
    preop: assessmentValues(preop, derived.sins.preop.total, derived.sosgoq.preop),
    month6: assessmentValues(record.month6, derived.sins.month6.total, derived.sosgoq.month6),
    operativeTimeHours: surgery.operativeTimeMin === null ? null : surgery.operativeTimeMin / 60,
    bloodLossMl: surgery.bloodLossMl,
    lengthOfStayDays: derived.lengthOfStayDays,
    surgeryToSrsDays: derived.surgeryToSrsDays,
    complications: record.complications.map((c) => c.kind),
    lpfs: endpoint(derived.localControl),
    os: endpoint(derived.overallSurvival),
  }
}
