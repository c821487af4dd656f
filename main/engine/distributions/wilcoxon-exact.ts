// Exact null distributions of the Wilcoxon statistics, computed by counting (the distributions are
// algorithms, not library functions): R's pwilcox() and psignrank() (nmath/wilcox.c, signrank.c),
// including their rounding of the argument and their summation over the shorter tail.

/**
 * P(W ≤ q) (or P(W > q) with lowerTail = false) for the Mann–Whitney statistic W of samples of
 * sizes m and n, no ties. Frequencies by the recursion f(m, n; k) = f(m − 1, n; k − n) + f(m, n − 1; k)
 * on probabilities (all terms positive, so no cancellation).
 *
 * R: `pwilcox(q, m, n, lower.tail)`
 */
export function pwilcox(q: number, m: number, n: number, lowerTail = true): number {
  q = Math.floor(q + 1e-7)
  if (q < 0) return lowerTail ? 0 : 1
  if (q >= m * n) return lowerTail ? 1 : 0
  const prob = wilcoxonProbabilities(m, n)
  let p = 0
  let lower = lowerTail
  // Sum over the shorter range, as R does.
  if (q <= (m * n) / 2) {
    for (let i = 0; i <= q; i++) p += prob[i]!
  } else {
    q = m * n - q
    for (let i = 0; i < q; i++) p += prob[i]!
    lower = !lower
  }
  return lower ? p : 0.5 - p + 0.5
}

/** P(W = k), k = 0..mn, for sample sizes m and n. */
export function wilcoxonProbabilities(m: number, n: number): Float64Array {
  // prev[a] = distribution for sizes (a, b − 1); cur[a] for (a, b). P(W = k) for (a, b) is
  // a/(a+b) · P_{a−1,b}(k − b) + b/(a+b) · P_{a,b−1}(k): the largest observation is from x or y.
  let prev: Float64Array[] = Array.from({ length: m + 1 }, () => Float64Array.of(1))
  for (let b = 1; b <= n; b++) {
    const cur: Float64Array[] = [Float64Array.of(1)]
    for (let a = 1; a <= m; a++) {
      const out = new Float64Array(a * b + 1)
      const fromX = cur[a - 1]! // (a − 1, b), length (a − 1)b + 1
      const fromY = prev[a]! // (a, b − 1), length a(b − 1) + 1
      const px = a / (a + b)
      const py = b / (a + b)
      for (let k = 0; k < fromY.length; k++) out[k] = py * fromY[k]!
      for (let k = 0; k < fromX.length; k++) out[k + b]! += px * fromX[k]!
      cur.push(out)
    }
    prev = cur
  }
  return prev[m]!
}

/**
 * P(V ≤ x) (or P(V > x)) for the signed-rank statistic V of n non-zero, untied differences.
 * Subset-sum counts of {1..n} are exact integers in double precision for n < 53.
 *
 * R: `psignrank(x, n, lower.tail)`
 */
export function psignrank(x: number, n: number, lowerTail = true): number {
  x = roundHalfEven(x + 1e-7)
  const max = (n * (n + 1)) / 2
  if (x < 0) return lowerTail ? 0 : 1
  if (x >= max) return lowerTail ? 1 : 0
  const counts = new Float64Array(max + 1)
  counts[0] = 1
  for (let i = 1; i <= n; i++) {
    for (let k = Math.min(max, (i * (i + 1)) / 2); k >= i; k--) counts[k]! += counts[k - i]!
  }
  const f = Math.exp(-n * Math.LN2)
  let p = 0
  let lower = lowerTail
  if (x <= (n * (n + 1)) / 4) {
    for (let i = 0; i <= x; i++) p += counts[i]! * f
  } else {
    x = max - x
    for (let i = 0; i < x; i++) p += counts[i]! * f
    lower = !lower
  }
  return lower ? p : 0.5 - p + 0.5
}

const DBL_EPSILON = 2.220446049250313e-16

/**
 * Smallest q with P(W ≤ q) ≥ p for the Mann–Whitney statistic of samples of sizes m and n (lower
 * tail), summing up from the bottom (p ≤ 1/2) or down from the top, with R's 10·eps slack.
 *
 * R: `qwilcox(p, m, n)`
 */
export function qwilcox(p: number, m: number, n: number): number {
  if (p <= 0) return 0
  if (p >= 1) return m * n
  return quantileFromBottom(wilcoxonProbabilities(m, n), p, m * n)
}

/**
 * Smallest q with P(V ≤ q) ≥ p for the signed-rank statistic of n differences.
 *
 * R: `qsignrank(p, n)`
 */
export function qsignrank(p: number, n: number): number {
  const max = (n * (n + 1)) / 2
  if (p <= 0) return 0
  if (p >= 1) return max
  const counts = new Float64Array(max + 1)
  counts[0] = 1
  for (let i = 1; i <= n; i++) {
    for (let k = Math.min(max, (i * (i + 1)) / 2); k >= i; k--) counts[k]! += counts[k - i]!
  }
  const f = Math.exp(-n * Math.LN2)
  for (let k = 0; k <= max; k++) counts[k] = counts[k]! * f
  return quantileFromBottom(counts, p, max)
}

/** nmath's search for qwilcox/qsignrank over a symmetric distribution prob[0..max]. */
function quantileFromBottom(prob: Float64Array, x: number, max: number): number {
  let p = 0
  let q = 0
  if (x <= 0.5) {
    x = x - 10 * DBL_EPSILON
    for (;;) {
      p += prob[q]!
      if (p >= x) return q
      q++
    }
  }
  x = 1 - x + 10 * DBL_EPSILON
  for (;;) {
    p += prob[q]!
    if (p > x) return max - q
    q++
  }
}

/** C's nearbyint() in the default rounding mode (R_forceint). */
function roundHalfEven(v: number): number {
  const r = Math.round(v)
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r
}
