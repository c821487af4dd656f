// Cholesky kernel for symmetric non-negative definite matrices, as R's survival package does it
// (src/cholesky2.c, chsolve2.c, chinv2.c by T. Therneau): the FDF' form with unit lower-triangular
// F and diagonal D, which tolerates singular matrices by zeroing the pivot of a redundant column
// instead of failing. Cox regression (survival::coxph.fit) uses exactly these three routines, so
// a coefficient R reports as NA (aliased column) is one whose pivot we also set to zero here.
//
// Storage: a dense n×n Float64Array in row-major order, m[i*n + j] = row i, column j. This is the
// C code's matrix[i][j], so the kernels below read line by line like the originals.

/**
 * R's `.Machine$double.eps^0.75`, the default `toler.chol` of `survival::coxph.control()`.
 */
export const DEFAULT_CHOLESKY_TOLERANCE = Math.pow(2.220446049250313e-16, 0.75)

/**
 * In-place FDF' Cholesky decomposition (survival's `cholesky2`).
 *
 * On entry the upper triangle including the diagonal (m[i*n+j], j ≥ i) holds the symmetric matrix;
 * the lower triangle need not be filled. On exit the strict lower triangle holds F (unit diagonal
 * implied) and the diagonal holds D; the strict upper triangle is left as it was.
 *
 * A pivot that is not finite or is below `toler` × (largest diagonal element) marks its column as
 * redundant: its diagonal is set to 0 and the column takes no part in later solves (its solution
 * component is 0, its row and column of the inverse are 0).
 *
 * @param m row-major n×n matrix, overwritten
 * @param n dimension
 * @param toler relative singularity threshold; R's coxph uses `.Machine$double.eps^0.75`
 * @returns the rank, negated when the matrix was found not to be non-negative definite
 *   (a pivot below −8·eps·max diagonal)
 *
 * R: `survival:::cholesky2` (C), reached through `coxph(..., control = coxph.control(toler.chol =))`.
 */
export function cholesky2(m: Float64Array, n: number, toler: number = DEFAULT_CHOLESKY_TOLERANCE): number {
  let nonneg = 1
  let eps = 0
  for (let i = 0; i < n; i++) {
    if (m[i * n + i]! > eps) eps = m[i * n + i]!
    for (let j = i + 1; j < n; j++) m[j * n + i] = m[i * n + j]!
  }
  eps = eps === 0 ? toler : eps * toler // no positive diagonals at all: use toler itself
  let rank = 0
  for (let i = 0; i < n; i++) {
    const pivot = m[i * n + i]!
    if (!Number.isFinite(pivot) || pivot < eps) {
      m[i * n + i] = 0
      if (pivot < -8 * eps) nonneg = -1
    } else {
      rank++
      for (let j = i + 1; j < n; j++) {
        const temp = m[j * n + i]! / pivot
        m[j * n + i] = temp
        m[j * n + j] = m[j * n + j]! - temp * temp * pivot
        for (let k = j + 1; k < n; k++) m[k * n + j] = m[k * n + j]! - temp * m[k * n + i]!
      }
    }
  }
  return rank * nonneg
}

/**
 * Solves A b = y in place given the FDF' decomposition of A from {@link cholesky2}
 * (survival's `chsolve2`). Components belonging to redundant columns (zero pivot) come out 0.
 *
 * @param m the decomposition (lower triangle F, diagonal D)
 * @param n dimension
 * @param y right-hand side, overwritten with the solution
 */
export function chsolve2(m: Float64Array, n: number, y: Float64Array): void {
  // solve F z = y
  for (let i = 0; i < n; i++) {
    let temp = y[i]!
    for (let j = 0; j < i; j++) temp -= y[j]! * m[i * n + j]!
    y[i] = temp
  }
  // solve D F' b = z
  for (let i = n - 1; i >= 0; i--) {
    if (m[i * n + i] === 0) y[i] = 0
    else {
      let temp = y[i]! / m[i * n + i]!
      for (let j = i + 1; j < n; j++) temp -= y[j]! * m[j * n + i]!
      y[i] = temp
    }
  }
}

