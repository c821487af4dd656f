// Greedy nearest-neighbour matching on a scalar distance (a propensity score or its logit), unit for
// unit as MatchIt (>= 4.6) does it in nn_matchC_vec() / find_control_vec() (src/internal.cpp,
// MatchIt 4.7.2), for the ATT with method = "nearest":
//
//  * All units are sorted by distance with a stable sort (R's order()); treated units are visited in
//    `m.order` (largest / smallest distance first with a stable sort, so equal scores keep row order;
//    data order; or a random permutation drawn by R's sample() after set.seed()).
//  * From a treated unit's place in the sorted order MatchIt steps outward alternately one place to
//    the left (lower scores) and one to the right, skipping treated and already-used units. A side
//    stops at the first eligible control farther than the caliper (a distance equal to the caliper is
//    accepted), or — once it has a candidate — at the first that is strictly farther than the best
//    one found. The closest candidate wins; on an exact distance tie the one found first wins, i.e.
//    the one fewer places away in the sorted order, and the left (lower) one when both are equally
//    many places away.
//  * Without replacement and ratio k, matching proceeds in k rounds: every treated unit (in m.order)
//    gets its first control, then every still-matchable one its second, and so on; round r searches
//    outward from the outermost controls already matched to the unit and skips controls closer than
//    the farthest of them (MatchIt's `min_dist`). A treated unit with no control in round r gets no
//    more. With replacement every treated unit takes its k nearest at once (MatchIt then ignores
//    m.order); the k are chosen among the candidates with libstdc++'s partial_sort, reproduced below,
//    so that even ties come out in MatchIt's order.
//
// MatchIt scans used units one by one (quadratic in the worst case); here used controls are skipped
// with two union–find "next/previous alive control" structures over the sorted order, so the search
// costs O(n α(n)) after an O(n) radix sort, and visits the same candidates in the same order.
import { EngineInputError, engineWarning, type EngineWarning } from './errors'
import { RRandom } from './r-random'
import type { ProgressReporter } from './progress'
import { stableOrder } from './sort'
import { ENGINE_VERSION } from './version'

/** Order in which treated units choose their controls. R: matchit(m.order = …). */
export type MatchOrder = 'largest' | 'smallest' | 'data' | 'random'

export interface NearestNeighborMatchingOptions {
  /** Controls per treated unit (k:1). Default 1. R: ratio. */
  ratio?: number
  /** Match with replacement. Default false. R: replace. */
  replace?: boolean
  /**
   * Maximum allowed |distance difference|. Undefined = no caliper. In units of the distance when
   * `stdCaliper` is false, in standard deviations of the distance when true. R: caliper.
   */
  caliper?: number
  /**
   * Caliper in SDs of the distance (MatchIt's default, std.caliper = TRUE): the SD is R's sd() of
   * the distance over all units, treated and control together (MatchIt's process.caliper():
   * `sd(distance[!discarded])`), not a pooled within-group SD. Default true, as MatchIt.
   */
  stdCaliper?: boolean
  /** Default 'largest' (MatchIt's default for the ATT). Forced to 'data' with replacement, as MatchIt. */
  order?: MatchOrder
  /** Seed for order = 'random': the engine draws R's `set.seed(seed); sample(n1)`. */
  seed?: number
  /** Told every 2 % of the treated patients (per round with ratio > 1). */
  progress?: ProgressReporter
}

export interface NearestNeighborMatchingInput {
  /** 1 = treated, 0 = control, one per unit. */
  treat: ArrayLike<number>
  /** The distance measure (propensity score, or its logit), one per unit. */
  distance: ArrayLike<number>
}

