// Fisher's exact test of independence, as R's fisher.test(table) (stats, R 4.2):
//
//  * 2 × 2: conditional on the margins, x = table[1, 1] is hypergeometric; the two-sided p-value
//    sums the probabilities d(s) ≤ d(x)·(1 + 1e-7) over the support (R's relErr), one-sided ones
//    the tail. The conditional maximum-likelihood odds ratio (the mean of the noncentral
//    hypergeometric equals x) and its interval (the odds ratios whose one-sided tail probability is
//    α/2, or α one-sided) are roots found by uniroot on [0, 1] or, inverted, on [eps, 1], as R.
//  * r × c: the network algorithm of Mehta & Patel (R's FEXACT): tables are built column by column;
//    a node is the multiset of remaining row totals; for each node and each distinct "past" value
//    (log of Π c_j! / Π x_ij! so far) either all completions are at most as probable as the
//    observed table (add their total probability, known in closed form), or none is (drop them),
//    or the next column is enumerated. A table counts when its probability is at most the observed
//    one times exp(3.45254e-7) — FEXACT's tolerance, added to the observed log-value.
//    The longest path (most probable completion) is found exactly by cancelling negative cycles
//    of the convex transportation problem; the shortest path is bounded by relaxations (each column,
//    or each row, on its own), valid but looser than FEXACT's, so more nodes may be expanded; the
//    sum is the same. Nodes are keyed by number and hold their past values in flat arrays (merged
//    through an open-addressing hash table); the
//    last-but-one column settles every partial table at once (the last column is then fixed), by
//    a binary search over the sorted past values and a prefix sum of their probabilities.
//    A work limit turns tables far beyond the clinical sizes into a clear error.
import { engineWarning, EngineInputError, type EngineWarning } from './errors'
import gammaln from '@stdlib/math-base-special-gammaln'
import { resolveTable, tableTotal, type TableInput } from './contingency-table'
import { RRandom, rcont2 } from './r-random'
import { checkConfLevel } from './t-test-core'
import { checkAlternative, type Alternative, type TwoGroupTestResult } from './two-group-test'
import { uniroot } from './uniroot'
import { ENGINE_VERSION } from './version'

const FEXACT_TOL = 3.45254e-7
const DBL_EPSILON = 2.220446049250313e-16
const REL_ERR_2X2 = 1 + 1e-7

export interface FisherOptions {
  /** 2 × 2 only; default 'two.sided'. */
  alternative?: Alternative
  /** Level of the odds ratio's interval (2 × 2). Default 0.95. */
  confLevel?: number
  /** A limit on the r × c network search (see fisherExactTest). */
  maxWork?: number
  /**
   * r × c only: a Monte Carlo p-value from B random tables with the observed margins, drawn from
   * R's random stream after set.seed(seed) (R: simulate.p.value = TRUE, B = B). 2 × 2 tables are
   * always exact, as in R.
   */
  simulate?: { B: number; seed: number }
}

export interface FisherExactResult extends TwoGroupTestResult {
  columnLevels: string[]
}

/**
 * Fisher's exact test on an r × c table.
 *
 * @param input a table of counts, or two label columns (R's factor() order)
 * @param options alternative (2 × 2 only; default 'two.sided'), confLevel (the odds ratio's
 *   interval, 2 × 2; default 0.95), maxWork (a limit on the network
 *   search: past-value × allocation steps, default 5 million, a few seconds at most)
 * @returns p (statistic and df are null, as R has none); for 2 × 2 also the conditional MLE of
 *   the odds ratio (estimate, 0 or Infinity at the ends of the support) and its interval
 * @throws EngineInputError INVALID_COUNT (counts must be whole numbers), NOT_ENOUGH_LEVELS,
 *   EMPTY_TABLE, TABLE_TOO_LARGE (search limit reached; R would need simulate.p.value = TRUE)
 *
 * R: `fisher.test(table(d$group, d$var))`
 */
