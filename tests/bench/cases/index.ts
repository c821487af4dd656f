import type { BenchCase } from './types'
import { SURVIVAL_BENCH_CASES } from './survival'
import { MATCHING_BENCH_CASES } from './matching'
import { STUDY_BENCH_CASES } from './study'

/** Every benchmarked operation. Each engine area adds its cases here. */
export const BENCH_CASES: readonly BenchCase<unknown, unknown>[] = [...SURVIVAL_BENCH_CASES, ...MATCHING_BENCH_CASES, ...STUDY_BENCH_CASES]
