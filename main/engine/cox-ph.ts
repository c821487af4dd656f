// Cox proportional hazards regression for right-censored data, reproducing R's
// survival::coxph (3.5-3): R/coxph.R, R/coxph.fit.R, R/coxph.control.R and src/coxfit6.c
// (Newton–Raphson with step halving, Efron or Breslow handling of tied event times), the
// cholesky2/chsolve2/chinv2 kernel (engine/linalg/cholesky.ts), and concordance as coxph stores it.
import { ENGINE_VERSION } from './version'
import { EngineInputError, type EngineWarning, engineWarning } from './errors'
import { pchisqUpper, pnormTwoSided, qnorm } from './distributions/index'
import { DEFAULT_CHOLESKY_TOLERANCE, chinv2, cholesky2, chsolve2 } from './linalg/cholesky'
import { buildModelMatrix, fillRows, linearPredictor, type CovariateColumn, type ModelMatrix, type ModelTerm } from './model-matrix'
import { survivalConcordance, type ConcordanceResult } from './survival-concordance'
import { checkGroupCodes, codesAsValues, completeSurvivalRows, rankTimes, type GroupFactor, type SurvivalData } from './survival-shared'
import { orderByKeys } from './sort'
import type { IntervalEstimate } from './kaplan-meier'
import type { ProgressReporter } from './progress'

/** How tied event times enter the partial likelihood (`coxph(ties = )`). */
export type CoxTies = 'efron' | 'breslow'

export interface CoxInput extends SurvivalData {
  /**
   * Covariates in model order; factors are expanded with treatment contrasts (first level =
   * reference). NaN (a missing value or factor code) excludes the row.
   */
  covariates: readonly CovariateColumn[]
  /** Optional strata: separate baseline hazards (`+ strata(x)`). */
  strata?: GroupFactor
}

export interface CoxOptions {
  /** Default `'efron'`, as R. */
  ties?: CoxTies
  /** Convergence: stop when |1 − loglik_old/loglik_new| ≤ eps (coxph.control eps, default 1e-9). */
  eps?: number
  /** Cholesky singularity tolerance (toler.chol, default .Machine$double.eps^0.75). */
  tolerChol?: number
  /** Maximum Newton–Raphson iterations (iter.max, default 20). */
  iterMax?: number
  /** Threshold for the "coefficient may be infinite" check (toler.inf, default sqrt(eps)). */
  tolerInf?: number
  /** Confidence level for hazard ratios, default 0.95. */
  confLevel?: number
  /** Merge near-equal follow-up times (coxph.control timefix, default true). */
  timefix?: boolean
  /** Initial coefficients (`init`), default all 0; one per design column. */
  init?: readonly number[]
  /** Told after each Newton–Raphson iteration (of at most iterMax) and before the concordance. */
  progress?: ProgressReporter
}

export interface ResolvedCoxOptions {
  ties: CoxTies
  eps: number
  tolerChol: number
  iterMax: number
  tolerInf: number
  confLevel: number
  timefix: boolean
  init: number[]
  /** coxph's `nocenter`: columns whose values all lie in {−1, 0, 1} are not centred or scaled. */
  nocenter: number[]
}

/** One design column's estimates; numbers are null where R reports NA (an aliased column). */
export interface CoxTermEstimate {
  /** Name as R's model.matrix gives it (`age`, `sexfemale`). */
  term: string
  coefficient: number | null
  standardError: number | null
  hazardRatio: IntervalEstimate
  /** Wald z = coefficient / standard error. */
  z: number | null
  /** Two-sided Wald p-value. */
  p: number | null
}

export interface ChiSquareTest {
  chisq: number
  df: number
  p: number
}

