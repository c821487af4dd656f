// What the demo cohort is shaped after: the reference study (Zheng 2021,
// docs/clinical-reference.md §0 (Zheng et al. 2021)). Counts are per arm of the 157 included
// patients (Table 1); means and SDs of continuous values are the paper's where it gives them.
// Values from the 55 + 55 matched patients (Tables 3–4, Complications) are applied to the
// whole arm, counts scaled by arm size / 55 (largest remainders).
import type { AsiaGrade, ComplicationKind, Histology, Sex } from '@domain/codes'

export type StudyArm = 'HT' | 'TES'
export const STUDY_ARMS: readonly StudyArm[] = ['HT', 'TES']

export interface Table1Counts {
  n: number
  sex: readonly (readonly [Sex, number])[]
  region: readonly (readonly ['thoracic' | 'lumbar', number])[]
  histology: readonly (readonly [Histology, number])[]
  ecog: readonly (readonly [1 | 2 | 3, number])[]
  escc: readonly (readonly ['2' | '3', number])[]
  asia: readonly (readonly [AsiaGrade, number])[]
}

/** Table 1 (before PSM); RCC → kidney, Rectal → rectum, Colorectal → colon. */
export const TABLE1: Readonly<Record<StudyArm, Table1Counts>> = {
  HT: {
    n: 64,
    sex: [['male', 51], ['female', 13]],
    region: [['thoracic', 46], ['lumbar', 18]],
    histology: [['kidney', 24], ['thyroid', 19], ['liver', 4], ['rectum', 4], ['colon', 10], ['melanoma', 3]],
    ecog: [[1, 10], [2, 33], [3, 21]],
    escc: [['2', 45], ['3', 19]],
    asia: [['B', 13], ['C', 24], ['D', 27]],
  },
  TES: {
    n: 93,
    sex: [['male', 70], ['female', 23]],
    region: [['thoracic', 66], ['lumbar', 27]],
    histology: [['kidney', 34], ['thyroid', 22], ['liver', 8], ['rectum', 9], ['colon', 13], ['melanoma', 7]],
    ecog: [[1, 14], [2, 45], [3, 34]],
    escc: [['2', 62], ['3', 31]],
    asia: [['B', 24], ['C', 33], ['D', 36]],
  },
}

export interface MeanSd {
  mean: number
  sd: number
}

/** Table 1 continuous baseline values (the SDs lost their "±" in the preprint; 0.8–7 as Table 2 shows). */
export const BASELINE: Readonly<Record<StudyArm, { age: MeanSd; tokuhashi: MeanSd; vas: MeanSd; sins: MeanSd; sosgoq: MeanSd }>> = {
  HT: { age: { mean: 56.64, sd: 6.6 }, tokuhashi: { mean: 10.39, sd: 0.89 }, vas: { mean: 7.16, sd: 0.88 }, sins: { mean: 12.86, sd: 1.64 }, sosgoq: { mean: 63.72, sd: 7.2 } },
  TES: { age: { mean: 58.73, sd: 6.6 }, tokuhashi: { mean: 10.43, sd: 0.9 }, vas: { mean: 7.42, sd: 0.87 }, sins: { mean: 13.2, sd: 1.8 }, sosgoq: { mean: 64.88, sd: 6.93 } },
}
export const AGE_RANGE = { min: 40, max: 72 } as const

/** Table 3: operative time (h → min), blood loss, hospital stay, surgery → SRS interval. */
export const PERIOPERATIVE: Readonly<Record<StudyArm, { operativeMin: MeanSd; bloodLossMl: MeanSd; stayDays: MeanSd; srsDays: MeanSd }>> = {
  HT: { operativeMin: { mean: 3.4 * 60, sd: 0.37 * 60 }, bloodLossMl: { mean: 728.18, sd: 199.02 }, stayDays: { mean: 11.98, sd: 2.65 }, srsDays: { mean: 22.98, sd: 1.82 } },
  TES: { operativeMin: { mean: 6.01 * 60, sd: 0.64 * 60 }, bloodLossMl: { mean: 1721.82, sd: 281.98 }, stayDays: { mean: 13.35, sd: 4.56 }, srsDays: { mean: 23.0, sd: 2.77 } },
}
/** Single-fraction SRS, 24 Gy (Methods, Postoperative treatment). */
export const SRS_DOSE_GY = 24
export const SRS_FRACTIONS = 1

