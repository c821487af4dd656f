// Spinal Instability Neoplastic Score (Fisher et al., Spine 2010;35(22):E1221–E1229), docs/clinical-reference.md §2:
// six components summed to 0–18; 0–6 stable, 7–12 indeterminate (potentially unstable),
// 13–18 unstable. The pain item is 3/1/0 (a teaching site's 3/2/1 is wrong).
import {
  type SinsAlignment,
  type SinsBoneLesion,
  type SinsCollapse,
  type SinsLocation,
  type SinsPain,
  type SinsPosterolateral,
  type Vertebra,
} from '../codes'
import { scoreItems, type TotalWithSource } from './entered-total'

export const SINS_POINTS = {
  location: { junctional: 3, mobile: 2, semi_rigid: 1, rigid: 0 } satisfies Record<SinsLocation, number>,
  pain: { mechanical: 3, occasional: 1, pain_free: 0 } satisfies Record<SinsPain, number>,
  boneLesion: { lytic: 2, mixed: 1, blastic: 0 } satisfies Record<SinsBoneLesion, number>,
  alignment: { subluxation: 4, deformity: 2, normal: 0 } satisfies Record<SinsAlignment, number>,
  collapse: { over_50: 3, under_50: 2, involved_over_50: 1, none: 0 } satisfies Record<SinsCollapse, number>,
  posterolateral: { bilateral: 3, unilateral: 1, none: 0 } satisfies Record<SinsPosterolateral, number>,
} as const

export type SinsComponent = keyof typeof SINS_POINTS
export const SINS_COMPONENTS: readonly SinsComponent[] = ['location', 'pain', 'boneLesion', 'alignment', 'collapse', 'posterolateral']

/** The assessment field (contract `Assessment`) that holds each component. */
export const SINS_FIELDS = {
  location: 'sinsLocation',
  pain: 'sinsPain',
  boneLesion: 'sinsBoneLesion',
  alignment: 'sinsAlignment',
  collapse: 'sinsCollapse',
  posterolateral: 'sinsPosterolateral',
} as const satisfies Record<SinsComponent, string>

export interface SinsInput {
  location: SinsLocation | null
  pain: SinsPain | null
  boneLesion: SinsBoneLesion | null
  alignment: SinsAlignment | null
  collapse: SinsCollapse | null
  posterolateral: SinsPosterolateral | null
  /** The total recorded without items ("total known, items not recorded"), 0–18. */
  enteredTotal?: number | null
}

export type SinsBand = 'stable' | 'indeterminate' | 'unstable'

export const SINS_BANDS: readonly { band: SinsBand; min: number; max: number }[] = [
  { band: 'stable', min: 0, max: 6 },
  { band: 'indeterminate', min: 7, max: 12 },
  { band: 'unstable', min: 13, max: 18 },
]

export function sinsBand(total: number): SinsBand {
  if (total <= 6) return 'stable'
  if (total <= 12) return 'indeterminate'
  return 'unstable'
}

export interface SinsResult extends TotalWithSource {
  points: Record<SinsComponent, number | null>
  /** Sum of the six components once all are recorded, else the entered total, else null. */
  total: number | null
  partialTotal: number
  missing: SinsComponent[]
  band: SinsBand | null
}

export function scoreSins(input: SinsInput): SinsResult {
  const points = {} as Record<SinsComponent, number | null>
  for (const c of SINS_COMPONENTS) {
    const v = input[c]
    points[c] = v === null ? null : ((SINS_POINTS[c] as Record<string, number>)[v] ?? null)
  }
  return scoreItems(points, SINS_COMPONENTS, input.enteredTotal ?? null, sinsBand)
}

/**
 * SINS location class of a vertebra: junctional occiput–C2, C7–T2, T11–L1, L5–S1; mobile C3–C6,
 * L2–L4; semi-rigid T3–T10; rigid S2–S5. For a lesion over several levels the most unstable
 * class (highest points) applies.
 */
export function sinsLocationOfVertebra(v: Vertebra): SinsLocation {
  switch (v) {
    case 'C1':
    case 'C2':
    case 'C7':
    case 'T1':
    case 'T2':
    case 'T11':
    case 'T12':
    case 'L1':
    case 'L5':
    case 'S1':
      return 'junctional'
    case 'C3':
    case 'C4':
    case 'C5':
    case 'C6':
    case 'L2':
    case 'L3':
    case 'L4':
      return 'mobile'
    case 'S2':
    case 'S3':
    case 'S4':
    case 'S5':
      return 'rigid'
    default:
      return 'semi_rigid'
  }
}

/** The SINS location implied by the involved vertebrae (highest-scoring class), or null for none. */
export function sinsLocationOfLevels(vertebrae: readonly Vertebra[]): SinsLocation | null {
  let best: SinsLocation | null = null
  for (const v of vertebrae) {
    const loc = sinsLocationOfVertebra(v)
    if (best === null || SINS_POINTS.location[loc] > SINS_POINTS.location[best]) best = loc
  }
  return best
}
