import { describe, expect, it } from 'vitest'
import { expectClose } from '../helpers/close'
import { propensityScoreMatching, type PropensityScoreMatchingOptions } from '../../main/engine/propensity-score-matching'
import { matchedPairs } from '../../main/engine/nearest-neighbor-matching'
import { formulaColumns, loadMatchingFixtures, readCsv, type BalanceFixture } from './matching-fixtures'
import type { BalanceRow } from '../../main/engine/balance'

const fx = loadMatchingFixtures()

function optionsOf(args: Record<string, string | number | boolean>, seed: number | null): PropensityScoreMatchingOptions {
  return {
    link: args.link === 'linear.logit' ? 'linear.logit' : 'logit',
    ratio: (args.ratio as number | undefined) ?? 1,
    replace: (args.replace as boolean | undefined) ?? false,
    caliper: args.caliper as number | undefined,
    stdCaliper: (args['std.caliper'] as boolean | undefined) ?? true,
    order: (args['m.order'] as PropensityScoreMatchingOptions['order']) ?? 'largest',
    seed: seed ?? undefined,
  }
}

function compareBalance(rows: BalanceRow[], which: 'before' | 'after', expected: BalanceFixture, label: string): void {
  expect(rows.map((r) => r.term)).toEqual(expected.term)
  rows.forEach((r, i) => {
    const st = r[which]!
    const l = `${label} ${which} ${r.term}`
    expectClose(st.meanTreated, expected.meanTreated[i]!, 1e-6, `${l} mean treated`)
    expectClose(st.meanControl, expected.meanControl[i]!, 1e-6, `${l} mean control`)
    expectClose(st.standardizedMeanDifference, expected.smd[i]!, 1e-6, `${l} smd`, 1e-10)
    expectClose(st.varianceRatio, expected.varianceRatio[i]!, 1e-6, `${l} variance ratio`)
    expectClose(st.ecdfMean, expected.ecdfMean[i]!, 1e-6, `${l} ecdf mean`, 1e-10)
    expectClose(st.ecdfMax, expected.ecdfMax[i]!, 1e-6, `${l} ecdf max`, 1e-10)
  })
}

describe(`propensity score matching against MatchIt ${fx.meta.MatchIt}`, () => {
  for (const c of fx.matches) {
    it(`matches MatchIt::${c.rCall} pairs on ${c.data}`, () => {
      const { treat, covariates } = formulaColumns(readCsv(c.data), c.formula)
      const res = propensityScoreMatching({ treat, covariates }, optionsOf(c.args, c.seed))
      expect(res.matching.nTreated).toBe(c.nTreated)
      expect(res.matching.nControl).toBe(c.nControl)
      const pairs = matchedPairs(res.matching).map(([t, k]) => [t + 1, k + 1])
      expect(pairs).toEqual(c.pairs)
      expect(res.matching.nPairs).toBe(c.nPairs)
      expect(Array.from(res.matching.unmatchedTreated, (i) => i + 1)).toEqual(c.unmatched)
      expectClose(res.matching.weights, c.weights, 1e-12, 'weights')
      if (c.caliper !== null) expectClose(res.matching.options.caliperDistance, c.caliper, 1e-6, 'caliper on the distance scale')
      if (c.distance) expectClose(res.distance, c.distance, 1e-6, 'distance')
      const ours = res.warnings.filter((w) => w.code === 'FEWER_CONTROLS' || w.code === 'NOT_ALL_RATIO_MATCHES').map((w) => w.message)
      expect(ours).toEqual(c.warnings)
      if (c.balanceBefore) compareBalance(res.balance!.rows, 'before', c.balanceBefore, c.name)
      if (c.balanceAfter) compareBalance(res.balance!.rows, 'after', c.balanceAfter, c.name)
    })
  }
})

describe('propensity score matching — edges', () => {
  it('matches on the same propensity scores when a constant covariate is added (R: NA coefficient) and warns about it', () => {
    const t = readCsv('lalonde')
    const base = formulaColumns(t, 'treat ~ age + educ + race + married')
    const withConst = formulaColumns({ ...t, const: t.treat!.map(() => '1') }, 'treat ~ age + educ + const + race + married')
    const a = propensityScoreMatching(base, { caliper: 0.02, stdCaliper: false })
    const b = propensityScoreMatching(withConst, { caliper: 0.02, stdCaliper: false })
    expectClose(b.distance, a.distance, 1e-10, 'distance')
    expect(matchedPairs(b.matching)).toEqual(matchedPairs(a.matching))
    expect(b.propensityModel.coefficients.find((c) => c.term === 'const')!.estimate).toBeNull()
    expect(b.warnings.map((w) => w.code)).toContain('ALIASED_COEFFICIENT')
  })

  it('refuses a data set with one group only', () => {
    const t = readCsv('lalonde')
    const { covariates } = formulaColumns(t, 'treat ~ age + educ')
    expect(() => propensityScoreMatching({ treat: t.treat!.map(() => 1), covariates })).toThrow(/no control patients/)
  })
})
