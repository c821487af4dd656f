// Stored codes of the registry: one tuple per coded field, in display order, taken from the code
// lists of the field catalogue (main/domain/catalogue/code-lists.ts), where each code's labels and
// import synonyms live. The database CHECK constraints (main/db/migrations) hold the same lists; a
// test inserts every code to keep them in step.
import * as lists from './catalogue/code-lists'

export const SEXES = lists.SEX_LIST.codes
export type Sex = (typeof SEXES)[number]

export const HISTOLOGIES = lists.HISTOLOGY_LIST.codes
export type Histology = (typeof HISTOLOGIES)[number]

export const RADIOSENSITIVITY = lists.RADIOSENSITIVITY_LIST.codes
export type Radiosensitivity = (typeof RADIOSENSITIVITY)[number]

export const SPINAL_REGIONS = lists.SPINAL_REGION_LIST.codes
export type SpinalRegion = (typeof SPINAL_REGIONS)[number]

export const VERTEBRAE = [
  'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7',
  'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12',
  'L1', 'L2', 'L3', 'L4', 'L5',
  'S1', 'S2', 'S3', 'S4', 'S5',
] as const
export type Vertebra = (typeof VERTEBRAE)[number]

export function regionOfVertebra(v: Vertebra): SpinalRegion {
  switch (v[0]) {
    case 'C':
      return 'cervical'
    case 'T':
      return 'thoracic'
    case 'L':
      return 'lumbar'
    default:
      return 'sacral'
  }
}

export const TREATMENT_ARMS = lists.ARM_LIST.codes
export type TreatmentArm = (typeof TREATMENT_ARMS)[number]

export const TIMEPOINTS = ['preop', 'month6'] as const
export type Timepoint = (typeof TIMEPOINTS)[number]

export const BILSKY_GRADES = lists.BILSKY_LIST.codes
export type BilskyGrade = (typeof BILSKY_GRADES)[number]

export const ASIA_GRADES = lists.ASIA_LIST.codes
export type AsiaGrade = (typeof ASIA_GRADES)[number]

export const FRANKEL_GRADES = lists.FRANKEL_LIST.codes
export type FrankelGrade = (typeof FRANKEL_GRADES)[number]

export const ECOG_GRADES = [0, 1, 2, 3, 4, 5] as const
export const KPS_VALUES = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100] as const

export const TOKUHASHI_VISCERAL = lists.VISCERAL_LIST.codes
export type TokuhashiVisceral = (typeof TOKUHASHI_VISCERAL)[number]

export const SINS_LOCATIONS = lists.SINS_LOCATION_LIST.codes
export const SINS_PAIN = lists.SINS_PAIN_LIST.codes
export const SINS_BONE_LESION = lists.SINS_BONE_LESION_LIST.codes
export const SINS_ALIGNMENT = lists.SINS_ALIGNMENT_LIST.codes
export const SINS_COLLAPSE = lists.SINS_COLLAPSE_LIST.codes
export const SINS_POSTEROLATERAL = lists.SINS_POSTEROLATERAL_LIST.codes
export type SinsLocation = (typeof SINS_LOCATIONS)[number]
export type SinsPain = (typeof SINS_PAIN)[number]
export type SinsBoneLesion = (typeof SINS_BONE_LESION)[number]
export type SinsAlignment = (typeof SINS_ALIGNMENT)[number]
export type SinsCollapse = (typeof SINS_COLLAPSE)[number]
export type SinsPosterolateral = (typeof SINS_POSTEROLATERAL)[number]

export const SOSGOQ_VERSIONS = lists.SOSGOQ_VERSION_LIST.codes
export type SosgoqVersion = (typeof SOSGOQ_VERSIONS)[number]

export const MARGIN_STATUSES = lists.MARGIN_LIST.codes
export type MarginStatus = (typeof MARGIN_STATUSES)[number]

export const COMPLICATION_KINDS = lists.COMPLICATION_KIND_LIST.codes
export type ComplicationKind = (typeof COMPLICATION_KINDS)[number]

export const COMPLICATION_GRADES = lists.COMPLICATION_GRADE_LIST.codes
export type ComplicationGrade = (typeof COMPLICATION_GRADES)[number]

export const FOLLOW_UP_EVENT_KINDS = lists.FOLLOW_UP_KIND_LIST.codes
export type FollowUpEventKind = (typeof FOLLOW_UP_EVENT_KINDS)[number]