export interface NearestNeighborMatchingResult {
  method: 'nearest-neighbor-matching'
  /** Resolved options: defaults filled in, the order actually used, the caliper in distance units. */
  options: {
    ratio: number
    replace: boolean
    caliper: number | null
    stdCaliper: boolean
    /** The caliper on the distance scale that was applied (null without a caliper). */
    caliperDistance: number | null
    /** The SD of the distance used to scale a standardized caliper (null otherwise). */
    distanceSd: number | null
    order: MatchOrder
    /** The order asked for (differs from `order` when replacement forces 'data'). */
    requestedOrder: MatchOrder
    seed: number | null
    estimand: 'ATT'
  }
  n: number
  nTreated: number
  nControl: number
  /** 0-based indices of the treated units, in data order (the rows of `matchMatrix`). */
  treated: Int32Array
  /**
   * nTreated × ratio, row-major: the 0-based unit index of each treated unit's j-th control in the
   * order MatchIt's match.matrix lists them, −1 where there is none (R's NA).
   */
  matchMatrix: Int32Array
  /** Number of matched pairs (treated–control links; a treated unit with k controls counts k). */
  nPairs: number
  /** 0-based indices of treated units without any control. */
  unmatchedTreated: Int32Array
  /** Number of controls used at least once. */
  nMatchedControls: number
  /** Number of treated units with at least one control. */
  nMatchedTreated: number
  /** MatchIt's matching weights (normalize = TRUE): 0 for unmatched units. */
  weights: Float64Array
  warnings: EngineWarning[]
  engineVersion: string
  /** The MatchIt call that reproduces the matching (given the same distance). */
  rCall: string
}

/** Sample standard deviation (n − 1), R's sd(). */
export function sampleSd(x: ArrayLike<number>): number {
  const n = x.length
  let m = 0
  for (let i = 0; i < n; i++) m += x[i]!
  m /= n
  let s = 0
  for (let i = 0; i < n; i++) s += (x[i]! - m) * (x[i]! - m)
  return Math.sqrt(s / (n - 1))
}

// ---- libstdc++ partial_sort / insertion sort on candidate slots (comp: dist[a] < dist[b]) ---------

function adjustHeap(a: number[], hole: number, len: number, value: number, d: readonly number[]): void {
  const top = hole
  let second = hole
  while (second < Math.trunc((len - 1) / 2)) {
    second = 2 * (second + 1)
    if (d[a[second]!]! < d[a[second - 1]!]!) second--
    a[hole] = a[second]!
    hole = second
  }
  if ((len & 1) === 0 && second === Math.trunc((len - 2) / 2)) {
    second = 2 * (second + 1)
    a[hole] = a[second - 1]!
    hole = second - 1
  }
  let parent = Math.trunc((hole - 1) / 2)
  while (hole > top && d[a[parent]!]! < d[value]!) {
    a[hole] = a[parent]!
    hole = parent
    parent = Math.trunc((hole - 1) / 2)
  }
  a[hole] = value
}

/** std::partial_sort(a.begin(), a.begin() + middle, a.end(), comp) exactly as libstdc++ does it. */
function partialSort(a: number[], middle: number, d: readonly number[]): void {
  // __make_heap(first, middle)
  if (middle >= 2) {
    let parent = Math.trunc((middle - 2) / 2)
    for (;;) {
      adjustHeap(a, parent, middle, a[parent]!, d)
      if (parent === 0) break
      parent--
    }
  }
  // __heap_select
  for (let i = middle; i < a.length; i++) {
    if (d[a[i]!]! < d[a[0]!]!) {
      const value = a[i]!
      a[i] = a[0]!
      adjustHeap(a, 0, middle, value, d)
    }
  }
  // __sort_heap(first, middle)
  for (let last = middle; last > 1; ) {
    last--
    const value = a[last]!
    a[last] = a[0]!
    adjustHeap(a, 0, last, value, d)
  }
}

/** std::sort for at most 16 elements is libstdc++'s insertion sort (stable for a strict comp). */
function insertionSort(a: number[], d: readonly number[]): void {
  for (let i = 1; i < a.length; i++) {
    const v = a[i]!
    let j = i
    while (j > 0 && d[v]! < d[a[j - 1]!]!) {
      a[j] = a[j - 1]!
      j--
    }
    a[j] = v
  }
}

interface ResolvedInput {
  n: number
  n1: number
  n0: number
  isTreated: Uint8Array
  d: Float64Array
}

