// Covariate balance before and after matching, with the definitions of MatchIt's summary.matchit()
// (bal1var() in R/match.qoi.R, wvar() in R/utils.R, MatchIt 4.7.2), for the ATT:
//
//  * Terms are the columns of get_covs_matrix(): numeric covariates as they are, and every level of
//    a factor as its own 0/1 column (contrasts = FALSE, named paste0(variable, level)); the distance
//    measure comes first as the row "distance", as summary() prints it.
//  * Means are weighted means (weights 1 before matching, MatchIt's matching weights after).
//  * Standardized mean difference = (mean treated − mean control) / SD, where the SD is always the
//    treated group's SD in the *unmatched* sample (s.d.denom = "treated"): sqrt(p(1 − p)) for a 0/1
//    term (no n − 1), the usual n − 1 SD otherwise. When that SD is below sqrt(machine epsilon) the
//    pooled SD of both groups is used instead, as bal1var() does. A difference smaller than
//    sqrt(machine epsilon) is reported unstandardized (it is 0 for practical purposes).
//  * Variance ratio = weighted variance treated / weighted variance control (reliability-weights
//    formula, as cov.wt()); not defined (null) for 0/1 terms.
//  * eCDF mean and max = mean and max over the distinct values of |ECDF_treated − ECDF_control|
//    with weights; |mean difference| for 0/1 terms.
import { EngineInputError } from './errors'
import { buildModelMatrix, type CovariateColumn } from './model-matrix'
import { stableOrder } from './sort'
import { ENGINE_VERSION } from './version'

const SQRT_EPS = Math.sqrt(2.220446049250313e-16)

/** Balance statistics of one term in one sample (before or after matching). */
export interface BalanceStatistics {
  meanTreated: number
  meanControl: number
  /** MatchIt's "Std. Mean Diff."; null where MatchIt gives NA (fewer than 2 units in both groups). */
  standardizedMeanDifference: number | null
  /** MatchIt's "Var. Ratio"; null for 0/1 terms (MatchIt: NA). */
  varianceRatio: number | null
  /** MatchIt's "eCDF Mean". */
  ecdfMean: number | null
  /** MatchIt's "eCDF Max". */
  ecdfMax: number | null
}

export interface BalanceRow {
  /** `distance`, a numeric covariate's name, or variable + level for a factor level. */
  term: string
  /** Whether the term is 0/1 (its SD is sqrt(p(1 − p)) and it has no variance ratio). */
  binary: boolean
  before: BalanceStatistics
  /** Null when no matching weights were given. */
  after: BalanceStatistics | null
}

/** One point per term for a Love plot: absolute SMDs before and after, MatchIt's plot(summary(m)). */
export interface LovePlotPoint {
  term: string
  absSmdBefore: number | null
  absSmdAfter: number | null
}

export interface BalanceInput {
  /** The matching covariates (factors are expanded into every level). */
  covariates: readonly CovariateColumn[]
  /** 1 = treated, 0 = control. */
  treat: ArrayLike<number>
  /** Matching weights (0 = not in the matched sample); omit for the unmatched sample only. */
  weights?: ArrayLike<number>
  /** The distance measure used for matching; reported first, as "distance". */
  distance?: ArrayLike<number>
}

export interface BalanceResult {
  method: 'balance'
  options: { estimand: 'ATT'; standardize: true; smdDenominator: 'treated (unmatched sample)' }
  n: number
  nTreated: number
  nControl: number
  rows: BalanceRow[]
  lovePlot: { points: LovePlotPoint[]; thresholds: number[] }
  warnings: never[]
  engineVersion: string
  rCall: string
}

function weightedMean(x: Float64Array, w: Float64Array, idx: Int32Array): number {
  let sx = 0
  let sw = 0
  for (const i of idx) {
    sx += x[i]! * w[i]!
    sw += w[i]!
  }
  return sx / sw
}