export function fisherExactTest(input: TableInput, options: FisherOptions = {}): FisherExactResult {
  const alternative = checkAlternative(options.alternative ?? 'two.sided')
  const confLevel = checkConfLevel(options.confLevel ?? 0.95)
  const t = resolveTable(input, true)
  const x = t.counts
  const nr = x.length
  const nc = x[0]?.length ?? 0
  if (nr < 2 || nc < 2) throw new EngineInputError('NOT_ENOUGH_LEVELS', `Fisher's test needs at least 2 groups and 2 categories, got ${nr} × ${nc}.`)
  const n = tableTotal(x)
  if (n === 0) throw new EngineInputError('EMPTY_TABLE', 'The table is empty (every count is 0).')
  const warnings: EngineWarning[] = []
  const simulate = options.simulate && !(nr === 2 && nc === 2) ? checkSimulate(options.simulate) : null
  let p: number
  let oddsRatio: { estimate: number; lower: number; upper: number } | null = null
  if (nr === 2 && nc === 2) {
    const h = new NoncentralHypergeometric(x[0]![0]!, x[0]![1]!, x[1]![0]!, x[1]![1]!)
    p = h.pValue(alternative)
    oddsRatio = h.oddsRatio(alternative, confLevel)
  } else {
    if (alternative !== 'two.sided') warnings.push(engineWarning('ALTERNATIVE_IGNORED', 'A one-sided alternative applies to 2 × 2 tables only; the two-sided p-value is reported, as R does.'))
    p = simulate ? simulatedP(x, simulate.B, simulate.seed) : fisherRxC(x, options.maxWork ?? 5_000_000)
  }
  if (options.simulate && !simulate) warnings.push(engineWarning('SIMULATION_IGNORED', 'A 2 × 2 table gets the exact p-value; simulation applies to larger tables (R ignores simulate.p.value for 2 × 2 too).'))
  return {
    method: 'fisher-exact-test',
    test: simulate ? `Fisher's Exact Test for Count Data with simulated p-value (based on ${simulate.B} replicates)` : "Fisher's Exact Test for Count Data",
    options: { alternative: nr === 2 && nc === 2 ? alternative : 'two.sided', relErr: nr === 2 && nc === 2 ? REL_ERR_2X2 : Math.exp(FEXACT_TOL), ...(oddsRatio ? { confLevel } : {}), ...(simulate ? { simulate } : {}) },
    n,
    groups: t.rowLevels,
    columnLevels: t.columnLevels,
    nByGroup: x.map((r) => r.reduce((a, b) => a + b, 0)),
    statistic: null,
    statisticName: null,
    df: null,
    p: Math.max(0, Math.min(1, p)),
    ...(oddsRatio ? { estimate: [oddsRatio.estimate], estimateNames: ['odds ratio'], confidenceInterval: { lower: oddsRatio.lower, upper: oddsRatio.upper, level: confLevel } } : {}),
    warnings,
    engineVersion: ENGINE_VERSION,
    rCall: `${simulate ? `set.seed(${simulate.seed}); ` : ''}fisher.test(table(d$group, d$var)${alternative !== 'two.sided' && nr === 2 && nc === 2 ? `, alternative = "${alternative}"` : ''}${confLevel !== 0.95 && nr === 2 && nc === 2 ? `, conf.level = ${confLevel}` : ''}${simulate ? `, simulate.p.value = TRUE, B = ${simulate.B}` : ''})`,
  }
}

const lfact = (k: number): number => gammaln(k + 1)

/**
 * R's 2 × 2 branch: x = table[1, 1] given the margins is noncentral hypergeometric with the odds
 * ratio as its parameter; logdc are the central log-probabilities over the support lo..hi.
 */
class NoncentralHypergeometric {
  readonly lo: number
  readonly hi: number
  readonly x: number
  private readonly logdc: Float64Array

  constructor(a: number, b: number, c: number, d: number) {
    const m = a + c // first column
    const n = b + d // second column
    const k = a + b // first row
    this.x = a
    this.lo = Math.max(0, k - n)
    this.hi = Math.min(k, m)
    this.logdc = new Float64Array(this.hi - this.lo + 1)
    for (let s = this.lo; s <= this.hi; s++) this.logdc[s - this.lo] = -lfact(s) - lfact(m - s) - lfact(k - s) - lfact(n - k + s)
  }