/** Checks the options and the data; copies them into typed arrays. */
function readInput(input: NearestNeighborMatchingInput, options: NearestNeighborMatchingOptions): ResolvedInput {
  const { treat, distance } = input
  const n = treat.length
  if (distance.length !== n) throw new EngineInputError('LENGTH_MISMATCH', `treat has ${n} values but distance has ${distance.length}.`)
  const ratio = options.ratio ?? 1
  const requestedOrder = options.order ?? 'largest'
  if (!Number.isInteger(ratio) || ratio < 1) throw new EngineInputError('INVALID_OPTION', `ratio must be a whole number of at least 1, got ${ratio}.`)
  if (options.caliper !== undefined && !(options.caliper > 0 && Number.isFinite(options.caliper))) {
    throw new EngineInputError('INVALID_OPTION', `caliper must be a positive number, got ${options.caliper}.`)
  }
  if (!['largest', 'smallest', 'data', 'random'].includes(requestedOrder)) throw new EngineInputError('INVALID_OPTION', `order must be largest, smallest, data or random, got ${String(requestedOrder)}.`)

  const isTreated = new Uint8Array(n)
  const d = new Float64Array(n)
  let n1 = 0
  for (let i = 0; i < n; i++) {
    const t = treat[i]!
    if (t !== 0 && t !== 1) throw new EngineInputError('TREATMENT_NOT_BINARY', `The treatment must be 0 (control) or 1 (treated); row ${i + 1} has ${String(t)}.`)
    isTreated[i] = t
    n1 += t
    const v = distance[i]!
    if (!Number.isFinite(v)) throw new EngineInputError('NON_FINITE_VALUE', `The distance of row ${i + 1} is missing or infinite.`)
    d[i] = v
  }
  const n0 = n - n1
  if (n1 === 0) throw new EngineInputError('EMPTY_GROUP', 'There are no treated patients (treatment = 1): matching needs both groups.')
  if (n0 === 0) throw new EngineInputError('EMPTY_GROUP', 'There are no control patients (treatment = 0): matching needs both groups.')
  return { n, n1, n0, isTreated, d }
}

/** The caliper on the distance scale (and the SD that scaled it); without one, max − min + 1 as MatchIt. */
function resolveCaliper(d: Float64Array, options: NearestNeighborMatchingOptions, stdCaliper: boolean): { caliper: number; caliperDistance: number | null; distanceSd: number | null } {
  let distanceSd: number | null = null
  let caliperDistance: number | null = null
  if (options.caliper !== undefined) {
    if (stdCaliper) {
      distanceSd = sampleSd(d)
      caliperDistance = options.caliper * distanceSd
    } else {
      caliperDistance = options.caliper
    }
  }
  // Without a caliper MatchIt uses max − min + 1, which no distance exceeds.
  let dmin = Infinity
  let dmax = -Infinity
  for (let i = 0; i < d.length; i++) {
    if (d[i]! < dmin) dmin = d[i]!
    if (d[i]! > dmax) dmax = d[i]!
  }
  return { caliper: caliperDistance ?? dmax - dmin + 1, caliperDistance, distanceSd }
}

/** Visiting order of the treated units (0-based positions among the treated). */
function visitingOrder(order: MatchOrder, treatedIdx: Int32Array, d: Float64Array, seed: number | null): Int32Array {
  const n1 = treatedIdx.length
  if (order === 'data') {
    const visit = new Int32Array(n1)
    for (let t = 0; t < n1; t++) visit[t] = t
    return visit
  }
  if (order === 'random') return new RRandom(seed!).samplePermutation(n1).map((v) => v - 1)
  const dt = new Float64Array(n1)
  for (let t = 0; t < n1; t++) dt[t] = d[treatedIdx[t]!]!
  return stableOrder(dt, order === 'largest')
}

/**
 * Controls still available, over the sorted places: `next(s)` is the first alive place ≥ s (n if
 * none), `prev(s)` the last alive place ≤ s (−1 if none); union–find with path compression, so a
 * whole matching costs O(n α(n)) instead of MatchIt's one-by-one scan past used units.
 */
