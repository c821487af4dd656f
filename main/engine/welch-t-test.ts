// Welch's two-sample t test (unequal variances), as R's t.test(var.equal = FALSE), its default.
import { twoSampleTTest, type TTestOptions } from './t-test-core'
import type { TwoGroupTestResult } from './two-group-test'

/**
 * Welch two-sample t test of the difference in means, first group minus second (groups in R's
 * factor() order). df by the Welch–Satterthwaite formula.
 *
 * @param input values and their group labels (exactly two groups, at least two values each)
 * @param options alternative ('two.sided'), confLevel (0.95)
 * @returns t, df, p, the two group means (estimate) and the CI of their difference
 * @throws EngineInputError NOT_TWO_GROUPS, NOT_ENOUGH_OBSERVATIONS, CONSTANT_DATA, NON_FINITE_VALUE
 *
 * R: `t.test(values ~ group, data = d)`
 */
export function welchTTest(input: { values: ArrayLike<number>; groups: ArrayLike<string | number> }, options: TTestOptions = {}): TwoGroupTestResult {
  return twoSampleTTest(input, options, false)
}