export interface CoxResult {
  method: 'cox-ph'
  rCall: string
  options: ResolvedCoxOptions
  n: { used: number; excluded: number }
  events: number
  terms: CoxTermEstimate[]
  /** Model terms (covariates), their design columns and factor levels. */
  design: Omit<ModelTerm, 'values'>[]
  /** Variance–covariance matrix of the coefficients (`fit$var`), design columns in order. */
  variance: number[][]
  /** Partial log-likelihood at the initial values and at the estimate (`fit$loglik`). */
  logLikelihood: [number, number]
  likelihoodRatioTest: ChiSquareTest
  waldTest: ChiSquareTest
  /** Score (log-rank) test at the initial values. */
  scoreTest: ChiSquareTest
  concordance: ConcordanceResult
  /** Newton–Raphson iterations (`fit$iter`; iterMax + 1 when it ran out, as R reports). */
  iterations: number
  converged: boolean
  /** Column means used for centring (`fit$means`; 0 for columns left uncentred). */
  means: number[]
  /** Linear predictor for each input row, centred as R's (`fit$linear.predictors`); NaN for excluded rows. */
  linearPredictors: Float64Array
  warnings: EngineWarning[]
  engineVersion: string
}

/**
 * Fits a Cox proportional hazards model by maximising the partial likelihood.
 *
 * Newton–Raphson exactly as coxfit6.c in survival 3.5-3: covariates not confined to {−1, 0, 1}
 * are centred and scaled by their mean absolute deviation; the first step is the full Newton step
 * from `init`; a step that lowers the log-likelihood (or overflows) is pulled back towards the
 * last good point (new = (new + h·old)/(h + 1), h = 1, 2, …); iteration stops when the relative
 * change in log-likelihood is ≤ eps. A column whose Cholesky pivot falls below tolerChol is
 * aliased: its coefficient is reported as null (R's NA) with a warning.
 *
 * Reproduced R behaviour worth knowing:
 * - Non-convergence: R warns "Ran out of iterations and did not converge" and, in 3.5-3, returns a
 *   variance matrix that is the inverse of the diagonal of the information matrix only (chinv2 on
 *   an undecomposed matrix). We return the same numbers, with the same warning.
 * - Monotone likelihood (separation): the log-likelihood converges while a coefficient runs off to
 *   infinity; R warns "Loglik converged before variable k; coefficient may be infinite" when
 *   |U·V|_k > eps and > toler.inf·|β_k|. We emit INFINITE_COEFFICIENT with the term name.
 *
 * @param input `time` (≥ 0), `event` (0/1), `covariates`, optional `strata`; rows with NaN in any
 *   used variable are excluded (na.omit) and counted in `n.excluded`
 * @param options ties (default efron), coxph.control settings, confLevel (0.95)
 * @throws EngineInputError LENGTH_MISMATCH, NEGATIVE_TIME, INVALID_EVENT, NO_DATA, NO_COVARIATES,
 *   SINGLE_LEVEL_FACTOR, DUPLICATE_COVARIATE, INVALID_OPTION
 * @warns NOT_CONVERGED, INFINITE_COEFFICIENT, SINGULAR_COLUMN (aliased → NA), NO_EVENTS
 *
 * R: `coxph(Surv(time, event) ~ a + b, data, ties = "efron")` and `summary()` of it
 */
