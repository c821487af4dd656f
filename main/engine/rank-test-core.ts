// What R's two Wilcoxon tests share (stats:::wilcox.test.default, R 4.2): options, the exact p-value
// from a discrete null distribution symmetric about its mean, the normal approximation with the
// continuity correction, the tie correction term Σ(t³ − t), and the R call's optional arguments.
// mann-whitney-u.ts (W) and wilcoxon-signed-rank.ts (V) are the public entry points.
import { pnorm, pnormUpper } from './distributions/index'
import type { Alternative } from './two-group-test'

export interface RankTestOptions {
  /** Default 'two.sided'. */
  alternative?: Alternative
  /** true / false force the exact or the normal p-value; null (default) lets R's rule decide. */
  exact?: boolean | null
  /** Continuity correction in the normal approximation. Default true. */
  correct?: boolean
  /** Also the Hodges–Lehmann estimate and its confidence interval (R's conf.int = TRUE). Default false. */
  confInt?: boolean
  /** Level of that interval. Default 0.95. */
  confLevel?: number
}

/**
 * Exact p-value of a rank statistic whose null distribution is symmetric about `center`, from its
 * lower-tail (`cdf(q, true)` = P(S ≤ q)) and upper-tail (`cdf(q, false)` = P(S > q)) probabilities.
 * R: two-sided `min(2 * (if (S > center) p(S - 1, lower = FALSE) else p(S)), 1)`, greater
 * `p(S - 1, lower = FALSE)`, less `p(S)`, with p = pwilcox or psignrank.
 */
export function exactRankP(stat: number, center: number, cdf: (q: number, lowerTail: boolean) => number, alternative: Alternative): number {
  if (alternative === 'two.sided') return Math.min(2 * (stat > center ? cdf(stat - 1, false) : cdf(stat, true)), 1)
  return alternative === 'greater' ? cdf(stat - 1, false) : cdf(stat, true)
}

/**
 * Normal-approximation p-value of z0 = S − E(S) with standard deviation sigma; with `correct`, R's
 * continuity correction 0.5·sign(z0) (two-sided), 0.5 (greater) or −0.5 (less) is subtracted first.
 */
export function normalRankP(z0: number, sigma: number, alternative: Alternative, correct: boolean): number {
  const correction = !correct ? 0 : alternative === 'two.sided' ? Math.sign(z0) * 0.5 : alternative === 'greater' ? 0.5 : -0.5
  const z = (z0 - correction) / sigma
  return alternative === 'less' ? pnorm(z) : alternative === 'greater' ? pnormUpper(z) : 2 * Math.min(pnorm(z), pnormUpper(z))
}

/** Σ(t³ − t) over the tie groups (R's `NTIES`), the tie correction of the normal variance. */
export function tieCorrection(tieSizes: readonly number[]): number {
  let s = 0
  for (const t of tieSizes) s += t * t * t - t
  return s
}

/** The optional arguments of the R call (`, alternative = "less", exact = TRUE, correct = FALSE`). */
export function rankTestArguments(alternative: Alternative, exact: boolean | null | undefined, correct: boolean, confInt = false, confLevel = 0.95): string {
  const args = [
    alternative !== 'two.sided' ? `alternative = "${alternative}"` : '',
    exact != null ? `exact = ${exact ? 'TRUE' : 'FALSE'}` : '',
    correct ? '' : 'correct = FALSE',
    confInt ? 'conf.int = TRUE' : '',
    confInt && confLevel !== 0.95 ? `conf.level = ${confLevel}` : '',
  ].filter(Boolean)
  return args.map((a) => ', ' + a).join('')
}
