// The engine jobs the worker thread runs, by name: each takes plain, structured-clone-safe input
// (numbers, strings, arrays, typed arrays; no functions, no class instances) and returns the engine
// result, which is plain data too. main/services/engine-jobs.ts starts them by name; the worker
// (engine-worker.ts) looks them up here. Progress callbacks are added inside the worker, never sent.
import { balanceTable, type BalanceInput, type BalanceOptions } from '../engine/balance'
import { coxProportionalHazards, type CoxInput, type CoxOptions } from '../engine/cox-ph'
import { kaplanMeier, type KaplanMeierInput, type KaplanMeierOptions } from '../engine/kaplan-meier'
import { logRankTest, type LogRankInput, type LogRankOptions } from '../engine/log-rank'
import { fitLogisticRegression, type LogisticRegressionOptions } from '../engine/logistic-regression'
import { compareGroups, type CompareGroupsJob } from '../engine/compare-groups'
import { buildModelMatrix, type CovariateColumn } from '../engine/model-matrix'
import { matchNearestNeighbor, type NearestNeighborMatchingInput, type NearestNeighborMatchingOptions } from '../engine/nearest-neighbor-matching'
import type { ProgressReporter } from '../engine/progress'
import { propensityScoreMatching, type PropensityScoreMatchingInput, type PropensityScoreMatchingOptions } from '../engine/propensity-score-matching'
import { computeStudy, type StudyJobInput } from '../services/study/analysis'

/** Options as sent to a job: the engine's own, without the progress callback (the worker adds it). */
type Sent<O> = Omit<O, 'progress'>

/**
 * The job table. Each entry runs one engine method on `{ input, options }` as the engine function
 * takes them (glm: the covariates, from which the model matrix is built as R's model.matrix()).
 */
export const ENGINE_JOBS = {
  km: (job: { input: KaplanMeierInput; options?: KaplanMeierOptions }) => kaplanMeier(job.input, job.options),
  logrank: (job: { input: LogRankInput; options?: LogRankOptions }) => logRankTest(job.input, job.options),
  cox: (job: { input: CoxInput; options?: Sent<CoxOptions> }, progress: ProgressReporter) => coxProportionalHazards(job.input, { ...job.options, progress }),
  glm: (job: { input: { covariates: readonly CovariateColumn[]; y: ArrayLike<number>; intercept?: boolean }; options?: Sent<LogisticRegressionOptions> }, progress: ProgressReporter) =>
    fitLogisticRegression(buildModelMatrix(job.input.covariates, { intercept: job.input.intercept ?? true }), job.input.y, { ...job.options, progress }),
  nearestNeighborMatch: (job: { input: NearestNeighborMatchingInput; options?: Sent<NearestNeighborMatchingOptions> }, progress: ProgressReporter) =>
    matchNearestNeighbor(job.input, { ...job.options, progress }),
  psMatch: (job: { input: PropensityScoreMatchingInput; options?: Sent<PropensityScoreMatchingOptions> }, progress: ProgressReporter) =>
    propensityScoreMatching(job.input, { ...job.options, progress }),
  balance: (job: { input: BalanceInput; options?: BalanceOptions }) => balanceTable(job.input, job.options),
  twoGroupTest: (job: CompareGroupsJob) => compareGroups(job),
  /** The whole study analysis (pure; main/services/study/analysis.ts) on the analysis rows. */
  study: (job: StudyJobInput, progress: ProgressReporter) => computeStudy(job, progress),
} satisfies Record<string, (job: never, progress: ProgressReporter) => unknown>

export type EngineJobName = keyof typeof ENGINE_JOBS
/** What a job takes: `{ input, options }` (twoGroupTest: `{ test, input, options }`). */
export type EngineJobInput<N extends EngineJobName> = Parameters<(typeof ENGINE_JOBS)[N]>[0]
/** What a job gives back: the engine result. */
export type EngineJobOutput<N extends EngineJobName> = ReturnType<(typeof ENGINE_JOBS)[N]>

export function isEngineJobName(name: unknown): name is EngineJobName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(ENGINE_JOBS, name)
}

/** Runs job `name` in this thread (the worker calls this; tests compare it with the worker's answer). */
export function runEngineJob<N extends EngineJobName>(name: N, input: EngineJobInput<N>, progress: ProgressReporter = () => {}): EngineJobOutput<N> {
  const run = ENGINE_JOBS[name] as (job: EngineJobInput<N>, progress: ProgressReporter) => EngineJobOutput<N>
  return run(input, progress)
}
