// Log-rank test and the Harrington–Fleming G-rho family, optionally stratified, as R's
// survival::survdiff (3.5-3: R/survdiff.R, R/survdiff.fit.R, src/survdiff2.c).
import { ENGINE_VERSION } from './version'
import { EngineInputError, type EngineWarning, engineWarning } from './errors'
import { pchisqUpper } from './distributions/index'
import { cholesky2, chsolve2 } from './linalg/cholesky'
import { checkGroupCodes, codesAsValues, completeSurvivalRows, countByCellAndTime, rankTimes, type GroupFactor, type SurvivalData } from './survival-shared'

export interface LogRankInput extends SurvivalData {
  /** The groups compared (at least two levels, each with at least one patient). */
  group: GroupFactor
  /** Optional strata: the test sums observed, expected and variance over strata (`+ strata(x)`). */
  strata?: GroupFactor
}

export interface LogRankOptions {
  /**
   * G-rho weight S(t−)^rho (`survdiff(rho = )`): 0 (default) is the log-rank test, 1 the
   * Peto & Peto modification of the Gehan–Wilcoxon test. S is the pooled Kaplan–Meier curve of
   * the stratum, taken just before each time.
   */
  rho?: number
  /** Merge follow-up times closer than √ε, as survdiff(timefix = TRUE) does (default true). */
  timefix?: boolean
}

export interface LogRankResult {
  method: 'log-rank' | 'g-rho'
  rCall: string
  options: { rho: number; timefix: boolean; stratified: boolean }
  n: { used: number; excluded: number }
  groups: { group: string; n: number; observed: number; expected: number }[]
  /** Per-stratum observed and expected counts (rows: groups, columns: strata), when stratified. */
  strata: { levels: string[]; observed: number[][]; expected: number[][] } | null
  /** Variance–covariance matrix of observed − expected (`survdiff()$var`), groups × groups. */
  variance: number[][]
  chisq: number
  df: number
  p: number
  warnings: EngineWarning[]
  engineVersion: string
}

/**
 * Compares survival between groups with the log-rank test (rho = 0) or a G-rho weighted test,
 * optionally stratified.
 *
 * For each distinct event time (within stratum), with N at risk and D events, group k's expected
 * count gains w·D·N_k/N and the variance matrix gains w²·D·(N−D)/(N−1)·(N_k/N)(δ_kj − N_j/N)
 * (skipped when N = 1); w = 1 for the log-rank test, S(t−)^rho otherwise (observed counts are
 * weighted too, as in survdiff2.c). The statistic is (O−E)' V⁻ (O−E) over the groups with
 * positive expected count, dropping the first; df is that count minus one (R's survdiff).
 *
 * @param input `time` (≥ 0), `event` (0/1), `group`, optional `strata`; NaN codes exclude a row
 * @param options `rho` (default 0), `timefix` (default true)
 * @throws EngineInputError LENGTH_MISMATCH, NEGATIVE_TIME, INVALID_EVENT, INVALID_GROUP_CODE,
 *   NO_DATA, EMPTY_GROUP, TOO_FEW_GROUPS, INVALID_OPTION
 * @warns NO_TEST when fewer than two groups have expected events (chisq 0 on 0 df, as R);
 *   SINGULAR_VARIANCE when the variance matrix cannot be inverted (R's solve() stops there)
 *
 * R: `survdiff(Surv(time, event) ~ group + strata(stratum), rho = 0)`
 */
