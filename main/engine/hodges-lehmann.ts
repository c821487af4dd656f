// The Hodges–Lehmann estimates and confidence intervals R's wilcox.test(conf.int = TRUE) reports
// (stats:::wilcox.test.default, R 4.2; Bauer 1972, "Constructing confidence sets using rank
// statistics", JASA 67:687–690):
//  * exact branch (the p-value was exact): the median of the pairwise differences x_i − y_j (rank
//    sum) or of the Walsh averages (x_i + x_j)/2, i ≤ j (signed rank), and the interval between
//    the order statistics picked by qwilcox / qsignrank; when the achieved level falls short by
//    more than half of α, R's "requested conf.level not achievable" and the achieved level;
//  * normal branch (ties, zeros or large n): the shift d where the standardized statistic of
//    x − d, with its tie-corrected variance and (for the interval) the continuity correction,
//    crosses the normal quantiles, found by uniroot(tol = 1e-4) exactly as R does; the estimate is
//    the root of the statistic without the correction (R sets correct <- FALSE first).
import { engineWarning, isEngineInputError, type EngineWarning } from './errors'
import { qnorm } from './distributions/index'
import { psignrank, pwilcox, qsignrank, qwilcox } from './distributions/wilcoxon-exact'
import { tieCorrection } from './rank-test-core'
import { averageRanks } from './sort'
import type { Alternative } from './two-group-test'
import { uniroot } from './uniroot'

/** R's tol.root default. */
const TOL_ROOT = 1e-4

export interface LocationEstimate {
  /** The Hodges–Lehmann estimate ("difference in location" or "(pseudo)median"; R's midrange when undefined). */
  estimate: number
  estimateName: string
  lower: number
  upper: number
  /** The level actually achieved when the requested one is not (as R reports it). */
  level: number
  warnings: EngineWarning[]
}

const qnormUpper = (p: number): number => -qnorm(p)

/** R's median() of values already sorted ascending. */
function sortedMedian(s: ArrayLike<number>): number {
  const n = s.length
  if (n === 0) return NaN
  const h = Math.floor((n + 1) / 2) - 1
  return n % 2 === 1 ? s[h]! : (s[h]! + s[h + 1]!) / 2
}

function median(x: ArrayLike<number>): number {
  return sortedMedian(Float64Array.from(x).sort())
}

const notAchievable = (capital: boolean): EngineWarning => engineWarning('CONF_LEVEL_NOT_ACHIEVABLE', `${capital ? 'R' : 'r'}equested conf.level not achievable`)

/**
 * Location shift of x against y (x − y) from the rank-sum statistic.
 * @param exactBranch whether the exact p-value was used (no ties, exact requested or implied)
 */
