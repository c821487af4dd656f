// The engine's one sorting and ranking toolkit. Every method that orders numbers goes through here:
//
//  * stableOrder — R's order() for doubles (ties keep their input order, also with decreasing = TRUE),
//    on all values or on a subset of rows; an LSD radix sort on the IEEE bit patterns, O(n);
//  * denseRanks — R's match(x, sort(unique(x))): one shared rank per distinct value (follow-up times);
//  * averageRanks — R's rank(ties.method = "average") with the tie-group sizes the rank tests need;
//  * orderByKeys — a stable counting sort by small integer keys (time ranks within strata).
//
// Matching sorts a million propensity scores, survival a million follow-up times, the rank tests a
// few hundred values: each is one call to stableOrder, and no method sorts with a comparator on
// large input (no quadratic or n log n comparison scans on the hot paths).

/** Below this size a comparison sort is faster than four counting passes. */
const SMALL = 512

/**
 * 0-based positions that put `keys` in ascending (or descending) order; ties keep their order.
 * With `rows`, only keys[rows[0]], keys[rows[1]], … are sorted and the result holds positions into
 * `rows` (0..rows.length − 1). −0 and 0 are equal (as in R). Keys must not be NaN.
 *
 * Doubles are mapped to unsigned 64-bit patterns whose unsigned order is numeric order (flip every
 * bit of a negative number, only the sign bit of the others) and sorted in four 16-bit counting
 * passes, each skipped when every key has the same digit (e.g. the high words of small integers).
 *
 * R: `order(x) - 1`, `order(x, decreasing = TRUE) - 1`, `order(x[rows]) - 1`
 */
export function stableOrder(keys: ArrayLike<number>, descending = false, rows?: Int32Array): Int32Array {
  const n = rows ? rows.length : keys.length
  const k = sortKeys(keys, descending, rows)
  if (n <= SMALL) {
    const idx = Array.from({ length: n }, (_, i) => i)
    idx.sort((a, b) => k[a]! - k[b]! || a - b)
    return Int32Array.from(idx)
  }
  const lo = new Uint32Array(n)
  const hi = new Uint32Array(n)
  orderedWords(k, lo, hi)
  let idx: Int32Array = identity(n)
  let tmp: Int32Array = new Int32Array(n)
  const count = new Int32Array(65536)
  const passes: [Uint32Array, number][] = [
    [lo, 0],
    [lo, 16],
    [hi, 0],
    [hi, 16],
  ]
  // Only the permutation moves; keys are read through it (faster than moving the keys along).
  for (const [word, shift] of passes) {
    count.fill(0)
    countDigits(count, word, shift)
    if (count[(word[0]! >>> shift) & 0xffff] === n) continue // every key has the same digit
    startsOfDigits(count)
    scatterByDigit(idx, tmp, count, word, shift)
    const t = idx
    idx = tmp
    tmp = t
  }
  return idx
}

// The passes of stableOrder are small functions of their own: V8 compiles a loop of a function that
// runs once while it runs (on-stack replacement), and in one larger function each such compile is of
// the whole function and is discarded at the next loop that has not run yet.

/** The keys to sort (keys[rows[i]] with rows), negated for a descending order, −0 as +0. */
function sortKeys(keys: ArrayLike<number>, descending: boolean, rows: Int32Array | undefined): Float64Array {
  const n = rows ? rows.length : keys.length
  const k = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const v = rows ? keys[rows[i]!]! : keys[i]!
    // Negating is exact, so a descending stable order is the ascending stable order of −x.
    k[i] = (descending ? -v : v) + 0 // + 0 turns −0 into +0
  }
  return k
}

/** 0, 1, …, n − 1. */
function identity(n: number): Int32Array {
  const idx = new Int32Array(n)
  for (let i = 0; i < n; i++) idx[i] = i
  return idx
}

/** The low and high 32-bit words of each double's bits, mapped so that unsigned order is numeric order. */
function orderedWords(k: Float64Array, lo: Uint32Array, hi: Uint32Array): void {
  const u32 = new Uint32Array(k.buffer, k.byteOffset, 2 * k.length)
  for (let i = 0; i < k.length; i++) {
    let l = u32[2 * i]! // little-endian: low word first
    let h = u32[2 * i + 1]!
    if (h & 0x80000000) {
      h = ~h >>> 0
      l = ~l >>> 0
    } else {
      h = (h | 0x80000000) >>> 0
    }
    lo[i] = l
    hi[i] = h
  }
}

/** count[d] = how many words have the 16-bit digit d at shift. */
function countDigits(count: Int32Array, word: Uint32Array, shift: number): void {
  for (let i = 0; i < word.length; i++) count[(word[i]! >>> shift) & 0xffff]!++
}

/** Counts into the first position of each digit (exclusive prefix sums). */
function startsOfDigits(count: Int32Array): void {
  let sum = 0
  for (let d = 0; d < count.length; d++) {
    const c = count[d]!
    count[d] = sum
    sum += c
  }
}

/** One stable counting-sort pass: idx in the order of its words' digit at shift, into tmp. */
function scatterByDigit(idx: Int32Array, tmp: Int32Array, count: Int32Array, word: Uint32Array, shift: number): void {
  for (let i = 0; i < idx.length; i++) {
    const id = idx[i]!
    tmp[count[(word[id]! >>> shift) & 0xffff]!++] = id
  }
}

/**
 * Below this size a native sort and a binary search per value are quicker than the radix passes,
 * mostly because the sort runs in compiled code before the JIT has warmed up.
 */
const SMALL_DENSE = 1 << 15

