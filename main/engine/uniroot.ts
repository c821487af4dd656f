// R's uniroot() without interval extension: Brent's zero finder as R_zeroin2 (src/library/stats/
// src/zeroin.c, after Forsythe, Malcolm & Moler, "Computer methods for mathematical computations",
// 1977): bisection combined with linear or inverse quadratic interpolation on the bracketing
// points a, b, c. The same arithmetic step by step, so a step function (the Wilcoxon statistic
// as a function of the shift) lands on the very root R reports at the same tolerance.
import { EngineInputError } from './errors'

const DBL_EPSILON = 2.220446049250313e-16

export interface UnirootOptions {
  /** f(lower) and f(upper), if already known (R's f.lower, f.upper). */
  fLower?: number
  fUpper?: number
  /** R's tol; default .Machine$double.eps^0.25. */
  tol?: number
  /** R's maxiter; default 1000. */
  maxiter?: number
}

/**
 * A root of f in [lower, upper], as `uniroot(f, lower = lower, upper = upper, tol = tol)$root`.
 * @throws EngineInputError ROOT_NOT_BRACKETED when f(lower) and f(upper) have the same sign
 */
export function uniroot(f: (x: number) => number, lower: number, upper: number, options: UnirootOptions = {}): number {
  const fLower = options.fLower ?? f(lower)
  const fUpper = options.fUpper ?? f(upper)
  if (!(lower < upper)) throw new EngineInputError('ROOT_NOT_BRACKETED', `lower < upper is not fulfilled (${lower}, ${upper}).`)
  if (Number.isNaN(fLower) || Number.isNaN(fUpper) || Math.sign(fLower) * Math.sign(fUpper) > 0) {
    throw new EngineInputError('ROOT_NOT_BRACKETED', 'f() values at end points not of opposite sign')
  }
  return zeroin2(f, lower, upper, fLower, fUpper, options.tol ?? Math.pow(DBL_EPSILON, 0.25), options.maxiter ?? 1000)
}

/** R's fcn2: −Inf becomes −DBL_MAX, NaN and +Inf become DBL_MAX (R warns), keeping the sign for the search. */
const finite = (v: number): number => (Number.isFinite(v) ? v : v === -Infinity ? -Number.MAX_VALUE : Number.MAX_VALUE)

/** R_zeroin2, line by line. */
function zeroin2(f: (x: number) => number, ax: number, bx: number, fax: number, fbx: number, tol: number, maxIter: number): number {
  let a = ax
  let b = bx
  let fa = fax
  let fb = fbx
  let c = a
  let fc = fa
  if (fa === 0) return a
  if (fb === 0) return b
  let maxit = maxIter + 1
  while (maxit--) {
    const prevStep = b - a
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b
      b = c
      c = a
      fa = fb
      fb = fc
      fc = fa
    }
    const tolAct = 2 * DBL_EPSILON * Math.abs(b) + tol / 2
    let newStep = (c - b) / 2
    if (Math.abs(newStep) <= tolAct || fb === 0) return b
    if (Math.abs(prevStep) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
      let p: number
      let q: number
      const cb = c - b
      if (a === c) {
        const t1 = fb / fa
        p = cb * t1
        q = 1.0 - t1
      } else {
        q = fa / fc
        const t1 = fb / fc
        const t2 = fb / fa
        p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0))
        q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0)
      }
      if (p > 0) q = -q
      else p = -p
      if (p < 0.75 * cb * q - Math.abs(tolAct * q) / 2 && p < Math.abs((prevStep * q) / 2)) newStep = p / q
    }
    if (Math.abs(newStep) < tolAct) newStep = newStep > 0 ? tolAct : -tolAct
    a = b
    fa = fb
    b += newStep
    fb = finite(f(b))
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a
      fc = fa
    }
  }
  return b
}