export function rankSumShift(x: Float64Array, y: Float64Array, o: { alternative: Alternative; correct: boolean; confLevel: number; exactBranch: boolean }): LocationEstimate {
  const nx = x.length
  const ny = y.length
  const name = 'difference in location'
  const warnings: EngineWarning[] = []
  const alpha = 1 - o.confLevel
  if (o.exactBranch) {
    const diffs = new Float64Array(nx * ny)
    for (let i = 0, k = 0; i < nx; i++) for (let j = 0; j < ny; j++) diffs[k++] = x[i]! - y[j]!
    diffs.sort()
    const pick = (k: number): number => diffs[k - 1]!
    let lower = -Infinity
    let upper = Infinity
    let achieved: number
    let qu = qwilcox(o.alternative === 'two.sided' ? alpha / 2 : alpha, nx, ny)
    if (qu === 0) qu = 1
    const ql = nx * ny - qu
    if (o.alternative === 'two.sided') {
      achieved = 2 * pwilcox(Math.trunc(qu) - 1, nx, ny)
      lower = pick(qu)
      upper = pick(ql + 1)
    } else {
      achieved = pwilcox(Math.trunc(qu) - 1, nx, ny)
      if (o.alternative === 'greater') lower = pick(qu)
      else upper = pick(ql + 1)
    }
    let level = o.confLevel
    if (achieved - alpha > alpha / 2) {
      warnings.push(notAchievable(true))
      level = 1 - achieved
    }
    return { estimate: sortedMedian(diffs), estimateName: name, lower, upper, level, warnings }
  }
  const all = new Float64Array(nx + ny)
  all.set(y, nx)
  let correct = o.correct
  let tiedWarned = false
  const W = (d: number): number => {
    for (let i = 0; i < nx; i++) all[i] = x[i]! - d
    const { ranks, tieSizes } = averageRanks(all)
    let s = 0
    for (let i = 0; i < nx; i++) s += ranks[i]!
    const dz = s - (nx * (nx + 1)) / 2 - (nx * ny) / 2
    const corr = !correct ? 0 : o.alternative === 'two.sided' ? Math.sign(dz) * 0.5 : o.alternative === 'greater' ? 0.5 : -0.5
    const sigma = Math.sqrt(((nx * ny) / 12) * (nx + ny + 1 - tieCorrection(tieSizes) / ((nx + ny) * (nx + ny - 1))))
    if (sigma === 0 && !tiedWarned) {
      tiedWarned = true
      warnings.push(engineWarning('CONF_INT_ALL_TIED', 'cannot compute confidence interval when all observations are tied'))
    }
    return (dz - corr) / sigma
  }
  let mumin = Infinity
  let mumax = -Infinity
  let xmin = Infinity
  let xmax = -Infinity
  let ymin = Infinity
  let ymax = -Infinity
  for (const v of x) {
    xmin = Math.min(xmin, v)
    xmax = Math.max(xmax, v)
  }
  for (const v of y) {
    ymin = Math.min(ymin, v)
    ymax = Math.max(ymax, v)
  }
  mumin = xmin - ymax
  mumax = xmax - ymin
  const wMin = W(mumin)
  const wMax = W(mumax)
  const root = (zq: number): number => {
    const fLower = wMin - zq
    if (fLower <= 0) return mumin
    const fUpper = wMax - zq
    if (fUpper >= 0) return mumax
    return uniroot((d) => W(d) - zq, mumin, mumax, { fLower, fUpper, tol: TOL_ROOT })
  }
  let lower = -Infinity
  let upper = Infinity
  if (o.alternative === 'two.sided') {
    lower = root(qnormUpper(alpha / 2))
    upper = root(qnorm(alpha / 2))
  } else if (o.alternative === 'greater') lower = root(qnormUpper(alpha))
  else upper = root(qnorm(alpha))
  correct = false
  const estimate = uniroot(W, mumin, mumax, { tol: TOL_ROOT })
  return { estimate, estimateName: name, lower, upper, level: o.confLevel, warnings }
}

/**
 * Pseudomedian of the non-zero paired differences d (zeros already dropped, as R does).
 * @param exactBranch whether the exact p-value was used (no ties, no zeros, exact requested or implied)
 */