export function logRankTest(input: LogRankInput, options: LogRankOptions = {}): LogRankResult {
  const rho = options.rho ?? 0
  if (!Number.isFinite(rho)) throw new EngineInputError('INVALID_OPTION', `rho must be a finite number (got ${rho}).`)
  const timefix = options.timefix ?? true
  const n = input.time.length
  const gcodes = checkGroupCodes(input.group, n, 'group')
  const scodes = input.strata ? checkGroupCodes(input.strata, n, 'stratum') : new Int32Array(n)
  const extra = [{ name: 'group', values: codesAsValues(gcodes) }]
  if (input.strata) extra.push({ name: 'stratum', values: codesAsValues(scodes) })
  const { keep, used, excluded } = completeSurvivalRows(input, extra)
  const levels = [...input.group.levels]
  const G = levels.length
  if (G < 2) throw new EngineInputError('TOO_FEW_GROUPS', 'The log-rank test compares at least two groups; there is only one.')
  const groupN = new Float64Array(G)
  for (let i = 0; i < n; i++) if (keep[i]) groupN[gcodes[i]!]!++
  for (let g = 0; g < G; g++) {
    if (groupN[g] === 0) {
      throw new EngineInputError('EMPTY_GROUP', `The group "${levels[g]}" has no patients with complete data; the test cannot compare it. Remove the empty group or check the data.`, { group: levels[g] })
    }
  }
  const strataLevels = input.strata ? [...input.strata.levels] : ['all']
  const S = strataLevels.length

  const { times: utimes, rank } = rankTimes(input.time, keep, used, timefix)
  // One cell per stratum and group; the test needs only the patients and events at each time.
  const cell = new Int32Array(n).fill(-1)
  for (let i = 0; i < n; i++) if (keep[i]) cell[i] = scodes[i]! * G + gcodes[i]!
  const counts = countByCellAndTime(rank, utimes.length, cell, S * G, input.event)

  const obs = new Float64Array(G * S)
  const exp = new Float64Array(G * S)
  const vr = new Float64Array(G * G)
  const risk = new Float64Array(G)
  const next = new Int32Array(G) // per group, its next entry in counts going back in time
  for (let s = 0; s < S; s++) {
    // The stratum's distinct times, from the last, merged over its groups: the time index, and
    // each group's patients and events there (survdiff2.c walks the rows from the last time).
    const first = counts.start[s * G]!
    const last = counts.start[s * G + G]!
    if (first === last) continue
    const cap = last - first
    const tIndex = new Int32Array(cap)
    const atTotal = new Int32Array(cap * G)
    const atEvents = new Int32Array(cap * G)
    for (let k = 0; k < G; k++) next[k] = counts.start[s * G + k + 1]! - 1
    let m = 0
    for (;;) {
      let t = -1
      for (let k = 0; k < G; k++) if (next[k]! >= counts.start[s * G + k]! && counts.time[next[k]!]! > t) t = counts.time[next[k]!]!
      if (t < 0) break
      tIndex[m] = t
      for (let k = 0; k < G; k++) {
        const e = next[k]!
        if (e >= counts.start[s * G + k]! && counts.time[e] === t) {
          atTotal[m * G + k] = counts.total[e]!
          atEvents[m * G + k] = counts.events[e]!
          next[k] = e - 1
        }
      }
      m++
    }
    // Pooled left-continuous Kaplan–Meier S(t−) at each time (only needed when rho ≠ 0), from the first time.
    let kaplan: Float64Array | null = null
    if (rho !== 0) {
      kaplan = new Float64Array(m)
      let nrisk = 0
      for (let q = 0; q < m; q++) for (let k = 0; k < G; k++) nrisk += atTotal[q * G + k]!
      let km = 1
      for (let q = m - 1; q >= 0; q--) {
        let deaths = 0
        let here = 0
        for (let k = 0; k < G; k++) {
          deaths += atEvents[q * G + k]!
          here += atTotal[q * G + k]!
        }
        kaplan[q] = km
        km = (km * (nrisk - deaths)) / nrisk
        nrisk -= here
      }
    }
    risk.fill(0)
    const koff = s * G
    let nrisk = 0
    for (let q = 0; q < m; q++) {
      let wt = rho === 0 ? 1 : Math.pow(kaplan![q]!, rho)
      let deaths = 0
      for (let k = 0; k < G; k++) {
        const d = atEvents[q * G + k]!
        deaths += d
        risk[k] = risk[k]! + atTotal[q * G + k]!
        nrisk += atTotal[q * G + k]!
        // survdiff2.c adds the weight once per event, row by row
        if (rho === 0) obs[k + koff] = obs[k + koff]! + d
        else for (let r = 0; r < d; r++) obs[k + koff] = obs[k + koff]! + wt
      }
      if (deaths > 0) {
        for (let k = 0; k < G; k++) exp[k + koff] = exp[k + koff]! + (wt * deaths * risk[k]!) / nrisk
        if (nrisk === 1) continue // a single subject: no variance
        wt = wt * wt
        for (let a = 0; a < G; a++) {
          const tmp = (wt * deaths * risk[a]! * (nrisk - deaths)) / (nrisk * (nrisk - 1))
          vr[a * G + a] = vr[a * G + a]! + tmp
          for (let b = 0; b < G; b++) vr[a * G + b] = vr[a * G + b]! - (tmp * risk[b]!) / nrisk
        }
      }
    }
  }

  const otot = new Float64Array(G)
  const etot = new Float64Array(G)
  for (let k = 0; k < G; k++) {
    for (let s = 0; s < S; s++) {
      otot[k] = otot[k]! + obs[k + s * G]!
      etot[k] = etot[k]! + exp[k + s * G]!
    }
  }
  const warnings: EngineWarning[] = []
  const usedGroups: number[] = []
  for (let k = 0; k < G; k++) if (etot[k]! > 0) usedGroups.push(k)
  const df = usedGroups.length - 1
  let chisq = 0
  if (usedGroups.length === 0) {
    warnings.push(engineWarning('NO_EVENTS', 'There are no events (every patient is censored), so the groups cannot be compared: R reports chi-square 0 on −1 degrees of freedom and p = NA.'))
  } else if (usedGroups.length < 2) {
    warnings.push(engineWarning('NO_TEST', 'Fewer than two groups have any expected events, so there is nothing to compare (R reports chi-square 0 on 0 degrees of freedom).'))
  } else {
    const idx = usedGroups.slice(1)
    const m = idx.length
    const vv = new Float64Array(m * m)
    const diff = new Float64Array(m)
    for (let a = 0; a < m; a++) {
      diff[a] = otot[idx[a]!]! - etot[idx[a]!]!
      for (let b = 0; b < m; b++) vv[a * m + b] = vr[idx[a]! * G + idx[b]!]!
    }
    const sol = Float64Array.from(diff)
    const rankV = cholesky2(vv, m, 1e-12)
    if (rankV !== m) {
      chisq = NaN
      warnings.push(engineWarning('SINGULAR_VARIANCE', 'The variance matrix of the group differences is singular, so the test statistic cannot be computed (R stops with "system is computationally singular").'))
    } else {
      chsolve2(vv, m, sol)
      for (let a = 0; a < m; a++) chisq += sol[a]! * diff[a]!
    }
  }
  // survdiff: pchisq(0, df = −1) is NaN, R's p = NA when there are no events.
  const p = Number.isNaN(chisq) || df < 0 ? NaN : pchisqUpper(chisq, df)

  const variance: number[][] = []
  for (let a = 0; a < G; a++) variance.push(Array.from(vr.subarray(a * G, a * G + G)))
  return {
    method: rho === 0 ? 'log-rank' : 'g-rho',
    rCall: `survdiff(Surv(time, event) ~ group${input.strata ? ' + strata(stratum)' : ''}, rho = ${rho})`,
    options: { rho, timefix, stratified: !!input.strata },
    n: { used, excluded },
    groups: levels.map((group, k) => ({ group, n: groupN[k]!, observed: otot[k]!, expected: etot[k]! })),
    strata: input.strata
      ? {
          levels: strataLevels,
          observed: levels.map((_, k) => strataLevels.map((_s, s) => obs[k + s * G]!)),
          expected: levels.map((_, k) => strataLevels.map((_s, s) => exp[k + s * G]!)),
        }
      : null,
    variance,
    chisq,
    df,
    p,
    warnings,
    engineVersion: ENGINE_VERSION,
  }
}
