// Paired t test on matched data: a one-sample t test of the differences x − y, as R's
// t.test(x, y, paired = TRUE).
import { EngineInputError } from './errors'
import { checkConfLevel, checkNotConstant, tCore } from './t-test-core'
import { checkAlternative, mean, pairedDifferences, variance, type TwoGroupTestResult } from './two-group-test'
import type { TTestOptions } from './welch-t-test'
import { ENGINE_VERSION } from './version'

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
  const alternative = checkAlternative(options.alternative ?? 'two.sided')
  const confLevel = checkConfLevel(options.confLevel ?? 0.95)
  const d = pairedDifferences(input.x, input.y)
  const n = d.length
  if (n < 2) throw new EngineInputError('NOT_ENOUGH_OBSERVATIONS', `The paired t test needs at least 2 pairs, got ${n}.`)
  const md = mean(d)
  const stderr = Math.sqrt(variance(d) / n)
  checkNotConstant(stderr, md)
  const t = tCore(md, stderr, n - 1, alternative, confLevel)
  return {
    method: 'paired-t-test',
    test: 'Paired t-test',
    options: { alternative, confLevel, mu: 0 },
    n,
    groups: input.labels ? [...input.labels] : ['x', 'y'],
    nByGroup: [n, n],
    statistic: t.statistic,
    statisticName: 't',
    df: n - 1,
    p: t.p,
    estimate: [md],
    confidenceInterval: { lower: t.lower, upper: t.upper, level: confLevel },
    warnings: [],
    engineVersion: ENGINE_VERSION,
    rCall: `t.test(x, y, paired = TRUE${alternative !== 'two.sided' ? `, alternative = "${alternative}"` : ''}${confLevel !== 0.95 ? `, conf.level = ${confLevel}` : ''})`,
  }
}
