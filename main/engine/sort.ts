// Stable ordering of numeric keys, as R's order() gives it (method "radix" for doubles: ties keep
// their original order, both ascending and with decreasing = TRUE). An LSD radix sort on the IEEE
// bit patterns makes this O(n) for the million-patient cohorts matching is run on.

/** Below this size a comparison sort is faster than four counting passes. */
const SMALL = 512

/**
 * 0-based indices that put `keys` in ascending (or descending) order; ties keep index order.
 * -0 and 0 are equal (as in R). Keys must not be NaN.
 *
 * R: `order(x) - 1`, `order(x, decreasing = TRUE) - 1`
 */
export function stableOrder(keys: ArrayLike<number>, descending = false): Int32Array {
  const n = keys.length
  const k = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const v = keys[i]!
    // Negating is exact, so a descending stable order is the ascending stable order of −x.
    k[i] = (descending ? -v : v) + 0 // + 0 turns −0 into +0
  }
  if (n <= SMALL) {
    const idx = Array.from({ length: n }, (_, i) => i)
    idx.sort((a, b) => k[a]! - k[b]! || a - b)
    return Int32Array.from(idx)
  }
  // Map each double to an unsigned 64-bit pattern (hi, lo) whose unsigned order is numeric order.
  const u32 = new Uint32Array(k.buffer)
  const lo = new Uint32Array(n)
  const hi = new Uint32Array(n)
  for (let i = 0; i < n; i++) {
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
  let idx = new Int32Array(n)
  for (let i = 0; i < n; i++) idx[i] = i
  let tmp = new Int32Array(n)
  const count = new Int32Array(65536)
  const passes: [Uint32Array, number][] = [
    [lo, 0],
    [lo, 16],
    [hi, 0],
    [hi, 16],
  ]
  for (const [word, shift] of passes) {
    count.fill(0)
    for (let i = 0; i < n; i++) count[(word[i]! >>> shift) & 0xffff]!++
    if (count[(word[0]! >>> shift) & 0xffff] === n) continue // every key has the same digit
    let sum = 0
    for (let d = 0; d < 65536; d++) {
      const c = count[d]!
      count[d] = sum
      sum += c
    }
    for (let i = 0; i < n; i++) {
      const id = idx[i]!
      tmp[count[(word[id]! >>> shift) & 0xffff]!++] = id
    }
    const t = idx
    idx = tmp
    tmp = t
  }
  return idx
}