/** MatchIt's wvar(): binary p(1 − p), otherwise Σ w (x − m)² / (1 − Σ w²) with w summing to 1. */
function weightedVariance(x: Float64Array, w: Float64Array, idx: Int32Array, binary: boolean): number {
  let sw = 0
  for (const i of idx) sw += w[i]!
  let mx = 0
  for (const i of idx) mx += (w[i]! / sw) * x[i]!
  if (binary) return mx * (1 - mx)
  let num = 0
  let w2 = 0
  for (const i of idx) {
    const wi = w[i]! / sw
    num += wi * (x[i]! - mx) * (x[i]! - mx)
    w2 += wi * wi
  }
  return num / (1 - w2)
}

/** MatchIt's pooled_sd() with unit sampling weights (contribution = "proportional"). */
function pooledSd(x: Float64Array, i1: Int32Array, i0: Int32Array, binary: boolean): number {
  const n = i1.length + i0.length
  if (binary) {
    let v = 0
    for (const g of [i1, i0]) {
      let s = 0
      for (const i of g) s += x[i]!
      v += (s * (1 - s / g.length)) / n
    }
    return Math.sqrt(v)
  }
  let ss = 0
  for (const g of [i1, i0]) {
    let m = 0
    for (const i of g) m += x[i]!
    m /= g.length
    for (const i of g) ss += (x[i]! - m) * (x[i]! - m)
  }
  // sum(w_ * x^2) / (1 - sum(w_^2)) with w_ = 1/n
  return Math.sqrt(ss / n / (1 - 1 / n))
}

/** MatchIt's qqsum(standardize = TRUE): eCDF differences at the distinct values of x. */
function ecdfStats(x: Float64Array, w: Float64Array, treat: Uint8Array, order: Int32Array): { mean: number; max: number } {
  const n = x.length
  let s1 = 0
  let s0 = 0
  for (let i = 0; i < n; i++) {
    if (treat[i]) s1 += w[i]!
    else s0 += w[i]!
  }
  const firstGroup = treat[order[0]!]!
  let cum = 0
  let sum = 0
  let count = 0
  let max = 0
  for (let s = 0; s < n; s++) {
    const i = order[s]!
    const wi = treat[i] ? w[i]! / s1 : w[i]! / s0
    cum += treat[i] === firstGroup ? -wi : wi
    if (s === n - 1 || x[order[s + 1]!] !== x[i]) {
      const e = Math.abs(cum)
      sum += e
      count++
      if (e > max) max = e
    }
  }
  return { mean: sum / count, max }
}

function termStatistics(x: Float64Array, binary: boolean, treat: Uint8Array, i1: Int32Array, i0: Int32Array, w: Float64Array, treatedSd: () => number, order: () => Int32Array): BalanceStatistics {
  let nz1 = 0
  let nz0 = 0
  for (const i of i1) if (w[i] !== 0) nz1++
  for (const i of i0) if (w[i] !== 0) nz0++
  const tooSmall = nz1 < 2 && nz0 < 2
  const meanTreated = weightedMean(x, w, i1)
  const meanControl = weightedMean(x, w, i0)
  const mdiff = meanTreated - meanControl
  let smd: number | null = null
  if (Math.abs(mdiff) > SQRT_EPS) {
    if (!tooSmall) {
      let sd = treatedSd()
      if (!Number.isFinite(sd) || sd < SQRT_EPS) sd = pooledSd(x, i1, i0, binary)
      smd = mdiff / sd
    }
  } else {
    smd = mdiff
  }
  let varianceRatio: number | null = null
  let ecdfMean: number | null = null
  let ecdfMax: number | null = null
  if (binary) {
    ecdfMean = Math.abs(mdiff)
    ecdfMax = Math.abs(mdiff)
  } else if (!tooSmall) {
    varianceRatio = weightedVariance(x, w, i1, false) / weightedVariance(x, w, i0, false)
    const e = ecdfStats(x, w, treat, order())
    ecdfMean = e.mean
    ecdfMax = e.max
  }
  return { meanTreated, meanControl, standardizedMeanDifference: smd, varianceRatio, ecdfMean, ecdfMax }
}

