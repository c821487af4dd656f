// Helpers shared by kaplan-meier.ts, log-rank.ts and cox-ph.ts: input checks, the one sort of the
// follow-up times (with survival's `timefix` merging of near-equal times), counting sorts that keep
// every later pass linear, and group codes.
import { EngineInputError } from './errors'

/** A grouping variable: integer codes 0..levels.length-1, one per patient, and the level labels. */
export interface GroupFactor {
  codes: ArrayLike<number>
  /** Level labels in factor order (the first is the reference, as in R's `factor()`). */
  levels: readonly string[]
}

/** Right-censored survival data: follow-up time (≥ 0) and event indicator (1 = event, 0 = censored). */
export interface SurvivalData {
  time: ArrayLike<number>
  event: ArrayLike<number>
}

/** `sqrt(.Machine$double.eps)`: survival's default tolerance in aeqSurv(), quantile.survfit() and print.survfit(). */
export const SQRT_DOUBLE_EPS = 1.4901161193847656e-8

/**
 * Checks lengths and values of survival data and returns which rows are complete.
 *
 * A row with a missing (NaN) time, event or group code is excluded, as R's default
 * `na.action = na.omit` drops it; everything else that is wrong throws.
 *
 * @throws EngineInputError `LENGTH_MISMATCH`, `NEGATIVE_TIME`, `INFINITE_TIME`, `INVALID_EVENT`,
 *   `INVALID_GROUP_CODE`, `NO_DATA`
 */
export function completeSurvivalRows(data: SurvivalData, extra: { name: string; values: ArrayLike<number> }[] = []): { keep: Uint8Array; used: number; excluded: number } {
  const n = data.time.length
  if (data.event.length !== n) {
    throw new EngineInputError('LENGTH_MISMATCH', `There are ${n} follow-up times but ${data.event.length} event indicators; each patient needs one of each.`)
  }
  for (const e of extra) {
    if (e.values.length !== n) throw new EngineInputError('LENGTH_MISMATCH', `There are ${n} follow-up times but ${e.values.length} values of ${e.name}.`)
  }
  // Column by column, so that each loop sees one array type (this runs on a million rows).
  const keep = new Uint8Array(n).fill(1)
  for (const e of extra) {
    const v = e.values
    for (let i = 0; i < n; i++) if (Number.isNaN(v[i]!)) keep[i] = 0
  }
  const time = data.time
  const event = data.event
  let used = 0
  for (let i = 0; i < n; i++) {
    if (keep[i] === 0) continue
    const t = time[i]!
    const d = event[i]!
    if (Number.isNaN(t) || Number.isNaN(d)) {
      keep[i] = 0
      continue
    }
    if (t < 0) throw new EngineInputError('NEGATIVE_TIME', `Follow-up time must not be negative (patient ${i + 1} has ${t}).`, { index: i, value: t })
    if (!Number.isFinite(t)) throw new EngineInputError('INFINITE_TIME', `Follow-up time must be a finite number (patient ${i + 1} has ${t}).`, { index: i, value: t })
    if (d !== 0 && d !== 1) {
      throw new EngineInputError('INVALID_EVENT', `The event indicator must be 1 (event) or 0 (censored); patient ${i + 1} has ${d}.`, { index: i, value: d })
    }
    used++
  }
  if (used === 0) throw new EngineInputError('NO_DATA', 'There are no patients with complete follow-up data to analyse.')
  return { keep, used, excluded: n - used }
}

/** Checks that group codes are integers in range; returns the codes as an Int32Array (−1 = missing). */
export function checkGroupCodes(g: GroupFactor, n: number, what: string): Int32Array {
  if (g.codes.length !== n) throw new EngineInputError('LENGTH_MISMATCH', `There are ${n} follow-up times but ${g.codes.length} ${what} values.`)
  if (g.levels.length === 0) throw new EngineInputError('NO_GROUPS', `The ${what} variable has no levels.`)
  const out = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const c = g.codes[i]!
    if (Number.isNaN(c)) {
      out[i] = -1
      continue
    }
    if (!Number.isInteger(c) || c < 0 || c >= g.levels.length) {
      throw new EngineInputError('INVALID_GROUP_CODE', `Patient ${i + 1} has ${what} code ${c}, but there are only ${g.levels.length} levels (codes 0 to ${g.levels.length - 1}).`, { index: i, value: c })
    }
    out[i] = c
  }
  return out
}