class AliveControls {
  private readonly nextP: Int32Array
  /** Shifted by one: prevP[s + 1] describes place s. */
  private readonly prevP: Int32Array
  left: number

  constructor(sorted: Int32Array, isTreated: Uint8Array, nControls: number) {
    const n = sorted.length
    this.nextP = new Int32Array(n + 1)
    this.prevP = new Int32Array(n + 1)
    for (let s = 0; s < n; s++) {
      const alive = !isTreated[sorted[s]!]
      this.nextP[s] = alive ? s : s + 1
      this.prevP[s + 1] = alive ? s + 1 : s
    }
    this.nextP[n] = n
    this.prevP[0] = 0
    this.left = nControls
  }

  next(s: number): number {
    const nextP = this.nextP
    let r = s
    while (nextP[r] !== r) r = nextP[r]!
    while (nextP[s] !== r) {
      const nx = nextP[s]!
      nextP[s] = r
      s = nx
    }
    return r
  }

  prev(s: number): number {
    const prevP = this.prevP
    let q = s + 1
    let r = q
    while (prevP[r] !== r) r = prevP[r]!
    while (prevP[q] !== r) {
      const nx = prevP[q]!
      prevP[q] = r
      q = nx
    }
    return r - 1
  }

  /** The control at sorted place `s` is used up (reuse.max = 1). */
  remove(s: number): void {
    this.nextP[s] = s + 1
    this.prevP[s + 1] = s
    this.left--
  }
}

/** The state one matching run shares between its searches. */
interface MatchState {
  n: number
  d: Float64Array
  sorted: Int32Array
  place: Int32Array
  ratio: number
  caliper: number
  alive: AliveControls
  matchMatrix: Int32Array
  nMatchedOf: Int32Array
  /** Candidate bookkeeping reused across searches. */
  candUnits: number[]
  candDist: number[]
}

/**
 * Smallest distance a round-r search may accept and the outermost places it starts from: MatchIt's
 * `min_dist`, from the controls already matched to treated unit `tt` (its place is `ii`).
 */
function searchStart(st: MatchState, tt: number, ii: number, di: number, r: number): { iil: number; iir: number; minDist: number } {
  let iil = ii
  let iir = ii
  let minDist = 0
  const matched = st.nMatchedOf[tt]!
  if (r > 1 && matched > 0) {
    for (let j = 0; j < matched; j++) {
      const s = st.place[st.matchMatrix[tt * st.ratio + j]!]!
      if (s < iil) iil = s
      if (s > iir) iir = s
    }
    const { d, sorted } = st
    if (iil === ii) minDist = Math.abs(di - d[sorted[iir]!]!)
    else if (iir === ii) minDist = Math.abs(di - d[sorted[iil]!]!)
    else minDist = Math.max(Math.abs(di - d[sorted[iil]!]!), Math.abs(di - d[sorted[iir]!]!))
  }
  return { iil, iir, minDist }
}

/** The chosen controls among the candidates found, in MatchIt's order (libstdc++'s sorts). */
function chooseCandidates(candUnits: readonly number[], candDist: readonly number[], want: number): number[] {
  const m = candUnits.length
  if (m <= 1) return candUnits.slice()
  let isSorted = true
  for (let j = 1; j < m; j++) if (candDist[j]! < candDist[j - 1]!) isSorted = false
  if (m <= want && isSorted) return candUnits.slice()
  const slots = Array.from({ length: m }, (_, j) => j)
  if (m > want) {
    partialSort(slots, want, candDist)
    return slots.slice(0, want).map((j) => candUnits[j]!)
  }
  insertionSort(slots, candDist)
  return slots.map((j) => candUnits[j]!)
}

/**
 * find_control_vec for treated unit `t` (position `tt` among treated) in round `r`, wanting `want`
 * controls. Returns the chosen control units in MatchIt's order.
 */
