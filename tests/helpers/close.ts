// Relative-tolerance comparison against R fixtures (agreement to 1e-6 relative or better).
import { expect } from 'vitest'

/**
 * Asserts |actual − expected| ≤ max(rel·|expected|, abs) elementwise, with NaN/±Infinity/null
 * required to match exactly (R's NA arrives from JSON as null; the engine reports it as null or NaN).
 *
 * `abs` is an absolute floor on the tolerance so that values R prints as 1e-17 (rounding noise around
 * zero) compare against an exact 0; it defaults to `rel` times 1e-10. With rel = 0 equality is exact.
 */
export function expectClose(
  actual: number | null | undefined | ArrayLike<number | null>,
  expected: number | null | undefined | ArrayLike<number | null>,
  rel = 1e-6,
  label = '',
  abs = rel * 1e-10,
): void {
  const isArr = (x: unknown): x is ArrayLike<number | null> => typeof x === 'object' && x !== null && 'length' in x
  if (isArr(expected) || isArr(actual)) {
    if (!isArr(expected) || !isArr(actual)) throw new Error(`${label}: one value is an array, the other is not`)
    expect(actual.length, `${label} length`).toBe(expected.length)
    for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], rel, `${label}[${i}]`, abs)
    return
  }
  const missing = (x: unknown) => x === null || x === undefined || (typeof x === 'number' && Number.isNaN(x))
  if (missing(expected) || missing(actual)) {
    expect(missing(actual), `${label}: expected ${String(expected)}, got ${String(actual)}`).toBe(missing(expected))
    return
  }
  const a = actual as number
  const e = expected as number
  if (!Number.isFinite(e) || !Number.isFinite(a)) {
    expect(a, label).toBe(e)
    return
  }
  const tol = Math.max(rel * Math.abs(e), abs)
  if (!(Math.abs(a - e) <= tol)) {
    throw new Error(`${label ? label + ': ' : ''}expected ${e} (±${tol.toExponential(2)} rel ${rel}), got ${a} (rel diff ${(Math.abs(a - e) / Math.max(Math.abs(e), 1e-300)).toExponential(2)})`)
  }
}