/** Group codes as numbers with NaN for missing (−1), for {@link completeSurvivalRows}' `extra`. */
export function codesAsValues(codes: Int32Array): Float64Array {
  const out = new Float64Array(codes.length)
  for (let i = 0; i < codes.length; i++) out[i] = codes[i]! < 0 ? NaN : codes[i]!
  return out
}

/** Sorted distinct follow-up times and, for each patient, the index of their time among them. */
export interface TimeRanks {
  /** Distinct times, ascending (after timefix merging, the smallest of each merged run). */
  times: Float64Array
  /** For each input row, the index into `times`; −1 for rows not kept. */
  rank: Int32Array
}

/**
 * Ranks the follow-up times of the kept rows with one native typed-array sort and a binary search
 * per row (O(n log n)). With `timefix` (survival's default since 3.0) times closer than
 * √ε absolutely or relative to the mean absolute distinct time are merged onto the smallest of the
 * run, exactly as `survival::aeqSurv()` does before `survfit`, `survdiff` and `coxph`, so that
 * 0.1 + 0.2 and 0.3 count as a tie.
 */
export function rankTimes(time: ArrayLike<number>, keep: Uint8Array, used: number, timefix: boolean): TimeRanks {
  const n = time.length
  const rows = new Int32Array(used)
  for (let i = 0, k = 0; i < n; i++) if (keep[i]) rows[k++] = i
  const { ranks, distinct } = denseRanks(time, rows)
  const nu = distinct.length
  // aeqSurv: merge runs of distinct times closer than √ε (absolute or relative to the mean |time|)
  let mergedIndex: Int32Array | null = null
  let merged = distinct
  if (timefix && nu > 1) {
    let meanAbs = 0
    for (let k = 0; k < nu; k++) meanAbs += Math.abs(distinct[k]!)
    meanAbs /= nu
    let anyTied = false
    const tied = new Uint8Array(nu) // tied[k] = 1 when distinct[k] merges into its predecessor
    for (let k = 1; k < nu; k++) {
      const dy = distinct[k]! - distinct[k - 1]!
      if (dy <= SQRT_DOUBLE_EPS || dy / meanAbs <= SQRT_DOUBLE_EPS) {
        tied[k] = 1
        anyTied = true
      }
    }
    if (anyTied) {
      // mergedIndex[k] = the cut that distinct[k] falls on (aeqSurv's findInterval on the cuts)
      mergedIndex = new Int32Array(nu)
      const cuts: number[] = []
      for (let k = 0; k < nu; k++) {
        if (!tied[k]) cuts.push(distinct[k]!)
        mergedIndex[k] = cuts.length - 1
      }
      merged = Float64Array.from(cuts)
    }
  }
  const rank = new Int32Array(n).fill(-1)
  for (let k = 0; k < used; k++) rank[rows[k]!] = mergedIndex ? mergedIndex[ranks[k]!]! : ranks[k]!
  return { times: merged, rank }
}

/**
 * Dense ranks of `values[rows[k]]` (0 = smallest; equal values share a rank) and the distinct
 * values in increasing order — R's `match(x, sort(unique(x))) - 1` and `sort(unique(x))`.
 * One radix argsort, no comparisons: O(n).
 */
