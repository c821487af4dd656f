// What every two-group comparison returns, and the input handling they share: groups are the sorted
// levels of the group labels (R's factor() order; the first level is the reference, "x" in R's
// formula interface), exactly two of them.
import { EngineInputError, type EngineWarning } from './errors'
import { factorize } from './factor'

export type Alternative = 'two.sided' | 'less' | 'greater'

/** The result of a two-group (or paired, or contingency-table) test. */
export interface TwoGroupTestResult {
  /** Engine method id, e.g. 'welch-t-test'. */
  method: string
  /** The test as R names it (htest$method), e.g. "Welch Two Sample t-test". */
  test: string
  /** Resolved options, defaults filled in. */
  options: Record<string, unknown>
  /** Observations used (pairs for paired tests, the table total for tables). */
  n: number
  /** Group levels in R's order (first = reference), or the table's row levels. */
  groups: string[]
  /** Observations per group (pairs: both equal n). */
  nByGroup: number[]
  /** The test statistic (t, W, V, X-squared, McNemar's chi-squared); null where R has none (Fisher). */
  statistic: number | null
  /** R's name of the statistic. */
  statisticName: string | null
  /** Degrees of freedom; null where there are none. */
  df: number | null
  /** p-value (NaN where R's is NaN, e.g. an empty off-diagonal pair in the symmetry test). */
  p: number
  /** Point estimates as R's htest$estimate (group means, mean difference), if any. */
  estimate?: number[]
  /** R's names of the estimates (names(htest$estimate)), where given. */
  estimateNames?: string[]
  /** Confidence interval (t tests, Wilcoxon with confInt, Fisher 2 × 2), with its level. */
  confidenceInterval?: { lower: number; upper: number; level: number }
  warnings: EngineWarning[]
  engineVersion: string
  /** The R call that reproduces the result. */
  rCall: string
}

/** Values split into R's two groups. */
export interface SplitGroups {
  levels: [string, string]
  x: Float64Array
  y: Float64Array
}

/**
 * Splits values by a two-level group (R's `split(values, factor(groups))`).
 * @throws EngineInputError LENGTH_MISMATCH, NON_FINITE_VALUE, NOT_TWO_GROUPS
 */
export function splitTwoGroups(values: ArrayLike<number>, groups: ArrayLike<string | number>): SplitGroups {
  if (values.length !== groups.length) throw new EngineInputError('LENGTH_MISMATCH', `There are ${values.length} values but ${groups.length} group labels.`)
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) throw new EngineInputError('NON_FINITE_VALUE', `Value ${i + 1} is missing or infinite; leave such rows out first.`)
  }
  const { levels, codes } = factorize(groups)
  if (levels.length !== 2) {
    throw new EngineInputError(
      'NOT_TWO_GROUPS',
      levels.length < 2 ? `A comparison needs two groups, but there is only ${levels.length === 0 ? 'no group' : `one (${levels[0]})`}.` : `A two-group comparison needs exactly two groups, found ${levels.length} (${levels.join(', ')}).`,
    )
  }
  let nx = 0
  for (let i = 0; i < codes.length; i++) if (codes[i] === 0) nx++
  const x = new Float64Array(nx)
  const y = new Float64Array(codes.length - nx)
  for (let i = 0, a = 0, b = 0; i < codes.length; i++) {
    if (codes[i] === 0) x[a++] = values[i]!
    else y[b++] = values[i]!
  }
  return { levels: [levels[0]!, levels[1]!], x, y }
}

/**
 * Paired differences x − y, checking lengths and values. R: `x[OK] - y[OK]` in t.test/wilcox.test(paired = TRUE).
 * @throws EngineInputError LENGTH_MISMATCH, NON_FINITE_VALUE
 */
export function pairedDifferences(x: ArrayLike<number>, y: ArrayLike<number>): Float64Array {
  if (x.length !== y.length) throw new EngineInputError('LENGTH_MISMATCH', `Paired data need as many first as second values (${x.length} vs ${y.length}).`)
  const d = new Float64Array(x.length)
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!) || !Number.isFinite(y[i]!)) throw new EngineInputError('NON_FINITE_VALUE', `Pair ${i + 1} has a missing or infinite value; leave such pairs out first.`)
    d[i] = x[i]! - y[i]!
  }
  return d
}

/** R's `mean(x)`: the sum divided by n, refined by the mean residual (summary.c's second pass). */
export function mean(x: ArrayLike<number>): number {
  const n = x.length
  let s = 0
  for (let i = 0; i < n; i++) s += x[i]!
  const m = s / n
  if (!Number.isFinite(m)) return m
  let t = 0
  for (let i = 0; i < n; i++) t += x[i]! - m
  return m + t / n
}

/** R's `var(x)`: two-pass sample variance (n − 1). */
export function variance(x: ArrayLike<number>): number {
  const n = x.length
  const m = mean(x)
  let ss = 0
  for (let i = 0; i < n; i++) ss += (x[i]! - m) * (x[i]! - m)
  return ss / (n - 1)
}

/** Validates an `alternative` option (R's alternative = "two.sided" | "less" | "greater"). */
export function checkAlternative(alternative: string): Alternative {
  if (alternative !== 'two.sided' && alternative !== 'less' && alternative !== 'greater') {
    throw new EngineInputError('INVALID_OPTION', `alternative must be two.sided, less or greater, got ${JSON.stringify(alternative)}.`)
  }
  return alternative
}
