// SOSG-OQ, docs/clinical-reference.md §7. The instrument version is stored with every score and scores of
// different versions are never pooled. Item answers are option levels 1 (best) … 5 (worst).
//
// The published scoring formulas are UNVERIFIED (docs/clinical-reference.md §7 "Counts and scoring"). SpineMet's
// conventions, stated on screen and in reports:
//   v1.0 (`sosgoq_v1_burden`, the reference study's instrument): 27 items, of which items 1–20
//     are the HRQOL items that are scored and 21–27 the post-therapy questions (recorded, not
//     scored). Score = mean over answered HRQOL items of (level − 1) / 4 × 100: 0 = best,
//     100 = worst — LOWER IS BETTER, as in Zheng 2021 (64 → 42 after surgery = improvement).
//   v2.0 (`sosgoq2_qol`, Versteeg 2018): 20 items, all scored. Score = mean over answered items
//     of (5 − level) / 4 × 100: HIGHER IS BETTER.
// A score from items needs at least half of the scored items answered. Where only the total
// is known (from the chart), the entered total is used; it is labelled as entered.
import type { SosgoqVersion } from '../codes'

export interface SosgoqProfile {
  version: SosgoqVersion
  profile: 'sosgoq_v1_burden' | 'sosgoq2_qol'
  itemCount: number
  /** Number of leading items that enter the score. */
  scoredItems: number
  direction: 'lowerIsBetter' | 'higherIsBetter'
}

export const SOSGOQ_PROFILES: Readonly<Record<SosgoqVersion, SosgoqProfile>> = {
  '1.0': { version: '1.0', profile: 'sosgoq_v1_burden', itemCount: 27, scoredItems: 20, direction: 'lowerIsBetter' },
  '2.0': { version: '2.0', profile: 'sosgoq2_qol', itemCount: 20, scoredItems: 20, direction: 'higherIsBetter' },
}

export interface SosgoqScore {
  version: SosgoqVersion
  profile: SosgoqProfile['profile']
  direction: SosgoqProfile['direction']
  /** 0–100, or null when neither enough items nor an entered total exist. */
  value: number | null
  source: 'items' | 'entered' | null
  answeredScoredItems: number
  /** Score from items, when computable (shown beside an entered total if they differ). */
  fromItems: number | null
  enteredTotal: number | null
}

/** Score of one item answer under a profile (0–100 contribution before averaging). */
export function sosgoqItemScore(version: SosgoqVersion, level: number): number {
  return version === '1.0' ? ((level - 1) / 4) * 100 : ((5 - level) / 4) * 100
}

export function scoreSosgoq(version: SosgoqVersion, answers: readonly (number | null)[] | null, enteredTotal: number | null): SosgoqScore {
  const profile = SOSGOQ_PROFILES[version]
  let fromItems: number | null = null
  let answered = 0
  if (answers) {
    let sum = 0
    for (let i = 0; i < Math.min(profile.scoredItems, answers.length); i++) {
      const a = answers[i]
      if (a === null || a === undefined) continue
      answered++
      sum += sosgoqItemScore(version, a)
    }
    if (answered * 2 >= profile.scoredItems) fromItems = sum / answered
  }
  const value = fromItems ?? enteredTotal
  return {
    version,
    profile: profile.profile,
    direction: profile.direction,
    value,
    source: fromItems !== null ? 'items' : enteredTotal !== null ? 'entered' : null,
    answeredScoredItems: answered,
    fromItems,
    enteredTotal,
  }
}

/**
 * Change from `before` to `after` signed so that a positive number is an improvement in the
 * profile's direction (docs/clinical-reference.md §7: improvement is computed in the profile's direction).
 */
export function sosgoqImprovement(direction: SosgoqProfile['direction'], before: number, after: number): number {
  return direction === 'lowerIsBetter' ? before - after : after - before
}
