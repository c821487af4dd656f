// Householder QR with R's limited column pivoting (LINPACK dqrdc2 as modified for R), and the
// dqrsl pieces that R's least-squares fits use (Q'y, back substitution) plus chol2inv(R).
//
// Why dqrdc2 and not a textbook pivoted QR: R's lm() and glm() decide which columns are aliased
// (coefficient NA) with dqrdc2's rule — a column whose remaining norm falls below `tol` times its
// original norm is moved to the end — and keep every other column in its original order. To give
// the same NA coefficients and the same coefficient order as R we follow that rule exactly
// (R: src/appl/dqrdc2.f, "modified 9/99 by BDR"; the tolerance glm.fit passes is
// min(1e-7, epsilon / 1000) = 1e-11 with glm.control's defaults).
//
// Storage: column-major Float64Array, element (i, j) at a[i + j * n], as Fortran stores it.

/** Result of {@link qrDecompose}: the compact QR as dqrdc2 leaves it. */
export interface QrDecomposition {
  /** Rows. */
  n: number
  /** Columns. */
  p: number
  /** Column-major n × p: R in the upper triangle, Householder vectors below (LINPACK layout). */
  qr: Float64Array
  /** LINPACK qraux: the first element of each Householder vector. */
  qraux: Float64Array
  /** pivot[j] = original (0-based) column now in position j; aliased columns come last. */
  pivot: Int32Array
  /** Numerical rank: the first `rank` pivoted columns are linearly independent. */
  rank: number
  /** The tolerance used to detect negligible columns. */
  tol: number
}

/**
 * Euclidean norm of a[off .. off+len-1]. A plain sum of squares when that cannot overflow or
 * underflow, else the scaled form of the reference BLAS dnrm2 (same value up to rounding).
 */
function dnrm2(a: Float64Array, off: number, len: number): number {
  let ssq = 0
  for (let i = off, end = off + len; i < end; i++) ssq += a[i]! * a[i]!
  if (ssq > 1e-280 && ssq < 1e280) return Math.sqrt(ssq)
  if (ssq === 0) return 0
  let scale = 0
  ssq = 1
  for (let i = off, end = off + len; i < end; i++) {
    const v = a[i]!
    if (v !== 0) {
      const av = Math.abs(v)
      if (scale < av) {
        const r = scale / av
        ssq = 1 + ssq * r * r
        scale = av
      } else {
        const r = av / scale
        ssq += r * r
      }
    }
  }
  return scale * Math.sqrt(ssq)
}

/** dqrdc2's norm update for column j after a reflection (BDR 9/99: recompute after a large drop). */
function updateNorm(a: Float64Array, n: number, l: number, j: number, qraux: Float64Array, work1: Float64Array): void {
  if (qraux[j] === 0) return
  const cj = j * n
  const ratio = Math.abs(a[cj + l]!) / qraux[j]!
  const tt = Math.max(1 - ratio * ratio, 0)
  if (Math.abs(tt) < 1e-6) {
    qraux[j] = dnrm2(a, cj + l + 1, n - l - 1)
    work1[j] = qraux[j]!
  } else {
    qraux[j] = qraux[j]! * Math.sqrt(tt)
  }
}

/**
 * Applies the Householder reflection stored in column l (rows l..n−1, first element a[l, l] = 1 +
 * |x|/norm, as LINPACK leaves it) to columns l+1..p−1: x ← x − (v'x / v₁) v. Four columns at a time
 * (one pass over the Householder vector per block); each column's dot product and update are the
 * same sums in the same order as one column at a time, so the result is identical, only faster.
 */
