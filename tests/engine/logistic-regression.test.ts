import { describe, expect, it } from 'vitest'
import { expectClose } from '../helpers/close'
import { fitLogisticRegression } from '../../main/engine/logistic-regression'
import { buildModelMatrix } from '../../main/engine/model-matrix'
import { EngineInputError } from '../../main/engine/errors'
import { formulaColumns, loadMatchingFixtures, readCsv } from './matching-fixtures'

const fx = loadMatchingFixtures()
const tables: Record<string, string> = { lalonde: 'lalonde', lalonde_const: 'lalonde', ties: 'ties', mtcars: 'mtcars', separation: 'separation', histology: 'histology' }

describe('fitLogisticRegression', () => {
  it('gives the closed-form log odds for one binary covariate (unsorted rows)', () => {
    // x = 0: 2 of 5 treated; x = 1: 3 of 4 treated.
    const x = [1, 0, 0, 1, 0, 1, 0, 0, 1]
    const y = [1, 1, 0, 0, 0, 1, 1, 0, 1]
    const fit = fitLogisticRegression(buildModelMatrix([{ name: 'x', type: 'numeric', values: x }]), y)
    expect(fit.converged).toBe(true)
    expectClose(fit.coefficients[0]!.estimate, Math.log(2 / 3), 1e-9)
    expectClose(fit.coefficients[1]!.estimate, Math.log(3) - Math.log(2 / 3), 1e-9)
    // SEs come from the weights of the last IRLS step (as summary.glm), hence 1e-6 and not 1e-9.
    expectClose(fit.coefficients[0]!.standardError, Math.sqrt(1 / 2 + 1 / 3), 1e-6)
    expectClose(fit.coefficients[1]!.standardError, Math.sqrt(1 / 2 + 1 / 3 + 1 / 3 + 1), 1e-6)
    expect(fit.warnings).toEqual([])
  })

  for (const g of fx.glm) {
    const name = g.name === 'quasi_separation' ? 'separation' : g.name
    it(`matches R ${g.rCall} (coefficients, SEs, fitted values, deviance, warnings)`, () => {
      let table = readCsv(tables[name]!)
      if (g.name === 'lalonde_const') table = { ...table, const: table.treat!.map(() => '1') }
      if (g.name === 'quasi_separation') table = { ...table, x: ['-3', '-2', '-1', '0', '0', '1', '2', '3'] }
      const formula = /^glm\((.*), data = /.exec(g.rCall)![1]!
      const { treat, covariates } = formulaColumns(table, formula)
      const fit = fitLogisticRegression(buildModelMatrix(covariates), treat)
      expect(fit.coefficients.map((c) => c.term)).toEqual(g.terms)
      expectClose(
        fit.coefficients.map((c) => c.estimate),
        g.estimate,
        g.warnings.length ? 1e-5 : 1e-6,
        'estimate',
      )
      expectClose(
        fit.coefficients.map((c) => c.standardError),
        g.se,
        g.warnings.length ? 1e-4 : 1e-6,
        'se',
      )
      expectClose(fit.fitted, g.fitted, 1e-6, 'fitted', 1e-12)
      expectClose(fit.deviance, g.deviance, 1e-6, 'deviance', 1e-9)
      expectClose(fit.nullDeviance, g.nullDeviance, 1e-9, 'null deviance')
      expectClose(fit.aic, g.aic, 1e-6, 'aic')
      expect(fit.iterations).toBe(g.iterations)
      expect(fit.converged).toBe(g.converged)
      expect(fit.rank).toBe(g.rank)
      const rWarnings = fit.warnings.filter((w) => w.code !== 'ALIASED_COEFFICIENT').map((w) => w.message)
      expect(rWarnings).toEqual(g.warnings)
      if (g.estimate.includes(null)) expect(fit.warnings.map((w) => w.code)).toContain('ALIASED_COEFFICIENT')
    })
  }

  it('warns "algorithm did not converge" as R does when maxit is too small', () => {
    const { treat, covariates } = formulaColumns(readCsv('lalonde'), 'treat ~ age + educ + re74')
    const fit = fitLogisticRegression(buildModelMatrix(covariates), treat, { maxit: 2 })
    expect(fit.converged).toBe(false)
    expect(fit.warnings.map((w) => w.message)).toContain('glm.fit: algorithm did not converge')
  })

  it('refuses a non-binary outcome and an empty data set', () => {
    const mm = buildModelMatrix([{ name: 'x', type: 'numeric', values: [1, 2, 3] }])
    expect(() => fitLogisticRegression(mm, [0, 2, 1])).toThrow(EngineInputError)
    expect(() => fitLogisticRegression(buildModelMatrix([{ name: 'x', type: 'numeric', values: [] }]), [])).toThrow(/no rows/)
  })
})

/** Uniform draws in (0, 1) from a 32-bit linear congruential generator: the same sequence for a seed. */
function uniform(seed: number): () => number {
  let s = seed
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0
    return (s + 0.5) / 4294967296
  }
}

