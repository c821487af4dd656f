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
import { buildModelMatrix, designColumn, type CovariateColumn } from './model-matrix'
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
  /** MatchIt's "eCDF Mean" (null when not computed, options.ecdf = false). */
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

export interface BalanceOptions {
  /** Compute the eCDF statistics (a sort per non-binary term). Default true. */
  ecdf?: boolean
}

export interface BalanceResult {
  method: 'balance'
  options: { estimand: 'ATT'; standardize: true; smdDenominator: 'treated (unmatched sample)'; ecdf: boolean }
  n: number
  nTreated: number
  nControl: number
  rows: BalanceRow[]
  lovePlot: { points: LovePlotPoint[]; thresholds: number[] }
  warnings: never[]
  engineVersion: string
  rCall: string
}

/** Weighted group means and MatchIt's wvar() per group (indexed loops over each group's rows). */
interface GroupMoments {
  mean1: number
  mean0: number
  /** wvar() of each group (binary: p(1 − p)). */
  var1: number
  var0: number
  /** Units with nonzero weight in each group. */
  nz1: number
  nz0: number
}

function moments(x: Float64Array, w: Float64Array, idx: Int32Array, binary: boolean): { mean: number; variance: number; nz: number } {
  const sums = weightedSums(x, w, idx)
  const mean = sums.sx / sums.sw
  if (binary) return { mean, variance: mean * (1 - mean), nz: sums.nz }
  // Reliability-weights variance with weights normalized to sum to 1 (wvar(), as cov.wt()).
  return { mean, variance: weightedVariance(x, w, idx, sums.sw, mean), nz: sums.nz }
}

// The two loops of moments() are functions of their own: V8 compiles a loop while it runs (on-stack
// replacement), and a compile of moments() as a whole was discarded at its next line not yet run
// (over a hundred times for one balance table).

/** Σ w, Σ w·x and the number of nonzero weights over the rows idx. */
function weightedSums(x: Float64Array, w: Float64Array, idx: Int32Array): { sw: number; sx: number; nz: number } {
  let sw = 0
  let sx = 0
  let nz = 0
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!
    const wi = w[i]!
    sw += wi
    sx += wi * x[i]!
    if (wi !== 0) nz++
  }
  return { sw, sx, nz }
}

/** wvar(): the reliability-weights variance over the rows idx, weights normalized by sw. */
function weightedVariance(x: Float64Array, w: Float64Array, idx: Int32Array, sw: number, mean: number): number {
  let ss = 0
  let w2 = 0
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!
    const wi = w[i]! / sw
    const dx = x[i]! - mean
    ss += wi * dx * dx
    w2 += wi * wi
  }
  return ss / (1 - w2)
}

/**
 * True when every value is 0 or 1; throws NON_FINITE_VALUE at a missing or infinite one. A function
 * of its own, so that V8 compiles its loop once rather than with each caller.
 */
function isBinaryColumn(x: Float64Array, term: string): boolean {
  let binary = true
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!)) throw new EngineInputError('NON_FINITE_VALUE', `"${term}" has a missing or infinite value in row ${i + 1}.`)
    if (x[i] !== 0 && x[i] !== 1) binary = false
  }
  return binary
}

function groupMoments(x: Float64Array, w: Float64Array, g: Groups, binary: boolean): GroupMoments {
  const a = moments(x, w, g.i1, binary)
  const b = moments(x, w, g.i0, binary)
  return { mean1: a.mean, mean0: b.mean, var1: a.variance, var0: b.variance, nz1: a.nz, nz0: b.nz }
}

/** Row indices of each group, and the treatment flags. */
interface Groups {
  treat: Uint8Array
  i1: Int32Array
  i0: Int32Array
}

/** MatchIt's pooled_sd() with unit sampling weights (contribution = "proportional"). */
function pooledSd(x: Float64Array, g: Groups, binary: boolean): number {
  const n = g.i1.length + g.i0.length
  let ss = 0
  for (const idx of [g.i1, g.i0]) {
    let s = 0
    for (let k = 0; k < idx.length; k++) s += x[idx[k]!]!
    if (binary) {
      ss += (s * (1 - s / idx.length)) / n
      continue
    }
    const m = s / idx.length
    for (let k = 0; k < idx.length; k++) {
      const dx = x[idx[k]!]! - m
      ss += dx * dx
    }
  }
  // binary: Σ_g s_g (1 − s_g / n_g) / n; otherwise sum(w_ * x^2) / (1 - sum(w_^2)) with w_ = 1/n
  return binary ? Math.sqrt(ss) : Math.sqrt(ss / n / (1 - 1 / n))
}

/**
 * Signed, group-normalized weights for the eCDF difference: −w/Σw₁ for treated, +w/Σw₀ for controls
 * (MatchIt negates the group of the first sorted unit instead; |cumulative sum| is the same).
 */
function ecdfWeights(w: Float64Array, g: Groups): Float64Array {
  let s1 = 0
  let s0 = 0
  for (let k = 0; k < g.i1.length; k++) s1 += w[g.i1[k]!]!
  for (let k = 0; k < g.i0.length; k++) s0 += w[g.i0[k]!]!
  const out = new Float64Array(w.length)
  for (let k = 0; k < g.i1.length; k++) out[g.i1[k]!] = -w[g.i1[k]!]! / s1
  for (let k = 0; k < g.i0.length; k++) out[g.i0[k]!] = w[g.i0[k]!]! / s0
  return out
}

