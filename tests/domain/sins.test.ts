// SINS (Fisher 2010), against docs/clinical-reference.md §2.
import { describe, expect, it } from 'vitest'
import { VERTEBRAE, type Vertebra } from '../../main/domain/codes'
import { SINS_POINTS, scoreSins, sinsBand, sinsLocationOfLevels, sinsLocationOfVertebra, type SinsInput } from '../../main/domain/scores/sins'

describe('SINS components (docs/clinical-reference.md §2)', () => {
  it('every option of the six components', () => {
    expect(SINS_POINTS).toEqual({
      location: { junctional: 3, mobile: 2, semi_rigid: 1, rigid: 0 },
      pain: { mechanical: 3, occasional: 1, pain_free: 0 }, // 3/1/0, not the miscopied 3/2/1
      boneLesion: { lytic: 2, mixed: 1, blastic: 0 },
      alignment: { subluxation: 4, deformity: 2, normal: 0 },
      collapse: { over_50: 3, under_50: 2, involved_over_50: 1, none: 0 },
      posterolateral: { bilateral: 3, unilateral: 1, none: 0 },
    })
  })
  it('each option scores its points inside a total', () => {
    const zero: SinsInput = { location: 'rigid', pain: 'pain_free', boneLesion: 'blastic', alignment: 'normal', collapse: 'none', posterolateral: 'none' }
    expect(scoreSins(zero).total).toBe(0)
    for (const [component, options] of Object.entries(SINS_POINTS)) {
      for (const [option, points] of Object.entries(options)) {
        expect(scoreSins({ ...zero, [component]: option } as SinsInput).total, `${component}=${option}`).toBe(points)
      }
    }
    expect(scoreSins({ location: 'junctional', pain: 'mechanical', boneLesion: 'lytic', alignment: 'subluxation', collapse: 'over_50', posterolateral: 'bilateral' }).total).toBe(18)
  })
  it('bands: 0–6 stable, 7–12 indeterminate, 13–18 unstable (boundaries 6/7 and 12/13)', () => {
    expect([0, 6, 7, 12, 13, 18].map(sinsBand)).toEqual(['stable', 'stable', 'indeterminate', 'indeterminate', 'unstable', 'unstable'])
  })
  it('no total and no band until all six components are entered', () => {
    const r = scoreSins({ location: 'mobile', pain: null, boneLesion: 'lytic', alignment: null, collapse: null, posterolateral: null })
    expect(r).toMatchObject({ total: null, band: null, partialTotal: 4, missing: ['pain', 'alignment', 'collapse', 'posterolateral'] })
  })
})

describe('SINS location of the involved vertebrae', () => {
  it('per vertebra: junctional occiput–C2, C7–T2, T11–L1, L5–S1; mobile C3–C6, L2–L4; semi-rigid T3–T10; rigid S2–S5', () => {
    const expected: Record<Vertebra, string> = {
      C1: 'junctional', C2: 'junctional', C3: 'mobile', C4: 'mobile', C5: 'mobile', C6: 'mobile', C7: 'junctional',
      T1: 'junctional', T2: 'junctional', T3: 'semi_rigid', T4: 'semi_rigid', T5: 'semi_rigid', T6: 'semi_rigid', T7: 'semi_rigid',
      T8: 'semi_rigid', T9: 'semi_rigid', T10: 'semi_rigid', T11: 'junctional', T12: 'junctional',
      L1: 'junctional', L2: 'mobile', L3: 'mobile', L4: 'mobile', L5: 'junctional',
      S1: 'junctional', S2: 'rigid', S3: 'rigid', S4: 'rigid', S5: 'rigid',
    }
    for (const v of VERTEBRAE) expect(sinsLocationOfVertebra(v), v).toBe(expected[v])
  })
  it('over several levels the most unstable class counts; none for no vertebra', () => {
    expect(sinsLocationOfLevels(['T9', 'T10'])).toBe('semi_rigid')
    expect(sinsLocationOfLevels(['T10', 'T11'])).toBe('junctional')
    expect(sinsLocationOfLevels(['S2', 'L4'])).toBe('mobile')
    expect(sinsLocationOfLevels(['S3'])).toBe('rigid')
    expect(sinsLocationOfLevels([])).toBeNull()
  })
})