function reflectColumns(a: Float64Array, n: number, p: number, l: number): void {
  const cl = l * n
  const all = a[cl + l]!
  let j = l + 1
  for (; j + 3 < p; j += 4) {
    const c0 = j * n
    const c1 = c0 + n
    const c2 = c1 + n
    const c3 = c2 + n
    let d0 = 0
    let d1 = 0
    let d2 = 0
    let d3 = 0
    for (let i = l; i < n; i++) {
      const v = a[cl + i]!
      d0 += v * a[c0 + i]!
      d1 += v * a[c1 + i]!
      d2 += v * a[c2 + i]!
      d3 += v * a[c3 + i]!
    }
    const t0 = -d0 / all
    const t1 = -d1 / all
    const t2 = -d2 / all
    const t3 = -d3 / all
    for (let i = l; i < n; i++) {
      const v = a[cl + i]!
      a[c0 + i]! += t0 * v
      a[c1 + i]! += t1 * v
      a[c2 + i]! += t2 * v
      a[c3 + i]! += t3 * v
    }
  }
  for (; j < p; j++) {
    const cj = j * n
    let dot = 0
    for (let i = l; i < n; i++) dot += a[cl + i]! * a[cj + i]!
    const t = -dot / all
    for (let i = l; i < n; i++) a[cj + i]! += t * a[cl + i]!
  }
}

/** y ← Q'y with the first `count` reflections of a compact QR (column-major n × ·, LINPACK qraux). */
function applyQt(qr: Float64Array, n: number, qraux: Float64Array, count: number, y: Float64Array): void {
  for (let j = 0; j < count; j++) {
    if (qraux[j] === 0) continue
    const cj = j * n
    const h0 = qraux[j]!
    // The stored vector has qraux[j] as its first element (x(j,j) is swapped in temporarily).
    let dot = h0 * y[j]!
    for (let i = j + 1; i < n; i++) dot += qr[cj + i]! * y[i]!
    const t = -dot / h0
    y[j] = y[j]! + t * h0
    for (let i = j + 1; i < n; i++) y[i]! += t * qr[cj + i]!
  }
}

/**
 * QR decomposition with R's limited pivoting (dqrdc2). Overwrites a copy of `x`.
 *
 * @param x column-major n × p matrix (not modified)
 * @param n rows
 * @param p columns
 * @param tol relative tolerance for negligible columns (R: qr(tol = 1e-7); glm.fit uses 1e-11)
 *
 * R: `qr(x, tol = tol, LAPACK = FALSE)` — same `qr`, `qraux`, `pivot` and `rank` up to rounding.
 */
export function qrDecompose(x: Float64Array, n: number, p: number, tol = 1e-7): QrDecomposition {
  const a = Float64Array.from(x.subarray(0, n * p))
  return qrDecomposeInPlace(a, n, p, tol)
}

/** As {@link qrDecompose} but factorizes `a` in place (no copy; for large IRLS designs). */
export function qrDecomposeInPlace(a: Float64Array, n: number, p: number, tol = 1e-7): QrDecomposition {
  const qraux = new Float64Array(p)
  const work1 = new Float64Array(p)
  const work2 = new Float64Array(p)
  const pivot = new Int32Array(p)
  for (let j = 0; j < p; j++) {
    pivot[j] = j
    const nrm = dnrm2(a, j * n, n)
    qraux[j] = nrm
    work1[j] = nrm
    work2[j] = nrm === 0 ? 1 : nrm
  }
  const lup = Math.min(n, p)
  // k is LINPACK's 1-based "p + 1": columns at 1-based positions >= k have been moved to the end.
  let k = p + 1
  const tmp = new Float64Array(n)
  for (let l = 0; l < lup; l++) {
    // Cycle negligible columns to the end (dqrdc2 label 80): the norm has fallen below tol times
    // its original norm. `l + 1 >= k` stops once every remaining column has been cycled.
    while (!(l + 1 >= k || qraux[l]! >= work2[l]! * tol)) {
      tmp.set(a.subarray(l * n, l * n + n))
      a.copyWithin(l * n, (l + 1) * n, p * n)
      a.set(tmp, (p - 1) * n)
      const pv = pivot[l]!
      const q = qraux[l]!
      const w1 = work1[l]!
      const w2 = work2[l]!
      for (let j = l + 1; j < p; j++) {
        pivot[j - 1] = pivot[j]!
        qraux[j - 1] = qraux[j]!
        work1[j - 1] = work1[j]!
        work2[j - 1] = work2[j]!
      }
      pivot[p - 1] = pv
      qraux[p - 1] = q
      work1[p - 1] = w1
      work2[p - 1] = w2
      k--
    }
    if (l === n - 1) break // last row: nothing left to transform (label 190)
    const cl = l * n
    let nrmxl = dnrm2(a, cl + l, n - l)
    if (nrmxl === 0) continue
    if (a[cl + l] !== 0) nrmxl = Math.sign(a[cl + l]!) * Math.abs(nrmxl)
    const inv = 1 / nrmxl
    for (let i = cl + l; i < cl + n; i++) a[i]! *= inv
    a[cl + l] = 1 + a[cl + l]!
    reflectColumns(a, n, p, l)
    for (let j = l + 1; j < p; j++) updateNorm(a, n, l, j, qraux, work1)
    qraux[l] = a[cl + l]!
    a[cl + l] = -nrmxl
  }
  const rank = Math.min(k - 1, n)
  return { n, p, qr: a, qraux, pivot, rank, tol }
}

