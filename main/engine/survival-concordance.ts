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
import { denseRanks, orderByKeys } from './sort'

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

// Fenwick tree over score ranks 0..size−1 with integer counts (unit case weights; Int32 halves the
// memory the random accesses touch): tree has size + 1 cells, node holds each rank's own count.
function fenwickAdd(tree: Int32Array, node: Int32Array, r: number, w: number): void {
  node[r] = node[r]! + w
  const size = node.length
  for (let i = r + 1; i <= size; i += i & -i) tree[i] = tree[i]! + w
}

/** Adds w at position k of a plain Fenwick tree (tree has size + 1 cells). */
function fenwickAddAt(tree: Int32Array, k: number, w: number): void {
  for (let q = k + 1; q < tree.length; q += q & -q) tree[q] = tree[q]! + w
}

/** Sum of the weights with rank < r. */
function fenwickBelow(tree: Int32Array, r: number): number {
  let s = 0
  for (let i = r; i > 0; i -= i & -i) s += tree[i]!
  return s
}

/**
 * Concordance of `score` with survival, stratified when `strata` is given (counts and influence
 * summed over strata, as concordancefit does).
 *
 * @param timeRank per row, the rank of its (timefix-merged) follow-up time; −1 excludes the row
 * @param event 1 event, 0 censored
 * @param score risk score (Cox linear predictor); exact floating-point equality defines ties
 * @param strata per row stratum code (0-based) or null
 * @param sweep which ordering to sweep in (for tests; by default the one with the smaller tree):
 *   'time' visits patients in decreasing time with a tree over score ranks (survival's own order),
 *   'score' visits them in increasing score with a tree over time ranks, which is much faster
 *   when follow-up times have far fewer distinct values than the scores (the usual case)
 *
 * R: `coxph(...)$concordance` (equivalently `concordance(fit)`, timewt = "n")
 */