  /** R's dnhyper(ncp): the probabilities over the support. */
  density(ncp: number): Float64Array {
    const { lo, logdc } = this
    const d = new Float64Array(logdc.length)
    const lncp = Math.log(ncp)
    let mx = -Infinity
    for (let i = 0; i < d.length; i++) mx = Math.max(mx, (d[i] = logdc[i]! + lncp * (lo + i)))
    let total = 0
    for (let i = 0; i < d.length; i++) total += d[i] = Math.exp(d[i]! - mx)
    for (let i = 0; i < d.length; i++) d[i] = d[i]! / total
    return d
  }

  /** R's mnhyper(ncp): the mean. */
  mean(ncp: number): number {
    if (ncp === 0) return this.lo
    if (ncp === Infinity) return this.hi
    const d = this.density(ncp)
    let s = 0
    for (let i = 0; i < d.length; i++) s += (this.lo + i) * d[i]!
    return s
  }

  /** R's pnhyper(x, ncp, upper.tail): P(X ≤ x), or P(X ≥ x). */
  tail(ncp: number, upper: boolean): number {
    const { lo, hi, x } = this
    if (ncp === 0) return upper ? Number(x <= lo) : Number(x >= lo)
    if (ncp === Infinity) return upper ? Number(x <= hi) : Number(x >= hi)
    const d = this.density(ncp)
    let p = 0
    if (upper) for (let i = x - lo; i < d.length; i++) p += d[i]!
    else for (let i = 0; i <= x - lo; i++) p += d[i]!
    return p
  }

  /** The p-value for odds ratio 1 (R's relErr 1 + 1e-7 in the two-sided sum). */
  pValue(alternative: Alternative): number {
    if (alternative !== 'two.sided') return this.tail(1, alternative === 'greater')
    const dens = this.density(1)
    const thr = dens[this.x - this.lo]! * REL_ERR_2X2
    let p = 0
    for (const v of dens) if (v <= thr) p += v
    return p
  }

  /** The conditional MLE and the interval, as R's mle(), ncp.L() and ncp.U(). */
  oddsRatio(alternative: Alternative, confLevel: number): { estimate: number; lower: number; upper: number } {
    const { lo, hi, x } = this
    // A root in (0, 1] of g, or 1 / a root of g(1 / t) for t in [eps, 1], as R splits the search.
    const root = (g: (ncp: number) => number, below: boolean): number =>
      below ? uniroot(g, 0, 1) : 1 / uniroot((t) => g(1 / t), DBL_EPSILON, 1)
    const mle = (): number => {
      if (x === lo) return 0
      if (x === hi) return Infinity
      const mu = this.mean(1)
      return mu > x ? root((t) => this.mean(t) - x, true) : mu < x ? root((t) => this.mean(t) - x, false) : 1
    }
    const upperLimit = (alpha: number): number => {
      if (x === hi) return Infinity
      const p = this.tail(1, false)
      return p < alpha ? root((t) => this.tail(t, false) - alpha, true) : p > alpha ? root((t) => this.tail(t, false) - alpha, false) : 1
    }
    const lowerLimit = (alpha: number): number => {
      if (x === lo) return 0
      const p = this.tail(1, true)
      return p > alpha ? root((t) => this.tail(t, true) - alpha, true) : p < alpha ? root((t) => this.tail(t, true) - alpha, false) : 1
    }
    const estimate = mle()
    if (alternative === 'less') return { estimate, lower: 0, upper: upperLimit(1 - confLevel) }
    if (alternative === 'greater') return { estimate, lower: lowerLimit(1 - confLevel), upper: Infinity }
    const alpha = (1 - confLevel) / 2
    return { estimate, lower: lowerLimit(alpha), upper: upperLimit(alpha) }
  }
}

function checkSimulate(o: { B: number; seed: number }): { B: number; seed: number } {
  if (!Number.isInteger(o.B) || o.B < 1) throw new EngineInputError('INVALID_OPTION', `The number of simulated tables B must be a whole number of at least 1, got ${o.B}.`)
  if (!Number.isInteger(o.seed)) throw new EngineInputError('INVALID_OPTION', `The seed must be a whole number, got ${o.seed}.`)
  return { B: o.B, seed: o.seed }
}

