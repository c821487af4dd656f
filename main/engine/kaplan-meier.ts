// Kaplan–Meier estimate of the survival function, with Greenwood variance, pointwise confidence
// intervals, survival at chosen times, median and quantiles — each computed the way R's
// survival package (3.5-3) computes it, so that every number can be checked against R.
//
// Sources mirrored (survival 3.5-3): R/survfitKM.R and src/survfitkm.c (estimate and variance),
// R/survfit_confint (interval shapes), R/summary.survfit.R with survfit0() (values at given times),
// R/survmean (the median and its CI printed by print.survfit), R/quantile.survfit.R with
// doquant()/findq() (quantiles), R/aeqSurv.R (timefix).
import { ENGINE_VERSION } from './version'
import { EngineInputError, type EngineWarning, engineWarning } from './errors'
import { qnorm } from './distributions/index'
import { SQRT_DOUBLE_EPS, checkGroupCodes, codesAsValues, completeSurvivalRows, countByCellAndTime, rankTimes, type CellTimeCounts, type GroupFactor, type SurvivalData } from './survival-shared'

/** Shape of the pointwise confidence interval: `survfit(conf.type = )`. */
export type KaplanMeierConfType = 'log' | 'log-log' | 'plain'

export interface KaplanMeierOptions {
  /** Interval shape, default `'log'` as R's survfit (lifelines and Stata default to log-log). */
  confType?: KaplanMeierConfType
  /** Confidence level, default 0.95 (`conf.int`). */
  confLevel?: number
  /** Times at which to report survival (`summary(fit, times = )`); sorted as R sorts them. */
  times?: readonly number[]
  /**
   * As `summary(fit, times, extend = )`: false (R's default) leaves out requested times after a
   * group's last follow-up time (and warns); true reports them with the last estimate and 0 at risk.
   */
  extend?: boolean
  /** Probabilities for `quantile(fit, probs = )`, default 0.25, 0.5, 0.75. */
  quantileProbs?: readonly number[]
  /** Times for the number-at-risk table under a plot (`summary(fit, times, extend = TRUE)$n.risk`). */
  riskTableTimes?: readonly number[]
  /** Merge follow-up times that differ by less than √ε, as survfit(timefix = TRUE) does (default true). */
  timefix?: boolean
}

export interface ResolvedKaplanMeierOptions {
  confType: KaplanMeierConfType
  confLevel: number
  times: number[]
  extend: boolean
  quantileProbs: number[]
  riskTableTimes: number[]
  timefix: boolean
  /** survfit's `conf.lower`; only "usual" is implemented. */
  confLower: 'usual'
}

/** A point estimate with its confidence interval; null where R gives NA (e.g. a median not reached). */
export interface IntervalEstimate {
  estimate: number | null
  lower: number | null
  upper: number | null
  level: number
}

/** The survival curve as R stores it: one row per distinct time in the group (events and censorings). */
export interface KaplanMeierSteps {
  time: Float64Array
  nRisk: Float64Array
  nEvent: Float64Array
  nCensor: Float64Array
  /** S(t), `fit$surv`. */
  surv: Float64Array
  /** Standard error of log S(t) (survfit's `std.err`, Greenwood); Infinity once S(t) = 0. */
  stdErrLog: Float64Array
  /** Standard error of S(t) itself, S(t)·stdErrLog as `summary.survfit` reports it (NaN once S(t) = 0). */
  se: Float64Array
  /** Confidence limits (`fit$lower`, `fit$upper`); NaN where R gives NA. */
  lower: Float64Array
  upper: Float64Array
}

/** Values at requested times, as `summary(fit, times = )`. */
export interface KaplanMeierAtTimes {
  time: Float64Array
  nRisk: Float64Array
  /** Events in (previous requested time, this time]; the first interval starts at 0. */
  nEvent: Float64Array
  nCensor: Float64Array
  surv: Float64Array
  se: Float64Array
  lower: Float64Array
  upper: Float64Array
}

export interface KaplanMeierQuantile {
  probability: number
  /** Time by which a fraction `probability` has had the event (`quantile.survfit`); null if not reached. */
  estimate: number | null
  lower: number | null
  upper: number | null
}

