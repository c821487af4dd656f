// Study eligibility: the reference study's inclusion and exclusion criteria (Zheng 2021, Methods
// "Patients"), each evaluated as passes / fails / unknown for one patient record.
import type { PatientRecordInput } from './record'
import { isHighGradeEscc } from './scores/bilsky'
import { deriveRecord, type DerivedRecord } from './derived'
import { regionOfVertebra } from './codes'
import { codedAsMissingData, isRecordComplete } from './completeness'

export interface StudyProtocol {
  id: string
  /** First and last surgery dates included (ISO). */
  treatmentFrom: string
  treatmentTo: string
  tokuhashiMin: number
  tokuhashiMax: number
  ecogMax: number
}

/** Zheng 2021: treated January 2012 – May 2019; revised Tokuhashi 9–11; ECOG ≤ 3. */
export const ZHENG_2021_PROTOCOL: StudyProtocol = {
  id: 'zheng-2021',
  treatmentFrom: '2012-01-01',
  treatmentTo: '2019-05-31',
  tokuhashiMin: 9,
  tokuhashiMax: 11,
  ecogMax: 3,
}

export const CRITERIA = [
  // inclusion (1)–(6) of the reference study, (2) split into its two parts, and the compared arms
  'treatmentPeriod',
  'solitaryMetastasis',
  'thoracicOrLumbar',
  'highGradeEscc',
  'radioresistantHistology',
  'tokuhashi9to11',
  'ecogAtMost3',
  'treatedWithHtOrTes',
  // exclusion (1)–(5)
  'caseDataComplete',
  'noSurgicalContraindication',
  'primaryControlled',
  'noOtherMetastases',
  'noPreviousSpinalResection',
] as const
export type CriterionId = (typeof CRITERIA)[number]

/** Each criterion in words, for English text outside the UI (the CLI); the UI has its own catalogues. */
export const CRITERION_TITLE: Readonly<Record<CriterionId, string>> = {
  treatmentPeriod: 'treated January 2012 – May 2019',
  solitaryMetastasis: 'solitary spinal metastasis',
  thoracicOrLumbar: 'thoracic or lumbar spine',
  highGradeEscc: 'high-grade ESCC (Bilsky 2 or 3)',
  radioresistantHistology: 'radioresistant histology',
  tokuhashi9to11: 'revised Tokuhashi 9–11',
  ecogAtMost3: 'ECOG ≤ 3',
  treatedWithHtOrTes: 'treated with HT or TES',
  caseDataComplete: 'case data complete',
  noSurgicalContraindication: 'no surgical contraindication',
  primaryControlled: 'primary tumour controlled',
  noOtherMetastases: 'no other metastatic lesions',
  noPreviousSpinalResection: 'no previous spinal tumour resection',
}

export type CriterionKind = 'inclusion' | 'exclusion'
export const CRITERION_KIND: Readonly<Record<CriterionId, CriterionKind>> = {
  treatmentPeriod: 'inclusion',
  solitaryMetastasis: 'inclusion',
  thoracicOrLumbar: 'inclusion',
  highGradeEscc: 'inclusion',
  radioresistantHistology: 'inclusion',
  tokuhashi9to11: 'inclusion',
  ecogAtMost3: 'inclusion',
  treatedWithHtOrTes: 'inclusion',
  caseDataComplete: 'exclusion',
  noSurgicalContraindication: 'exclusion',
  primaryControlled: 'exclusion',
  noOtherMetastases: 'exclusion',
  noPreviousSpinalResection: 'exclusion',
}

/** true = the patient satisfies the study on this point; false = does not; null = not known yet. */
export type CriterionStatus = boolean | null

export interface EligibilityResult {
  status: 'eligible' | 'ineligible' | 'unknown'
  criteria: Record<CriterionId, CriterionStatus>
  /** Criteria that fail, in the order of CRITERIA (the first is the reason shown in the flow chart). */
  failed: CriterionId[]
  unknown: CriterionId[]
}