/**
 * R's simulated p-value (fisher.test(simulate.p.value = TRUE), C_Fisher_sim): empty rows and
 * columns are dropped, B tables with the observed margins are drawn by rcont2, and the p-value is
 * (1 + #{tables no more probable than the observed one}) / (B + 1), comparing −Σ log x_ij! with
 * R's slack 1 + 64·eps.
 */
function simulatedP(table: number[][], B: number, seed: number): number {
  let x = table.filter((r) => r.some((v) => v > 0))
  const keep = x[0]!.map((_, j) => x.some((r) => r[j]! > 0))
  x = x.map((r) => r.filter((_, j) => keep[j]))
  if (x.length < 2) throw new EngineInputError('NOT_ENOUGH_LEVELS', 'Simulation needs 2 or more non-zero row totals.')
  if (x[0]!.length < 2) throw new EngineInputError('NOT_ENOUGH_LEVELS', 'Simulation needs 2 or more non-zero column totals.')
  const nr = x.length
  const nc = x[0]!.length
  const sr = x.map((r) => r.reduce((a, b) => a + b, 0))
  const sc = x[0]!.map((_, j) => x.reduce((a, r) => a + r[j]!, 0))
  const n = sr.reduce((a, b) => a + b, 0)
  const fact = new Float64Array(n + 1)
  for (let i = 2; i <= n; i++) fact[i] = fact[i - 1]! + Math.log(i)
  // STATISTIC <- -sum(lfactorial(x)), summed in R's column-major order.
  let statistic = 0
  for (let j = 0; j < nc; j++) for (let i = 0; i < nr; i++) statistic += lfact(x[i]![j]!)
  statistic = -statistic
  const limit = statistic / (1 + 64 * DBL_EPSILON)
  const rng = new RRandom(seed)
  const jwork = new Int32Array(nc)
  const observed = new Int32Array(nr * nc)
  let count = 0
  for (let b = 0; b < B; b++) {
    rcont2(rng, sr, sc, n, fact, jwork, observed)
    let ans = 0
    for (let k = 0; k < nr * nc; k++) ans -= fact[observed[k]!]!
    if (ans <= limit) count++
  }
  return (1 + count) / (B + 1)
}

const tooLarge = (): EngineInputError =>
  new EngineInputError(
    'TABLE_TOO_LARGE',
    "This table is too large for Fisher's exact test within the search limit. Simulate the p-value instead (R: fisher.test(table, simulate.p.value = TRUE, B = 1e5)), use the chi-square test, or merge sparse categories.",
  )

