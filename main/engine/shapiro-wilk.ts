// Shapiro–Wilk test of normality, as R's shapiro.test(): Royston's algorithm AS R94 (Applied
// Statistics 44(4), 1995), ported line by line from R's src/library/stats/src/swilk.c — the
// coefficients by Royston's polynomial approximation, W as the squared correlation of the ordered
// data with them (computed as 1 − W to keep precision near 1), and the p-value from Royston's
// normalizing transformation (n 4–11: log(γ − log(1 − W)); n ≥ 12: log(1 − W)); n = 3 exact.
import { EngineInputError, type EngineWarning } from './errors'
import { pnormUpper, qnorm } from './distributions/index'
import { ENGINE_VERSION } from './version'

export interface ShapiroWilkResult {
  method: 'shapiro-wilk'
  /** R's htest$method. */
  test: 'Shapiro-Wilk normality test'
  /** Values used (missing values are left out, as shapiro.test's complete.cases). */
  n: number
  /** W statistic. */
  statistic: number
  statisticName: 'W'
  p: number
  warnings: EngineWarning[]
  engineVersion: string
  rCall: string
}

/** Royston's polynomial: cc[0] + cc[1]·x + … (swilk.c's poly()). */
function poly(cc: readonly number[], x: number): number {
  const nord = cc.length
  let ret = cc[0]!
  if (nord > 1) {
    let p = x * cc[nord - 1]!
    for (let j = nord - 2; j > 0; j--) p = (p + cc[j]!) * x
    ret += p
  }
  return ret
}

const G = [-2.273, 0.459]
const C1 = [0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056]
const C2 = [0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633]
const C3 = [0.544, -0.39978, 0.025054, -6.714e-4]
const C4 = [1.3822, -0.77857, 0.062767, -0.0020322]
const C5 = [-1.5861, -0.31082, -0.083751, 0.0038915]
const C6 = [-0.4803, -0.082676, 0.0030302]

const sign = (v: number): number => (v > 0 ? 1 : v < 0 ? -1 : 0)

/**
 * Shapiro–Wilk W and its p-value for a sample (small p: evidence against normality).
 *
 * @param values the sample; NaN (missing) values are left out
 * @throws EngineInputError TOO_FEW_VALUES (fewer than 3), TOO_MANY_VALUES (more than 5000: R's
 *   shapiro.test refuses them, AS R94's approximation is validated up to 5000), CONSTANT_VALUES
 *   (range below 1e-10, R: "all 'x' values are identical")
 *
 * R: `shapiro.test(x)`
 */
export function shapiroWilk(values: ArrayLike<number>): ShapiroWilkResult {
  const kept: number[] = []
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    if (Number.isNaN(v)) continue
    if (!Number.isFinite(v)) throw new EngineInputError('NON_FINITE_VALUE', `The values for the normality test include an infinite value (position ${i + 1}).`)
    kept.push(v)
  }
  const x = Float64Array.from(kept).sort()
  const n = x.length
  if (n < 3) throw new EngineInputError('TOO_FEW_VALUES', `The Shapiro–Wilk test needs at least 3 values; there are ${n}.`)
  if (n > 5000) throw new EngineInputError('TOO_MANY_VALUES', `The Shapiro–Wilk test takes at most 5000 values (as R's shapiro.test); there are ${n}.`)
  const range = x[n - 1]! - x[0]!
  if (range < 1e-10) throw new EngineInputError('CONSTANT_VALUES', 'All values are identical: normality cannot be tested.')

  const nn2 = Math.floor(n / 2)
  const a = new Float64Array(nn2 + 1) // 1-based, as swilk.c
  const an = n
  if (n === 3) {
    a[1] = Math.SQRT1_2
  } else {
    const an25 = an + 0.25
    let summ2 = 0
    for (let i = 1; i <= nn2; i++) {
      a[i] = qnorm((i - 0.375) / an25)
      summ2 += a[i]! * a[i]!
    }
    summ2 *= 2
    const ssumm2 = Math.sqrt(summ2)
    const rsn = 1 / Math.sqrt(an)
    const a1 = poly(C1, rsn) - a[1]! / ssumm2
    let i1: number
    let fac: number
    if (n > 5) {
      i1 = 3
      const a2 = -a[2]! / ssumm2 + poly(C2, rsn)
      fac = Math.sqrt((summ2 - 2 * (a[1]! * a[1]!) - 2 * (a[2]! * a[2]!)) / (1 - 2 * (a1 * a1) - 2 * (a2 * a2)))
      a[2] = a2
    } else {
      i1 = 2
      fac = Math.sqrt((summ2 - 2 * (a[1]! * a[1]!)) / (1 - 2 * (a1 * a1)))
    }
    a[1] = a1
    for (let i = i1; i <= nn2; i++) a[i] = a[i]! / -fac
  }

  // sa: mean of the antisymmetric coefficient vector (0 up to rounding), as swilk.c sums it.
  let sx = x[0]! / range
  let sa = -a[1]!
  for (let i = 1, j = n - 1; i < n; j--) {
    const xi = x[i]! / range
    sx += xi
    i++
    if (i !== j) sa += sign(i - j) * a[Math.min(i, j)]!
  }
  sa /= n
  sx /= n
  let ssa = 0
  let ssx = 0
  let sax = 0
  for (let i = 0, j = n - 1; i < n; i++, j--) {
    const asa = i !== j ? sign(i - j) * a[1 + Math.min(i, j)]! - sa : -sa
    const xsx = x[i]! / range - sx
    ssa += asa * asa
    ssx += xsx * xsx
    sax += asa * xsx
  }
  // 1 − W computed directly, to avoid rounding error for W near 1.
  const ssassx = Math.sqrt(ssa * ssx)
  const w1 = ((ssassx - sax) * (ssassx + sax)) / (ssa * ssx)
  const w = 1 - w1

  let pw: number
  if (n === 3) {
    const pi6 = 1.90985931710274 // 6/π
    const stqr = 1.0471975511966 // asin(sqrt(3/4)) = π/3
    pw = Math.max(0, pi6 * (Math.asin(Math.sqrt(w)) - stqr))
  } else {
    let y = Math.log(w1)
    const lxx = Math.log(an)
    let m: number
    let s: number
    if (n <= 11) {
      const gamma = poly(G, an)
      if (y >= gamma) {
        pw = 1e-99 // swilk.c: an "obvious" value
      } else {
        y = -Math.log(gamma - y)
        m = poly(C3, an)
        s = Math.exp(poly(C4, an))
        pw = pnormUpper((y - m) / s)
      }
    } else {
      m = poly(C5, lxx)
      s = Math.exp(poly(C6, lxx))
      pw = pnormUpper((y - m) / s)
    }
  }
  return {
    method: 'shapiro-wilk',
    test: 'Shapiro-Wilk normality test',
    n,
    statistic: w,
    statisticName: 'W',
    p: pw,
    warnings: [],
    engineVersion: ENGINE_VERSION,
    rCall: 'shapiro.test(x)',
  }
}