/**
 * Overwrites `y` (length n) with Q'y using the first `rank` Householder reflections (dqrsl job 1000).
 */
export function qrQty(d: QrDecomposition, y: Float64Array): void {
  applyQt(d.qr, d.n, d.qraux, Math.min(d.rank, d.n - 1), y)
}

/**
 * Solves R b = (Q'y)[0..rank) by back substitution. Returns b in pivoted order, length p, with
 * zeros beyond the rank (as R's dqrls sets "the unused components of b to zero").
 */
export function qrCoefficients(d: QrDecomposition, qty: Float64Array): Float64Array {
  const { n, p, qr, rank } = d
  const b = new Float64Array(p)
  for (let j = 0; j < rank; j++) b[j] = qty[j]!
  for (let j = rank - 1; j >= 0; j--) {
    const cj = j * n
    b[j] = b[j]! / qr[cj + j]!
    const t = -b[j]!
    for (let i = 0; i < j; i++) b[i]! += t * qr[cj + i]!
  }
  return b
}

/**
 * (R'R)^{-1} for the leading rank × rank block of R, row-major rank × rank.
 * R: `chol2inv(qr$qr[1:rank, 1:rank])`, the unscaled covariance in summary.lm/summary.glm.
 */
export function qrChol2inv(d: QrDecomposition): Float64Array {
  const { n, qr, rank: r } = d
  // Invert the upper-triangular R (rank × rank), then form Rinv Rinv'.
  const rinv = new Float64Array(r * r) // row-major
  for (let j = r - 1; j >= 0; j--) {
    rinv[j * r + j] = 1 / qr[j * n + j]!
    for (let i = j - 1; i >= 0; i--) {
      let s = 0
      for (let m = i + 1; m <= j; m++) s += qr[m * n + i]! * rinv[m * r + j]!
      rinv[i * r + j] = -s / qr[i * n + i]!
    }
  }
  const out = new Float64Array(r * r)
  for (let i = 0; i < r; i++) {
    for (let j = i; j < r; j++) {
      let s = 0
      for (let m = j; m < r; m++) s += rinv[i * r + m]! * rinv[j * r + m]!
      out[i * r + j] = s
      out[j * r + i] = s
    }
  }
  return out
}

/** Result of {@link weightedLeastSquaresQr}. */
export interface WeightedLeastSquares {
  /**
   * dqrdc2 of a matrix with the same R factor (up to row signs) as the weighted design: the design
   * itself for small n, otherwise the stacked R factors of its row blocks. Use its rank, pivot,
   * and {@link qrChol2inv} for (R'R)^{-1}.
   */
  decomposition: QrDecomposition
  /** Least-squares coefficients in pivoted order, zeros beyond the rank (as R's dqrls). */
  coefficients: Float64Array
}

/**
 * Weighted least squares min ‖diag(w)(z − X b)‖ by R's pivoted QR (dqrdc2), as one step of
 * glm.fit's IRLS (`.Call(C_Cdqrls, x * w, z * w, tol)`).
 *
 * For large n the rows are processed in cache-sized blocks: each block is reduced to its p × p
 * triangle by unpivoted Householder QR (an orthogonal transformation, so column norms, the Gram
 * matrix X'WX and every projection are unchanged), and dqrdc2 with R's tolerance and pivoting rule
 * then runs on the stacked triangles (a "tall-skinny QR"). The R factor, the rank decision and the
 * coefficients are those of dqrdc2 on the whole weighted design up to rounding, at a fraction of
 * the memory traffic: the weighted design is never formed in full.
 *
 * @param x column-major n × p design (not modified)
 * @param w row weights (R's sqrt working weights), length n
 * @param z working response (unweighted), length n
 * @param tol dqrdc2 tolerance (glm.fit: min(1e-7, epsilon / 1000))
 */