function findControls(st: MatchState, t: number, tt: number, r: number, want: number): number[] {
  const { n, d, sorted, alive, caliper, candUnits, candDist } = st
  const ii = st.place[t]!
  const di = d[t]!
  const { iil, iir, minDist } = searchStart(st, tt, ii, di, r)
  const startL = iil
  const startR = iir
  candUnits.length = 0
  candDist.length = 0
  let lStop = false
  let rStop = false
  let numL = 0
  let numR = 0
  let posL = iil > 0 ? alive.prev(iil - 1) : -1
  let posR = iir < n - 1 ? alive.next(iir + 1) : n
  if (posL < 0) lStop = true
  if (posR >= n) rStop = true
  while (!lStop || !rStop) {
    // Both sides step alternately, left first: the left candidate `a` places away is reached
    // before the right one `b` places away iff a <= b. Once one side stops the other runs alone.
    const left = lStop ? false : rStop ? true : startL - posL <= posR - startR
    const pos = left ? posL : posR
    const unit = sorted[pos]!
    const distC = Math.abs(di - d[unit]!)
    // 0: move on to the next control on this side; 1: stop this side; 2: accept the candidate.
    let action = 2
    // mm_okay: a control already matched to this unit is skipped (only possible with reuse).
    if (r > 1) for (let j = 0; j < st.nMatchedOf[tt]!; j++) if (st.matchMatrix[tt * st.ratio + j] === unit) action = 0
    if (action === 2) {
      if (distC > caliper) action = 1
      else if (distC < minDist) action = 0
      else if (candUnits.length >= want) {
        let closer = 0
        for (let j = 0; j < candDist.length; j++) {
          if (candDist[j]! < distC) {
            closer++
            if (closer === want) break
          }
        }
        if (closer >= want) action = 1
      }
    }
    if (action === 2) {
      candUnits.push(unit)
      candDist.push(distC)
      if (left) {
        if (++numL === want) action = 1
      } else if (++numR === want) action = 1
    }
    if (action === 1) {
      if (left) lStop = true
      else rStop = true
    } else if (left) {
      posL = pos > 0 ? alive.prev(pos - 1) : -1
      if (posL < 0) lStop = true
    } else {
      posR = pos < n - 1 ? alive.next(pos + 1) : n
      if (posR >= n) rStop = true
    }
  }
  return chooseCandidates(candUnits, candDist, want)
}

/** Without replacement: rounds r = 1..ratio, one control per treated unit per round. */
function matchInRounds(st: MatchState, visit: Int32Array, treatedIdx: Int32Array, progress: ProgressReporter | undefined): void {
  const n1 = treatedIdx.length
  const ratio = st.ratio
  const every = Math.max(1, Math.ceil(n1 / 50))
  const treatedEligible = new Uint8Array(n1).fill(1)
  const timesMatched = new Int32Array(n1)
  for (let r = 1; r <= ratio; r++) {
    for (let v = 0; v < n1; v++) {
      if (st.alive.left === 0) break
      if (progress && v % every === 0) progress((r - 1) * n1 + v, ratio * n1, 'Nearest-neighbour matching')
      const tt = visit[v]!
      if (!treatedEligible[tt]) continue
      const k = findControls(st, treatedIdx[tt]!, tt, r, 1)
      if (k.length === 0) {
        treatedEligible[tt] = 0
        continue
      }
      const c = k[0]!
      st.matchMatrix[tt * ratio + st.nMatchedOf[tt]!] = c
      st.nMatchedOf[tt]!++
      st.alive.remove(st.place[c]!) // times_matched[c] reaches reuse.max = 1
      timesMatched[tt]!++
      if (timesMatched[tt]! >= ratio) treatedEligible[tt] = 0
    }
  }
}

/** With replacement (or a single treated unit): each treated unit takes its `ratio` nearest. */
function matchWithReplacement(st: MatchState, visit: Int32Array, treatedIdx: Int32Array, progress: ProgressReporter | undefined): void {
  const n1 = treatedIdx.length
  const every = Math.max(1, Math.ceil(n1 / 50))
  for (let v = 0; v < n1; v++) {
    if (progress && v % every === 0) progress(v, n1, 'Nearest-neighbour matching')
    const tt = visit[v]!
    const k = findControls(st, treatedIdx[tt]!, tt, 1, st.ratio)
    for (const c of k) st.matchMatrix[tt * st.ratio + st.nMatchedOf[tt]!++] = c
  }
}

