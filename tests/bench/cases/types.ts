import type { SyntheticCohort } from '../synthetic-cohort'

/** One timed engine operation. `prepare` (untimed) turns the cohort into the engine's input. */
export interface BenchCase<P = unknown, R = unknown> {
  name: string
  prepare?(cohort: SyntheticCohort): P
  run(prepared: P): R
  /** One short line describing the result (e.g. pairs matched), printed beside the time. */
  summarize?(result: R): string
  /**
   * The same operation in R on the cohort's CSV (data.frame `d`, factors from text columns),
   * timed with system.time. SPINEMET_R_LIB may name a private library (MatchIt from source).
   */
  r?: { packages: readonly string[]; code: string }
  /** The same operation through the CLI process (`npm run bench -- --cli`), on the cohort's CSV (FILE). */
  cli?: readonly string[]
}
