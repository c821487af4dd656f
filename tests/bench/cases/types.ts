import type { SyntheticCohort } from '../synthetic-cohort'

/** One timed engine operation. `prepare` (untimed) turns the cohort into the engine's input. */
export interface BenchCase<P = unknown, R = unknown> {
  name: string
  /** Untimed; may be async (e.g. writing a registry file). */
  prepare?(cohort: SyntheticCohort): P | Promise<P>
  /** The timed operation; an async one is timed until its promise settles. */
  run(prepared: P): R | Promise<R>
  /**
   * Sizes this case runs at instead of `--sizes` (for operations whose input is a registry of a
   * given size rather than a synthetic cohort of any size).
   */
  fixedSizes?: readonly number[]
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