export interface KaplanMeierCurve {
  group: string
  /** Patients in the group (`fit$n`). */
  n: number
  events: number
  /** Median survival and its CI as `print.survfit` shows them (null when not reached). */
  median: IntervalEstimate
  /** `quantile(fit, probs)` with CI. Can differ from `median` when S(t) ends exactly at 0.5. */
  quantiles: KaplanMeierQuantile[]
  steps: KaplanMeierSteps
  at: KaplanMeierAtTimes
}

export interface KaplanMeierResult {
  method: 'kaplan-meier'
  /** The R call that reproduces this result. */
  rCall: string
  options: ResolvedKaplanMeierOptions
  n: { used: number; excluded: number }
  curves: KaplanMeierCurve[]
  /** Number at risk at `riskTableTimes` (one row per curve, same order as `curves`). */
  riskTable: { times: number[]; nRisk: number[][] }
  warnings: EngineWarning[]
  engineVersion: string
}

export interface KaplanMeierInput extends SurvivalData {
  /** Optional grouping (one curve per level, in level order). Missing codes (NaN) exclude the row. */
  group?: GroupFactor
}

const DEFAULT_PROBS = [0.25, 0.5, 0.75]

/**
 * Kaplan–Meier survival curves, one per group, with Greenwood standard errors and pointwise
 * confidence intervals; survival, SE, CI and number at risk at requested times; median and
 * quantiles with confidence intervals; a number-at-risk table for plotting.
 *
 * Conventions reproduced from R (survival 3.5-3):
 * - `surv` is the product of (n − d)/n over event times; Greenwood `stdErrLog` accumulates
 *   d / (n (n − d)), which is +∞ from the time S(t) reaches 0.
 * - Intervals (`survfit_confint`, conf.lower "usual"): log: S·exp(±z·se), upper capped at 1, NA
 *   when S = 0; log-log: exp(−exp(log(−log S) ∓ z·se/log S)), NA when S = 0 or S = 1; plain:
 *   S ± z·se·S clipped to [0, 1], NaN when S = 0 after an all-event last time.
 * - Values at times: before the first time S = 1 with SE 0 and CI [1, 1] (survfit0's row at 0);
 *   the number at risk counts patients with time ≥ t; with `extend: false` times after the
 *   group's last time are left out (with a warning), as R does.
 * - Median (print.survfit): the first time S(t) < 0.5 + √ε; if S is within √ε of 0.5 there and
 *   drops later, the midpoint to the next lower step. The CI limits apply the same rule to the
 *   lower and upper curves.
 * - Quantiles (quantile.survfit): R's findq(), including the midpoint rule and, when the curve
 *   ends exactly at 1 − p, the midpoint with the last follow-up time.
 *
 * @param input follow-up `time` (≥ 0, any unit), `event` (1 event, 0 censored), optional `group`
 * @param options see {@link KaplanMeierOptions}
 * @throws EngineInputError LENGTH_MISMATCH, NEGATIVE_TIME, INVALID_EVENT, INVALID_GROUP_CODE,
 *   NO_DATA, EMPTY_GROUP (a level with no patients), INVALID_OPTION
 * @warns TIMES_BEYOND_FOLLOW_UP when requested times fall after a group's last time (extend false)
 *
 * R: `fit <- survfit(Surv(time, event) ~ group, conf.type = "log"); summary(fit, times = at);
 * print(fit); quantile(fit, c(.25, .5, .75))`
 */
