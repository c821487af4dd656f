// The estimates R reports beside the p-value: wilcox.test(conf.int = TRUE)'s Hodges–Lehmann shift
// and pseudomedian with their intervals, and fisher.test's conditional MLE odds ratio and interval,
// against tests/fixtures/r/compare-estimates.json (tests/fixtures/r/compare-estimates-fixtures.R).
import { describe, expect, it } from 'vitest'
import { expectClose } from '../helpers/close'
import { fisherExactTest } from '../../main/engine/fisher-exact-test'
import { mannWhitneyU } from '../../main/engine/mann-whitney-u'
import { wilcoxonSignedRank } from '../../main/engine/wilcoxon-signed-rank'
import type { TwoGroupTestResult } from '../../main/engine/two-group-test'
import { uniroot } from '../../main/engine/uniroot'
import { loadEstimatesFixtures, rNumber, type EstimateRun } from './compare-estimates-fixtures'

const fx = loadEstimatesFixtures()

function expectRun(res: TwoGroupTestResult, run: EstimateRun, label: string): void {
  expect(res.test.trim(), `${label} method`).toBe(run.method)
  expectClose(res.p, run.p, 1e-6, `${label} p`)
  expectClose(res.estimate![0], rNumber(run.estimate), 1e-6, `${label} estimate`)
  expect(res.estimateNames).toEqual([run.estimateName])
  expectClose([res.confidenceInterval!.lower, res.confidenceInterval!.upper], run.confInt.map(rNumber), 1e-6, `${label} CI`)
  expectClose(res.confidenceInterval!.level, run.confLevel, 1e-12, `${label} conf.level`)
  expect(res.warnings.map((w) => w.message), `${label} warnings`).toEqual(run.warnings)
  expect(res.rCall, `${label} rCall`).toBe(run.rCall)
}

const label = (name: string, run: EstimateRun): string => `${name} [${JSON.stringify(run.options)}]`

describe(`Hodges–Lehmann estimates against ${fx.meta.R}`, () => {
  for (const c of fx.rankSum) {
    it(`wilcox.test(x, y, conf.int = TRUE) on ${c.name}`, () => {
      const input = { values: [...c.x, ...c.y], groups: [...c.x.map(() => 'x'), ...c.y.map(() => 'y')] }
      for (const run of c.runs) {
        const o = run.options
        expectRun(mannWhitneyU(input, { alternative: o.alternative, correct: o.correct!, exact: o.exact ?? null, confInt: true, confLevel: o.confLevel }), run, label(c.name, run))
      }
    })
  }
  for (const c of fx.signedRank) {
    it(`wilcox.test(x, y, paired = TRUE, conf.int = TRUE) on ${c.name}`, () => {
      for (const run of c.runs) {
        const o = run.options
        expectRun(wilcoxonSignedRank({ x: c.x, y: c.y }, { alternative: o.alternative, correct: o.correct!, exact: o.exact ?? null, confInt: true, confLevel: o.confLevel }), run, label(c.name, run))
      }
    })
  }
  it('leaves the estimate out unless asked (R: conf.int = FALSE)', () => {
    const c = fx.rankSum[0]!
    const res = mannWhitneyU({ values: [...c.x, ...c.y], groups: [...c.x.map(() => 'x'), ...c.y.map(() => 'y')] })
    expect(res.estimate).toBeUndefined()
    expect(res.rCall).not.toContain('conf.int')
  })
  it('reports NaN with a warning where R stops (every value equal)', () => {
    const res = mannWhitneyU({ values: [2, 2, 2, 2], groups: ['a', 'a', 'b', 'b'] }, { confInt: true })
    expect(res.estimate![0]).toBeNaN()
    expect(res.warnings.map((w) => w.code)).toContain('CONF_INT_FAILED')
  })
})

describe(`Fisher 2 × 2 odds ratio against ${fx.meta.R}`, () => {
  for (const c of fx.fisher) {
    it(`fisher.test on ${c.name}`, () => {
      for (const run of c.runs) expectRun(fisherExactTest({ table: c.table }, { alternative: run.options.alternative, confLevel: run.options.confLevel }), run, label(c.name, run))
    })
  }
})

describe(`Fisher r × c with a simulated p-value against ${fx.meta.R}`, () => {
  for (const c of fx.fisherSimulated) {
    it(`set.seed(${c.seed}); fisher.test(simulate.p.value = TRUE, B = ${c.B}) on ${c.name}: R's very p-value`, () => {
      const res = fisherExactTest({ table: c.table }, { simulate: { B: c.B, seed: c.seed } })
      // The same number of simulated tables at most as probable as the observed one (the JSON has 16 digits).
      expect(Math.round(res.p * (c.B + 1))).toBe(Math.round(c.p * (c.B + 1)))
      expectClose(res.p, c.p, 1e-14)
      expect(res.test).toBe(c.method)
      expect(res.rCall).toBe(c.rCall)
    })
  }
  it('keeps 2 × 2 tables exact, as R, and says so', () => {
    const res = fisherExactTest({ table: [[3, 1], [1, 3]] }, { simulate: { B: 100, seed: 1 } })
    expect(res.p).toBeCloseTo(0.4857142857142857, 12)
    expect(res.warnings.map((w) => w.code)).toEqual(['SIMULATION_IGNORED'])
  })
})

describe('uniroot (R_zeroin2)', () => {
  it('finds the root R finds at the default tolerance, and refuses an unbracketed interval', () => {
    // R 4.2: sprintf("%.17g", uniroot(function(x) x^3 - 2, c(0, 2))$root), 5 iterations at tol 1.22e-4
    expect(uniroot((x) => x ** 3 - 2, 0, 2)).toBe(1.2599338350608136)
    expect(() => uniroot((x) => x * x + 1, -1, 1)).toThrow(/opposite sign/)
  })
})