/**
 * Dense ranks of `values[rows[k]]` (0 = smallest; equal values share a rank) and the distinct
 * values in increasing order — R's `match(x, sort(unique(x))) - 1` and `sort(unique(x))`.
 * O(n): one radix {@link stableOrder} (or, for small input or few distinct values, a native sort
 * and a binary search).
 */
export function denseRanks(values: ArrayLike<number>, rows: Int32Array): { ranks: Int32Array; distinct: Float64Array } {
  const m = rows.length
  if (m <= SMALL_DENSE) return denseRanksSmall(values, rows)
  // Follow-up times and scores rounded to a decimal or two have few distinct values even in a
  // million rows: then the sort and binary search beat the radix passes. A sample decides.
  if (fewDistinct(values, rows)) return denseRanksSmall(values, rows)
  const order = stableOrder(values, false, rows)
  const ranks = new Int32Array(m)
  const distinctAll = new Float64Array(m)
  let nu = 0
  let prev = NaN
  for (let q = 0; q < m; q++) {
    const k = order[q]!
    const v = values[rows[k]!]!
    if (q === 0 || v !== prev) {
      distinctAll[nu++] = v
      prev = v
    }
    ranks[k] = nu - 1
  }
  return { ranks, distinct: distinctAll.slice(0, nu) }
}

/** True when the first 4096 values hold at most 1024 distinct ones (cheap to check, rarely wrong). */
function fewDistinct(values: ArrayLike<number>, rows: Int32Array): boolean {
  const seen = new Set<number>()
  const m = Math.min(rows.length, 4096)
  for (let k = 0; k < m; k++) {
    seen.add(values[rows[k]!]! + 0)
    if (seen.size > 1024) return false
  }
  return true
}

function denseRanksSmall(values: ArrayLike<number>, rows: Int32Array): { ranks: Int32Array; distinct: Float64Array } {
  const m = rows.length
  // The distinct values in first-seen order through a hash map, a native sort of those few, and
  // each row's rank read back through the map: one lookup per row, no sort of all m values.
  const id = new Map<number, number>()
  const firstSeen = new Int32Array(m)
  const byId: number[] = []
  for (let k = 0; k < m; k++) {
    const v = values[rows[k]!]! + 0 // + 0 turns −0 into 0, one key for both
    let j = id.get(v)
    if (j === undefined) {
      j = byId.length
      id.set(v, j)
      byId.push(v)
    }
    firstSeen[k] = j
  }
  const nu = byId.length
  const distinct = Float64Array.from(byId).sort()
  const rankOfId = new Int32Array(nu)
  for (let r = 0; r < nu; r++) rankOfId[id.get(distinct[r]!)!] = r
  const ranks = new Int32Array(m)
  for (let k = 0; k < m; k++) ranks[k] = rankOfId[firstSeen[k]!]!
  return { ranks, distinct }
}

/** Average ranks and tie groups, as {@link averageRanks} returns them. */
export interface Ranks {
  /** Average rank of each value (1-based), in input order. */
  ranks: Float64Array
  /** Size of each group of equal values, in sorted order (1 for an untied value). */
  tieSizes: number[]
  /** True when some values are equal. */
  hasTies: boolean
}

/**
 * Average ranks as R's `rank(x)` (ties.method = "average"; ties are exact equality, as in R), and
 * the sizes of the tie groups (R's `table(rank(x))`), which the normal approximations of the
 * Mann–Whitney and signed-rank tests need.
 */
export function averageRanks(x: ArrayLike<number>): Ranks {
  const n = x.length
  const order = stableOrder(x)
  const ranks = new Float64Array(n)
  const tieSizes: number[] = []
  let hasTies = false
  for (let s = 0; s < n; ) {
    let e = s + 1
    while (e < n && x[order[e]!] === x[order[s]!]) e++
    const r = (s + 1 + e) / 2 // mean of ranks s+1..e
    for (let k = s; k < e; k++) ranks[order[k]!] = r
    tieSizes.push(e - s)
    if (e - s > 1) hasTies = true
    s = e
  }
  return { ranks, tieSizes, hasTies }
}

/**
 * Stable counting sort of row indices by an integer key in [0, nKeys); rows with key −1 are left out.
 * With `within`, rows are ordered by `within` first and by `key` inside it (two stable passes),
 * like R's `order(strata, time)` on time ranks.
 */
export function orderByKeys(key: Int32Array, nKeys: number, within?: { key: Int32Array; nKeys: number }): Int32Array {
  const n = key.length
  let m = 0
  for (let i = 0; i < n; i++) if (key[i]! >= 0 && (!within || within.key[i]! >= 0)) m++
  const first = countingPass(key, nKeys, m, null, within?.key)
  return within ? countingPass(within.key, within.nKeys, m, first, undefined) : first
}

function countingPass(key: Int32Array, nKeys: number, m: number, input: Int32Array | null, alsoRequire: Int32Array | undefined): Int32Array {
  const count = new Int32Array(nKeys + 1)
  const n = input ? input.length : key.length
  for (let r = 0; r < n; r++) {
    const i = input ? input[r]! : r
    const k = key[i]!
    if (k < 0 || (alsoRequire && alsoRequire[i]! < 0)) continue
    count[k + 1]!++
  }
  for (let k = 0; k < nKeys; k++) count[k + 1] = count[k + 1]! + count[k]!
  const out = new Int32Array(m)
  for (let r = 0; r < n; r++) {
    const i = input ? input[r]! : r
    const k = key[i]!
    if (k < 0 || (alsoRequire && alsoRequire[i]! < 0)) continue
    out[count[k]!++] = i
  }
  return out
}
