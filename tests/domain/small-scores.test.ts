// Bilsky ESCC (§3), ASIA (§4), ECOG/KPS (§5), VAS (§6) — docs/clinical-reference.md.
import { describe, expect, it } from 'vitest'
import { BILSKY_GRADES } from '../../main/domain/codes'
import { bilskyOrdinal, isHighGradeEscc } from '../../main/domain/scores/bilsky'
import { asiaOrdinal, frankelApproximationOfAsia } from '../../main/domain/scores/asia'
import { ECOG_KPS_PLAUSIBLE, ecogKpsConsistent } from '../../main/domain/scores/performance-status'
import { vasBand } from '../../main/domain/scores/vas'

describe('Bilsky ESCC (§3)', () => {
  it('high-grade = 2 and 3 only; 1c is low-grade by the 2010 definition', () => {
    expect(BILSKY_GRADES.filter(isHighGradeEscc)).toEqual(['2', '3'])
  })
  it('ordinal for sorting keeps 1a < 1b < 1c between 0 and 2', () => {
    expect(BILSKY_GRADES.map(bilskyOrdinal)).toEqual([0, 1, 2, 3, 4, 5])
  })
})

describe('ASIA (§4)', () => {
  it('AIS letters map one-to-one to Frankel letters (an approximation)', () => {
    for (const g of ['A', 'B', 'C', 'D', 'E'] as const) expect(frankelApproximationOfAsia(g)).toBe(g)
  })
  it('ordinal A = 0 … E = 4', () => {
    expect((['A', 'B', 'C', 'D', 'E'] as const).map(asiaOrdinal)).toEqual([0, 1, 2, 3, 4])
  })
})

describe('ECOG vs KPS (§5): the union of the three published conversions', () => {
  // common table / Eur J Cancer 2010 / Prasad 2018
  const union: Record<number, [number, number]> = { 0: [90, 100], 1: [70, 90], 2: [50, 70], 3: [30, 60], 4: [10, 40], 5: [0, 0] }
  it('matches docs/clinical-reference.md §5', () => {
    expect(ECOG_KPS_PLAUSIBLE).toEqual(union)
  })
  it('consistent inside the range, inconsistent one step outside, at every ECOG grade', () => {
    for (const [ecog, [lo, hi]] of Object.entries(union)) {
      const e = Number(ecog)
      for (let kps = 0; kps <= 100; kps += 10) expect(ecogKpsConsistent(e, kps), `ECOG ${e}, KPS ${kps}`).toBe(kps >= lo && kps <= hi)
    }
    expect(ecogKpsConsistent(6, 0)).toBe(false)
  })
})

describe('VAS bands (§6, cancer-pain convention 1–4 / 5–6 / 7–10)', () => {
  it('0 none; 0.1–4.0 mild; 4.1–6.9 moderate; 7.0–10 severe', () => {
    const cases: [number, string][] = [
      [0, 'none'],
      [0.1, 'mild'],
      [4.0, 'mild'],
      [4.1, 'moderate'],
      [6.9, 'moderate'],
      [7.0, 'severe'],
      [10, 'severe'],
    ]
    for (const [vas, band] of cases) expect(vasBand(vas), String(vas)).toBe(band)
  })
})
