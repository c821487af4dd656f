// Paired t test on matched data: a one-sample t test of the differences x − y, as R's
// t.test(x, y, paired = TRUE).
import { EngineInputError } from './errors'
import { checkNotConstant, resolveTOptions, tCore, tTestResult, type TTestOptions } from './t-test-core'
import { mean, pairedDifferences, variance, type TwoGroupTestResult } from './two-group-test'

/**
 * Paired t test of the mean difference x − y (x[i] and y[i] are one matched pair).
 *
 * @param input x and y of equal length, at least 2 pairs; `labels` name the two members (default x, y)
 * @param options alternative ('two.sided'), confLevel (0.95)
 * @returns t, df = pairs − 1, p, the mean difference and its CI
 * @throws EngineInputError LENGTH_MISMATCH, NOT_ENOUGH_OBSERVATIONS, CONSTANT_DATA, NON_FINITE_VALUE
 *
 * R: `t.test(x, y, paired = TRUE)`
 */
export function pairedTTest(input: { x: ArrayLike<number>; y: ArrayLike<number>; labels?: [string, string] }, options: TTestOptions = {}): TwoGroupTestResult {
  const { alternative, confLevel } = resolveTOptions(options)
  const d = pairedDifferences(input.x, input.y)
  const n = d.length
  if (n < 2) throw new EngineInputError('NOT_ENOUGH_OBSERVATIONS', `The paired t test needs at least 2 pairs, got ${n}.`)
  const md = mean(d)
  const stderr = Math.sqrt(variance(d) / n)
  checkNotConstant(stderr, md)
  return tTestResult({
    method: 'paired-t-test',
    test: 'Paired t-test',
    options: { alternative, confLevel, mu: 0 },
    n,
    groups: input.labels ? [...input.labels] : ['x', 'y'],
    nByGroup: [n, n],
    t: tCore(md, stderr, n - 1, alternative, confLevel),
    df: n - 1,
    estimate: [md],
    rCallStart: 't.test(x, y, paired = TRUE',
  })
}