/** Network algorithm for r × c (see the file header). */
function fisherRxC(table: number[][], maxWork: number): number {
  // Drop empty rows and columns (they change nothing) and put the shorter side in the rows.
  let x = table.filter((r) => r.some((v) => v > 0))
  const keepCols = x[0]!.map((_, j) => x.some((r) => r[j]! > 0))
  x = x.map((r) => r.filter((_, j) => keepCols[j]))
  if (x.length < 2 || x[0]!.length < 2) return 1
  if (x.length > x[0]!.length) x = x[0]!.map((_, j) => x.map((r) => r[j]!))
  const rowTot = x.map((r) => r.reduce((a, b) => a + b, 0))
  const colTot = x[0]!.map((_, j) => x.reduce((a, r) => a + r[j]!, 0)).sort((a, b) => b - a)
  const n = rowTot.reduce((a, b) => a + b, 0)
  const lf = new Float64Array(n + 1)
  for (let i = 2; i <= n; i++) lf[i] = lf[i - 1]! + Math.log(i)
  // Observed value Σ_j (log c_j! − Σ_i log x_ij!) plus FEXACT's tolerance.
  let obs = FEXACT_TOL
  for (let j = 0; j < x[0]!.length; j++) {
    let cs = 0
    for (const r of x) {
      obs -= lf[r[j]!]!
      cs += r[j]!
    }
    obs += lf[cs]!
  }
  let konst = -lf[n]!
  for (const r of rowTot) konst += lf[r]!
  const nCols = colTot.length
  const suffix = new Float64Array(nCols + 1)
  for (let j = nCols - 1; j >= 0; j--) suffix[j] = suffix[j + 1]! + colTot[j]!

  // A node: the sorted remaining row totals, and its distinct past values (merged to 1e-9) with
  // the number of partial tables (weighted by their probability factor) that reach each.
  type Node = { margins: Int32Array; values: Float64Array; weights: Float64Array }
  const rows = rowTot.length
  // Nodes are keyed by their margins read as digits in base n + 1 (exact below 2^53), else by text.
  const numericKey = Math.pow(n + 1, rows) < Number.MAX_SAFE_INTEGER
  const keyOf = (m: Int32Array): number | string => {
    if (!numericKey) return m.join(',')
    let k = 0
    for (let i = 0; i < rows; i++) k = k * (n + 1) + m[i]!
    return k
  }
  // A stage's past values are first written one after another, each with the node it reaches, and
  // only then merged node by node (see mergeStage): merging each value into its node's table as it
  // came visited the tables of a thousand nodes in turn, most of the time waiting on memory.
  let emNode = new Int32Array(1 << 12)
  let emValue = new Float64Array(1 << 12)
  let emWeight = new Float64Array(1 << 12)
  let emCount = 0
  const emit = (node: number, value: number, weight: number): void => {
    if (emCount === emNode.length) {
      const size = emCount * 2
      const n2 = new Int32Array(size)
      n2.set(emNode)
      emNode = n2
      const v2 = new Float64Array(size)
      v2.set(emValue)
      emValue = v2
      const w2 = new Float64Array(size)
      w2.set(emWeight)
      emWeight = w2
    }
    emNode[emCount] = node
    emValue[emCount] = value
    emWeight[emCount] = weight
    emCount++
  }
  /**
   * The nodes of the next stage from the values written for them: for each node, in the order the
   * values came, values whose round(value · 1e9) is equal are merged (the first value stays, the
   * weights add up), through an open-addressing hash table on those keys (as doubles in a
   * Float64Array: a Map keyed by such large numbers boxes every key), reused from node to node.
   */
  const mergeStage = (margins: Int32Array[]): Node[] => {
    const nNodes = margins.length
    const start = new Int32Array(nNodes + 1)
    for (let e = 0; e < emCount; e++) start[emNode[e]! + 1]!++
    let most = 0
    for (let k = 0; k < nNodes; k++) {
      most = Math.max(most, start[k + 1]!)
      start[k + 1] = start[k + 1]! + start[k]!
    }
    // A stable counting sort of the values by node, moving the values themselves (read in order,
    // written to as many places as there are nodes) so that the merge below reads them in order.
    const fill = start.slice(0, nNodes)
    const sortedV = new Float64Array(emCount)
    const sortedW = new Float64Array(emCount)
    for (let e = 0; e < emCount; e++) {
      const to = fill[emNode[e]!]!++
      sortedV[to] = emValue[e]!
      sortedW[to] = emWeight[e]!
    }
    let size = 16
    while (size < 2 * most) size *= 2
    const keys = new Float64Array(size)
    const slots = new Int32Array(size).fill(-1)
    const mask = size - 1
    const used = new Int32Array(size)
    const nodes: Node[] = new Array<Node>(nNodes)
    const values = new Float64Array(most)
    const weights = new Float64Array(most)
    for (let k = 0; k < nNodes; k++) {
      let count = 0
      let nUsed = 0
      for (let q = start[k]!; q < start[k + 1]!; q++) {
        const value = sortedV[q]!
        const key = Math.round(value * 1e9)
        let h = (Math.imul((key | 0) ^ (Math.floor(key / 4294967296) | 0), 0x9e3779b1) >>> 0) & mask
        while (slots[h] !== -1 && keys[h] !== key) h = (h + 1) & mask
        const at = slots[h]!
        if (at !== -1) {
          weights[at]! += sortedW[q]!
          continue
        }
        keys[h] = key
        slots[h] = count
        used[nUsed++] = h
        values[count] = value
        weights[count] = sortedW[q]!
        count++
      }
      for (let u = 0; u < nUsed; u++) slots[used[u]!] = -1
      nodes[k] = { margins: margins[k]!, values: values.slice(0, count), weights: weights.slice(0, count) }
    }
    emCount = 0
    return nodes
  }
  let stage: Node[] = [{ margins: Int32Array.from(rowTot).sort(), values: Float64Array.of(0), weights: Float64Array.of(1) }]
  let p = 0
  let work = 0
  const alloc = new Int32Array(rows)
  const child = new Int32Array(rows)
  const expandV: number[] = []
  const expandW: number[] = []
  for (let j = 0; j < nCols; j++) {
    const nextIds = new Map<number | string, number>()
    const nextMargins: Int32Array[] = []
    const c = colTot[j]!
    const lastButOne = j === nCols - 2
    const rest = colTot.slice(j)
    let colsLf = 0
    for (const v of rest) colsLf += lf[v]!
    for (const node of stage) {
      const r = node.margins
      const rArr = Array.from(r)
      // Bounds on the value of the remaining columns j..end: the longest path (most probable
      // completion) exactly, the shortest by the tighter of a column-wise and a row-wise relaxation.
      const lp = colsLf - minTableSumLogFact(rArr, rest, lf)
      let spCols = 0
      for (const v of rest) spCols += maxSumLogFact(v, rArr, lf)
      let spRows = 0
      for (const v of rArr) spRows += maxSumLogFact(v, rest, lf)
      const sp = colsLf - Math.min(spCols, spRows)
      let logT = lf[suffix[j]!]!
      for (const v of rArr) logT -= lf[v]!
      expandV.length = 0
      expandW.length = 0
      for (let e = 0; e < node.values.length; e++) {
        const value = node.values[e]!
        if (value + lp <= obs) p += node.weights[e]! * Math.exp(value + logT + konst)
        else if (value + sp <= obs) {
          expandV.push(value)
          expandW.push(node.weights[e]!)
        }
      }
      const nExpand = expandV.length
      if (nExpand === 0) continue
      let sortedV = expandV
      let prefix: Float64Array = new Float64Array(0)
      let top = 0
      if (lastButOne) {
        const order = Array.from(expandV.keys()).sort((a, b) => expandV[a]! - expandV[b]!)
        sortedV = order.map((k) => expandV[k]!)
        top = sortedV[nExpand - 1]!
        prefix = new Float64Array(nExpand)
        let acc = 0
        for (let k = 0; k < nExpand; k++) prefix[k] = acc += expandW[order[k]!]! * Math.exp(sortedV[k]! - top)
      }
      // Enumerate the allocations of column j to the rows (capped by the remaining row totals).
      const place = (i: number, left: number, acc: number): void => {
        if (i === rows - 1) {
          if (left > r[i]!) return
          alloc[i] = left
          const val = acc + lf[left]!
          for (let q = 0; q < rows; q++) child[q] = r[q]! - alloc[q]!
          // Insertion sort: a handful of rows.
          for (let a = 1; a < rows; a++) {
            const v = child[a]!
            let b = a - 1
            while (b >= 0 && child[b]! > v) {
              child[b + 1] = child[b]!
              b--
            }
            child[b + 1] = v
          }
          const step = lf[c]! - val
          work += lastButOne ? 1 : nExpand
          if (work > maxWork) throw tooLarge()
          if (lastButOne) {
            // One column is left and it must take exactly the remaining row totals: its value is
            // known, so each partial table is settled here instead of being stored in a node.
            // The past values are sorted, so those that count are a prefix: a binary search and a
            // prefix sum of weight × exp(value − top) replace a loop over all of them.
            let tail = lf[colTot[nCols - 1]!]!
            for (let q = 0; q < rows; q++) tail -= lf[child[q]!]!
            const limit = obs - step - tail
            let lo = 0
            let hi = nExpand
            while (lo < hi) {
              const mid = (lo + hi) >> 1
              if (sortedV[mid]! <= limit) lo = mid + 1
              else hi = mid
            }
            if (lo > 0) p += prefix[lo - 1]! * Math.exp(top + step + tail + konst)
            return
          }
          const key = keyOf(child)
          let nd = nextIds.get(key)
          if (nd === undefined) {
            nd = nextMargins.length
            nextIds.set(key, nd)
            nextMargins.push(child.slice())
          }
          for (let e = 0; e < nExpand; e++) emit(nd, expandV[e]! + step, expandW[e]!)
          return
        }
        // Remaining capacity of the rows after i bounds how little row i may take.
        let capAfter = 0
        for (let q = i + 1; q < rows; q++) capAfter += r[q]!
        const lo = Math.max(0, left - capAfter)
        const hi = Math.min(left, r[i]!)
        for (let a = lo; a <= hi; a++) {
          alloc[i] = a
          place(i + 1, left - a, acc + lf[a]!)
        }
      }
      place(0, c, 0)
    }
    stage = mergeStage(nextMargins)
  }
  // After the last column every node has all-zero margins; its values were settled by the bounds.
  for (const node of stage) for (let e = 0; e < node.values.length; e++) if (node.values[e]! <= obs) p += node.weights[e]! * Math.exp(node.values[e]! + konst)
  return p
}

