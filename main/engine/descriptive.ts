// Descriptive statistics of one sample as the study tables print them: mean ± SD (R's mean(), sd()
// with n − 1) and median [Q1, Q3] with R's default quantile definition (type 7: linear
// interpolation between order statistics, h = (n − 1)p).
import { ENGINE_VERSION } from './version'

export interface DescriptiveStatistics {
  /** Values used (NaN = missing, left out). */
  n: number
  /** Values left out as missing. */
  missing: number
  /** null when n = 0. */
  mean: number | null
  /** null when n < 2. */
  sd: number | null
  median: number | null
  q1: number | null
  q3: number | null
  min: number | null
  max: number | null
  engineVersion: string
}

/** R's quantile(x, p, type = 7) of sorted values. */
export function quantileType7(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length
  const h = (n - 1) * p
  const lo = Math.floor(h)
  const hi = Math.min(lo + 1, n - 1)
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!)
}

/**
 * Mean, SD, median, quartiles and range of a sample; NaN values count as missing.
 *
 * R: `c(mean(x), sd(x), quantile(x, c(.25, .5, .75)), range(x))` after `x <- x[!is.na(x)]`
 */
export function describe(values: ArrayLike<number>): DescriptiveStatistics {
  const kept: number[] = []
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) kept.push(values[i]!)
  const n = kept.length
  const missing = values.length - n
  if (n === 0) return { n, missing, mean: null, sd: null, median: null, q1: null, q3: null, min: null, max: null, engineVersion: ENGINE_VERSION }
  const x = Float64Array.from(kept).sort()
  let sum = 0
  for (let i = 0; i < n; i++) sum += x[i]!
  const mean = sum / n
  let ss = 0
  for (let i = 0; i < n; i++) ss += (x[i]! - mean) * (x[i]! - mean)
  return {
    n,
    missing,
    mean,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : null,
    median: quantileType7(x, 0.5),
    q1: quantileType7(x, 0.25),
    q3: quantileType7(x, 0.75),
    min: x[0]!,
    max: x[n - 1]!,
    engineVersion: ENGINE_VERSION,
  }
}