export function coxProportionalHazards(input: CoxInput, options: CoxOptions = {}): CoxResult {
  const nAll = input.time.length
  if (input.covariates.length === 0) throw new EngineInputError('NO_COVARIATES', 'A Cox model needs at least one covariate.')
  // model.matrix() without an intercept; missing values stay NaN and leave their rows out below.
  const design = buildModelMatrix(input.covariates, { intercept: false, rows: nAll, missing: 'allow' })
  const p = design.names.length
  const opts = resolveOptions(options, p)
  const warnings: EngineWarning[] = []

  const scodes = input.strata ? checkGroupCodes(input.strata, nAll, 'stratum') : null
  const extra: { name: string; values: ArrayLike<number> }[] = design.terms.map((t) => ({ name: t.name, values: t.values }))
  if (scodes) extra.push({ name: 'stratum', values: codesAsValues(scodes) })
  const { keep, used, excluded } = completeSurvivalRows(input, extra)
  const { rank } = rankTimes(input.time, keep, used, opts.timefix)
  const nStrata = input.strata ? input.strata.levels.length : 1
  const order = orderByKeys(rank, rank.length === 0 ? 0 : maxOf(rank) + 1, scodes ? { key: scodes, nKeys: nStrata } : undefined)
  const n = order.length

  // Sorted, row-major design; status; tie ids; last-of-stratum marks.
  const x = new Float64Array(n * p)
  const status = new Uint8Array(n)
  const tie = new Int32Array(n)
  const stratEnd = new Uint8Array(n)
  // coxph.fit / coxfit6.c: columns with all values in {−1, 0, 1} (nocenter) are neither centred
  // nor scaled; the others are centred at their mean and scaled by n / Σ|x − mean|.
  const { means, scale, nocenter } = centerAndScale(design, keep, used)
  fillRows(design, order, x, means, scale)
  const events = sortedSurvival(order, input.event, rank, scodes, status, tie, stratEnd)
  opts.nocenter = nocenter

  const fit = coxfit6(x, status, tie, stratEnd, n, p, opts, scale, options.progress)
  // survival's coxph with no events: every coefficient NA, no iterations, tests of 0 on 0 df (p = 1).
  const noEvents = events === 0
  if (noEvents) {
    warnings.push(engineWarning('NO_EVENTS', 'There are no events (every patient is censored), so the Cox model has nothing to estimate: the coefficients are NA and each test is 0 on 0 df, as in R.'))
    fit.beta.fill(0)
    fit.imat.fill(0)
  }

  // coxph.fit post-processing
  const coef = fit.beta
  const varm = fit.imat
  let offsetMeans = 0
  for (let j = 0; j < p; j++) offsetMeans += coef[j]! * means[j]!
  // X β − Σ β·mean, as coxph's linear.predictors; NaN for the rows left out.
  const linearPredictors = linearPredictor(design, coef)
  for (let i = 0; i < nAll; i++) linearPredictors[i] = keep[i] ? linearPredictors[i]! - offsetMeans : NaN
  const whichSing = new Uint8Array(p)
  if (fit.flag < p) for (let j = 0; j < p; j++) if (varm[j * p + j] === 0) whichSing[j] = 1
  if (opts.iterMax > 1 && !noEvents) {
    if (fit.flag === 1000) {
      warnings.push(engineWarning('NOT_CONVERGED', `Ran out of iterations and did not converge (${opts.iterMax} Newton–Raphson iterations); the estimates and their standard errors are not reliable.`))
      let maxLp = -Infinity
      for (let i = 0; i < nAll; i++) if (linearPredictors[i]! > maxLp) maxLp = linearPredictors[i]!
      const infs = uTimesVar(fit.u, varm, p)
      if (maxLp > 500 || infs.some((v) => !Number.isFinite(v))) {
        warnings.push(engineWarning('INFINITE_COEFFICIENT', 'One or more coefficients may be infinite.'))
      }
    } else {
      const infs = uTimesVar(fit.u, varm, p)
      const flagged: number[] = []
      for (let j = 0; j < p; j++) {
        if (!Number.isFinite(fit.u[j]!) || (infs[j]! > opts.eps && infs[j]! > opts.tolerInf * Math.abs(coef[j]!))) flagged.push(j)
      }
      for (const j of flagged) {
        warnings.push(
          engineWarning(
            'INFINITE_COEFFICIENT',
            `Loglik converged before variable ${j + 1} (${design.names[j]}); coefficient may be infinite. This usually means the covariate separates patients with and without events (monotone likelihood).`,
            { term: design.names[j]!, details: { variable: j + 1 } },
          ),
        )
      }
    }
  }
  const isNA = (j: number): boolean => opts.iterMax > 0 && whichSing[j] === 1
  const aliasedIndex = design.names.map((_, j) => j).filter(isNA).map((j) => j + 1)
  const aliased = aliasedIndex.map((k) => design.names[k - 1]!)
  if (aliased.length > 0) {
    warnings.push(
      engineWarning(
        'SINGULAR_COLUMN',
        `X matrix deemed to be singular; variable ${aliasedIndex.join(' ')} (${aliased.join(', ')}): the coefficient is not estimable (NA in R), usually because the covariate is constant or duplicates others.`,
        { details: { terms: aliased } },
      ),
    )
  }

  const z = qnorm(1 - (1 - opts.confLevel) / 2)
  const terms: CoxTermEstimate[] = design.names.map((term, j) => {
    if (noEvents) {
      return { term, coefficient: null, standardError: 0, hazardRatio: { estimate: null, lower: null, upper: null, level: opts.confLevel }, z: null, p: null }
    }
    if (isNA(j)) {
      return { term, coefficient: null, standardError: null, hazardRatio: { estimate: null, lower: null, upper: null, level: opts.confLevel }, z: null, p: null }
    }
    const b = coef[j]!
    const se = Math.sqrt(varm[j * p + j]!)
    const zz = b / se
    return {
      term,
      coefficient: b,
      standardError: se,
      hazardRatio: { estimate: Math.exp(b), lower: Math.exp(b - z * se), upper: Math.exp(b + z * se), level: opts.confLevel },
      z: zz,
      p: pnormTwoSided(zz),
    }
  })

  const df = noEvents ? 0 : p - aliased.length
  const lrtStat = -2 * (fit.loglik[0] - fit.loglik[1])
  const wald = noEvents ? { chisq: 0, df: 0, p: 1 } : waldTest(coef, varm, p, (j) => !isNA(j), opts, warnings)

  // concordance of the linear predictor (input row order) with survival, as coxph stores it
  options.progress?.(opts.iterMax, opts.iterMax, 'Cox model (concordance)')
  const rankKept = rank.slice()
  for (let i = 0; i < nAll; i++) if (!keep[i]) rankKept[i] = -1
  const concordance = survivalConcordance(rankKept, input.event, linearPredictors, scodes)

  const variance: number[][] = []
  for (let a = 0; a < p; a++) variance.push(Array.from(varm.subarray(a * p, a * p + p)))
  const formula = input.covariates.map((c) => c.name).join(' + ') + (input.strata ? ' + strata(stratum)' : '')
  return {
    method: 'cox-ph',
    rCall: `coxph(Surv(time, event) ~ ${formula}, ties = "${opts.ties}")`,
    options: opts,
    n: { used, excluded },
    events,
    terms,
    design: design.terms.map(({ name, type, columns, levels }) => ({ name, type, columns, levels })),
    variance,
    logLikelihood: [fit.loglik[0], fit.loglik[1]],
    likelihoodRatioTest: noEvents ? { chisq: 0, df: 0, p: 1 } : { chisq: lrtStat, df, p: pchisqUpper(lrtStat, df) },
    waldTest: wald,
    scoreTest: noEvents ? { chisq: 0, df: 0, p: 1 } : { chisq: fit.sctest, df, p: pchisqUpper(fit.sctest, df) },
    concordance,
    iterations: noEvents ? 0 : fit.iter,
    converged: noEvents || fit.flag !== 1000,
    means: Array.from(means),
    linearPredictors,
    warnings,
    engineVersion: ENGINE_VERSION,
  }
}

