// Revised Tokuhashi score (Tokuhashi et al., Spine 2005;30(19):2186–2191), as tabulated in
// docs/clinical-reference.md §1: six items summed to 0–15, higher = better prognosis. Item points, primary-site
// groups and bands are exactly those of the 2005 table (checked against NICE CG75 App. 3).
import type { FrankelGrade, Histology, TokuhashiVisceral } from '../codes'
import { scoreItems, type TotalWithSource } from './entered-total'

export type TokuhashiItem = 'generalCondition' | 'extraspinalBoneFoci' | 'vertebralMetastases' | 'visceralMetastases' | 'primarySite' | 'palsy'

export const TOKUHASHI_ITEMS: readonly TokuhashiItem[] = [
  'generalCondition',
  'extraspinalBoneFoci',
  'vertebralMetastases',
  'visceralMetastases',
  'primarySite',
  'palsy',
]

/** General condition from the Karnofsky performance status: 10–40 % poor (0), 50–70 % moderate (1), 80–100 % good (2). */
export function tokuhashiGeneralConditionPoints(kps: number): 0 | 1 | 2 {
  if (kps >= 80) return 2
  if (kps >= 50) return 1
  return 0
}

/** Extraspinal bone metastasis foci (the spine excluded): ≥ 3 → 0, 1–2 → 1, 0 → 2. */
export function tokuhashiExtraspinalPoints(foci: number): 0 | 1 | 2 {
  if (foci >= 3) return 0
  if (foci >= 1) return 1
  return 2
}

/**
 * Metastases in the vertebral bodies (involved vertebrae): ≥ 3 → 0, 2 → 1, 1 → 2.
 * Some reproductions print ≥3 / 1–2 / 0 (a copying error, docs/clinical-reference.md §1): every scored patient
 * has at least one vertebral metastasis.
 */
export function tokuhashiVertebralPoints(count: number): 0 | 1 | 2 {
  if (count >= 3) return 0
  if (count === 2) return 1
  return 2
}

/** Metastases to the major internal organs (lungs, liver, kidneys, brain). */
export function tokuhashiVisceralPoints(v: TokuhashiVisceral): 0 | 1 | 2 {
  return v === 'unremovable' ? 0 : v === 'removable' ? 1 : 2
}

/** Palsy by Frankel grade: A or B (complete) → 0, C or D (incomplete) → 1, E (none) → 2. */
export function tokuhashiPalsyPoints(frankel: FrankelGrade): 0 | 1 | 2 {
  if (frankel === 'A' || frankel === 'B') return 0
  if (frankel === 'C' || frankel === 'D') return 1
  return 2
}

/**
 * Primary-site points of the revised score. `null` for `other`: the clinician enters the group.
 * 0: lung, osteosarcoma, stomach, bladder, oesophagus, pancreas; 1: liver, gallbladder,
 * unidentified; 2: others (colon, melanoma, myeloma, lymphoma, ovary, other sarcoma, seminoma);
 * 3: kidney, uterus; 4: rectum; 5: thyroid, breast, prostate, carcinoid.
 */
export function tokuhashiPrimarySitePoints(histology: Histology): number | null {
  switch (histology) {
    case 'lung_nsclc':
    case 'lung_sclc':
    case 'osteosarcoma':
    case 'stomach':
    case 'bladder':
    case 'esophagus':
    case 'pancreas':
      return 0
    case 'liver':
    case 'gallbladder':
    case 'unknown_primary':
      return 1
    case 'kidney':
    case 'uterus':
      return 3
    case 'rectum':
      return 4
    case 'thyroid':
    case 'breast':
    case 'prostate':
    case 'carcinoid':
      return 5
    case 'other':
      return null
    default:
      return 2
  }
}

export interface TokuhashiInput {
  kps: number | null
  extraspinalBoneFoci: number | null
  vertebralMetastases: number | null
  visceral: TokuhashiVisceral | null
  histology: Histology | null
  /** Clinician's primary-site points, used only when histology is `other`. */
  primaryPointsOverride: number | null
  frankel: FrankelGrade | null
  /** The total recorded without items ("total known, items not recorded"), 0–15. */
  enteredTotal?: number | null
}

export type TokuhashiBand = 'under6Months' | 'atLeast6Months' | 'atLeast1Year'

export const TOKUHASHI_BANDS: readonly { band: TokuhashiBand; min: number; max: number }[] = [
  { band: 'under6Months', min: 0, max: 8 },
  { band: 'atLeast6Months', min: 9, max: 11 },
  { band: 'atLeast1Year', min: 12, max: 15 },
]

/** 0–8: predicted survival < 6 months; 9–11: ≥ 6 months; 12–15: ≥ 1 year. */
export function tokuhashiBand(total: number): TokuhashiBand {
  if (total <= 8) return 'under6Months'
  if (total <= 11) return 'atLeast6Months'
  return 'atLeast1Year'
}

export interface TokuhashiResult extends TotalWithSource {
  /** Points per item; null when the item is not yet recorded. */
  points: Record<TokuhashiItem, number | null>
  /** Sum of the six items once every item is recorded, else the entered total, else null. */
  total: number | null
  /** Sum of the items recorded so far (shown while entering). */
  partialTotal: number
  missing: TokuhashiItem[]
  band: TokuhashiBand | null
}

export function scoreTokuhashi(input: TokuhashiInput): TokuhashiResult {
  const primary =
    input.histology === null ? null : input.histology === 'other' ? input.primaryPointsOverride : tokuhashiPrimarySitePoints(input.histology)
  const points: Record<TokuhashiItem, number | null> = {
    generalCondition: input.kps === null ? null : tokuhashiGeneralConditionPoints(input.kps),
    extraspinalBoneFoci: input.extraspinalBoneFoci === null ? null : tokuhashiExtraspinalPoints(input.extraspinalBoneFoci),
    vertebralMetastases: input.vertebralMetastases === null ? null : tokuhashiVertebralPoints(input.vertebralMetastases),
    visceralMetastases: input.visceral === null ? null : tokuhashiVisceralPoints(input.visceral),
    primarySite: primary,
    palsy: input.frankel === null ? null : tokuhashiPalsyPoints(input.frankel),
  }
  return scoreItems(points, TOKUHASHI_ITEMS, input.enteredTotal ?? null, tokuhashiBand)
}
