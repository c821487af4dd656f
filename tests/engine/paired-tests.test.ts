// The paired tests against R: paired-t-test, wilcoxon-signed-rank.
import { describe, expect, it } from 'vitest'
import { pairedTTest } from '../../main/engine/paired-t-test'
import { wilcoxonSignedRank } from '../../main/engine/wilcoxon-signed-rank'
import { EngineInputError } from '../../main/engine/errors'
import { expectHtest, loadTestsFixtures } from './tests-fixtures'

const fx = loadTestsFixtures()

describe(`paired data against ${fx.meta.R}`, () => {
  for (const c of fx.paired) {
    it(`pairedTTest matches t.test(x, y, paired = TRUE) on ${c.name}`, () => {
      expectHtest(pairedTTest({ x: c.x, y: c.y }), c.pairedT)
    })
    it(`wilcoxonSignedRank matches wilcox.test(x, y, paired = TRUE) (V, zeros, ties, exact switch) on ${c.name}`, () => {
      expectHtest(wilcoxonSignedRank({ x: c.x, y: c.y }), c.signedRank)
      expectHtest(wilcoxonSignedRank({ x: c.x, y: c.y }, { correct: false }), c.signedRankNoCorrection)
      expectHtest(wilcoxonSignedRank({ x: c.x, y: c.y }, { alternative: 'greater' }), c.signedRankGreater)
    })
  }

  it('hand-worked: zero differences are dropped and V sums the ranks of the positive ones', () => {
    // differences 2, 0, −1, 3 → non-zero |d| 2, 1, 3 → ranks 2, 1, 3 → V = 2 + 3
    const res = wilcoxonSignedRank({ x: [5, 4, 3, 9], y: [3, 4, 4, 6] })
    expect(res.statistic).toBe(5)
    expect(res.n).toBe(3)
    expect(res.options.zeros).toBe(1)
    expect(res.warnings.map((w) => w.code)).toEqual(['EXACT_P_WITH_ZEROES'])
  })

  it('refuses unequal lengths and a single pair', () => {
    expect(() => pairedTTest({ x: [1, 2], y: [1] })).toThrow(EngineInputError)
    expect(() => pairedTTest({ x: [1], y: [2] })).toThrow(/at least 2 pairs/)
  })
})
