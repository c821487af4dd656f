// Harrell's concordance between a risk score and right-censored survival, counted the way
// survival::concordancefit() counts it for a coxph fit (survival 3.5-3: R/concordance.R,
// src/concordance3.c), including its infinitesimal-jackknife standard error. O(n log n): patients
// are visited once in decreasing time and compared through two Fenwick (binary indexed) trees over
// the ranks of the score, instead of survival's balanced binary tree; the counts are identical.
//
// Conventions (timewt = "n", reverse = TRUE, i.e. a higher score predicts an earlier event):
// - a pair is comparable when the shorter time is an event; a patient censored at the same time
//   as an event counts as having lived longer;
// - two events at the same time are "tied.y" (not comparable), and "tied.xy" when the scores tie too;
// - equal scores ("tied.x") count one half: C = (concordant + tied.x / 2) / (concordant + discordant + tied.x).
import { orderByKeys } from './survival-shared'

/** Counts and estimate, named as `coxph()$concordance`. */
export interface ConcordanceResult {
  concordant: number
  discordant: number
  tiedX: number
  tiedY: number
  tiedXY: number
  /** Harrell's C; NaN when there is no comparable pair (no events). */
  concordance: number
  /** Infinitesimal-jackknife standard error (`sqrt(concordancefit()$var)`). */
  std: number
}

class Fenwick {
  readonly tree: Float64Array
  readonly node: Float64Array
  total = 0
  constructor(readonly size: number) {
    this.tree = new Float64Array(size + 1)
    this.node = new Float64Array(size)
  }
  add(r: number, w: number): void {
    this.node[r] = this.node[r]! + w
    this.total += w
    for (let i = r + 1; i <= this.size; i += i & -i) this.tree[i] = this.tree[i]! + w
  }
  /** Sum of weights with rank < r. */
  below(r: number): number {
    let s = 0
    for (let i = r; i > 0; i -= i & -i) s += this.tree[i]!
    return s
  }
}

/**
 * Concordance of `score` with survival, stratified when `strata` is given (counts and influence
 * summed over strata, as concordancefit does).
 *
 * @param timeRank per row, the rank of its (timefix-merged) follow-up time; −1 excludes the row
 * @param event 1 event, 0 censored
 * @param score risk score (Cox linear predictor); exact floating-point equality defines ties
 * @param strata per row stratum code (0-based) or null
 *
 * R: `coxph(...)$concordance` (equivalently `concordance(fit)`, timewt = "n")
 */
