// Distribution functions used by the engine, all from @stdlib (not hand-written).
// Upper tails are computed directly (never as 1 − cdf) so that tiny p-values keep their digits,
// as R's pchisq(lower.tail = FALSE) and pnorm(lower.tail = FALSE) do.
import normalCdf from '@stdlib/stats-base-dists-normal-cdf'
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile'
import tCdf from '@stdlib/stats-base-dists-t-cdf'
import tQuantile from '@stdlib/stats-base-dists-t-quantile'
import chisqQuantile from '@stdlib/stats-base-dists-chisquare-quantile'
import gammainc from '@stdlib/math-base-special-gammainc'

/** Standard normal P(Z ≤ z). R: pnorm(z) */
export function pnorm(z: number): number {
  return normalCdf(z, 0, 1)
}

/** Standard normal P(Z > z). R: pnorm(z, lower.tail = FALSE) */
export function pnormUpper(z: number): number {
  return normalCdf(-z, 0, 1)
}

/** Standard normal quantile. R: qnorm(p) */
export function qnorm(p: number): number {
  return normalQuantile(p, 0, 1)
}

/** Two-sided normal p-value 2·P(Z > |z|). */
export function pnormTwoSided(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1))
}

/** Student t P(T ≤ t). R: pt(t, df) */
export function pt(t: number, df: number): number {
  return tCdf(t, df)
}

/** Two-sided t p-value 2·P(T > |t|). R: 2 * pt(-abs(t), df) */
export function ptTwoSided(t: number, df: number): number {
  return Math.min(1, 2 * tCdf(-Math.abs(t), df))
}

/** Student t quantile. R: qt(p, df) */
export function qt(p: number, df: number): number {
  return tQuantile(p, df)
}

/** Chi-square upper tail P(X > x). R: pchisq(x, df, lower.tail = FALSE) */
export function pchisqUpper(x: number, df: number): number {
  if (!(x > 0)) return 1
  if (!Number.isFinite(x)) return 0
  return gammainc(x / 2, df / 2, true, true)
}

/** Chi-square quantile. R: qchisq(p, df) */
export function qchisq(p: number, df: number): number {
  return chisqQuantile(p, df)
}