/** MatchIt's qqsum(standardize = TRUE): mean and max of |ECDF₁ − ECDF₀| at the distinct values of x. */
function ecdfStats(x: Float64Array, signedWeights: Float64Array, order: Int32Array): { mean: number; max: number } {
  const n = x.length
  let cum = 0
  let sum = 0
  let count = 0
  let max = 0
  for (let s = 0; s < n; s++) {
    const i = order[s]!
    cum += signedWeights[i]!
    if (s === n - 1 || x[order[s + 1]!] !== x[i]) {
      const e = Math.abs(cum)
      sum += e
      count++
      if (e > max) max = e
    }
  }
  return { mean: sum / count, max }
}

function termStatistics(x: Float64Array, binary: boolean, g: Groups, w: Float64Array, signedWeights: () => Float64Array, treatedSd: () => number, order: (() => Int32Array) | null, pre?: GroupMoments): BalanceStatistics {
  const m = pre ?? groupMoments(x, w, g, binary)
  const tooSmall = m.nz1 < 2 && m.nz0 < 2
  const meanTreated = m.mean1
  const meanControl = m.mean0
  const mdiff = meanTreated - meanControl
  let smd: number | null = null
  if (Math.abs(mdiff) > SQRT_EPS) {
    if (!tooSmall) {
      let sd = treatedSd()
      if (!Number.isFinite(sd) || sd < SQRT_EPS) sd = pooledSd(x, g, binary)
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
    varianceRatio = m.var1 / m.var0
    if (order) {
      const e = ecdfStats(x, signedWeights(), order())
      ecdfMean = e.mean
      ecdfMax = e.max
    }
  }
  return { meanTreated, meanControl, standardizedMeanDifference: smd, varianceRatio, ecdfMean, ecdfMax }
}

/**
 * Balance table before (and after) matching with MatchIt's summary() definitions for the ATT.
 *
 * @param input covariates, treatment (0/1), optional matching weights and distance
 * @param options ecdf (default true): also compute MatchIt's eCDF mean and max
 * @returns one row per term (distance first, factors expanded into every level) with means, SMD,
 *   variance ratio and eCDF statistics before and after, plus Love-plot points (|SMD|, MatchIt's
 *   plot(summary(m)) with its reference lines at 0.05 and 0.1)
 * @throws EngineInputError LENGTH_MISMATCH, TREATMENT_NOT_BINARY, EMPTY_GROUP, NON_FINITE_VALUE
 *
 * R: `summary(MatchIt::matchit(treat ~ age + race, data = d, ...))` — columns "Std. Mean Diff.",
 * "Var. Ratio", "eCDF Mean", "eCDF Max" of `$sum.all` (before) and `$sum.matched` (after).
 */
export function balanceTable(input: BalanceInput, options: BalanceOptions = {}): BalanceResult {
  const ecdf = options.ecdf ?? true
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
  const groups: Groups = { treat: t, i1, i0 }
  const ones = new Float64Array(n).fill(1)
  let w: Float64Array | null = null
  if (input.weights) {
    if (input.weights.length !== n) throw new EngineInputError('LENGTH_MISMATCH', `weights has ${input.weights.length} values, expected ${n}.`)
    w = new Float64Array(input.weights)
  }
  const columns: { term: string; x: Float64Array }[] = []
  if (input.distance) {
    if (input.distance.length !== n) throw new EngineInputError('LENGTH_MISMATCH', `distance has ${input.distance.length} values, expected ${n}.`)
    columns.push({ term: 'distance', x: new Float64Array(input.distance) })
  }
  if (input.covariates.length > 0) {
    const mm = buildModelMatrix(input.covariates, { intercept: false, contrasts: 'none' })
    mm.names.forEach((term, j) => columns.push({ term, x: designColumn(mm, j) }))
  }
  let sBefore: Float64Array | null = null
  let sAfter: Float64Array | null = null
  const signedBefore = (): Float64Array => (sBefore ??= ecdfWeights(ones, groups))
  const signedAfter = (): Float64Array => (sAfter ??= ecdfWeights(w!, groups))
  const rows: BalanceRow[] = columns.map(({ term, x }) => {
    const binary = isBinaryColumn(x, term)
    // The unmatched sample's moments give the treated SD too (one pass over the rows, not two).
    const unmatched = groupMoments(x, ones, groups, binary)
    const treatedSd = (): number => Math.sqrt(unmatched.var1)
    let orderCache: Int32Array | null = null
    const order = ecdf ? (): Int32Array => (orderCache ??= stableOrder(x)) : null
    const before = termStatistics(x, binary, groups, ones, signedBefore, treatedSd, order, unmatched)
    const after = w ? termStatistics(x, binary, groups, w, signedAfter, treatedSd, order) : null
    return { term, binary, before, after }
  })
  const abs = (v: number | null | undefined): number | null => (v === null || v === undefined ? null : Math.abs(v))
  return {
    method: 'balance',
    options: { estimand: 'ATT', standardize: true, smdDenominator: 'treated (unmatched sample)', ecdf },
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