function maxOf(a: Int32Array): number {
  let m = -1
  for (let i = 0; i < a.length; i++) if (a[i]! > m) m = a[i]!
  return m
}

function resolveOptions(o: CoxOptions, p: number): ResolvedCoxOptions {
  const ties = o.ties ?? 'efron'
  if (ties !== 'efron' && ties !== 'breslow') throw new EngineInputError('INVALID_OPTION', `Ties must be handled by "efron" or "breslow", not "${String(ties)}".`)
  const eps = o.eps ?? 1e-9
  const tolerChol = o.tolerChol ?? DEFAULT_CHOLESKY_TOLERANCE
  const iterMax = o.iterMax ?? 20
  const tolerInf = o.tolerInf ?? Math.sqrt(eps)
  const confLevel = o.confLevel ?? 0.95
  if (!(eps > 0)) throw new EngineInputError('INVALID_OPTION', `The convergence criterion eps must be positive (got ${eps}).`)
  if (!(tolerChol > 0)) throw new EngineInputError('INVALID_OPTION', `toler.chol must be positive (got ${tolerChol}).`)
  if (!(Number.isInteger(iterMax) && iterMax >= 0)) throw new EngineInputError('INVALID_OPTION', `The iteration limit must be a whole number ≥ 0 (got ${iterMax}).`)
  if (!(tolerInf > 0)) throw new EngineInputError('INVALID_OPTION', `toler.inf must be positive (got ${tolerInf}).`)
  if (!(confLevel > 0 && confLevel < 1)) throw new EngineInputError('INVALID_OPTION', `The confidence level must be between 0 and 1 (got ${confLevel}).`)
  const init = o.init ? [...o.init] : new Array<number>(p).fill(0)
  if (init.length !== p || init.some((v) => !Number.isFinite(v))) {
    throw new EngineInputError('INVALID_OPTION', `Initial values must be ${p} finite numbers, one per design column (got ${init.length}).`)
  }
  return { ties, eps, tolerChol, iterMax, tolerInf, confLevel, timefix: o.timefix ?? true, init, nocenter: [] }
}