export function kaplanMeier(input: KaplanMeierInput, options: KaplanMeierOptions = {}): KaplanMeierResult {
  const opts = resolveOptions(options)
  const warnings: EngineWarning[] = []
  const n = input.time.length
  const groupCodes = input.group ? checkGroupCodes(input.group, n, 'group') : null
  const extra = groupCodes ? [{ name: 'group', values: codesAsValues(groupCodes) }] : []
  const { keep, used, excluded } = completeSurvivalRows(input, extra)
  const levels = input.group ? [...input.group.levels] : ['all']
  const nGroups = levels.length
  const codes = groupCodes ?? new Int32Array(n)

  const { times: utimes, rank } = rankTimes(input.time, keep, used, opts.timefix)
  const counts = countByCellAndTime(rank, utimes.length, codes, nGroups, input.event)

  const z = qnorm(1 - (1 - opts.confLevel) / 2)
  const curves: KaplanMeierCurve[] = []
  const riskRows: number[][] = []
  for (let g = 0; g < nGroups; g++) {
    if (counts.start[g] === counts.start[g + 1]) {
      throw new EngineInputError(
        'EMPTY_GROUP',
        `The group "${levels[g]}" has no patients with complete data, so no survival curve can be drawn for it. Remove the empty group or check the data.`,
        { group: levels[g] },
      )
    }
    const steps = sweepGroup(counts, g, utimes, opts.confType, z)
    const nG = steps.nRisk[0]!
    let events = 0
    for (let k = 0; k < steps.nEvent.length; k++) events += steps.nEvent[k]!
    const at = atTimes(steps, opts.times, opts.extend)
    if (at.dropped.length > 0) {
      warnings.push(
        engineWarning(
          'TIMES_BEYOND_FOLLOW_UP',
          `Group "${levels[g]}": no estimate at ${at.dropped.join(', ')} because follow-up ends at ${steps.time[steps.time.length - 1]} (as R's summary(fit, times) leaves them out; use extend to carry the last value forward).`,
          { details: { group: levels[g], times: at.dropped } },
        ),
      )
    }
    curves.push({
      group: levels[g]!,
      n: nG,
      events,
      median: {
        estimate: naToNull(printMedian(steps.surv, steps.time)),
        lower: naToNull(printMedian(steps.lower, steps.time)),
        upper: naToNull(printMedian(steps.upper, steps.time)),
        level: opts.confLevel,
      },
      quantiles: survfitQuantiles(steps, opts.quantileProbs),
      steps,
      at: at.values,
    })
    riskRows.push(Array.from(atTimes(steps, opts.riskTableTimes, true).values.nRisk))
  }

  return {
    method: 'kaplan-meier',
    rCall: `survfit(Surv(time, event) ~ ${input.group ? 'group' : '1'}, conf.type = "${opts.confType}", conf.int = ${opts.confLevel})`,
    options: opts,
    n: { used, excluded },
    curves,
    riskTable: { times: [...opts.riskTableTimes].sort((a, b) => a - b), nRisk: riskRows },
    warnings,
    engineVersion: ENGINE_VERSION,
  }
}

function resolveOptions(o: KaplanMeierOptions): ResolvedKaplanMeierOptions {
  const confType = o.confType ?? 'log'
  if (confType !== 'log' && confType !== 'log-log' && confType !== 'plain') {
    throw new EngineInputError('INVALID_OPTION', `The confidence interval type must be "log", "log-log" or "plain", not "${String(confType)}".`)
  }
  const confLevel = o.confLevel ?? 0.95
  if (!(confLevel > 0 && confLevel < 1)) throw new EngineInputError('INVALID_OPTION', `The confidence level must be between 0 and 1 (got ${confLevel}).`)
  const times = [...(o.times ?? [])]
  const riskTableTimes = [...(o.riskTableTimes ?? [])]
  for (const t of [...times, ...riskTableTimes]) {
    if (!Number.isFinite(t)) throw new EngineInputError('INVALID_OPTION', `Requested times must be finite numbers (got ${t}).`)
  }
  const quantileProbs = [...(o.quantileProbs ?? DEFAULT_PROBS)]
  for (const p of quantileProbs) {
    if (!(p >= 0 && p <= 1)) throw new EngineInputError('INVALID_OPTION', `Quantile probabilities must lie between 0 and 1 (got ${p}).`)
  }
  return { confType, confLevel, times, extend: o.extend ?? false, quantileProbs, riskTableTimes, timefix: o.timefix ?? true, confLower: 'usual' }
}

const naToNull = (x: number): number | null => (Number.isNaN(x) ? null : x)

/**
 * One group's step table from its counts at each distinct time: survfitkm.c with unit weights —
 * n.risk counts everyone with time ≥ t, surv multiplies (n − d)/n, the Greenwood sum adds d/(n(n − d)).
 */
