// Student's two-sample t test (pooled variance), as R's t.test(var.equal = TRUE).
import { twoSampleTTest, type TTestOptions } from './t-test-core'
import type { TwoGroupTestResult } from './two-group-test'

/**
 * Student two-sample t test with pooled variance, first group minus second (R's factor() order);
 * df = n1 + n2 − 2.
 *
 * @param input values and their group labels (exactly two groups, at least 3 values in all)
 * @param options alternative ('two.sided'), confLevel (0.95)
 * @throws EngineInputError NOT_TWO_GROUPS, NOT_ENOUGH_OBSERVATIONS, CONSTANT_DATA, NON_FINITE_VALUE
 *
 * R: `t.test(values ~ group, data = d, var.equal = TRUE)`
 */
export function studentTTest(input: { values: ArrayLike<number>; groups: ArrayLike<string | number> }, options: TTestOptions = {}): TwoGroupTestResult {
  return twoSampleTTest(input, options, true)
}