/** abs(u %*% var), coxph.fit's check for infinite coefficients. */
function uTimesVar(u: Float64Array, v: Float64Array, p: number): number[] {
  const out: number[] = []
  for (let j = 0; j < p; j++) {
    let s = 0
    for (let i = 0; i < p; i++) s += u[i]! * v[i * p + j]!
    out.push(Math.abs(s))
  }
  return out
}

/** coxph.wtest: b' V⁻ b over the estimable coefficients, via cholesky2/chsolve2. */
function waldTest(coef: Float64Array, v: Float64Array, p: number, ok: (j: number) => boolean, opts: ResolvedCoxOptions, warnings: EngineWarning[]): ChiSquareTest {
  const idx: number[] = []
  for (let j = 0; j < p; j++) if (ok(j)) idx.push(j)
  const m = idx.length
  const df = m
  if (m === 0) return { chisq: NaN, df: 0, p: NaN }
  const vv = new Float64Array(m * m)
  const b = new Float64Array(m)
  let finite = true
  for (let a = 0; a < m; a++) {
    b[a] = coef[idx[a]!]!
    if (!Number.isFinite(b[a]!)) finite = false
    for (let c = 0; c < m; c++) {
      vv[a * m + c] = v[idx[a]! * p + idx[c]!]!
      if (!Number.isFinite(vv[a * m + c]!)) finite = false
    }
  }
  if (!finite) {
    warnings.push(engineWarning('WALD_TEST_UNAVAILABLE', 'The Wald test cannot be computed because a coefficient or its variance is infinite (R stops with "infinite argument in coxph.wtest").'))
    return { chisq: NaN, df, p: NaN }
  }
  let chisq: number
  if (m === 1) chisq = (b[0]! * b[0]!) / vv[0]!
  else {
    const sol = Float64Array.from(b)
    cholesky2(vv, m, opts.tolerChol)
    chsolve2(vv, m, sol)
    chisq = 0
    for (let a = 0; a < m; a++) chisq += b[a]! * sol[a]!
  }
  return { chisq, df, p: pchisqUpper(chisq, df) }
}

interface CoxFit {
  beta: Float64Array
  u: Float64Array
  /** Inverse information (variance), full symmetric, on the original covariate scale. */
  imat: Float64Array
  loglik: [number, number]
  sctest: number
  iter: number
  /** Rank from the last Cholesky, −2 after step halving at convergence, 1000 if not converged. */
  flag: number
}

/**
 * coxfit6.c (survival 3.5-3, step-halving version) on sorted, centred and scaled data.
 * `tie[r]` identifies the (merged) time of sorted row r, `stratEnd[r]` marks the last row of a stratum.
 */
