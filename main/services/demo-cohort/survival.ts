// Event times for the demo cohort, drawn by inverting a target survival curve.
//
// The target S(t) is piecewise log-linear (piecewise-constant hazard) through knots taken from
// the paper: S = 1 for the first 6 weeks (no perioperative death, no relapse before SRS), then
// the 12-, 24- and 60-month rates, 0.5 at the reported median, and a tail to 88 months.
// A time is S⁻¹(u) for a uniform u; drawing the u of an arm stratified ((k + U)/n, k a random
// permutation) makes the empirical curve follow the target closely even for 64 patients.
import type { SurvivalTarget } from './targets'

export interface Knot {
  months: number
  survival: number
}

/** Knots of the target curve: 1 until 1.5 months, the paper's rates and median, tail to 88 months. */
export function targetKnots(t: SurvivalTarget, tailAt88: number): Knot[] {
  const knots: Knot[] = [
    { months: 0, survival: 1 },
    { months: 1.5, survival: 1 },
    { months: 12, survival: t.at12 },
    { months: 24, survival: t.at24 },
    { months: t.medianMonths, survival: 0.5 },
    { months: 60, survival: t.at60 },
    { months: 88, survival: tailAt88 },
  ]
  knots.sort((a, b) => a.months - b.months)
  for (let i = 1; i < knots.length; i++) {
    if (!(knots[i]!.survival <= knots[i - 1]!.survival)) throw new Error('targetKnots: the target curve must not increase')
  }
  return knots
}

/** S⁻¹(u) in months, or Infinity when u is below the curve's last knot (no event by 88 months). */
export function invertSurvival(knots: readonly Knot[], u: number): number {
  for (let i = 1; i < knots.length; i++) {
    const a = knots[i - 1]!
    const b = knots[i]!
    if (u >= b.survival && u < a.survival) {
      // log-linear between a and b: ln S(t) = ln Sa + (t − ta)/(tb − ta) · (ln Sb − ln Sa)
      const f = (Math.log(u) - Math.log(a.survival)) / (Math.log(b.survival) - Math.log(a.survival))
      return a.months + f * (b.months - a.months)
    }
  }
  return u >= knots[0]!.survival ? 0 : Infinity
}

/**
 * Product-limit survival at the given times (events at exactly t count, as in survfit).
 * Used only to calibrate the demo's draws; the application's estimator lives in main/engine.
 */
export function productLimitAt(times: readonly number[], events: readonly (0 | 1)[], at: readonly number[]): number[] {
  const order = times.map((_, i) => i).sort((a, b) => times[a]! - times[b]! || events[b]! - events[a]!)
  const out: number[] = []
  let s = 1
  let atRisk = times.length
  let k = 0
  for (const t of at) {
    while (k < order.length && times[order[k]!]! <= t) {
      const time = times[order[k]!]!
      let d = 0
      let n = 0
      while (k < order.length && times[order[k]!]! === time) {
        d += events[order[k]!]!
        n++
        k++
      }
      if (d > 0) s *= 1 - d / atRisk
      atRisk -= n
    }
    out.push(s)
  }
  return out
}
