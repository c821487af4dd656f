// Bench cases for the survival half of the engine: survfit + survdiff, and coxph (Efron) with ten
// covariates of the reference study's kinds (two of them factors), each beside the same R call.
import { kaplanMeier } from '../../../main/engine/kaplan-meier'
import { logRankTest } from '../../../main/engine/log-rank'
import { coxProportionalHazards } from '../../../main/engine/cox-ph'
import type { CovariateColumn } from '../../../main/engine/model-matrix'
import { factorize } from '../../../main/engine/factor'
import { ASIA_LEVELS, HISTOLOGY_LEVELS, type SyntheticCohort } from '../synthetic-cohort'
import type { BenchCase } from './types'

interface KmInput {
  time: Float64Array
  event: Uint8Array
  group: { codes: Uint8Array; levels: string[] }
}

const kmLogRank: BenchCase<KmInput, { median: (number | null)[]; chisq: number }> = {
  name: 'survfit+survdiff (KM by arm, log-rank)',
  prepare: (c: SyntheticCohort) => ({ time: c.time, event: c.event, group: { codes: c.treat, levels: ['0', '1'] } }),
  run: (d) => {
    const km = kaplanMeier(d, { times: [12, 24, 60], riskTableTimes: [0, 12, 24, 36, 48, 60] })
    const lr = logRankTest(d)
    return { median: km.curves.map((k) => k.median.estimate), chisq: lr.chisq }
  },
  cli: ['km', '--csv', 'FILE', '--time', 'time', '--event', 'event', '--group', 'treat', '--at', '12,24,60', '--risk-times', '0,12,24,36,48,60', '--json'],
  summarize: (r) => `median ${r.median.map((m) => (m === null ? 'NR' : m.toFixed(1))).join('/')}, chisq ${r.chisq.toFixed(2)}`,
  r: {
    packages: ['survival'],
    // survmean(rmean = "none") is what print(fit) computes (median and CI), without printing
    code: 'fit <- survfit(Surv(time, event) ~ treat, data = d); s <- summary(fit, times = c(12, 24, 60)); m <- survival:::survmean(fit, rmean = "none"); sd <- survdiff(Surv(time, event) ~ treat, data = d)',
  },
}

interface CoxBenchInput {
  time: Float64Array
  event: Uint8Array
  covariates: CovariateColumn[]
}

/** A factor coded in R's level order (as read.csv + factor() code the CSV's labels), outside the timing. */
const rFactor = (name: string, codes: Uint8Array, labels: readonly string[]): CovariateColumn => {
  const f = factorize(Array.from(codes, (k) => labels[k]!))
  return { name, type: 'factor', codes: f.codes, levels: f.levels }
}

const coxEfron: BenchCase<CoxBenchInput, { lrt: number; iter: number; c: number }> = {
  name: 'coxph efron, 10 covariates (15 columns)',
  prepare: (c: SyntheticCohort) => ({
    time: c.time,
    event: c.event,
    covariates: [
      { name: 'treat', type: 'numeric', values: c.treat },
      { name: 'age', type: 'numeric', values: c.age },
      { name: 'male', type: 'numeric', values: c.male },
      { name: 'lumbar', type: 'numeric', values: c.lumbar },
      rFactor('histology', c.histology, HISTOLOGY_LEVELS),
      { name: 'tokuhashi', type: 'numeric', values: c.tokuhashi },
      { name: 'ecog', type: 'numeric', values: c.ecog },
      { name: 'vas', type: 'numeric', values: c.vas },
      { name: 'sins', type: 'numeric', values: c.sins },
      rFactor('asia', c.asia, ASIA_LEVELS),
    ],
  }),
  run: (d) => {
    const fit = coxProportionalHazards(d)
    return { lrt: fit.likelihoodRatioTest.chisq, iter: fit.iterations, c: fit.concordance.concordance }
  },
  cli: ['cox', '--csv', 'FILE', '--time', 'time', '--event', 'event', '--covariates', 'treat,age,male,lumbar,histology,tokuhashi,ecog,vas,sins,asia', '--json'],
  summarize: (r) => `LRT ${r.lrt.toFixed(2)}, ${r.iter} iterations, C ${r.c.toFixed(4)}`,
  r: {
    packages: ['survival'],
    code: 'fit <- coxph(Surv(time, event) ~ treat + age + male + lumbar + histology + tokuhashi + ecog + vas + sins + asia, data = d, ties = "efron")',
  },
}

/** The survival cases, registered in ./index.ts. */
export const SURVIVAL_BENCH_CASES = [kmLogRank, coxEfron] as const
