// Helpers shared by kaplan-meier.ts, log-rank.ts and cox-ph.ts: input checks, the one sort of the
// follow-up times (with survival's `timefix` merging of near-equal times), group codes, and the
// count of patients and events at each time by group that Kaplan–Meier and the log-rank test use. The
// sorting kernels themselves (radix order, dense ranks, counting sort by time rank) are in sort.ts.
import { EngineInputError } from './errors'
import { denseRanks, orderByKeys } from './sort'

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
 * Patients and events at each distinct time, by cell (a group, or a stratum and group), in
 * compressed form: cell c has patients at the time indices time[start[c]] … time[start[c + 1] − 1]
 * (ascending indices into the ranked times), with total[e] patients and events[e] events at each.
 */
export interface CellTimeCounts {
  start: Int32Array
  time: Int32Array
  total: Int32Array
  events: Int32Array
}

/**
 * Counts patients and events by cell and time rank: Kaplan–Meier and the log-rank test need only
 * these counts, not the rows in time order. One pass over the rows into a cells × times table when
 * that table is small (always for a few groups), else a counting sort by cell and time
 * (orderByKeys). Rows with rank or cell −1 are left out; events are 0 or 1.
 */
export function countByCellAndTime(rank: Int32Array, nTimes: number, cell: Int32Array, nCells: number, event: ArrayLike<number>): CellTimeCounts {
  const n = rank.length
  const size = nCells * nTimes
  if (size <= Math.max(4 * n, 1 << 20)) {
    const total = new Int32Array(size)
    const events = new Int32Array(size)
    for (let i = 0; i < n; i++) {
      const r = rank[i]!
      const c = cell[i]!
      if (r < 0 || c < 0) continue
      const k = c * nTimes + r
      total[k]!++
      if (event[i] === 1) events[k]!++
    }
    let m = 0
    for (let k = 0; k < size; k++) if (total[k] !== 0) m++
    const out: CellTimeCounts = { start: new Int32Array(nCells + 1), time: new Int32Array(m), total: new Int32Array(m), events: new Int32Array(m) }
    let e = 0
    for (let c = 0; c < nCells; c++) {
      out.start[c] = e
      const off = c * nTimes
      for (let t = 0; t < nTimes; t++) {
        const tot = total[off + t]!
        if (tot === 0) continue
        out.time[e] = t
        out.total[e] = tot
        out.events[e] = events[off + t]!
        e++
      }
    }
    out.start[nCells] = e
    return out
  }
  const order = orderByKeys(rank, nTimes, { key: cell, nKeys: nCells })
  const m = order.length
  let entries = 0
  for (let q = 0; q < m; q++) if (q === 0 || rank[order[q]!] !== rank[order[q - 1]!] || cell[order[q]!] !== cell[order[q - 1]!]) entries++
  const out: CellTimeCounts = { start: new Int32Array(nCells + 1), time: new Int32Array(entries), total: new Int32Array(entries), events: new Int32Array(entries) }
  let e = -1
  let c = -1
  for (let q = 0; q < m; q++) {
    const i = order[q]!
    if (q === 0 || rank[i] !== rank[order[q - 1]!] || cell[i] !== cell[order[q - 1]!]) {
      e++
      while (c < cell[i]!) out.start[++c] = e
      out.time[e] = rank[i]!
    }
    out.total[e]!++
    if (event[i] === 1) out.events[e]!++
  }
  while (c < nCells) out.start[++c] = e + 1
  return out
}