export function denseRanks(values: ArrayLike<number>, rows: Int32Array): { ranks: Int32Array; distinct: Float64Array } {
  const m = rows.length
  if (m <= SMALL_SORT) return denseRanksSmall(values, rows)
  const order = argsortFloat64(values, rows)
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

/**
 * Below this size the native typed-array sort plus a Map from value to rank is quicker than the
 * radix passes, mostly because it runs in compiled code before the JIT has warmed up.
 */
const SMALL_SORT = 1 << 15

function denseRanksSmall(values: ArrayLike<number>, rows: Int32Array): { ranks: Int32Array; distinct: Float64Array } {
  const m = rows.length
  // distinct values first (clinical times have many ties), then sort only those
  const index = new Map<number, number>()
  const seen: number[] = []
  const provisional = new Int32Array(m)
  for (let k = 0; k < m; k++) {
    const v = values[rows[k]!]! + 0 // + 0 turns −0 into 0, one key for both
    let id = index.get(v)
    if (id === undefined) {
      id = seen.length
      index.set(v, id)
      seen.push(v)
    }
    provisional[k] = id
  }
  const distinct = Float64Array.from(seen).sort()
  const rankOf = new Int32Array(distinct.length)
  for (let j = 0; j < distinct.length; j++) rankOf[index.get(distinct[j]!)!] = j
  const ranks = new Int32Array(m)
  for (let k = 0; k < m; k++) ranks[k] = rankOf[provisional[k]!]!
  return { ranks, distinct }
}

const RADIX_BITS = 11
const RADIX = 1 << RADIX_BITS
const RADIX_MASK = RADIX - 1

/**
 * Stable LSD radix argsort of finite doubles: returns positions 0..m−1 into `rows`, ordered by
 * values[rows[k]] ascending (ties keep their order). The IEEE bits are mapped to unsigned
 * integers that sort like the numbers (flip all bits of negatives, the sign bit of the rest) and
 * sorted in six 11-bit passes, skipping passes in which every key has the same digit.
 */
export function argsortFloat64(values: ArrayLike<number>, rows: Int32Array): Int32Array {
  const m = rows.length
  const f = new Float64Array(1)
  const w = new Uint32Array(f.buffer) // little-endian: w[0] low word, w[1] high word
  let lo = new Uint32Array(m)
  let hi = new Uint32Array(m)
  let idx = new Int32Array(m)
  for (let k = 0; k < m; k++) {
    f[0] = values[rows[k]!]!
    const h = w[1]!
    if (h & 0x80000000) {
      lo[k] = ~w[0]! >>> 0
      hi[k] = ~h >>> 0
    } else {
      lo[k] = w[0]!
      hi[k] = (h | 0x80000000) >>> 0
    }
    idx[k] = k
  }
  let lo2 = new Uint32Array(m)
  let hi2 = new Uint32Array(m)
  let idx2 = new Int32Array(m)
  const count = new Int32Array(RADIX)
  for (let pass = 0; pass < 6; pass++) {
    count.fill(0)
    for (let k = 0; k < m; k++) count[digit(lo[k]!, hi[k]!, pass)]!++
    let skip = false
    for (let d = 0; d < RADIX; d++) {
      if (count[d] === m) skip = true
      if (count[d] !== 0) break
    }
    if (skip) continue
    let sum = 0
    for (let d = 0; d < RADIX; d++) {
      const c = count[d]!
      count[d] = sum
      sum += c
    }
    for (let k = 0; k < m; k++) {
      const dst = count[digit(lo[k]!, hi[k]!, pass)]!++
      lo2[dst] = lo[k]!
      hi2[dst] = hi[k]!
      idx2[dst] = idx[k]!
    }
    ;[lo, lo2] = [lo2, lo]
    ;[hi, hi2] = [hi2, hi]
    ;[idx, idx2] = [idx2, idx]
  }
  return idx
}

function digit(lo: number, hi: number, pass: number): number {
  switch (pass) {
    case 0:
      return lo & RADIX_MASK
    case 1:
      return (lo >>> 11) & RADIX_MASK
    case 2:
      return (lo >>> 22) | ((hi & 1) << 10)
    case 3:
      return (hi >>> 1) & RADIX_MASK
    case 4:
      return (hi >>> 12) & RADIX_MASK
    default:
      return hi >>> 23
  }
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