function sweepGroup(counts: CellTimeCounts, g: number, utimes: Float64Array, confType: KaplanMeierConfType, z: number): KaplanMeierSteps {
  const from = counts.start[g]!
  const nt = counts.start[g + 1]! - from
  const time = new Float64Array(nt)
  const nRisk = new Float64Array(nt)
  const nEvent = new Float64Array(nt)
  const nCensor = new Float64Array(nt)
  let atRisk = 0
  for (let k = 0; k < nt; k++) {
    const e = from + k
    time[k] = utimes[counts.time[e]!]!
    nEvent[k] = counts.events[e]!
    nCensor[k] = counts.total[e]! - counts.events[e]!
    atRisk += counts.total[e]!
  }
  const surv = new Float64Array(nt)
  const stdErrLog = new Float64Array(nt)
  const se = new Float64Array(nt)
  let km = 1
  let v1 = 0
  for (let j = 0; j < nt; j++) {
    nRisk[j] = atRisk
    const d = nEvent[j]!
    if (d > 0) {
      km *= (atRisk - d) / atRisk
      v1 += d / (atRisk * (atRisk - d)) // Greenwood; 1/0 = +Infinity when everyone at risk dies, as in C
    }
    surv[j] = km
    stdErrLog[j] = Math.sqrt(v1)
    se[j] = km * stdErrLog[j]! // summary.survfit: std.err * surv (0·∞ = NaN once S = 0)
    atRisk -= d + nCensor[j]!
  }
  const { lower, upper } = confidenceLimits(surv, stdErrLog, confType, z)
  return { time, nRisk, nEvent, nCensor, surv, stdErrLog, se, lower, upper }
}

/**
 * survfit_confint() with logse = TRUE and conf.lower = "usual" (selow = se, so the lower-limit
 * scale is 1, or NaN where se is infinite). NaN stands for R's NA.
 */
function confidenceLimits(p: Float64Array, se: Float64Array, confType: KaplanMeierConfType, z: number): { lower: Float64Array; upper: Float64Array } {
  const n = p.length
  const lower = new Float64Array(n)
  const upper = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const s = se[i]!
    const scale = s === 0 ? 1 : s / s // ifelse(selow == 0, 1, selow/se): NaN when se = Inf
    const pi = p[i]!
    if (confType === 'plain') {
      const se2 = s * pi * z
      lower[i] = rPmax(pi - se2 * scale, 0)
      upper[i] = rPmin(pi + se2, 1)
    } else if (confType === 'log') {
      const xx = pi === 0 ? NaN : pi // log(0) avoided: NA
      const se2 = z * s
      lower[i] = Math.exp(Math.log(xx) - se2 * scale)
      upper[i] = rPmin(Math.exp(Math.log(xx) + se2), 1)
    } else {
      const xx = pi === 0 || pi === 1 ? NaN : pi
      const se2 = (z * s) / Math.log(xx)
      lower[i] = Math.exp(-Math.exp(Math.log(-Math.log(xx)) - se2 * scale))
      upper[i] = Math.exp(-Math.exp(Math.log(-Math.log(xx)) + se2))
    }
  }
  return { lower, upper }
}

// R's pmax/pmin propagate NA/NaN, unlike Math.max/min, which would too, but spell it out.
const rPmax = (a: number, b: number): number => (Number.isNaN(a) ? NaN : Math.max(a, b))
const rPmin = (a: number, b: number): number => (Number.isNaN(a) ? NaN : Math.min(a, b))

/**
 * summary.survfit(fit, times, extend) on survfit0(fit): a row at time 0 with S = 1, SE 0, CI [1, 1]
 * and the initial number at risk is placed before the first time (unless that time is 0).
 * Returns the values and the requested times left out because extend is false.
 */
