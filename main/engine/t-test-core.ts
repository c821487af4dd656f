// What R's t.test() variants share (stats:::t.test.default, R 4.2): options, the statistic, p-value by
// alternative and confidence interval tstat ± qt(1 − α/2, df) scaled by the SE, the two-sample branch
// with and without pooled variance, and the shape of the result. welch-t-test.ts, student-t-test.ts
// and paired-t-test.ts are the public entry points.
import { EngineInputError } from './errors'
import { pt, qt } from './distributions/index'
import { checkAlternative, mean, splitTwoGroups, variance, type Alternative, type TwoGroupTestResult } from './two-group-test'
import { ENGINE_VERSION } from './version'

export interface TTestOptions {
  /** Default 'two.sided'. */
  alternative?: Alternative
  /** Confidence level of the interval for the mean difference. Default 0.95. */
  confLevel?: number
}

export interface TCore {
  statistic: number
  p: number
  lower: number
  upper: number
}

/**
 * p-value and CI for t = (estimate − mu) / stderr on df degrees of freedom, as t.test does.
 * R: `2 * pt(-abs(t), df)` (two-sided), `pt(t, df)` (less), `pt(t, df, lower.tail = FALSE)` (greater);
 * CI `mu + (t ± qt(1 − α/2, df)) · stderr`.
 */
export function tCore(estimate: number, stderr: number, df: number, alternative: Alternative, confLevel: number, mu = 0): TCore {
  const tstat = (estimate - mu) / stderr
  let p: number
  let lower: number
  let upper: number
  if (alternative === 'less') {
    p = pt(tstat, df)
    lower = -Infinity
    upper = tstat + qt(confLevel, df)
  } else if (alternative === 'greater') {
    p = pt(-tstat, df)
    lower = tstat - qt(confLevel, df)
    upper = Infinity
  } else {
    p = 2 * pt(-Math.abs(tstat), df)
    const alpha = 1 - confLevel
    const c = qt(1 - alpha / 2, df)
    lower = tstat - c
    upper = tstat + c
  }
  return { statistic: tstat, p, lower: mu + lower * stderr, upper: mu + upper * stderr }
}

/** Validates conf.level (0 < level < 1), as t.test does. @throws EngineInputError INVALID_OPTION */
export function checkConfLevel(confLevel: number): number {
  if (!(confLevel > 0 && confLevel < 1)) throw new EngineInputError('INVALID_OPTION', `confLevel must be between 0 and 1, got ${confLevel}.`)
  return confLevel
}

/**
 * R stops with "data are essentially constant" when stderr < 10·eps·max|mean|; so do we (and on a
 * zero SE, where R would return NaN). @throws EngineInputError CONSTANT_DATA
 */
export function checkNotConstant(stderr: number, ...means: number[]): void {
  const scale = Math.max(...means.map(Math.abs))
  if (stderr < 10 * 2.220446049250313e-16 * scale || stderr === 0) {
    throw new EngineInputError('CONSTANT_DATA', 'The values are (essentially) constant, so the t statistic is not defined; R stops with "data are essentially constant" too.')
  }
}

/** The resolved options of a t test (defaults filled in, validated). */
export function resolveTOptions(options: TTestOptions): { alternative: Alternative; confLevel: number } {
  return { alternative: checkAlternative(options.alternative ?? 'two.sided'), confLevel: checkConfLevel(options.confLevel ?? 0.95) }
}

/** The result of a t test, with the R call's optional arguments (alternative, conf.level) appended. */
export function tTestResult(r: {
  method: string
  test: string
  options: Record<string, unknown> & { alternative: Alternative; confLevel: number }
  n: number
  groups: string[]
  nByGroup: number[]
  t: TCore
  df: number
  estimate: number[]
  /** The R call without its closing parenthesis, e.g. `t.test(x, y, paired = TRUE`. */
  rCallStart: string
}): TwoGroupTestResult {
  const { alternative, confLevel } = r.options
  return {
    method: r.method,
    test: r.test,
    options: r.options,
    n: r.n,
    groups: r.groups,
    nByGroup: r.nByGroup,
    statistic: r.t.statistic,
    statisticName: 't',
    df: r.df,
    p: r.t.p,
    estimate: r.estimate,
    confidenceInterval: { lower: r.t.lower, upper: r.t.upper, level: confLevel },
    warnings: [],
    engineVersion: ENGINE_VERSION,
    rCall: `${r.rCallStart}${alternative !== 'two.sided' ? `, alternative = "${alternative}"` : ''}${confLevel !== 0.95 ? `, conf.level = ${confLevel}` : ''})`,
  }
}

/**
 * The two-sample branch of t.test.default, first group minus second (groups in R's factor()
 * order): Welch's unequal-variance test with Welch–Satterthwaite df (`varEqual` false, R's default),
 * or Student's pooled-variance test with df = n1 + n2 − 2.
 *
 * @throws EngineInputError NOT_TWO_GROUPS, NOT_ENOUGH_OBSERVATIONS, CONSTANT_DATA, NON_FINITE_VALUE,
 *   INVALID_OPTION
 */
export function twoSampleTTest(input: { values: ArrayLike<number>; groups: ArrayLike<string | number> }, options: TTestOptions, varEqual: boolean): TwoGroupTestResult {
  const { alternative, confLevel } = resolveTOptions(options)
  const { levels, x, y } = splitTwoGroups(input.values, input.groups)
  const nx = x.length
  const ny = y.length
  // R: "not enough 'x' observations" (fewer than 2 per group for Welch), "not enough observations" (fewer than 3 in all for Student)
  if (varEqual && nx + ny < 3) throw new EngineInputError('NOT_ENOUGH_OBSERVATIONS', `Student's t test needs at least 3 values in all, got ${nx + ny}.`)
  if (!varEqual && nx < 2) throw new EngineInputError('NOT_ENOUGH_OBSERVATIONS', `Group ${levels[0]} has ${nx} value(s); Welch's t test needs at least 2 per group.`)
  if (!varEqual && ny < 2) throw new EngineInputError('NOT_ENOUGH_OBSERVATIONS', `Group ${levels[1]} has ${ny} value(s); Welch's t test needs at least 2 per group.`)
  const mx = mean(x)
  const my = mean(y)
  let df: number
  let stderr: number
  if (varEqual) {
    df = nx + ny - 2
    let v = 0
    if (nx > 1) v += (nx - 1) * variance(x)
    if (ny > 1) v += (ny - 1) * variance(y)
    v /= df
    stderr = Math.sqrt(v * (1 / nx + 1 / ny))
  } else {
    const sx = Math.sqrt(variance(x) / nx)
    const sy = Math.sqrt(variance(y) / ny)
    stderr = Math.sqrt(sx * sx + sy * sy)
    df = stderr ** 4 / (sx ** 4 / (nx - 1) + sy ** 4 / (ny - 1))
  }
  checkNotConstant(stderr, mx, my)
  return tTestResult({
    method: varEqual ? 'student-t-test' : 'welch-t-test',
    test: varEqual ? ' Two Sample t-test' : 'Welch Two Sample t-test',
    options: { alternative, confLevel, varEqual, mu: 0 },
    n: nx + ny,
    groups: [...levels],
    nByGroup: [nx, ny],
    t: tCore(mx - my, stderr, df, alternative, confLevel),
    df,
    estimate: [mx, my],
    rCallStart: `t.test(values ~ group, data = d${varEqual ? ', var.equal = TRUE' : ''}`,
  })
}