export function survivalConcordance(timeRank: Int32Array, event: ArrayLike<number>, score: Float64Array, strata: Int32Array | null, sweep?: 'time' | 'score'): ConcordanceResult {
  const n = timeRank.length
  const { xr, nu } = scoreRanks(timeRank, score)
  const count = new Float64Array(5)
  const imat0 = new Float64Array(n)
  const imat1 = new Float64Array(n)
  const imat2 = new Float64Array(n)
  let nTimes = 0
  let nStrata = 1
  for (let i = 0; i < n; i++) {
    if (timeRank[i]! < 0) continue
    if (timeRank[i]! + 1 > nTimes) nTimes = timeRank[i]! + 1
    if (strata && strata[i]! + 1 > nStrata) nStrata = strata[i]! + 1
  }
  const useScoreSweep = sweep ? sweep === 'score' : 2 * nTimes * nStrata < nu
  let rows: Int32Array
  if (useScoreSweep) {
    rows = sweepByScore(timeRank, event, xr, nu, strata, nTimes, nStrata, count, imat0, imat1, imat2)
  } else {
    const sorted = concordanceOrder(timeRank, event, xr, strata)
    rows = sorted
    const m = sorted.length
    const trees: Trees = { nTree: new Int32Array(nu + 1), nNode: new Int32Array(nu), nTotal: 0, dTree: new Int32Array(nu + 1), dNode: new Int32Array(nu), dTotal: 0 }
    let start = 0
    while (start < m) {
      let stop = start + 1
      if (strata) {
        const st = strata[sorted[start]!]
        while (stop < m && strata[sorted[stop]!] === st) stop++
      } else stop = m
      sweepStratum(sorted, start, stop, timeRank, event, xr, trees, count, imat0, imat1, imat2)
      start = stop
    }
  }
  count[3] = count[3]! - count[4]! // tied.xy were also counted as tied.y

  const npair = count[0]! + count[1]! + count[2]!
  const somer = (count[0]! - count[1]!) / npair
  const varSomer = influenceVariance(rows, imat0, imat1, imat2, npair, somer)
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

interface Trees {
  /** All patients already passed (longer follow-up): the risk-set tree. */
  nTree: Int32Array
  nNode: Int32Array
  nTotal: number
  /** Events already passed: for the influence terms. */
  dTree: Int32Array
  dNode: Int32Array
  dTotal: number
}

/** Ranks of the score among its distinct values (R: match(risk, sort(unique(risk)))), −1 for excluded rows. */
function scoreRanks(timeRank: Int32Array, score: Float64Array): { xr: Int32Array; nu: number } {
  const n = timeRank.length
  let m = 0
  for (let i = 0; i < n; i++) if (timeRank[i]! >= 0) m++
  const rows = new Int32Array(m)
  for (let i = 0, k = 0; i < n; i++) if (timeRank[i]! >= 0) rows[k++] = i
  const { ranks, distinct } = denseRanks(score, rows)
  const xr = new Int32Array(n).fill(-1)
  for (let k = 0; k < m; k++) xr[rows[k]!] = ranks[k]!
  return { xr, nu: distinct.length }
}

/**
 * Rows by stratum, then decreasing time, censored before events at the same time, events by
 * increasing score (R: order(-time, status, risk) within stratum): a counting sort on the time
 * ranks, then a small sort inside each group of tied event times.
 */
function concordanceOrder(timeRank: Int32Array, event: ArrayLike<number>, xr: Int32Array, strata: Int32Array | null): Int32Array {
  const n = timeRank.length
  let maxRank = 0
  let nStrata = 1
  for (let i = 0; i < n; i++) {
    if (timeRank[i]! > maxRank) maxRank = timeRank[i]!
    if (strata && timeRank[i]! >= 0 && strata[i]! + 1 > nStrata) nStrata = strata[i]! + 1
  }
  const asc = orderByKeys(timeRank, maxRank + 1, strata ? { key: strata, nKeys: nStrata } : undefined)
  const m = asc.length
  const sorted = new Int32Array(m)
  const deaths: number[] = []
  let w = 0
  for (let s1 = 0; s1 < m; ) {
    let s2 = s1 + 1
    if (strata) while (s2 < m && strata[asc[s2]!] === strata[asc[s1]!]) s2++
    else s2 = m
    for (let g1 = s2; g1 > s1; ) {
      let g0 = g1 - 1
      const t = timeRank[asc[g0]!]
      while (g0 > s1 && timeRank[asc[g0 - 1]!] === t) g0--
      deaths.length = 0
      for (let q = g0; q < g1; q++) {
        const i = asc[q]!
        if (event[i]) deaths.push(i)
        else sorted[w++] = i
      }
      if (deaths.length > 1) deaths.sort((a, b) => xr[a]! - xr[b]!)
      for (let q = 0; q < deaths.length; q++) sorted[w++] = deaths[q]!
      g1 = g0
    }
    s1 = s2
  }
  return sorted
}

/** concordance3.c's main loop for one stratum (unit case weights, timewt = "n"). */
function sweepStratum(
  sorted: Int32Array,
  start: number,
  stop: number,
  timeRank: Int32Array,
  event: ArrayLike<number>,
  xr: Int32Array,
  t: Trees,
  count: Float64Array,
  imat0: Float64Array,
  imat1: Float64Array,
  imat2: Float64Array,
): void {
  const { nTree, nNode, dTree, dNode } = t
  let nTotal = 0
  let dTotal = 0
  for (let a = start; a < stop; ) {
    const i0 = sorted[a]!
    if (!event[i0]) {
      // censored: start of its influence window over later (shorter-time) events
      const r = xr[i0]!
      const below = fenwickBelow(dTree, r)
      const eq = dNode[r]!
      imat0[i0] = imat0[i0]! - below
      imat1[i0] = imat1[i0]! - (dTotal - below - eq)
      imat2[i0] = imat2[i0]! - eq
      fenwickAdd(nTree, nNode, r, 1)
      nTotal++
      a++
      continue
    }
    let b = a
    while (b < stop && timeRank[sorted[b]!] === timeRank[i0] && event[sorted[b]!]) b++
    let dwt = 0
    let dwt2 = 0
    let xsave = xr[i0]!
    for (let q = a; q < b; q++) {
      const j = sorted[q]!
      const r = xr[j]!
      count[3] = count[3]! + dwt
      dwt += 1
      if (r !== xsave) {
        dwt2 = 0
        xsave = r
      }
      count[4] = count[4]! + dwt2
      dwt2 += 1
      const below = fenwickBelow(nTree, r)
      const eq = nNode[r]!
      const greater = nTotal - below - eq
      count[0] = count[0]! + greater
      count[1] = count[1]! + below
      count[2] = count[2]! + eq
      imat0[j] = imat0[j]! + greater
      imat1[j] = imat1[j]! + below
      imat2[j] = imat2[j]! + eq
      fenwickAdd(dTree, dNode, r, 1)
      dTotal++
    }
    for (let q = a; q < b; q++) {
      const j = sorted[q]!
      const r = xr[j]!
      const below = fenwickBelow(dTree, r)
      const eq = dNode[r]!
      imat0[j] = imat0[j]! - below
      imat1[j] = imat1[j]! - (dTotal - below - eq)
      imat2[j] = imat2[j]! - eq
      fenwickAdd(nTree, nNode, r, 1)
      nTotal++
    }
    a = b
  }
  // Close every influence window with all the stratum's events (the final tree). When the stratum
  // is large relative to the number of distinct scores, one cumulative pass over the ranks replaces
  // a tree walk per patient.
  if ((stop - start) * 4 >= dNode.length) {
    const cum = new Int32Array(dNode.length + 1)
    for (let r = 0; r < dNode.length; r++) cum[r + 1] = cum[r]! + dNode[r]!
    for (let a = start; a < stop; a++) {
      const i = sorted[a]!
      const r = xr[i]!
      const below = cum[r]!
      const eq = dNode[r]!
      imat0[i] = imat0[i]! + below
      imat1[i] = imat1[i]! + (dTotal - below - eq)
      imat2[i] = imat2[i]! + eq
    }
  } else {
    for (let a = start; a < stop; a++) {
      const i = sorted[a]!
      const r = xr[i]!
      const below = fenwickBelow(dTree, r)
      const eq = dNode[r]!
      imat0[i] = imat0[i]! + below
      imat1[i] = imat1[i]! + (dTotal - below - eq)
      imat2[i] = imat2[i]! + eq
    }
  }
  if (stop === sorted.length) return // last stratum: no need to empty the trees
  for (let a = start; a < stop; a++) {
    const i = sorted[a]!
    fenwickAdd(nTree, nNode, xr[i]!, -1)
    if (event[i]) fenwickAdd(dTree, dNode, xr[i]!, -1)
  }
}

/**
 * The same counts and influence terms as {@link sweepStratum}, visiting patients by increasing
 * score with Fenwick trees over (stratum, time) keys. Patient i lies in the risk set of an event
 * j of the same stratum when key(i) > 2·t_j, with key = 2·t + 1 for a censoring and 2·t for an
 * event (t = time rank): longer follow-up, or censored at the event's time. Patients with equal
 * scores are handled as a group (tied.x) through two small per-group trees.
 * Returns the rows visited.
 */
function sweepByScore(
  timeRank: Int32Array,
  event: ArrayLike<number>,
  xr: Int32Array,
  nu: number,
  strata: Int32Array | null,
  nTimes: number,
  nStrata: number,
  count: Float64Array,
  imat0: Float64Array,
  imat1: Float64Array,
  imat2: Float64Array,
): Int32Array {
  const n = timeRank.length
  const K = 2 * nTimes
  const size = K * nStrata
  const base = (i: number): number => (strata ? strata[i]! * K : 0)
  const key = (i: number): number => 2 * timeRank[i]! + (event[i] ? 0 : 1)
  // all patients and all events per (stratum, key), as suffix/prefix counts
  const allAt = new Int32Array(size + 1)
  const deathAt = new Int32Array(size + 1)
  for (let i = 0; i < n; i++) {
    if (timeRank[i]! < 0) continue
    allAt[base(i) + key(i) + 1]!++
    if (event[i]) deathAt[base(i) + 2 * timeRank[i]! + 1]!++
  }
  for (let k = 0; k < size; k++) {
    allAt[k + 1] = allAt[k + 1]! + allAt[k]!
    deathAt[k + 1] = deathAt[k + 1]! + deathAt[k]!
  }
  // allAt[k] = patients with global key < k; deathAt[k] = events with global query key 2t < k
  const byScore = orderByKeys(xr, nu)
  const m = byScore.length
  // Gather what the sweep needs into arrays in score order, so that the loop reads sequentially.
  const kq = new Int32Array(m) // global key of the patient
  const eq = new Int32Array(m) // global query key (stratum base + 2t) of an event, −1 for a censoring
  const bq = new Int32Array(m) // stratum base
  const xq = new Int32Array(m) // score rank
  for (let q = 0; q < m; q++) {
    const i = byScore[q]!
    const b = base(i)
    bq[q] = b
    kq[q] = b + key(i)
    eq[q] = event[i] ? b + 2 * timeRank[i]! : -1
    xq[q] = xr[i]!
  }
  const i0 = new Float64Array(m)
  const i1 = new Float64Array(m)
  const i2 = new Float64Array(m)
  const nTree = new Int32Array(size + 1)
  const dTree = new Int32Array(size + 1)
  const gTree = new Int32Array(size + 1)
  const gdTree = new Int32Array(size + 1)
  for (let g0 = 0; g0 < m; ) {
    let g1 = g0 + 1
    while (g1 < m && xq[g1] === xq[g0]) g1++
    // equal scores: put the group in the group trees
    for (let q = g0; q < g1; q++) {
      fenwickAddAt(gTree, kq[q]!, 1)
      if (eq[q]! >= 0) fenwickAddAt(gdTree, eq[q]!, 1)
    }
    for (let q = g0; q < g1; q++) {
      const b = bq[q]!
      const ki = kq[q]!
      // as the longer-lived member of pairs with events (smaller, equal, larger score)
      const dLess = fenwickBelow(dTree, ki) - fenwickBelow(dTree, b)
      const dEq = fenwickBelow(gdTree, ki) - fenwickBelow(gdTree, b)
      const dAll = deathAt[ki]! - deathAt[b]!
      let c0 = dLess
      let c1 = dAll - dLess - dEq
      let c2 = dEq
      const e = eq[q]!
      if (e >= 0) {
        // as the event: the risk set is keys 2t+1 .. K−1 of its stratum
        const lo = e + 1
        const hi = b + K
        const less = fenwickBelow(nTree, hi) - fenwickBelow(nTree, lo)
        const same = fenwickBelow(gTree, hi) - fenwickBelow(gTree, lo)
        const greater = allAt[hi]! - allAt[lo]! - less - same
        count[0] = count[0]! + greater
        count[1] = count[1]! + less
        count[2] = count[2]! + same
        c0 += greater
        c1 += less
        c2 += same
      }
      i0[q] = c0
      i1[q] = c1
      i2[q] = c2
    }
    for (let q = g0; q < g1; q++) {
      fenwickAddAt(gTree, kq[q]!, -1)
      fenwickAddAt(nTree, kq[q]!, 1)
      if (eq[q]! >= 0) {
        fenwickAddAt(gdTree, eq[q]!, -1)
        fenwickAddAt(dTree, eq[q]!, 1)
      }
    }
    g0 = g1
  }
  for (let q = 0; q < m; q++) {
    const i = byScore[q]!
    imat0[i] = imat0[i]! + i0[q]!
    imat1[i] = imat1[i]! + i1[q]!
    imat2[i] = imat2[i]! + i2[q]!
  }
  // tied.y: pairs of events at the same time (and stratum); tied.xy: those with equal scores too.
  // Events by score, then stably by (stratum, time): equal scores are adjacent within a time.
  const evKey = new Int32Array(n).fill(-1)
  for (let q = 0; q < m; q++) if (eq[q]! >= 0) evKey[byScore[q]!] = eq[q]! / 2
  const byTime = countingByKeyStable(byScore, evKey, nTimes * nStrata)
  for (let a = 0; a < byTime.length; ) {
    let b = a
    while (b < byTime.length && evKey[byTime[b]!] === evKey[byTime[a]!]) b++
    const d = b - a
    count[3] = count[3]! + (d * (d - 1)) / 2
    for (let c = a; c < b; ) {
      let e = c
      while (e < b && xr[byTime[e]!] === xr[byTime[c]!]) e++
      const k = e - c
      count[4] = count[4]! + (k * (k - 1)) / 2
      c = e
    }
    a = b
  }
  return byScore
}

/** Stable counting sort of `input` (row indices) by key[row] in [0, nKeys), leaving out key −1. */
function countingByKeyStable(input: Int32Array, key: Int32Array, nKeys: number): Int32Array {
  const cnt = new Int32Array(nKeys + 1)
  let m = 0
  for (let q = 0; q < input.length; q++) {
    const k = key[input[q]!]!
    if (k < 0) continue
    cnt[k + 1]!++
    m++
  }
  for (let k = 0; k < nKeys; k++) cnt[k + 1] = cnt[k + 1]! + cnt[k]!
  const out = new Int32Array(m)
  for (let q = 0; q < input.length; q++) {
    const i = input[q]!
    const k = key[i]!
    if (k < 0) continue
    out[cnt[k]!++] = i
  }
  return out
}

/** concordancefit's infinitesimal-jackknife variance of Somers' d: Σ dfbeta² (unit weights). */
function influenceVariance(rows: Int32Array, imat0: Float64Array, imat1: Float64Array, imat2: Float64Array, npair: number, somer: number): number {
  let v = 0
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!
    const d = (imat0[i]! - imat1[i]!) / npair - (somer / npair) * (imat0[i]! + imat1[i]! + imat2[i]!)
    v += d * d
  }
  return v
}
