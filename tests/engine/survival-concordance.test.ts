import { describe, expect, it } from 'vitest'
import { survivalConcordance } from '@engine/survival-concordance'
import { rankTimes } from '@engine/survival-shared'
import { expectClose } from '../helpers/close'
import { codesOf, loadSurvivalFixture } from './survival-fixtures'

interface CoxCase {
  name: string
  rCall: string
  data: { time: number[]; event: number[]; strata: string[] | null }
  linearPredictors: number[]
  concordance: { concordant: number; discordant: number; tiedX: number; tiedY: number; tiedXY: number; concordance: number; std: number }
}

const fixture = loadSurvivalFixture<CoxCase>('cox')

describe('survivalConcordance against coxph()$concordance (both sweep orders)', () => {
  for (const c of fixture.cases) {
    for (const sweep of ['time', 'score'] as const) {
      it(`matches concordance of ${c.rCall} on ${c.name}, sweeping by ${sweep}`, () => {
        const n = c.data.time.length
        const { rank } = rankTimes(c.data.time, new Uint8Array(n).fill(1), n, true)
        const strata = c.data.strata ? codesOf(c.data.strata, [...new Set(c.data.strata)].sort()) : null
        const k = survivalConcordance(rank, c.data.event, Float64Array.from(c.linearPredictors), strata, sweep)
        const r = c.concordance
        expect([k.concordant, k.discordant, k.tiedX, k.tiedY, k.tiedXY]).toEqual([r.concordant, r.discordant, r.tiedX, r.tiedY, r.tiedXY])
        expectClose(k.concordance, r.concordance, 1e-12, 'C')
        expectClose(k.std, r.std, 1e-8, 'std', 1e-12)
      })
    }
  }

  it('counts a hand-made example exactly: ties in time, in score and in both', () => {
    // times 1 1 2 3 3 (events 1 1 0 1 1), scores 2 2 5 1 3
    const rank = Int32Array.from([0, 0, 1, 2, 2])
    const ev = [1, 1, 0, 1, 1]
    const score = Float64Array.from([2, 2, 5, 1, 3])
    for (const sweep of ['time', 'score'] as const) {
      const k = survivalConcordance(rank, ev, score, null, sweep)
      // events at t=1 (scores 2, 2) vs longer rows (5, 1, 3): higher score = earlier event is concordant
      // each: vs 5 discordant, vs 1 concordant, vs 3 discordant -> 2 conc, 4 disc; the t=1 pair ties in y and x
      // events at t=3 have no longer rows; they tie in y (scores 1 vs 3: tied.y only)
      expect([k.concordant, k.discordant, k.tiedX, k.tiedY, k.tiedXY]).toEqual([2, 4, 0, 1, 1])
      expectClose(k.concordance, 2 / 6, 1e-15)
    }
  })
})