function atTimes(steps: KaplanMeierSteps, requested: readonly number[], extend: boolean): { values: KaplanMeierAtTimes; dropped: number[] } {
  const nt = steps.time.length
  const lastTime = steps.time[nt - 1]!
  const sorted = [...requested].sort((a, b) => a - b)
  const ptimes = extend ? sorted : sorted.filter((t) => t <= lastTime)
  const dropped = extend ? [] : sorted.filter((t) => t > lastTime)
  // survfit0: prepend time 0 unless the first time is already 0
  const pre = steps.time[0] === 0 ? 0 : 1
  const m = nt + pre
  const t0 = (j: number): number => (pre && j === 0 ? 0 : steps.time[j - pre]!)
  const cumEvent = new Float64Array(m + 1)
  const cumCensor = new Float64Array(m + 1)
  for (let j = 0; j < m; j++) {
    cumEvent[j + 1] = cumEvent[j]! + (pre && j === 0 ? 0 : steps.nEvent[j - pre]!)
    cumCensor[j + 1] = cumCensor[j]! + (pre && j === 0 ? 0 : steps.nCensor[j - pre]!)
  }
  const k = ptimes.length
  const v: KaplanMeierAtTimes = {
    time: Float64Array.from(ptimes),
    nRisk: new Float64Array(k),
    nEvent: new Float64Array(k),
    nCensor: new Float64Array(k),
    surv: new Float64Array(k),
    se: new Float64Array(k),
    lower: new Float64Array(k),
    upper: new Float64Array(k),
  }
  let prevIndex = 0
  for (let q = 0; q < k; q++) {
    const t = ptimes[q]!
    // index1 = findInterval(t, time0): number of time0 ≤ t; index2 = 1 + number of time0 < t
    let lo = 0
    let hi = m
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (t0(mid) <= t) lo = mid + 1
      else hi = mid
    }
    const index1 = lo
    lo = 0
    hi = m
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (t0(mid) < t) lo = mid + 1
      else hi = mid
    }
    const index2 = lo // 0-based row whose n.risk applies; m means "beyond the end": 0 at risk
    const row = Math.max(1, index1) - 1 // 0-based row of survfit0
    const sj = row - pre // index into steps, −1 for the inserted time-0 row
    if (sj < 0) {
      v.surv[q] = 1
      v.se[q] = 0
      v.lower[q] = 1
      v.upper[q] = 1
    } else {
      v.surv[q] = steps.surv[sj]!
      v.se[q] = steps.se[sj]!
      v.lower[q] = steps.lower[sj]!
      v.upper[q] = steps.upper[sj]!
    }
    v.nRisk[q] = index2 >= m ? 0 : index2 - pre < 0 ? steps.nRisk[0]! : steps.nRisk[index2 - pre]!
    v.nEvent[q] = cumEvent[index1]! - cumEvent[prevIndex]!
    v.nCensor[q] = cumCensor[index1]! - cumCensor[prevIndex]!
    prevIndex = index1
  }
  return { values: v, dropped }
}

/**
 * print.survfit's median rule (survmean's `minmin`): the first time the curve is below 0.5 + √ε;
 * when it sits within √ε of 0.5 there and later drops lower, the midpoint of that time and the
 * first time it is lower. NaN (R's NA) when the curve never gets there.
 */
export function printMedian(y: ArrayLike<number>, x: ArrayLike<number>): number {
  const tol = SQRT_DOUBLE_EPS
  let first = -1
  for (let i = 0; i < y.length; i++) {
    const yi = y[i]!
    if (!Number.isNaN(yi) && yi < 0.5 + tol) {
      first = i
      break
    }
  }
  if (first < 0) return NaN
  const y1 = y[first]!
  if (Math.abs(y1 - 0.5) < tol) {
    for (let i = first + 1; i < y.length; i++) {
      const yi = y[i]!
      if (!Number.isNaN(yi) && yi < y1) return (x[first]! + x[i]!) / 2
    }
  }
  return x[first]!
}

function survfitQuantiles(steps: KaplanMeierSteps, probs: readonly number[]): KaplanMeierQuantile[] {
  const m = steps.time.length + 1
  const x = new Float64Array(m) // c(firstx = 0, time)
  x.set(steps.time, 1)
  const curve = (s: Float64Array): Float64Array => {
    const y = new Float64Array(m) // c(0, 1 - s)
    for (let i = 0; i < s.length; i++) y[i + 1] = 1 - s[i]!
    return y
  }
  const q = findq(x, curve(steps.surv), probs)
  const lo = findq(x, curve(steps.lower), probs)
  const hi = findq(x, curve(steps.upper), probs)
  return probs.map((p, i) => ({ probability: p, estimate: naToNull(q[i]!), lower: naToNull(lo[i]!), upper: naToNull(hi[i]!) }))
}

