// Cox model on a worked example with closed-form answers, as in the survival package's hand
// calculations (Therneau & Grambsch, "Modeling Survival Data", appendix E; survival's tests/book1.R):
// seven rows, unsorted, a tie of two deaths at t = 6 (and a death and a censoring at t = 1), and one
// row with a missing covariate, which is left out. With r = exp(β):
//   Breslow: ℓ(β) = 2β − log(3r + 3) − 2 log(r + 3),  U(β) = (6 + 3r − r²) / ((r + 1)(r + 3)),
//            I(β) = r/(r + 1)² + 6r/(r + 3)², so β̂ = log((3 + √33)/2) and var(β̂) = 1/I(β̂);
//   Efron:   ℓ(β) = 2β − log(3r + 3) − log((r + 5)/2) − log(r + 3),
//            U(β) = (30 + 23r − r³) / ((r + 1)(r + 3)(r + 5)), so r̂ is the positive root of
//            30 + 23r − r³.
import { describe, expect, it } from 'vitest'
import { coxProportionalHazards } from '../../main/engine/cox-ph'
import { expectClose } from '../helpers/close'

const data = {
  time: [9, 3, 1, 1, 6, 6, 8],
  event: [1, 1, 1, 0, 1, 1, 0],
  covariates: [{ name: 'x', type: 'numeric' as const, values: [0, NaN, 1, 1, 1, 0, 0] }],
}

const breslowLoglik = (b: number) => 2 * b - Math.log(3 * Math.exp(b) + 3) - 2 * Math.log(Math.exp(b) + 3)
const efronLoglik = (b: number) => 2 * b - Math.log(3 * Math.exp(b) + 3) - Math.log((Math.exp(b) + 5) / 2) - Math.log(Math.exp(b) + 3)

describe('Cox model, worked example with closed forms', () => {
  it('Breslow ties: β̂ = log((3 + √33)/2), the log-likelihoods and var(β̂) = 1/I(β̂)', () => {
    const fit = coxProportionalHazards(data, { ties: 'breslow' })
    const b = Math.log((3 + Math.sqrt(33)) / 2)
    const r = Math.exp(b)
    expect(fit.n.used).toBe(6)
    expectClose(fit.terms[0]!.coefficient, b, 1e-8, 'beta')
    expectClose(fit.logLikelihood, [breslowLoglik(0), breslowLoglik(b)], 1e-10, 'loglik')
    expectClose(fit.variance[0]![0]!, 1 / (r / (r + 1) ** 2 + (6 * r) / (r + 3) ** 2), 1e-8, 'var')
    // Score test at β = 0: U(0)² / I(0) = (8/8)² / (1/4 + 6/16).
    expectClose(fit.scoreTest.chisq, 1 / (1 / 4 + 6 / 16), 1e-10, 'score')
  })

  it('Efron ties: r̂ is the positive root of 30 + 23r − r³, and the log-likelihoods', () => {
    const fit = coxProportionalHazards(data, { ties: 'efron' })
    // Bisection on the cubic (positive for r < r̂, negative after).
    let lo = 1
    let hi = 10
    for (let k = 0; k < 200; k++) {
      const mid = (lo + hi) / 2
      if (30 + 23 * mid - mid ** 3 > 0) lo = mid
      else hi = mid
    }
    const b = Math.log(lo)
    expectClose(fit.terms[0]!.coefficient, b, 1e-8, 'beta')
    expectClose(fit.logLikelihood, [efronLoglik(0), efronLoglik(b)], 1e-10, 'loglik')
    expectClose(fit.likelihoodRatioTest.chisq, 2 * (efronLoglik(b) - efronLoglik(0)), 1e-8, 'LRT')
  })
})
