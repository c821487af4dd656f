// Stored codes of the registry: one list per coded field, in display order.
// The database CHECK constraints (main/db/migrations) hold the same lists; a test inserts every
// code to keep them in step. Labels and interpretations live in the i18n catalogues and in
// main/domain/scores; these are the machine values only.

export const SEXES = ['male', 'female'] as const
export type Sex = (typeof SEXES)[number]

/**
 * Primary histology. Fine enough that the revised Tokuhashi primary-site points and the NOMS
 * radiosensitivity class can be derived (docs/clinical-reference.md §1, §9, §13); `other` needs both chosen by
 * the clinician.
 */
export const HISTOLOGIES = [
  'kidney', // renal cell carcinoma (RCC)
  'thyroid',
  'liver', // hepatocellular carcinoma
  'rectum',
  'colon', // "colorectal" in Zheng 2021 (colon, or not further specified)
  'melanoma',
  'lung_nsclc',
  'lung_sclc',
  'breast',
  'prostate',
  'carcinoid',
  'uterus',
  'gallbladder',
  'unknown_primary',
  'stomach',
  'esophagus',
  'pancreas',
  'bladder',
  'osteosarcoma',
  'sarcoma_other',
  'myeloma',
  'lymphoma',
  'seminoma',
  'ovary',
  'other',
] as const
export type Histology = (typeof HISTOLOGIES)[number]

export const RADIOSENSITIVITY = ['sensitive', 'resistant'] as const
export type Radiosensitivity = (typeof RADIOSENSITIVITY)[number]

export const SPINAL_REGIONS = ['cervical', 'thoracic', 'lumbar', 'sacral'] as const
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

export const TREATMENT_ARMS = ['HT', 'TES', 'other'] as const
export type TreatmentArm = (typeof TREATMENT_ARMS)[number]

export const TIMEPOINTS = ['preop', 'month6'] as const
export type Timepoint = (typeof TIMEPOINTS)[number]

export const BILSKY_GRADES = ['0', '1a', '1b', '1c', '2', '3'] as const
export type BilskyGrade = (typeof BILSKY_GRADES)[number]

export const ASIA_GRADES = ['A', 'B', 'C', 'D', 'E'] as const
export type AsiaGrade = (typeof ASIA_GRADES)[number]

export const FRANKEL_GRADES = ['A', 'B', 'C', 'D', 'E'] as const
export type FrankelGrade = (typeof FRANKEL_GRADES)[number]

export const ECOG_GRADES = [0, 1, 2, 3, 4, 5] as const
export const KPS_VALUES = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100] as const

export const TOKUHASHI_VISCERAL = ['unremovable', 'removable', 'none'] as const
export type TokuhashiVisceral = (typeof TOKUHASHI_VISCERAL)[number]

export const SINS_LOCATIONS = ['junctional', 'mobile', 'semi_rigid', 'rigid'] as const
export const SINS_PAIN = ['mechanical', 'occasional', 'pain_free'] as const
export const SINS_BONE_LESION = ['lytic', 'mixed', 'blastic'] as const
export const SINS_ALIGNMENT = ['subluxation', 'deformity', 'normal'] as const
export const SINS_COLLAPSE = ['over_50', 'under_50', 'involved_over_50', 'none'] as const
export const SINS_POSTEROLATERAL = ['bilateral', 'unilateral', 'none'] as const
export type SinsLocation = (typeof SINS_LOCATIONS)[number]
export type SinsPain = (typeof SINS_PAIN)[number]
export type SinsBoneLesion = (typeof SINS_BONE_LESION)[number]
export type SinsAlignment = (typeof SINS_ALIGNMENT)[number]
export type SinsCollapse = (typeof SINS_COLLAPSE)[number]
export type SinsPosterolateral = (typeof SINS_POSTEROLATERAL)[number]

/** SOSG-OQ instrument versions; scores of different versions are never pooled (docs/clinical-reference.md §7). */
export const SOSGOQ_VERSIONS = ['1.0', '2.0'] as const
export type SosgoqVersion = (typeof SOSGOQ_VERSIONS)[number]

export const MARGIN_STATUSES = ['negative', 'positive', 'not_assessed'] as const
export type MarginStatus = (typeof MARGIN_STATUSES)[number]

export const COMPLICATION_KINDS = [
  'deep_vein_thrombosis',
  'intermuscular_venous_thrombosis',
  'pulmonary_embolism',
  'superficial_wound_infection',
  'deep_wound_infection',
  'pneumonia',
  'stress_ulcer',
  'csf_leak',
  'transient_neurological_deficit',
  'permanent_neurological_deficit',
  'hardware_failure',
  'other',
] as const
export type ComplicationKind = (typeof COMPLICATION_KINDS)[number]

/** Clavien–Dindo grade of a complication. */
export const COMPLICATION_GRADES = ['I', 'II', 'IIIa', 'IIIb', 'IVa', 'IVb', 'V'] as const
export type ComplicationGrade = (typeof COMPLICATION_GRADES)[number]

export const FOLLOW_UP_EVENT_KINDS = ['contact', 'local_progression', 'death'] as const
export type FollowUpEventKind = (typeof FOLLOW_UP_EVENT_KINDS)[number]