function coxfit6(x: Float64Array, status: Uint8Array, tie: Int32Array, stratEnd: Uint8Array, n: number, p: number, opts: ResolvedCoxOptions, scale: Float64Array, progress?: ProgressReporter): CoxFit {
  const efron = opts.ties === 'efron'
  const u = new Float64Array(p)
  const imat = new Float64Array(p * p)
  const a = new Float64Array(p)
  const a2 = new Float64Array(p)
  const cmat = new Float64Array(p * p)
  const cmat2 = new Float64Array(p * p)

  const work: CoxWork = { x, status, tie, stratEnd, n, p, efron, u, imat, a, a2, cmat, cmat2, xrow: new Float64Array(p) }
  const iterate = (beta: Float64Array): number => coxIterate(work, beta)

  const rescale = (beta: Float64Array): void => {
    // return to the original scale and make the inverse symmetric
    for (let i = 0; i < p; i++) {
      beta[i] = beta[i]! * scale[i]!
      u[i] = u[i]! / scale[i]!
      imat[i * p + i] = imat[i * p + i]! * scale[i]! * scale[i]!
      for (let j = 0; j < i; j++) {
        imat[j * p + i] = imat[j * p + i]! * scale[i]! * scale[j]!
        imat[i * p + j] = imat[j * p + i]!
      }
    }
  }

  const beta = Float64Array.from(opts.init, (b, i) => b / scale[i]!)
  const newbeta = new Float64Array(p)
  const loglik: [number, number] = [0, 0]
  let iter = 0
  loglik[0] = iterate(beta)
  loglik[1] = loglik[0]
  const step0 = Float64Array.from(u)
  let flag = cholesky2(imat, p, opts.tolerChol)
  chsolve2(imat, p, step0)
  let sctest = 0
  for (let i = 0; i < p; i++) sctest += u[i]! * step0[i]!
  // Never complain about convergence on the first step (coxfit6.c).
  if (opts.iterMax === 0 || !Number.isFinite(loglik[0])) {
    chinv2(imat, p)
    rescale(beta)
    return { beta, u, imat, loglik, sctest, iter, flag }
  }
  for (let i = 0; i < p; i++) newbeta[i] = beta[i]! + step0[i]!
  let halving = 0
  for (iter = 1; iter <= opts.iterMax; iter++) {
    progress?.(iter - 1, opts.iterMax, 'Cox model (Newton–Raphson iteration)')
    const newlk = iterate(newbeta)
    flag = cholesky2(imat, p, opts.tolerChol)
    let notfinite = 0
    for (let i = 0; i < p; i++) {
      if (!Number.isFinite(u[i]!)) notfinite = 2
      for (let j = 0; j < p; j++) if (!Number.isFinite(imat[i * p + j]!)) notfinite = 3
    }
    if (!Number.isFinite(newlk)) notfinite = 4
    if (notfinite === 0 && Math.abs(1 - loglik[1] / newlk) <= opts.eps) {
      loglik[1] = newlk
      chinv2(imat, p)
      beta.set(newbeta)
      rescale(beta)
      if (halving) flag = -2
      return { beta, u, imat, loglik, sctest, iter, flag }
    }
    if (notfinite > 0 || newlk < loglik[1]) {
      // not improving: step halving, more aggressive each time
      halving++
      for (let i = 0; i < p; i++) newbeta[i] = (newbeta[i]! + halving * beta[i]!) / (halving + 1)
    } else {
      halving = 0
      loglik[1] = newlk
      chsolve2(imat, p, u)
      for (let i = 0; i < p; i++) {
        beta[i] = newbeta[i]!
        newbeta[i] = newbeta[i]! + u[i]!
      }
    }
  }
  // Ran out of iterations: recompute u and imat at the last good beta. As in survival 3.5-3,
  // chinv2 then inverts that information matrix without decomposing it first, which leaves the
  // reciprocal of its diagonal (zero covariances); R reports these numbers, so we do too.
  if (opts.iterMax > 1) loglik[1] = iterate(beta)
  chinv2(imat, p)
  rescale(beta)
  return { beta, u, imat, loglik, sctest, iter, flag: 1000 }
}

