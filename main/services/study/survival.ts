// Survival of the study (the reference study's Figure 4): Kaplan–Meier curves of local
// progression-free survival and overall survival by arm, log-rank test, rates at chosen times,
// medians, and the arm's hazard ratio — naive, and respecting the matched pairs.
//
// Pairs are respected by stratifying the Cox model by matched set, coxph(Surv(t, e) ~ arm +
// strata(subclass)) on MatchIt::get_matches() data: each set gets its own baseline hazard, so the
// arm effect is estimated within pairs (the conditional hazard ratio). A set where neither member
// had an event adds nothing to the estimate; `n` and `events` are coxph's (every matched patient
// with the endpoint recorded, and all their events).
import type { HazardRatio, PerArm, StudyArm, StudySettings, StudySurvival, SurvivalAnalysis, SurvivalCurve } from '@contract/study'
import { coxProportionalHazards } from '../../engine/cox-ph'
import { isEngineInputError } from '../../engine/errors'
import { kaplanMeier } from '../../engine/kaplan-meier'
import { logRankTest } from '../../engine/log-rank'
import type { AnalysisRow } from './dataset'
import { floats } from './tables'

/** One row of a survival analysis: a patient, its arm, and its matched set (null on the eligible cohort). */
export interface SurvivalMember {
  row: AnalysisRow
  arm: StudyArm
  stratum: number | null
}

export type Endpoint = 'lpfs' | 'os'
const ARM_LEVELS: readonly StudyArm[] = ['HT', 'TES']
const COLUMN: Record<Endpoint, string> = { lpfs: 'lpfs', os: 'os' }

const nullIfNaN = (v: number): number | null => (Number.isNaN(v) ? null : v)
const list = (a: ArrayLike<number>): number[] => Array.from(a)

function usable(members: readonly SurvivalMember[], endpoint: Endpoint): SurvivalMember[] {
  return members.filter((m) => m.row[endpoint] !== null)
}

function hazardRatio(members: readonly SurvivalMember[], endpoint: Endpoint, stratified: boolean): HazardRatio | null {
  const ms = usable(members, endpoint)
  if (!ARM_LEVELS.every((a) => ms.some((m) => m.arm === a))) return null
  const strata = stratified ? [...new Set(ms.map((m) => m.stratum!))] : []
  const stratumCode = new Map(strata.map((s, i) => [s, i]))
  const c = COLUMN[endpoint]
  const rCall = stratified
    ? `coxph(Surv(${c}_months, ${c}_event) ~ arm + strata(subclass), data = md)  # md <- MatchIt::get_matches(m); arm <- factor(arm, c("TES", "HT"))`
    : `coxph(Surv(${c}_months, ${c}_event) ~ arm, data = md)  # arm <- factor(arm, c("TES", "HT"))`
  try {
    const fit = coxProportionalHazards({
      time: floats(ms, (m) => m.row[endpoint]!.time),
      event: floats(ms, (m) => m.row[endpoint]!.event),
      covariates: [{ name: 'arm', type: 'factor', values: ms.map((m) => m.arm), levels: ['TES', 'HT'] }],
      ...(stratified ? { strata: { codes: Int32Array.from(ms, (m) => stratumCode.get(m.stratum!)!), levels: strata.map(String) } } : {}),
    })
    const t = fit.terms[0]!
    return {
      estimate: t.hazardRatio.estimate,
      lower: t.hazardRatio.lower,
      upper: t.hazardRatio.upper,
      coefficient: t.coefficient,
      standardError: t.standardError,
      p: t.p,
      n: fit.n.used,
      events: fit.events,
      pairs: stratified ? 'stratified' : 'none',
      rCall,
      warnings: fit.warnings.map((w) => ({ code: w.code, message: `${endpoint === 'lpfs' ? 'Local progression-free survival' : 'Overall survival'} (${stratified ? 'stratified by pair' : 'naive'}) Cox model: ${w.message}` })),
    }
  } catch (e) {
    if (isEngineInputError(e)) return null
    throw e
  }
}