/**
 * MatchIt's weights: subclass weights without replacement, match-matrix weights with; then each
 * group's nonzero weights are divided by their mean (normalize = TRUE).
 */
function matchingWeights(st: MatchState, isTreated: Uint8Array, treatedIdx: Int32Array): { weights: Float64Array; nPairs: number; unmatched: number[]; nMatchedControls: number; nMatchedTreated: number } {
  const n = isTreated.length
  const weights = new Float64Array(n)
  let nPairs = 0
  const unmatched: number[] = []
  for (let tt = 0; tt < treatedIdx.length; tt++) {
    const m = st.nMatchedOf[tt]!
    if (m === 0) {
      unmatched.push(treatedIdx[tt]!)
      continue
    }
    nPairs += m
    weights[treatedIdx[tt]!] = weights[treatedIdx[tt]!]! + 1
    for (let j = 0; j < m; j++) {
      const c = st.matchMatrix[tt * st.ratio + j]!
      weights[c] = weights[c]! + 1 / m
    }
  }
  let sum1 = 0
  let cnt1 = 0
  let sum0 = 0
  let cnt0 = 0
  for (let i = 0; i < n; i++) {
    const w = weights[i]!
    if (w === 0) continue
    if (isTreated[i]) {
      sum1 += w
      cnt1++
    } else {
      sum0 += w
      cnt0++
    }
  }
  for (let i = 0; i < n; i++) {
    const w = weights[i]!
    if (w !== 0) weights[i] = isTreated[i] ? w / (sum1 / cnt1) : w / (sum0 / cnt0)
  }
  return { weights, nPairs, unmatched, nMatchedControls: cnt0, nMatchedTreated: cnt1 }
}

/**
 * Greedy nearest-neighbour matching on a given distance, identical to MatchIt's method "nearest".
 *
 * @param input treat (0/1) and distance per unit
 * @param options ratio (1), replace (false), caliper (none), stdCaliper (true), order ('largest'), seed
 * @returns the match matrix (controls per treated unit, MatchIt's match.matrix), unmatched treated
 *   units, MatchIt's weights, and the resolved options including the caliper on the distance scale
 * @throws EngineInputError LENGTH_MISMATCH, TREATMENT_NOT_BINARY, EMPTY_GROUP, NON_FINITE_VALUE,
 *   INVALID_OPTION, SEED_REQUIRED, NO_MATCHES (no treated unit has a control within the caliper;
 *   MatchIt stops with "No units were matched" there too)
 * Warnings: `FEWER_CONTROLS` / `NOT_ALL_RATIO_MATCHES` (MatchIt's own warnings), `UNMATCHED_TREATED`.
 *
 * R: `MatchIt::matchit(treat ~ …, data, method = "nearest", distance = d, ratio = k, replace = FALSE,
 *   caliper = c, std.caliper = TRUE, m.order = "largest")`, with `set.seed(seed)` first for "random".
 */