/**
 * Balance table before (and after) matching with MatchIt's summary() definitions for the ATT.
 *
 * @param input covariates, treatment (0/1), optional matching weights and distance
 * @returns one row per term (distance first, factors expanded into every level) with means, SMD,
 *   variance ratio and eCDF statistics before and after, plus Love-plot points (|SMD|, MatchIt's
 *   plot(summary(m)) with its reference lines at 0.05 and 0.1)
 * @throws EngineInputError LENGTH_MISMATCH, TREATMENT_NOT_BINARY, EMPTY_GROUP, NON_FINITE_VALUE
 *
 * R: `summary(MatchIt::matchit(treat ~ age + race, data = d, ...))` — columns "Std. Mean Diff.",
 * "Var. Ratio", "eCDF Mean", "eCDF Max" of `$sum.all` (before) and `$sum.matched` (after).
 */
export function balanceTable(input: BalanceInput): BalanceResult {
  const { treat } = input
  const n = treat.length
  const t = new Uint8Array(n)
  let n1 = 0
  for (let i = 0; i < n; i++) {
    const v = treat[i]!
    if (v !== 0 && v !== 1) throw new EngineInputError('TREATMENT_NOT_BINARY', `The treatment must be 0 or 1; row ${i + 1} has ${String(v)}.`)
    t[i] = v
    n1 += v
  }
  if (n1 === 0 || n1 === n) throw new EngineInputError('EMPTY_GROUP', 'Balance needs both treated and control patients.')
  const i1 = new Int32Array(n1)
  const i0 = new Int32Array(n - n1)
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (t[i]) i1[a++] = i
    else i0[b++] = i
  }
  const ones = new Float64Array(n).fill(1)
  let w: Float64Array | null = null
  if (input.weights) {
    if (input.weights.length !== n) throw new EngineInputError('LENGTH_MISMATCH', `weights has ${input.weights.length} values, expected ${n}.`)
    w = Float64Array.from(input.weights)
  }
  const columns: { term: string; x: Float64Array }[] = []
  if (input.distance) {
    if (input.distance.length !== n) throw new EngineInputError('LENGTH_MISMATCH', `distance has ${input.distance.length} values, expected ${n}.`)
    columns.push({ term: 'distance', x: Float64Array.from(input.distance) })
  }
  if (input.covariates.length > 0) {
    const mm = buildModelMatrix(input.covariates, { intercept: false, contrasts: 'none' })
    mm.columns.forEach((x, j) => columns.push({ term: mm.names[j]!, x }))
  }
  const rows: BalanceRow[] = columns.map(({ term, x }) => {
    let binary = true
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(x[i]!)) throw new EngineInputError('NON_FINITE_VALUE', `"${term}" has a missing or infinite value in row ${i + 1}.`)
      if (x[i] !== 0 && x[i] !== 1) binary = false
    }
    let sdCache: number | null = null
    const treatedSd = (): number => (sdCache ??= Math.sqrt(weightedVariance(x, ones, i1, binary)))
    let orderCache: Int32Array | null = null
    const order = (): Int32Array => (orderCache ??= stableOrder(x))
    const before = termStatistics(x, binary, t, i1, i0, ones, treatedSd, order)
    const after = w ? termStatistics(x, binary, t, i1, i0, w, treatedSd, order) : null
    return { term, binary, before, after }
  })
  const abs = (v: number | null | undefined): number | null => (v === null || v === undefined ? null : Math.abs(v))
  return {
    method: 'balance',
    options: { estimand: 'ATT', standardize: true, smdDenominator: 'treated (unmatched sample)' },
    n,
    nTreated: n1,
    nControl: n - n1,
    rows,
    lovePlot: {
      points: rows.map((r) => ({ term: r.term, absSmdBefore: abs(r.before.standardizedMeanDifference), absSmdAfter: abs(r.after?.standardizedMeanDifference) })),
      thresholds: [0.05, 0.1],
    },
    warnings: [],
    engineVersion: ENGINE_VERSION,
    rCall: 'summary(MatchIt::matchit(treat ~ …, data = d, …))  # $sum.all, $sum.matched',
  }
}