export function weightedLeastSquaresQr(x: Float64Array, n: number, p: number, w: Float64Array, z: Float64Array, tol: number): WeightedLeastSquares {
  const blockRows = Math.max(4 * p, Math.floor(32768 / Math.max(p, 1)))
  if (n <= 2 * blockRows) {
    const a = new Float64Array(n * p)
    for (let j = 0; j < p; j++) {
      const off = j * n
      for (let i = 0; i < n; i++) a[off + i] = x[off + i]! * w[i]!
    }
    const zw = new Float64Array(n)
    for (let i = 0; i < n; i++) zw[i] = z[i]! * w[i]!
    const d = qrDecomposeInPlace(a, n, p, tol)
    qrQty(d, zw)
    return { decomposition: d, coefficients: qrCoefficients(d, zw) }
  }
  // n > 2·blockRows, so there are at least two blocks; the last takes the remainder (blockRows to
  // 2·blockRows − 1 rows), so that every block has at least p rows.
  const nBlocks = Math.floor(n / blockRows)
  const m = nBlocks * p
  const stack = new Float64Array(m * p)
  const zs = new Float64Array(m)
  const buf = new Float64Array(2 * blockRows * p)
  const zb = new Float64Array(2 * blockRows)
  const qraux = new Float64Array(p)
  for (let b = 0; b < nBlocks; b++) {
    const i0 = b * blockRows
    const i1 = b === nBlocks - 1 ? n : i0 + blockRows
    const rows = i1 - i0
    for (let j = 0; j < p; j++) {
      const src = j * n + i0
      const dst = j * rows
      for (let i = 0; i < rows; i++) buf[dst + i] = x[src + i]! * w[i0 + i]!
    }
    for (let i = 0; i < rows; i++) zb[i] = z[i0 + i]! * w[i0 + i]!
    householderNoPivot(buf, rows, p, qraux)
    applyQt(buf, rows, qraux, Math.min(p, rows - 1), zb) // zb ← Q'zb
    // Copy the p × p upper triangle (zeros below) and the first p entries of Q'z into the stack.
    const r0 = b * p
    for (let j = 0; j < p; j++) {
      for (let i = 0; i <= j; i++) stack[j * m + r0 + i] = buf[j * rows + i]!
    }
    for (let i = 0; i < p; i++) zs[r0 + i] = zb[i]!
  }
  const d = qrDecomposeInPlace(stack, m, p, tol)
  qrQty(d, zs)
  return { decomposition: d, coefficients: qrCoefficients(d, zs) }
}

/**
 * Householder QR without pivoting (LINPACK layout, R on and above the diagonal). A column that is
 * exactly zero below the diagonal gets no reflection and qraux 0, so that applying Q' skips it.
 * The last block may be up to twice as long as the others, so `buf` must hold rows × p values.
 */
function householderNoPivot(a: Float64Array, n: number, p: number, qraux: Float64Array): void {
  for (let l = 0; l < p && l < n - 1; l++) {
    const cl = l * n
    let nrmxl = dnrm2(a, cl + l, n - l)
    if (nrmxl === 0) {
      qraux[l] = 0
      continue
    }
    if (a[cl + l] !== 0) nrmxl = Math.sign(a[cl + l]!) * nrmxl
    const inv = 1 / nrmxl
    for (let i = cl + l; i < cl + n; i++) a[i]! *= inv
    a[cl + l] = 1 + a[cl + l]!
    reflectColumns(a, n, p, l)
    qraux[l] = a[cl + l]!
    a[cl + l] = -nrmxl
  }
  for (let l = Math.max(0, n - 1); l < p; l++) qraux[l] = 0
}
