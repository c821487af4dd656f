import { describe, expect, it } from 'vitest'
import { expectClose } from '../../helpers/close'
import { psignrank, pwilcox, wilcoxonProbabilities } from '../../../main/engine/distributions/wilcoxon-exact'

describe('exact Wilcoxon distributions (counting)', () => {
  it("match R's pwilcox(): pwilcox(3, 4, 5), upper tail, 49 × 49, and 1 × 1", () => {
    expectClose(pwilcox(3, 4, 5), 0.055555555555555552, 1e-12)
    expectClose(pwilcox(15, 4, 5, false), 0.095238095238095233, 1e-12)
    expectClose(pwilcox(1200, 49, 49), 0.49999999999999767, 1e-12)
    expect(pwilcox(0, 1, 1)).toBe(0.5)
    expect(pwilcox(-1, 3, 3)).toBe(0)
    expect(pwilcox(9, 3, 3)).toBe(1)
  })

  it("match R's psignrank(): psignrank(10, 10), the 49-pair upper tail, and R's rounding of 2.5", () => {
    expectClose(psignrank(10, 10), 0.0419921875, 1e-12)
    expectClose(psignrank(700, 49, false), 0.19232548801325502, 1e-12)
    expect(psignrank(2.5, 5)).toBe(0.15625) // nearbyint(2.5) = 2
  })

  it('the rank-sum probabilities sum to 1 and are symmetric', () => {
    const p = wilcoxonProbabilities(6, 4)
    expectClose(p.reduce((a, b) => a + b, 0), 1, 1e-14)
    for (let k = 0; k < p.length; k++) expectClose(p[k]!, p[p.length - 1 - k]!, 1e-12)
  })
})