/** Arrays shared by the Newton–Raphson iterations (coxfit6.c's static work arrays). */
interface CoxWork {
  x: Float64Array
  status: Uint8Array
  tie: Int32Array
  stratEnd: Uint8Array
  n: number
  p: number
  efron: boolean
  u: Float64Array
  imat: Float64Array
  a: Float64Array
  a2: Float64Array
  cmat: Float64Array
  cmat2: Float64Array
  xrow: Float64Array
}

/**
 * coxfit6_iter: the log partial likelihood at beta; fills the score `u` and the upper triangle of
 * the information matrix `imat`. Walks the rows from the largest time down, accumulating the
 * risk-set sums (denom, a = Σ r·x, cmat = Σ r·x·x') and, at each event time, the Breslow or
 * Efron terms. cmat/cmat2 hold lower triangles packed row by row (i, j ≤ i).
 */
function coxIterate(w: CoxWork, beta: Float64Array): number {
  const { x, status, tie, stratEnd, n, p, efron, u, imat, a, a2, cmat, cmat2, xrow } = w
  u.fill(0)
  imat.fill(0)
  a2.fill(0)
  cmat2.fill(0)
  let loglik = 0
  let denom = 0
  let person = n - 1
  while (person >= 0) {
    if (stratEnd[person] === 1) {
      denom = 0
      a.fill(0)
      cmat.fill(0)
    }
    const dtime = tie[person]!
    let ndead = 0
    let deadwt = 0
    let denom2 = 0
    while (person >= 0 && tie[person] === dtime) {
      const off = person * p
      let zbeta = 0
      for (let i = 0; i < p; i++) {
        const v = x[off + i]!
        xrow[i] = v
        zbeta += beta[i]! * v
      }
      const risk = Math.exp(zbeta)
      // A zero covariate adds exactly zero to a row of cmat, so its row is skipped (most rows of
      // factor dummies are 0). Not when risk overflowed: there C gets 0·∞ = NaN, and so must we.
      const sparse = risk < Infinity
      if (status[person] === 0) {
        denom += risk
        for (let i = 0; i < p; i++) {
          const xi = xrow[i]!
          if (xi === 0 && sparse) continue
          const rx = risk * xi
          a[i] = a[i]! + rx
          const row = (i * (i + 1)) >> 1
          for (let j = 0; j <= i; j++) cmat[row + j] = cmat[row + j]! + rx * xrow[j]!
        }
      } else {
        ndead++
        deadwt += 1
        denom2 += risk
        loglik += zbeta
        for (let i = 0; i < p; i++) {
          const xi = xrow[i]!
          if (xi === 0 && sparse) continue
          u[i] = u[i]! + xi
          const rx = risk * xi
          a2[i] = a2[i]! + rx
          const row = (i * (i + 1)) >> 1
          for (let j = 0; j <= i; j++) cmat2[row + j] = cmat2[row + j]! + rx * xrow[j]!
        }
      }
      person--
      if (person >= 0 && stratEnd[person] === 1) break // ties do not cross strata
    }
    if (ndead > 0) {
      if (!efron || ndead === 1) {
        // Breslow
        denom += denom2
        loglik -= deadwt * Math.log(denom)
        let idx = 0
        for (let i = 0; i < p; i++) {
          a[i] = a[i]! + a2[i]!
          const temp2 = a[i]! / denom
          u[i] = u[i]! - deadwt * temp2
          for (let j = 0; j <= i; j++) {
            cmat[idx] = cmat[idx]! + cmat2[idx]!
            imat[j * p + i] = imat[j * p + i]! + (deadwt * (cmat[idx]! - temp2 * a[j]!)) / denom
            idx++
          }
        }
      } else {
        // Efron: the k-th of d tied deaths (k = 1..d) sees the risk set with the deaths' sums scaled
        // by k/d: denom_k = D0 + (k/d)·D2, a_k = a0 + (k/d)·a2, cmat_k = c0 + (k/d)·c2. coxfit6.c
        // loops over k doing O(p²) work each time; the sums over k factor into five scalars, so we
        // do O(d) scalar work plus O(p²) once (equal up to rounding). denom_k is accumulated as in C.
        const wtave = deadwt / ndead
        const inc = denom2 / ndead
        let s1 = 0
        let sf1 = 0
        let s2 = 0
        let sf2 = 0
        let sff2 = 0
        for (let k = 0; k < ndead; k++) {
          denom += inc
          loglik -= wtave * Math.log(denom)
          const f = (k + 1) / ndead
          const r1 = 1 / denom
          const r2 = r1 * r1
          s1 += r1
          sf1 += f * r1
          s2 += r2
          sf2 += f * r2
          sff2 += f * f * r2
        }
        let idx = 0
        for (let i = 0; i < p; i++) {
          const ai = a[i]!
          const a2i = a2[i]!
          u[i] = u[i]! - wtave * (ai * s1 + a2i * sf1)
          for (let j = 0; j <= i; j++) {
            const aj = a[j]!
            const a2j = a2[j]!
            imat[j * p + i] = imat[j * p + i]! + wtave * (cmat[idx]! * s1 + cmat2[idx]! * sf1 - ai * aj * s2 - (ai * a2j + a2i * aj) * sf2 - a2i * a2j * sff2)
            idx++
          }
        }
        idx = 0
        for (let i = 0; i < p; i++) {
          a[i] = a[i]! + a2[i]!
          for (let j = 0; j <= i; j++) {
            cmat[idx] = cmat[idx]! + cmat2[idx]!
            idx++
          }
        }
      }
      a2.fill(0)
      cmat2.fill(0)
    }
  }
  return loglik
}