/** The arm's hazard ratio stratified by matched set (used by the sensitivity table too). */
export function pairedHazardRatio(members: readonly SurvivalMember[], endpoint: Endpoint): HazardRatio | null {
  return hazardRatio(members, endpoint, true)
}

function analysis(members: readonly SurvivalMember[], endpoint: Endpoint, cohort: 'matched' | 'eligible', settings: StudySettings): SurvivalAnalysis {
  const ms = usable(members, endpoint)
  const time = floats(ms, (m) => m.row[endpoint]!.time)
  const event = floats(ms, (m) => m.row[endpoint]!.event)
  const group = { codes: Int32Array.from(ms, (m) => ARM_LEVELS.indexOf(m.arm)), levels: ARM_LEVELS }
  const km = kaplanMeier({ time, event, group }, { times: settings.survivalTimes, extend: true, riskTableTimes: settings.riskTableTimes })
  const curves = {} as PerArm<SurvivalCurve>
  km.curves.forEach((cv, g) => {
    const s = cv.steps
    const censored: SurvivalCurve['censored'] = []
    for (let k = 0; k < s.time.length; k++) if (s.nCensor[k]! > 0) censored.push({ time: s.time[k]!, surv: s.surv[k]! })
    curves[ARM_LEVELS[g]!] = {
      arm: ARM_LEVELS[g]!,
      n: cv.n,
      events: cv.events,
      time: list(s.time),
      surv: list(s.surv),
      lower: Array.from(s.lower, nullIfNaN),
      upper: Array.from(s.upper, nullIfNaN),
      nRisk: list(s.nRisk),
      nEvent: list(s.nEvent),
      nCensor: list(s.nCensor),
      censored,
      median: { estimate: cv.median.estimate, lower: cv.median.lower, upper: cv.median.upper },
      rates: Array.from(cv.at.time, (t, k) => ({
        time: t,
        surv: cv.at.surv[k]!,
        lower: nullIfNaN(cv.at.lower[k]!),
        upper: nullIfNaN(cv.at.upper[k]!),
        se: nullIfNaN(cv.at.se[k]!),
        nRisk: cv.at.nRisk[k]!,
      })),
    }
  })
  const lr = logRankTest({ time, event, group })
  const byGroup = (f: (g: (typeof lr.groups)[number]) => number): PerArm<number> => ({ HT: f(lr.groups.find((g) => g.group === 'HT')!), TES: f(lr.groups.find((g) => g.group === 'TES')!) })
  const c = COLUMN[endpoint]
  const data = cohort === 'matched' ? 'md' : 'e'
  return {
    endpoint,
    cohort,
    curves,
    riskTable: { times: km.riskTable.times, nRisk: { HT: km.riskTable.nRisk[0]!, TES: km.riskTable.nRisk[1]! } },
    logRank: { chisq: lr.chisq, df: lr.df, p: lr.p, observed: byGroup((g) => g.observed), expected: byGroup((g) => g.expected) },
    hazardRatioNaive: hazardRatio(members, endpoint, false),
    hazardRatioPaired: cohort === 'matched' ? hazardRatio(members, endpoint, true) : null,
    rCall: `fit <- survfit(Surv(${c}_months, ${c}_event) ~ arm, data = ${data}); summary(fit, times = c(${settings.survivalTimes.join(', ')}), extend = TRUE); print(fit); survdiff(Surv(${c}_months, ${c}_event) ~ arm, data = ${data})`,
  }
}

export function studySurvival(matched: readonly SurvivalMember[], eligible: readonly SurvivalMember[], settings: StudySettings): StudySurvival {
  return {
    matched: { lpfs: analysis(matched, 'lpfs', 'matched', settings), os: analysis(matched, 'os', 'matched', settings) },
    eligible: { lpfs: analysis(eligible, 'lpfs', 'eligible', settings), os: analysis(eligible, 'os', 'eligible', settings) },
  }
}