/**
 * survival:::findq(x, y, p, tol): the time at which the cumulative distribution y = 1 − S first
 * reaches p, with R's details — exact duplicates of y dropped first, `approx(method = "constant",
 * f = 1)` on y ± tol (its sorting and tie averaging included, which matters for the non-monotone
 * confidence curves), the midpoint when y sits within tol of p, x[1] for p = 0, and the midpoint
 * with the last time when the curve ends within tol of p. NaN is R's NA.
 */
function findq(x0: Float64Array, y0: Float64Array, probs: readonly number[]): number[] {
  const tol = SQRT_DOUBLE_EPS
  let maxY = -Infinity
  for (const v of y0) if (!Number.isNaN(v) && v > maxY) maxY = v
  const minP = Math.min(...probs)
  if (maxY === -Infinity || maxY < minP) return probs.map(() => NaN)
  const xmax = x0[x0.length - 1]!
  // duplicated(y): keep the first occurrence of each value (NA counts as one value)
  const xs: number[] = []
  const ys: number[] = []
  const seen = new Set<number>()
  let seenNaN = false
  for (let i = 0; i < y0.length; i++) {
    const v = y0[i]!
    if (Number.isNaN(v)) {
      if (seenNaN) continue
      seenNaN = true
    } else {
      if (seen.has(v)) continue
      seen.add(v)
    }
    xs.push(x0[i]!)
    ys.push(v)
  }
  const n = ys.length
  // approx() sorts its x (y ± tol here) and averages ties. Adding a constant keeps the order, so
  // one stable ordering of y serves both shifts; only the tie groups are found per shift.
  const order = orderNonNaN(ys)
  const idx1 = approxConstantIndex(ys, order, tol, probs)
  const idx2 = approxConstantIndex(ys, order, -tol, probs)
  const at = (ix: number): number => (Number.isNaN(ix) ? NaN : xs[Math.trunc(ix) - 1]!) // R's x[fractional] truncates
  const quant = probs.map((_, k) => (at(idx1[k]!) + at(idx2[k]!)) / 2)
  probs.forEach((p, k) => {
    if (p === 0) quant[k] = xs[0]!
  })
  const yn = ys[n - 1]!
  if (!Number.isNaN(yn)) {
    probs.forEach((p, k) => {
      if (Math.abs(p - yn) < tol) quant[k] = (at(idx1[k]!) + xmax) / 2
    })
  }
  return quant
}

/** Indices of the non-NaN values of y in increasing order of value (stable; already-sorted input is kept as is). */
function orderNonNaN(y: readonly number[]): number[] {
  const idx: number[] = []
  let sorted = true
  let last = -Infinity
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!
    if (Number.isNaN(v)) continue
    if (v < last) sorted = false
    last = v
    idx.push(i)
  }
  if (!sorted) idx.sort((a, b) => y[a]! - y[b]! || a - b)
  return idx
}

/**
 * approx(y + shift, 1:n, xout, method = "constant", f = 1, rule = 1, ties = mean) with NA pairs
 * dropped, as R's regularize.values() does: returns 1-based indices (fractional when tied x values
 * are averaged), NaN outside the range. `order` sorts the non-NaN y.
 */
function approxConstantIndex(y: readonly number[], order: readonly number[], shift: number, xout: readonly number[]): number[] {
  const X: number[] = []
  const Y: number[] = []
  for (let q = 0; q < order.length; ) {
    const x = y[order[q]!]! + shift
    let r = q
    let sum = 0
    while (r < order.length && y[order[r]!]! + shift === x) sum += order[r++]! + 1
    X.push(x)
    Y.push(sum / (r - q))
    q = r
  }
  const n = X.length
  return xout.map((v) => {
    if (n === 0 || Number.isNaN(v)) return NaN
    let i = 0
    let j = n - 1
    if (v < X[i]!) return NaN
    if (v > X[j]!) return NaN
    while (i < j - 1) {
      const ij = Math.floor((i + j) / 2)
      if (v < X[ij]!) j = ij
      else i = ij
    }
    if (v === X[j]) return Y[j]!
    if (v === X[i]) return Y[i]!
    return Y[j]! // constant, f = 1: the right-hand value
  })
}