export function signedRankShift(d: Float64Array, o: { alternative: Alternative; correct: boolean; confLevel: number; exactBranch: boolean }): LocationEstimate {
  const n = d.length
  const name = '(pseudo)median'
  const warnings: EngineWarning[] = []
  let alpha = 1 - o.confLevel
  if (o.exactBranch) {
    const diffs = new Float64Array((n * (n + 1)) / 2)
    for (let i = 0, k = 0; i < n; i++) for (let j = i; j < n; j++) diffs[k++] = d[i]! + d[j]!
    diffs.sort()
    for (let k = 0; k < diffs.length; k++) diffs[k] = diffs[k]! / 2
    const pick = (k: number): number => diffs[k - 1]!
    let lower = -Infinity
    let upper = Infinity
    let qu = qsignrank(o.alternative === 'two.sided' ? alpha / 2 : alpha, n)
    if (qu === 0) qu = 1
    const ql = (n * (n + 1)) / 2 - qu
    const achieved = (o.alternative === 'two.sided' ? 2 : 1) * psignrank(Math.trunc(qu) - 1, n)
    if (o.alternative !== 'less') lower = pick(qu)
    if (o.alternative !== 'greater') upper = pick(ql + 1)
    let level = o.confLevel
    if (achieved - alpha > alpha / 2) {
      warnings.push(notAchievable(false))
      level = 1 - Number(achieved.toPrecision(2))
    }
    return { estimate: sortedMedian(diffs), estimateName: name, lower, upper, level, warnings }
  }
  let correct = o.correct
  let tiedWarned = false
  const buf = new Float64Array(n)
  const W = (shift: number): number => {
    let m = 0
    for (let i = 0; i < n; i++) {
      const v = d[i]! - shift
      if (v !== 0) buf[m++] = v
    }
    const xd = buf.subarray(0, m)
    const { ranks, tieSizes } = averageRanks(xd.map(Math.abs))
    let s = 0
    for (let i = 0; i < m; i++) if (xd[i]! > 0) s += ranks[i]!
    const zd = s - (m * (m + 1)) / 4
    const sigma = Math.sqrt((m * (m + 1) * (2 * m + 1)) / 24 - tieCorrection(tieSizes) / 48)
    if (sigma === 0 && !tiedWarned) {
      tiedWarned = true
      warnings.push(engineWarning('CONF_INT_ALL_TIED', 'cannot compute confidence interval when all observations are zero or tied'))
    }
    const corr = !correct ? 0 : o.alternative === 'two.sided' ? Math.sign(zd) * 0.5 : o.alternative === 'greater' ? 0.5 : -0.5
    return (zd - corr) / sigma
  }
  const undefinedInterval = (estimate: number): LocationEstimate => ({
    estimate,
    estimateName: n > 0 ? 'midrange' : name,
    lower: o.alternative === 'less' ? -Infinity : NaN,
    upper: o.alternative === 'greater' ? Infinity : NaN,
    level: 0,
    warnings,
  })
  if (n === 0) return undefinedInterval(NaN)
  let mumin = Infinity
  let mumax = -Infinity
  for (const v of d) {
    mumin = Math.min(mumin, v)
    mumax = Math.max(mumax, v)
  }
  const wMin = W(mumin)
  const wMax = Number.isFinite(wMin) ? W(mumax) : NaN
  if (!Number.isFinite(wMax)) return undefinedInterval((mumin + mumax) / 2)
  const root = (zq: number): number => uniroot((s) => W(s) - zq, mumin, mumax, { fLower: wMin - zq, fUpper: wMax - zq, tol: TOL_ROOT })
  let lower = -Infinity
  let upper = Infinity
  // R widens α until the interval's quantiles are inside [W(max), W(min)], then warns.
  const widen = (fails: () => boolean): void => {
    while (fails()) alpha *= 2
  }
  if (o.alternative === 'two.sided') widen(() => wMin - qnormUpper(alpha / 2) < 0 || wMax - qnorm(alpha / 2) > 0)
  else if (o.alternative === 'greater') widen(() => wMin - qnormUpper(alpha) < 0)
  else widen(() => wMax - qnorm(alpha / 2) > 0)
  let level = o.confLevel
  if (alpha >= 1 || 1 - o.confLevel < alpha * 0.75) {
    level = 1 - Math.min(1, alpha)
    warnings.push(notAchievable(false))
  }
  if (o.alternative === 'two.sided') {
    if (alpha < 1) {
      lower = root(qnormUpper(alpha / 2))
      upper = root(qnorm(alpha / 2))
    } else lower = upper = median(d)
  } else if (o.alternative === 'greater') lower = alpha < 1 ? root(qnormUpper(alpha)) : median(d)
  else upper = alpha < 1 ? root(qnorm(alpha)) : median(d)
  correct = false
  const estimate = uniroot(W, mumin, mumax, { tol: TOL_ROOT })
  return { estimate, estimateName: name, lower, upper, level, warnings }
}

/**
 * Runs one of the above; where R itself stops (uniroot finds no sign change, e.g. every value
 * equal), the estimate and interval are NaN with a warning instead, so the test still reports
 * its p-value.
 */
export function locationEstimate(compute: () => LocationEstimate): LocationEstimate {
  try {
    return compute()
  } catch (e) {
    if (!isEngineInputError(e)) throw e
    return {
      estimate: NaN,
      estimateName: 'difference in location',
      lower: NaN,
      upper: NaN,
      level: NaN,
      warnings: [engineWarning('CONF_INT_FAILED', `The location estimate and its interval could not be computed (R stops too: ${e.message}).`)],
    }
  }
}
