// Student's two-sample t test (pooled variance), as R's t.test(var.equal = TRUE).
import { EngineInputError } from './errors'
import { checkConfLevel, checkNotConstant, tCore } from './t-test-core'
import { checkAlternative, mean, splitTwoGroups, variance, type TwoGroupTestResult } from './two-group-test'
import type { TTestOptions } from './welch-t-test'
import { ENGINE_VERSION } from './version'

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
  const alternative = checkAlternative(options.alternative ?? 'two.sided')
  const confLevel = checkConfLevel(options.confLevel ?? 0.95)
  const { levels, x, y } = splitTwoGroups(input.values, input.groups)
  const nx = x.length
  const ny = y.length
  if (nx + ny < 3) throw new EngineInputError('NOT_ENOUGH_OBSERVATIONS', `Student's t test needs at least 3 values in all, got ${nx + ny}.`)
  const mx = mean(x)
  const my = mean(y)
  const df = nx + ny - 2
  let v = 0
  if (nx > 1) v += (nx - 1) * variance(x)
  if (ny > 1) v += (ny - 1) * variance(y)
  v /= df
  const stderr = Math.sqrt(v * (1 / nx + 1 / ny))
  checkNotConstant(stderr, mx, my)
  const t = tCore(mx - my, stderr, df, alternative, confLevel)
  return {
    method: 'student-t-test',
    test: ' Two Sample t-test',
    options: { alternative, confLevel, varEqual: true, mu: 0 },
    n: nx + ny,
    groups: [...levels],
    nByGroup: [nx, ny],
    statistic: t.statistic,
    statisticName: 't',
    df,
    p: t.p,
    estimate: [mx, my],
    confidenceInterval: { lower: t.lower, upper: t.upper, level: confLevel },
    warnings: [],
    engineVersion: ENGINE_VERSION,
    rCall: `t.test(values ~ group, data = d, var.equal = TRUE${alternative !== 'two.sided' ? `, alternative = "${alternative}"` : ''}${confLevel !== 0.95 ? `, conf.level = ${confLevel}` : ''})`,
  }
}
