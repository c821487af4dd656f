// One demo patient while it is being generated, and its conversion to a PatientRecordInput.
import { emptyAssessment, emptyPatientRecord, type Assessment, type Complication, type FollowUpEvent, type PatientRecordInput } from '@contract/patient-record'
import type {
  AsiaGrade,
  BilskyGrade,
  FrankelGrade,
  Histology,
  MarginStatus,
  Radiosensitivity,
  Sex,
  SinsLocation,
  SpinalRegion,
  TokuhashiVisceral,
  Vertebra,
} from '@domain/codes'
import type { CriterionId } from '@domain/eligibility'
import type { SinsChoice } from './baseline'
import type { Outcome } from './followup'
import { PROCEDURE_ARM, type ProcedureKind } from './perioperative'
import type { StudyArm } from './targets'

export interface SosgoqEntry {
  answers: (number | null)[] | null
  enteredTotal: number | null
}

export interface Month6Plan {
  assessedOn: string
  ecog: number
  kps: number
  asia: AsiaGrade
  vas: number
  sins: SinsChoice
  sosgoq: SosgoqEntry
}

export interface Plan {
  /** Study arm of an included patient, or 'screened' for one who fails the criteria. */
  group: StudyArm | 'screened'
  /** First failed criterion intended for a screened-out patient. */
  reason: CriterionId | null
  sex: Sex
  ageYears: number
  histology: Histology
  histologyDetail: string
  radiosensitivity: Radiosensitivity | null
  vertebrae: Vertebra[]
  region: SpinalRegion
  sinsLocation: SinsLocation
  ecog: number
  kps: number
  asia: AsiaGrade
  frankel: FrankelGrade
  frankelDiscordant: boolean
  bilsky: BilskyGrade
  extraspinalFoci: number
  vertebralMetastases: number
  visceral: TokuhashiVisceral
  vas: number
  sins: SinsChoice | null
  sosgoq: SosgoqEntry | null
  primaryControlled: boolean
  surgicalContraindication: boolean
  previousSpinalResection: boolean
  toleratesSurgery: boolean
  procedure: ProcedureKind
  diagnosisDate: string
  admissionDate: string
  /** Surgery date, or the first treatment day of a patient who was not operated (see `indexDate`). */
  surgeryDate: string | null
  dischargeDate: string
  operativeTimeMin: number | null
  bloodLossMl: number | null
  marginStatus: MarginStatus | null
  fixation: { above: number; below: number } | null
  procedureDetail: string
  srsDate: string | null
  srsDoseGy: number | null
  srsFractions: number | null
  complications: Complication[]
  outcome: Outcome | null
  followUp: FollowUpEvent[]
  /** Date of the 6-month visit (null when the patient died before it was due). */
  month6Date: string | null
  month6: Month6Plan | null
  fullName: string
  hospitalNumber: string
  dateOfBirth: string
  notes: string[]
}

/** The fields of a plan that later steps fill in (dates, treatment, follow-up, identity), before they run. */
export function laterSteps() {
  return {
    diagnosisDate: '',
    admissionDate: '',
    surgeryDate: null,
    dischargeDate: '',
    operativeTimeMin: null,
    bloodLossMl: null,
    marginStatus: null,
    fixation: null,
    procedureDetail: '',
    srsDate: null,
    srsDoseGy: null,
    srsFractions: null,
    complications: [],
    outcome: null,
    followUp: [],
    month6Date: null,
    month6: null,
    fullName: '',
    hospitalNumber: '',
    dateOfBirth: '',
  } satisfies Partial<Plan>
}

/** Follow-up is counted from surgery, or from the first treatment of a patient not operated. */
export function indexDate(p: Pick<Plan, 'surgeryDate' | 'srsDate' | 'admissionDate'>): string {
  return p.surgeryDate ?? p.srsDate ?? p.admissionDate
}

/**
 * The scores both assessments record: SINS (the lesion's location and the components chosen, null
 * when not assessed), ASIA with the myelopathy it implies, VAS, and SOSG-OQ version 1.0 as in the
 * reference study.
 */
function scoreFields(location: SinsLocation, sins: SinsChoice | null, asia: AsiaGrade, vas: number, sosgoq: SosgoqEntry | null): Partial<Assessment> {
  return {
    sinsLocation: location,
    sinsPain: sins?.pain ?? null,
    sinsBoneLesion: sins?.boneLesion ?? null,
    sinsAlignment: sins?.alignment ?? null,
    sinsCollapse: sins?.collapse ?? null,
    sinsPosterolateral: sins?.posterolateral ?? null,
    asiaGrade: asia,
    vasPain: vas,
    myelopathy: asia !== 'E',
    sosgoqVersion: sosgoq ? '1.0' : null,
    sosgoqAnswers: sosgoq?.answers ?? null,
    sosgoqEnteredTotal: sosgoq?.enteredTotal ?? null,
  }
}

export function toRecord(p: Plan, studyId: string): PatientRecordInput {
  const preop: Assessment = {
    ...emptyAssessment(),
    assessedOn: p.admissionDate,
    kps: p.kps,
    ecog: p.ecog,
    tokuhashiExtraspinalBoneFoci: p.extraspinalFoci,
    tokuhashiVertebralMetastases: p.vertebralMetastases,
    tokuhashiVisceral: p.visceral,
    tokuhashiFrankel: p.frankel,
    bilskyGrade: p.bilsky,
    ...scoreFields(p.sinsLocation, p.sins, p.asia, p.vas, p.sosgoq),
    toleratesSurgery: p.toleratesSurgery,
  }
  const m = p.month6
  const month6: Assessment = m
    ? {
        ...emptyAssessment(),
        assessedOn: m.assessedOn,
        kps: m.kps,
        ecog: m.ecog,
        ...scoreFields(p.sinsLocation, m.sins, m.asia, m.vas, m.sosgoq),
      }
    : emptyAssessment()
  // Every field not set here is empty (a field added to the catalogue starts empty in the demo).
  const empty = emptyPatientRecord(studyId)
  return {
    id: null,
    patient: {
      ...empty.patient,
      studyId,
      ageYears: p.ageYears,
      sex: p.sex,
      histology: p.histology,
      histologyDetail: p.histologyDetail,
      radiosensitivity: p.radiosensitivity,
      tokuhashiPrimaryPoints: null,
      diagnosisDate: p.diagnosisDate,
      spinalRegion: p.region,
      vertebrae: p.vertebrae,
      primaryControlled: p.primaryControlled,
      surgicalContraindication: p.surgicalContraindication,
      previousSpinalResection: p.previousSpinalResection,
      notes: p.notes.length > 0 ? p.notes.join(' ') : null,
    },
    identity: { ...empty.identity, fullName: p.fullName, hospitalNumber: p.hospitalNumber, dateOfBirth: p.dateOfBirth },
    preop,
    month6,
    surgery: {
      ...empty.surgery,
      arm: PROCEDURE_ARM[p.procedure],
      admissionDate: p.admissionDate,
      surgeryDate: p.surgeryDate,
      dischargeDate: p.dischargeDate,
      procedureDetail: p.procedureDetail,
      fixationLevelsAbove: p.fixation?.above ?? null,
      fixationLevelsBelow: p.fixation?.below ?? null,
      operativeTimeMin: p.operativeTimeMin,
      bloodLossMl: p.bloodLossMl,
      marginStatus: p.marginStatus,
      srsDate: p.srsDate,
      srsDoseGy: p.srsDoseGy,
      srsFractions: p.srsFractions,
    },
    complications: p.complications,
    followUp: p.followUp,
  }
}
