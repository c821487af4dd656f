// Average ranks as R's rank(ties.method = "average"), and the sizes of the tie groups (R's
// table(rank(x))), which the normal approximations of the rank tests need.
import { stableOrder } from './sort'

export interface Ranks {
  /** Average rank of each value (1-based), in input order. */
  ranks: Float64Array
  /** Size of each group of equal values, in sorted order (1 for an untied value). */
  tieSizes: number[]
  /** True when some values are equal. */
  hasTies: boolean
}

/** R: `rank(x)` (average ranks for ties); ties are exact equality, as in R. */
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