describe("fitLogisticRegression — large-n solver ('auto' uses the normal equations, the QR where columns are aliased or nearly so)", () => {
  it("agrees with R's QR path (solver = 'qr') on 30 000 synthetic rows, with an aliased column", () => {
    const n = 30_000
    const u = uniform(12345)
    const age = Float64Array.from({ length: n }, () => Math.round(58 + 20 * (u() - 0.5)))
    const income = Float64Array.from({ length: n }, () => Math.round(30000 * u()))
    const group = Array.from({ length: n }, () => ['a', 'b', 'c'][Math.floor(3 * u())]!)
    const twiceAge = age.map((a) => 2 * a)
    const y = Array.from({ length: n }, (_, i) => (u() < 1 / (1 + Math.exp(-(-2 + 0.03 * (age[i]! - 58) + 2e-5 * income[i]! + (group[i] === 'b' ? 0.5 : 0)))) ? 1 : 0))
    const mm = buildModelMatrix([
      { name: 'age', type: 'numeric', values: age },
      { name: 'income', type: 'numeric', values: income },
      { name: 'twiceAge', type: 'numeric', values: twiceAge },
      { name: 'group', type: 'factor', values: group },
    ])
    const qr = fitLogisticRegression(mm, y, { solver: 'qr' })
    const auto = fitLogisticRegression(mm, y)
    expect(auto.iterations).toBe(qr.iterations)
    expect(auto.rank).toBe(qr.rank)
    expect(auto.coefficients.map((c) => c.estimate === null)).toEqual([false, false, false, true, false, false])
    expectClose(
      auto.coefficients.map((c) => c.estimate),
      qr.coefficients.map((c) => c.estimate),
      1e-9,
      'estimate',
    )
    expectClose(
      auto.coefficients.map((c) => c.standardError),
      qr.coefficients.map((c) => c.standardError),
      1e-9,
      'se',
    )
    expectClose(auto.fitted, qr.fitted, 1e-10, 'fitted')
  })

  // No aliased column: every step, the first included, may use the normal equations. A column that
  // is nearly (not exactly) a combination of others keeps the first step on the QR.
  for (const nearlyCollinear of [false, true]) {
    it(`agrees with the QR path on 20 000 rows ${nearlyCollinear ? 'with a column within 1e-6 of twice another' : 'of full, clear rank'}`, () => {
      const n = 20_000
      const u = uniform(777)
      const age = Float64Array.from({ length: n }, () => Math.round(58 + 20 * (u() - 0.5)))
      const score = Float64Array.from({ length: n }, () => 10 * u())
      const group = Array.from({ length: n }, () => ['a', 'b', 'c'][Math.floor(3 * u())]!)
      const third = nearlyCollinear ? age.map((a) => 2 * a + 1e-6 * (u() - 0.5)) : Float64Array.from({ length: n }, () => u())
      const y = Array.from({ length: n }, (_, i) => (u() < 1 / (1 + Math.exp(-(-1 + 0.03 * (age[i]! - 58) + 0.1 * score[i]! + (group[i] === 'b' ? 0.5 : 0)))) ? 1 : 0))
      const mm = buildModelMatrix([
        { name: 'age', type: 'numeric', values: age },
        { name: 'score', type: 'numeric', values: score },
        { name: 'third', type: 'numeric', values: third },
        { name: 'group', type: 'factor', values: group },
      ])
      const qr = fitLogisticRegression(mm, y, { solver: 'qr' })
      const auto = fitLogisticRegression(mm, y)
      expect(auto.iterations).toBe(qr.iterations)
      expect(auto.rank).toBe(6)
      expect(qr.rank).toBe(6)
      const tol = nearlyCollinear ? 1e-6 : 1e-9
      expectClose(auto.coefficients.map((c) => c.estimate), qr.coefficients.map((c) => c.estimate), tol, 'estimate')
      expectClose(auto.coefficients.map((c) => c.standardError), qr.coefficients.map((c) => c.standardError), tol, 'se')
      expectClose(auto.fitted, qr.fitted, 1e-10, 'fitted')
      expect(auto.deviance).toBeCloseTo(qr.deviance, 8)
    })
  }
})
