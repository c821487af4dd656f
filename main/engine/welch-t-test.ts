// Welch's two-sample t test (unequal variances), as R's t.test(var.equal = FALSE), its default.
import { EngineInputError } from './errors'
import { checkConfLevel, checkNotConstant, tCore } from './t-test-core'
import { checkAlternative, mean, splitTwoGroups, variance, type Alternative, type TwoGroupTestResult } from './two-group-test'
import { ENGINE_VERSION } from './version'

export interface TTestOptions {
  /** Default 'two.sided'. */
  alternative?: Alternative
  /** Confidence level of the interval for the mean difference. Default 0.95. */
  confLevel?: number
}

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
  const alternative = checkAlternative(options.alternative ?? 'two.sided')
  const confLevel = checkConfLevel(options.confLevel ?? 0.95)
  const { levels, x, y } = splitTwoGroups(input.values, input.groups)
  if (x.length < 2) throw new EngineInputError('NOT_ENOUGH_OBSERVATIONS', `Group ${levels[0]} has ${x.length} value(s); Welch's t test needs at least 2 per group.`)
  if (y.length < 2) throw new EngineInputError('NOT_ENOUGH_OBSERVATIONS', `Group ${levels[1]} has ${y.length} value(s); Welch's t test needs at least 2 per group.`)
  const mx = mean(x)
  const my = mean(y)
  const sx = Math.sqrt(variance(x) / x.length)
  const sy = Math.sqrt(variance(y) / y.length)
  const stderr = Math.sqrt(sx * sx + sy * sy)
  const df = stderr ** 4 / (sx ** 4 / (x.length - 1) + sy ** 4 / (y.length - 1))
  checkNotConstant(stderr, mx, my)
  const t = tCore(mx - my, stderr, df, alternative, confLevel)
  return {
    method: 'welch-t-test',
    test: 'Welch Two Sample t-test',
    options: { alternative, confLevel, varEqual: false, mu: 0 },
    n: x.length + y.length,
    groups: [...levels],
    nByGroup: [x.length, y.length],
    statistic: t.statistic,
    statisticName: 't',
    df,
    p: t.p,
    estimate: [mx, my],
    confidenceInterval: { lower: t.lower, upper: t.upper, level: confLevel },
    warnings: [],
    engineVersion: ENGINE_VERSION,
    rCall: `t.test(values ~ group, data = d${alternative !== 'two.sided' ? `, alternative = "${alternative}"` : ''}${confLevel !== 0.95 ? `, conf.level = ${confLevel}` : ''})`,
  }
}