/** Status, time ids and last-of-stratum marks in sorted order; returns the number of events. */
function sortedSurvival(order: Int32Array, event: ArrayLike<number>, rank: Int32Array, scodes: Int32Array | null, status: Uint8Array, tie: Int32Array, stratEnd: Uint8Array): number {
  const n = order.length
  let events = 0
  for (let r = 0; r < n; r++) {
    const i = order[r]!
    status[r] = event[i]!
    events += status[r]!
    tie[r] = rank[i]!
    if (r === n - 1 || (scodes !== null && scodes[order[r + 1]!] !== scodes[i])) stratEnd[r] = 1
  }
  return events
}

/**
 * coxfit6.c's preparation: each column not confined to {−1, 0, 1} (coxph's `nocenter`) is centred
 * at its mean and scaled by n / Σ|x − mean| (1 for a constant column). Returns the centres
 * (0 for uncentred columns, as `fit$means`) and scales. Factor indicators are 0/1, so only numeric
 * terms can need centring; the sums run over the kept rows of each term's values.
 */
function centerAndScale(design: ModelMatrix, keep: Uint8Array, n: number): { means: Float64Array; scale: Float64Array; nocenter: number[] } {
  const p = design.names.length
  const means = new Float64Array(p)
  const scale = new Float64Array(p).fill(1)
  const zeroOne = new Uint8Array(p).fill(1)
  for (const t of design.terms) {
    if (t.type !== 'numeric') continue
    const j = t.columns[0]!
    const v = t.values
    let sum = 0
    for (let i = 0; i < v.length; i++) {
      if (!keep[i]) continue
      const x = v[i]!
      sum += x
      if (x !== 0 && x !== 1 && x !== -1) zeroOne[j] = 0
    }
    if (zeroOne[j]) continue
    const mean = sum / n
    let absdev = 0
    for (let i = 0; i < v.length; i++) if (keep[i]) absdev += Math.abs(v[i]! - mean)
    means[j] = mean
    scale[j] = absdev > 0 ? n / absdev : 1 // rare case of a constant covariate
  }
  const nocenter: number[] = []
  for (let j = 0; j < p; j++) if (zeroOne[j]) nocenter.push(j)
  return { means, scale, nocenter }
}