export function matchNearestNeighbor(input: NearestNeighborMatchingInput, options: NearestNeighborMatchingOptions = {}): NearestNeighborMatchingResult {
  const { n, n1, n0, isTreated, d } = readInput(input, options)
  const ratio = options.ratio ?? 1
  const replace = options.replace ?? false
  const stdCaliper = options.stdCaliper ?? true
  const requestedOrder = options.order ?? 'largest'

  // reuse.max: 1 without replacement, .Machine$integer.max with (process.replace()).
  const reuseMax = replace ? 2147483647 : 1
  // MatchIt: if (reuse.max >= n1) m.order <- "data"
  const order: MatchOrder = reuseMax >= n1 ? 'data' : requestedOrder
  const seed = options.seed ?? null
  if (order === 'random' && seed === null) throw new EngineInputError('SEED_REQUIRED', 'Random match order needs a seed so that the matching can be reproduced.')
  if (seed !== null && !Number.isInteger(seed)) throw new EngineInputError('INVALID_OPTION', `seed must be a whole number, got ${seed}.`)

  const warnings: EngineWarning[] = []
  if (reuseMax < n1) {
    const eRatio = (reuseMax * n0) / n1
    if (eRatio < 1) warnings.push(engineWarning('FEWER_CONTROLS', 'Fewer control units than treated units; not all treated units will get a match.'))
    else if (eRatio < ratio) warnings.push(engineWarning('NOT_ALL_RATIO_MATCHES', `Not all treated units will get ${ratio} matches.`))
  }
  const { caliper, caliperDistance, distanceSd } = resolveCaliper(d, options, stdCaliper)

  // Sorted order of all units (ind_d_ord) and each unit's place in it (match_d_ord).
  const sorted = stableOrder(d)
  const place = new Int32Array(n)
  for (let s = 0; s < n; s++) place[sorted[s]!] = s
  const treatedIdx = new Int32Array(n1)
  for (let i = 0, t = 0; i < n; i++) if (isTreated[i]) treatedIdx[t++] = i
  const visit = visitingOrder(order, treatedIdx, d, seed)

  const st: MatchState = {
    n,
    d,
    sorted,
    place,
    ratio,
    caliper,
    alive: new AliveControls(sorted, isTreated, n0),
    matchMatrix: new Int32Array(n1 * ratio).fill(-1),
    nMatchedOf: new Int32Array(n1),
    candUnits: [],
    candDist: [],
  }
  if (reuseMax < n1) matchInRounds(st, visit, treatedIdx, options.progress)
  else matchWithReplacement(st, visit, treatedIdx, options.progress)

  const { weights, nPairs, unmatched, nMatchedControls, nMatchedTreated } = matchingWeights(st, isTreated, treatedIdx)
  if (nPairs === 0) {
    throw new EngineInputError(
      'NO_MATCHES',
      caliperDistance !== null
        ? `No treated patient has a control within the caliper (${caliperDistance} on the distance scale); MatchIt stops with "No units were matched" here too. Widen the caliper or check the groups.`
        : 'No units were matched.',
    )
  }
  if (unmatched.length > 0) {
    warnings.push(
      engineWarning('UNMATCHED_TREATED', `${unmatched.length} of ${n1} treated patients got no control${caliperDistance !== null ? ' within the caliper' : ''} and are left out of the matched sample.`, {
        details: { count: unmatched.length },
      }),
    )
  }

  const cal = options.caliper === undefined ? '' : `, caliper = ${options.caliper}, std.caliper = ${stdCaliper ? 'TRUE' : 'FALSE'}`
  const rCall =
    `${order === 'random' ? `set.seed(${seed}); ` : ''}MatchIt::matchit(treat ~ …, data = d, method = "nearest", distance = <distance>, ratio = ${ratio}, ` +
    `replace = ${replace ? 'TRUE' : 'FALSE'}${cal}, m.order = "${requestedOrder}")`
  return {
    method: 'nearest-neighbor-matching',
    options: { ratio, replace, caliper: options.caliper ?? null, stdCaliper, caliperDistance, distanceSd, order, requestedOrder, seed, estimand: 'ATT' },
    n,
    nTreated: n1,
    nControl: n0,
    treated: treatedIdx,
    matchMatrix: st.matchMatrix,
    nPairs,
    unmatchedTreated: Int32Array.from(unmatched),
    nMatchedControls,
    nMatchedTreated,
    weights,
    warnings,
    engineVersion: ENGINE_VERSION,
    rCall,
  }
}

/**
 * The matched pairs as [treatedIndex, controlIndex] (0-based), sorted by treated index; a treated
 * unit with k controls gives k pairs in match.matrix column order.
 */
export function matchedPairs(result: Pick<NearestNeighborMatchingResult, 'treated' | 'matchMatrix' | 'options'>): [number, number][] {
  const k = result.options.ratio
  const out: [number, number][] = []
  for (let tt = 0; tt < result.treated.length; tt++) {
    for (let j = 0; j < k; j++) {
      const c = result.matchMatrix[tt * k + j]!
      if (c >= 0) out.push([result.treated[tt]!, c])
    }
  }
  return out
}