/** Table 4: outcomes 6 months after surgery. The HT SOSG-OQ SD was lost in extraction; TES's is used. */
export const MONTH6: Readonly<Record<StudyArm, { vas: MeanSd; sosgoq: MeanSd; sins: MeanSd }>> = {
  HT: { vas: { mean: 1.11, sd: 0.69 }, sosgoq: { mean: 41.5, sd: 9.5 }, sins: { mean: 4.8, sd: 0.85 } },
  TES: { vas: { mean: 1.15, sd: 0.68 }, sosgoq: { mean: 43.25, sd: 10.91 }, sins: { mean: 4.71, sd: 0.76 } },
}

/**
 * ASIA grade 6 months after surgery by preoperative grade (Functional outcomes paragraph,
 * matched patients): counts of [B, C, D, E] out of each preoperative group. Nobody got worse.
 */
export const ASIA_TRANSITIONS: Readonly<Record<StudyArm, Readonly<Record<'B' | 'C' | 'D', readonly [number, number, number, number]>>>> = {
  HT: { B: [3, 3, 4, 2], C: [0, 3, 6, 12], D: [0, 0, 2, 20] },
  TES: { B: [2, 5, 4, 3], C: [0, 2, 5, 11], D: [0, 0, 1, 22] },
}

/** Complications section: events among 55 matched patients per arm; all treated conservatively. */
export const COMPLICATIONS_PER_55: Readonly<Record<StudyArm, readonly (readonly [ComplicationKind, number])[]>> = {
  HT: [
    ['deep_vein_thrombosis', 2],
    ['intermuscular_venous_thrombosis', 4],
    ['superficial_wound_infection', 2],
    ['transient_neurological_deficit', 1],
    ['csf_leak', 1],
  ],
  TES: [
    ['superficial_wound_infection', 4],
    ['pneumonia', 2],
    ['deep_vein_thrombosis', 3],
    ['intermuscular_venous_thrombosis', 3],
    ['stress_ulcer', 1],
    ['csf_leak', 3],
    ['transient_neurological_deficit', 1],
  ],
}
export const MATCHED_PER_ARM = 55

/** Discussion: 5 positive margins among the 55 matched TES patients; separation surgery is intralesional. */
export const TES_POSITIVE_MARGINS_PER_55 = 5

/**
 * Kaplan–Meier targets (Results, Local control and Overall survival): survival probabilities at
 * 12, 24 and 60 months and the medians. Local control counts local relapse only (death censors).
 */
export interface SurvivalTarget {
  at12: number
  at24: number
  at60: number
  medianMonths: number
}
export const KM_TARGETS: Readonly<Record<StudyArm, { localControl: SurvivalTarget; overallSurvival: SurvivalTarget }>> = {
  HT: {
    localControl: { at12: 0.902, at24: 0.641, at60: 0.244, medianMonths: 36 },
    overallSurvival: { at12: 0.846, at24: 0.608, at60: 0.188, medianMonths: 36 },
  },
  TES: {
    localControl: { at12: 0.9, at24: 0.621, at60: 0.284, medianMonths: 37 },
    overallSurvival: { at12: 0.831, at24: 0.643, at60: 0.241, medianMonths: 39 },
  },
}

/** Included surgeries: January 2012 – May 2019. */
export const STUDY_PERIOD = { from: '2012-01-01', to: '2019-05-31' } as const
/**
 * Data cut-off of the demo: the last follow-up contact any patient can have. Chosen so that the
 * last included patient (May 2019) still has 24 months of follow-up.
 */
export const DATA_CUTOFF = '2021-06-30'
/** Every living patient is followed at least 24 months (731 days ≥ 24 × 365.25/12). */
export const MIN_FOLLOW_UP_DAYS = 731
/** Longest follow-up, 88 months: 2678 days = 87.98 months (the paper's "88 months"). */
export const MAX_FOLLOW_UP_DAYS = 2678

/** Largest-remainder apportionment of `total` over `quotas` (ties to the earlier entry). */
export function apportion(quotas: readonly number[], total: number): number[] {
  const floors = quotas.map((q) => Math.floor(q))
  let left = total - floors.reduce((s, x) => s + x, 0)
  const order = quotas.map((q, i) => i).sort((a, b) => quotas[b]! - floors[b]! - (quotas[a]! - floors[a]!) || a - b)
  for (const i of order) {
    if (left <= 0) break
    floors[i]!++
    left--
  }
  return floors
}

/** Complication counts for a whole arm: the per-55 counts scaled by n/55, total rounded. */
export function scaledComplications(arm: StudyArm, n: number): [ComplicationKind, number][] {
  const base = COMPLICATIONS_PER_55[arm]
  const quotas = base.map(([, k]) => (k * n) / MATCHED_PER_ARM)
  const total = Math.round(quotas.reduce((s, q) => s + q, 0))
  const counts = apportion(quotas, total)
  return base.map(([kind], i) => [kind, counts[i]!])
}