/**
 * Inverts A in place from its FDF' decomposition (survival's `chinv2`): on exit the upper
 * triangle and diagonal hold A⁻¹ (a generalized inverse with zero rows and columns for redundant
 * columns) and the strict lower triangle holds F⁻¹. Call {@link symmetrizeFromUpper} for a full
 * symmetric matrix.
 */
export function chinv2(m: Float64Array, n: number): void {
  // invert the Cholesky factor in the lower triangle, using its unit diagonal
  for (let i = 0; i < n; i++) {
    if (m[i * n + i]! > 0) {
      m[i * n + i] = 1 / m[i * n + i]! // inverts D
      for (let j = i + 1; j < n; j++) {
        m[j * n + i] = -m[j * n + i]!
        for (let k = 0; k < i; k++) m[j * n + k] = m[j * n + k]! + m[j * n + i]! * m[i * n + k]! // sweep
      }
    }
  }
  // F' D F, the inverse of the original matrix, into the upper triangle
  for (let i = 0; i < n; i++) {
    if (m[i * n + i] === 0) {
      // singular row and column
      for (let j = 0; j < i; j++) m[j * n + i] = 0
      for (let j = i; j < n; j++) m[i * n + j] = 0
    } else {
      for (let j = i + 1; j < n; j++) {
        const temp = m[j * n + i]! * m[j * n + j]!
        m[i * n + j] = temp
        for (let k = i; k < j; k++) m[i * n + k] = m[i * n + k]! + temp * m[j * n + k]!
      }
    }
  }
}

/** Copies the upper triangle onto the lower one, making the matrix symmetric. */
export function symmetrizeFromUpper(m: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) m[i * n + j] = m[j * n + i]!
}

/** A decomposed symmetric matrix, ready for {@link choleskySolve} and {@link choleskyInverse}. */
export interface CholeskyFactor {
  /** Dimension. */
  n: number
  /** FDF' factor in row-major order: F strictly below the diagonal, D on it. */
  factor: Float64Array
  /** Numerical rank: columns whose pivot fell below the tolerance count as redundant. */
  rank: number
  /** False when a pivot was clearly negative (the input was not non-negative definite). */
  nonNegativeDefinite: boolean
  /** Indices of the columns judged redundant (pivot set to zero). */
  redundant: number[]
}

/**
 * Decomposes a symmetric non-negative definite matrix without modifying it.
 *
 * @param a row-major n×n symmetric matrix (only the upper triangle and diagonal are read)
 * @param n dimension
 * @param toler relative singularity threshold (default `.Machine$double.eps^0.75`, as coxph)
 */
export function choleskyDecompose(a: ArrayLike<number>, n: number, toler: number = DEFAULT_CHOLESKY_TOLERANCE): CholeskyFactor {
  const factor = Float64Array.from(a)
  const r = cholesky2(factor, n, toler)
  const redundant: number[] = []
  for (let i = 0; i < n; i++) if (factor[i * n + i] === 0) redundant.push(i)
  return { n, factor, rank: Math.abs(r), nonNegativeDefinite: r >= 0 || n === 0, redundant }
}

/** Solves A x = b for x (a new array), with x = 0 in redundant components. */
export function choleskySolve(f: CholeskyFactor, b: ArrayLike<number>): Float64Array {
  const y = Float64Array.from(b)
  chsolve2(f.factor, f.n, y)
  return y
}

/** The full symmetric (generalized) inverse of A, zero in the rows and columns of redundant columns. */
export function choleskyInverse(f: CholeskyFactor): Float64Array {
  const m = Float64Array.from(f.factor)
  chinv2(m, f.n)
  symmetrizeFromUpper(m, f.n)
  return m
}