export function survivalConcordance(timeRank: Int32Array, event: ArrayLike<number>, score: Float64Array, strata: Int32Array | null): ConcordanceResult {
  const n = timeRank.length
  const rows: number[] = []
  for (let i = 0; i < n; i++) if (timeRank[i]! >= 0) rows.push(i)
  const m = rows.length
  // ranks of the score among its distinct values: R's match(risk, sort(unique(risk)))
  const sortedScore = Float64Array.from(rows, (i) => score[i]!).sort()
  let nu = 0
  for (let k = 0; k < m; k++) if (k === 0 || sortedScore[k] !== sortedScore[k - 1]) sortedScore[nu++] = sortedScore[k]!
  const xr = new Int32Array(n)
  for (const i of rows) {
    const v = score[i]!
    let lo = 0
    let hi = nu - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (sortedScore[mid]! < v) lo = mid + 1
      else hi = mid
    }
    xr[i] = lo
  }
  // order: by stratum, then decreasing time, censored before events, events by increasing score
  // (R: order(-time, status, risk) within stratum). Counting sort on the time ranks, then a small
  // sort inside each group of tied event times.
  let maxRank = 0
  for (const i of rows) if (timeRank[i]! > maxRank) maxRank = timeRank[i]!
  let nStrata = 1
  if (strata) for (const i of rows) if (strata[i]! + 1 > nStrata) nStrata = strata[i]! + 1
  const stratOf = (i: number): number => (strata ? strata[i]! : 0)
  const asc = orderByKeys(timeRank, maxRank + 1, strata ? { key: strata, nKeys: nStrata } : undefined)
  const sorted = new Int32Array(m)
  let w = 0
  for (let s1 = 0; s1 < m; ) {
    let s2 = s1
    while (s2 < m && stratOf(asc[s2]!) === stratOf(asc[s1]!)) s2++
    for (let g1 = s2; g1 > s1; ) {
      let g0 = g1 - 1
      while (g0 > s1 && timeRank[asc[g0 - 1]!] === timeRank[asc[g1 - 1]!]) g0--
      const deaths: number[] = []
      for (let q = g0; q < g1; q++) {
        const i = asc[q]!
        if (event[i]) deaths.push(i)
        else sorted[w++] = i
      }
      if (deaths.length > 1) deaths.sort((a, b) => xr[a]! - xr[b]!)
      for (const i of deaths) sorted[w++] = i
      g1 = g0
    }
    s1 = s2
  }

  const count = new Float64Array(5)
  const imat0 = new Float64Array(n)
  const imat1 = new Float64Array(n)
  const imat2 = new Float64Array(n)
  const ntree = new Fenwick(nu)
  const dtree = new Fenwick(nu)
  const walk = (t: Fenwick, r: number): [number, number, number] => {
    const below = t.below(r)
    const eq = t.node[r]!
    return [t.total - below - eq, below, eq] // greater, smaller, tied — survival's wsum[0..2]
  }
  let start = 0
  while (start < m) {
    let stop = start
    const s = stratOf(sorted[start]!)
    while (stop < m && stratOf(sorted[stop]!) === s) stop++
    for (let a = start; a < stop; ) {
      const i0 = sorted[a]!
      if (!event[i0]) {
        const [dg, ds, de] = walk(dtree, xr[i0]!)
        imat0[i0] = imat0[i0]! - ds
        imat1[i0] = imat1[i0]! - dg
        imat2[i0] = imat2[i0]! - de
        ntree.add(xr[i0]!, 1)
        a++
        continue
      }
      // all events at this time (they are sorted by score within the time)
      let b = a
      while (b < stop && timeRank[sorted[b]!] === timeRank[i0] && event[sorted[b]!]) b++
      let dwt = 0
      let dwt2 = 0
      let xsave = xr[i0]!
      for (let q = a; q < b; q++) {
        const j = sorted[q]!
        count[3] = count[3]! + dwt
        dwt += 1
        if (xr[j] !== xsave) {
          dwt2 = 0
          xsave = xr[j]!
        }
        count[4] = count[4]! + dwt2
        dwt2 += 1
        const [g, sm, e] = walk(ntree, xr[j]!)
        count[0] = count[0]! + g
        count[1] = count[1]! + sm
        count[2] = count[2]! + e
        imat0[j] = imat0[j]! + g
        imat1[j] = imat1[j]! + sm
        imat2[j] = imat2[j]! + e
        dtree.add(xr[j]!, 1)
      }
      for (let q = a; q < b; q++) {
        const j = sorted[q]!
        const [dg, ds, de] = walk(dtree, xr[j]!)
        imat0[j] = imat0[j]! - ds
        imat1[j] = imat1[j]! - dg
        imat2[j] = imat2[j]! - de
        ntree.add(xr[j]!, 1)
      }
      a = b
    }
    for (let a = start; a < stop; a++) {
      const i = sorted[a]!
      const [dg, ds, de] = walk(dtree, xr[i]!)
      imat0[i] = imat0[i]! + ds
      imat1[i] = imat1[i]! + dg
      imat2[i] = imat2[i]! + de
    }
    // empty both trees for the next stratum
    for (let a = start; a < stop; a++) {
      const i = sorted[a]!
      ntree.add(xr[i]!, -1)
      if (event[i]) dtree.add(xr[i]!, -1)
    }
    ntree.total = 0
    dtree.total = 0
    start = stop
  }
  count[3] = count[3]! - count[4]! // tied.xy were also counted as tied.y

  const npair = count[0]! + count[1]! + count[2]!
  const somer = (count[0]! - count[1]!) / npair
  let varSomer = 0
  for (const i of rows) {
    const d = (imat0[i]! - imat1[i]!) / npair - (somer / npair) * (imat0[i]! + imat1[i]! + imat2[i]!)
    varSomer += d * d
  }
  const concordanceForward = (somer + 1) / 2
  return {
    // reverse = TRUE: swap concordant and discordant, C -> 1 - C
    concordant: count[1]!,
    discordant: count[0]!,
    tiedX: count[2]!,
    tiedY: count[3]!,
    tiedXY: count[4]!,
    concordance: 1 - concordanceForward,
    std: Math.sqrt(varSomer / 4),
  }
}
