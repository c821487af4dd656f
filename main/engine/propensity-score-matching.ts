// Propensity score matching end to end, as `MatchIt::matchit(treat ~ covariates, method = "nearest",
// distance = "glm")` followed by `summary()`: a logistic model for treatment, its fitted
// probabilities (link = "logit", MatchIt's default) or linear predictor (link = "linear.logit") as the
// distance, greedy nearest-neighbour matching on it, and the balance table.
import { balanceTable, type BalanceResult } from './balance'
import type { EngineWarning } from './errors'
import { EngineInputError } from './errors'
import { fitLogisticRegression, type LogisticRegressionOptions, type LogisticRegressionResult } from './logistic-regression'
import { buildModelMatrix, type CovariateColumn } from './model-matrix'
import { matchNearestNeighbor, type NearestNeighborMatchingOptions, type NearestNeighborMatchingResult } from './nearest-neighbor-matching'
import { ENGINE_VERSION } from './version'

export interface PropensityScoreMatchingOptions extends NearestNeighborMatchingOptions, LogisticRegressionOptions {
  /**
   * 'logit' (default): match on the fitted probability, MatchIt's `distance = "glm"`.
   * 'linear.logit': match on the logit of it (the linear predictor), `link = "linear.logit"` —
   * Austin's recommendation of a caliper of 0.2 SD of the logit uses this with stdCaliper = true.
   */
  link?: 'logit' | 'linear.logit'
  /** Compute the balance table (default true). */
  balance?: boolean
  /** Include the eCDF statistics in the balance table (default true). */
  ecdf?: boolean
}

export interface PropensityScoreMatchingInput {
  /** 1 = treated, 0 = control. */
  treat: ArrayLike<number>
  /** Covariates of the propensity model in formula order. */
  covariates: readonly CovariateColumn[]
}

export interface PropensityScoreMatchingResult {
  method: 'propensity-score-matching'
  options: NearestNeighborMatchingResult['options'] & { link: 'logit' | 'linear.logit'; epsilon: number; maxit: number; distance: 'glm' }
  n: number
  /** The propensity model (coefficients with SEs, fitted probabilities, linear predictor). */
  propensityModel: LogisticRegressionResult
  /** The distance matched on: fitted probabilities or the linear predictor. */
  distance: Float64Array
  matching: NearestNeighborMatchingResult
  balance: BalanceResult | null
  /** Warnings of the model, the matching and the balance together. */
  warnings: EngineWarning[]
  engineVersion: string
  rCall: string
}

const rName = (t: string): string => (/^[A-Za-z.][A-Za-z0-9._]*$/.test(t) ? t : `\`${t}\``)

/**
 * Fits the propensity model, matches, and tabulates balance, as MatchIt does.
 *
 * @param input treatment (0/1) and covariates (numeric or factor; factors get treatment contrasts
 *   in the model and every level in the balance table)
 * @param options link ('logit'), ratio (1), replace (false), caliper (none), stdCaliper (true),
 *   order ('largest'), seed, epsilon (1e-8), maxit (25), solver ('auto'), balance (true), ecdf (true)
 * @throws EngineInputError from the model, the matching (EMPTY_GROUP, NO_MATCHES, …) or the balance
 * Warnings: the model's (non-convergence, separation, aliased terms) and the matching's.
 *
 * R: `MatchIt::matchit(treat ~ age + race, data = d, method = "nearest", distance = "glm",
 *   link = "logit", ratio = 1, replace = FALSE, caliper = 0.2, std.caliper = TRUE,
 *   m.order = "largest")` then `summary(m)`.
 */
export function propensityScoreMatching(input: PropensityScoreMatchingInput, options: PropensityScoreMatchingOptions = {}): PropensityScoreMatchingResult {
  const link = options.link ?? 'logit'
  if (link !== 'logit' && link !== 'linear.logit') throw new EngineInputError('INVALID_OPTION', `link must be logit or linear.logit, got ${String(link)}.`)
  if (input.covariates.length === 0) throw new EngineInputError('NO_COVARIATES', 'The propensity model needs at least one covariate.')
  const n = input.treat.length
  let n1 = 0
  for (let i = 0; i < n; i++) {
    const t = input.treat[i]!
    if (t !== 0 && t !== 1) throw new EngineInputError('TREATMENT_NOT_BINARY', `The treatment must be 0 (control) or 1 (treated); row ${i + 1} has ${String(t)}.`)
    n1 += t
  }
  if (n1 === 0) throw new EngineInputError('EMPTY_GROUP', 'There are no treated patients (treatment = 1): matching needs both groups.')
  if (n1 === n) throw new EngineInputError('EMPTY_GROUP', 'There are no control patients (treatment = 0): matching needs both groups.')
  const design = buildModelMatrix(input.covariates)
  // The balance table reads the same coded terms (each factor is coded once, for both).
  const covariates = design.terms.map((t): CovariateColumn => (t.type === 'numeric' ? { name: t.name, type: 'numeric', values: t.values } : { name: t.name, type: 'factor', codes: t.values, levels: t.levels }))
  const model = fitLogisticRegression(design, input.treat, { epsilon: options.epsilon, maxit: options.maxit, solver: options.solver, progress: options.progress })
  const distance = link === 'logit' ? model.fitted : model.linearPredictor
  const matching = matchNearestNeighbor({ treat: input.treat, distance }, options)
  if (options.balance !== false) options.progress?.(0, 1, 'Balance table')
  const balance = options.balance === false ? null : balanceTable({ covariates, treat: input.treat, weights: matching.weights, distance }, { ecdf: options.ecdf ?? true })
  const formula = `treat ~ ${input.covariates.map((c) => rName(c.name)).join(' + ')}`
  const o = matching.options
  const args = [
    'method = "nearest"',
    'distance = "glm"',
    ...(link === 'linear.logit' ? ['link = "linear.logit"'] : []),
    `ratio = ${o.ratio}`,
    `replace = ${o.replace ? 'TRUE' : 'FALSE'}`,
    ...(o.caliper !== null ? [`caliper = ${o.caliper}`, `std.caliper = ${o.stdCaliper ? 'TRUE' : 'FALSE'}`] : []),
    `m.order = "${o.requestedOrder}"`,
  ]
  return {
    method: 'propensity-score-matching',
    options: { ...o, link, epsilon: model.options.epsilon, maxit: model.options.maxit, distance: 'glm' },
    n,
    propensityModel: model,
    distance,
    matching,
    balance,
    warnings: [...model.warnings, ...matching.warnings],
    engineVersion: ENGINE_VERSION,
    rCall: `${o.order === 'random' ? `set.seed(${o.seed}); ` : ''}m <- MatchIt::matchit(${formula}, data = d, ${args.join(', ')}); summary(m)`,
  }
}