/** Whether a value is recorded (a criterion on it is then true or false, else not known yet). */
const isKnown = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined

/** Exclusion (4): other metastatic lesions = extraspinal bone foci or visceral metastases. */
function noOtherMetastases(foci: number | null, visceral: string | null): CriterionStatus {
  if ((foci ?? 0) > 0 || (visceral !== null && visceral !== 'none')) return false
  if (foci === null || visceral === null) return null
  return true
}

export function evaluateEligibility(
  record: PatientRecordInput,
  protocol: StudyProtocol = ZHENG_2021_PROTOCOL,
  derived: DerivedRecord = deriveRecord(record),
): EligibilityResult {
  const { patient, preop, surgery } = record
  const region = patient.spinalRegion ?? (patient.vertebrae[0] ? regionOfVertebra(patient.vertebrae[0]) : null)
  const vertebralCount = preop.tokuhashiVertebralMetastases ?? (patient.vertebrae.length > 0 ? patient.vertebrae.length : null)
  // Written out without a closure per criterion: the patient list's status cache evaluates every
  // patient of a registry (100,000 on an import).
  const surgeryDate = surgery.surgeryDate
  const tokuhashi = derived.tokuhashi.total
  const criteria: Record<CriterionId, CriterionStatus> = {
    treatmentPeriod: isKnown(surgeryDate) ? surgeryDate >= protocol.treatmentFrom && surgeryDate <= protocol.treatmentTo : null,
    solitaryMetastasis: isKnown(vertebralCount) ? vertebralCount === 1 : null,
    thoracicOrLumbar: isKnown(region) ? region === 'thoracic' || region === 'lumbar' : null,
    highGradeEscc: isKnown(preop.bilskyGrade) ? isHighGradeEscc(preop.bilskyGrade) : null,
    radioresistantHistology: isKnown(derived.radiosensitivity.value) ? derived.radiosensitivity.value === 'resistant' : null,
    tokuhashi9to11: isKnown(tokuhashi) ? tokuhashi >= protocol.tokuhashiMin && tokuhashi <= protocol.tokuhashiMax : null,
    ecogAtMost3: isKnown(preop.ecog) ? preop.ecog <= protocol.ecogMax : null,
    treatedWithHtOrTes: isKnown(surgery.arm) ? surgery.arm === 'HT' || surgery.arm === 'TES' : null,
    caseDataComplete: isRecordComplete(record, derived),
    noSurgicalContraindication: isKnown(patient.surgicalContraindication) ? !patient.surgicalContraindication : null,
    primaryControlled: isKnown(patient.primaryControlled) ? patient.primaryControlled : null,
    noOtherMetastases: noOtherMetastases(preop.tokuhashiExtraspinalBoneFoci, preop.tokuhashiVisceral),
    noPreviousSpinalResection: isKnown(patient.previousSpinalResection) ? !patient.previousSpinalResection : null,
  }
  const failed = CRITERIA.filter((c) => criteria[c] === false && c !== 'caseDataComplete')
  const unknown = CRITERIA.filter((c) => criteria[c] === null)
  // An incomplete record is "not known yet" in the registry (drafts are normal); in the study's
  // flow chart it is excluded as "case data not intact" (exclusion 1). A study field coded as not
  // done, unknown or lost to follow-up will stay empty, so that exclusion is final at once; a field
  // coded "not applicable" is not needed and does not count against the record.
  const hasCodes = record.missingCodes !== undefined && Object.keys(record.missingCodes).length > 0
  const finallyIncomplete = criteria.caseDataComplete === false && hasCodes && codedAsMissingData(record, derived).length > 0
  const status =
    failed.length > 0 || finallyIncomplete ? 'ineligible' : unknown.length > 0 || criteria.caseDataComplete === false ? 'unknown' : 'eligible'
  if (criteria.caseDataComplete === false) failed.push('caseDataComplete')
  return { status, criteria, failed, unknown }
}