/**
 * min Σ_ij log x_ij! over the integer tables with the given row and column totals (the most
 * probable table: FEXACT's "longest path"). log k! is convex, so this is a separable convex
 * transportation problem: start from a proportional allocation and cancel negative cycles in the
 * residual graph (unit steps, Bellman–Ford) until none is left, which is optimal for such costs.
 */
function minTableSumLogFact(rows: readonly number[], cols: readonly number[], lf: Float64Array): number {
  const R = rows.length
  const C = cols.length
  const x = new Int32Array(R * C)
  const remRow = [...rows]
  let remTotal = remRow.reduce((a, b) => a + b, 0)
  for (let j = 0; j < C; j++) {
    const c = cols[j]!
    let given = 0
    const frac: { i: number; f: number }[] = []
    for (let i = 0; i < R; i++) {
      const share = remTotal > 0 ? (c * remRow[i]!) / remTotal : 0
      const a = Math.min(remRow[i]!, Math.floor(share))
      x[i * C + j] = a
      given += a
      frac.push({ i, f: share - a })
    }
    frac.sort((u, v) => v.f - u.f)
    for (let k = 0; given < c; k = (k + 1) % R) {
      const i = frac[k]!.i
      if (x[i * C + j]! < remRow[i]!) {
        x[i * C + j]!++
        given++
      }
    }
    for (let i = 0; i < R; i++) remRow[i]! -= x[i * C + j]!
    remTotal -= c
  }
  // Cancel negative cycles: nodes 0..R-1 rows, R..R+C-1 columns.
  const V = R + C
  const dist = new Float64Array(V)
  const pred = new Int32Array(V)
  for (;;) {
    dist.fill(0)
    pred.fill(-1)
    let last = -1
    for (let it = 0; it < V; it++) {
      last = -1
      for (let i = 0; i < R; i++) {
        for (let j = 0; j < C; j++) {
          const v = x[i * C + j]!
          const up = dist[i]! + Math.log(v + 1) // row i → column j: one more in cell (i, j)
          if (up < dist[R + j]! - 1e-12) {
            dist[R + j] = up
            pred[R + j] = i
            last = R + j
          }
          if (v > 0) {
            const down = dist[R + j]! - Math.log(v) // column j → row i: one fewer in cell (i, j)
            if (down < dist[i]! - 1e-12) {
              dist[i] = down
              pred[i] = R + j
              last = i
            }
          }
        }
      }
      if (last < 0) break
    }
    if (last < 0) break
    // A relaxation in the V-th round: walk back V steps to land on the cycle, then push one unit.
    let v = last
    for (let k = 0; k < V && v >= 0; k++) v = pred[v]!
    if (v < 0) break // no cycle after all (cannot happen when a V-th round relaxed; a safety net)
    const start = v
    do {
      const u = pred[v]!
      if (u < R) x[u * C + (v - R)]!++
      else x[v * C + (u - R)]!--
      v = u
    } while (v !== start)
  }
  let s = 0
  for (let k = 0; k < R * C; k++) s += lf[x[k]!]!
  return s
}

/** max Σ log a_i! over a_i ≥ 0, Σ a_i = c, a_i ≤ cap_i: fill the largest caps first (log k! is convex). */
function maxSumLogFact(c: number, caps: readonly number[], lf: Float64Array): number {
  const sorted = [...caps].sort((a, b) => b - a)
  let rem = c
  let s = 0
  for (const cap of sorted) {
    const a = Math.min(cap, rem)
    s += lf[a]!
    rem -= a
  }
  return s
}
