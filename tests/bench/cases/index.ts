import type { BenchCase } from './types'

/** Every benchmarked operation. Each engine area adds its cases here. */
export const BENCH_CASES: readonly BenchCase<any, any>[] = []
