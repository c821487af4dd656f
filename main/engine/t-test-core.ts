// The arithmetic shared by R's t.test() variants (stats:::t.test.default, R 4.2): statistic,
// p-value by alternative, and the confidence interval tstat ± qt(1 − α/2, df) scaled by the SE.
import { EngineInputError } from './errors'
import { pt, qt } from './distributions/index'
import type { Alternative } from './two-group-test'

export interface TCore {
  statistic: number
  p: number
  lower: number
  upper: number
}

/**
 * p-value and CI for t = (estimate − mu) / stderr on df degrees of freedom, as t.test does.
 * R: `2 * pt(-abs(t), df)` (two-sided), `pt(t, df)` (less), `pt(t, df, lower.tail = FALSE)` (greater);
 * CI `mu + (t ± qt(1 − α/2, df)) · stderr`.
 */
export function tCore(estimate: number, stderr: number, df: number, alternative: Alternative, confLevel: number, mu = 0): TCore {
  const tstat = (estimate - mu) / stderr
  let p: number
  let lower: number
  let upper: number
  if (alternative === 'less') {
    p = pt(tstat, df)
    lower = -Infinity
    upper = tstat + qt(confLevel, df)
  } else if (alternative === 'greater') {
    p = pt(-tstat, df)
    lower = tstat - qt(confLevel, df)
    upper = Infinity
  } else {
    p = 2 * pt(-Math.abs(tstat), df)
    const alpha = 1 - confLevel
    const c = qt(1 - alpha / 2, df)
    lower = tstat - c
    upper = tstat + c
  }
  return { statistic: tstat, p, lower: mu + lower * stderr, upper: mu + upper * stderr }
}

/** Validates conf.level (0 < level < 1), as t.test does. @throws EngineInputError INVALID_OPTION */
export function checkConfLevel(confLevel: number): number {
  if (!(confLevel > 0 && confLevel < 1)) throw new EngineInputError('INVALID_OPTION', `confLevel must be between 0 and 1, got ${confLevel}.`)
  return confLevel
}

/**
 * R stops with "data are essentially constant" when stderr < 10·eps·max|mean|; so do we (and on a
 * zero SE, where R would return NaN). @throws EngineInputError CONSTANT_DATA
 */
export function checkNotConstant(stderr: number, ...means: number[]): void {
  const scale = Math.max(...means.map(Math.abs))
  if (stderr < 10 * 2.220446049250313e-16 * scale || stderr === 0) {
    throw new EngineInputError('CONSTANT_DATA', 'The values are (essentially) constant, so the t statistic is not defined; R stops with "data are essentially constant" too.')
  }
}
