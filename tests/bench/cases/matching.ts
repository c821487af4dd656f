// Bench case for propensity score matching: glm (11 covariates, two of them factors) + greedy 1:1
// nearest-neighbour matching with the reference study's caliper of 0.02 on the raw propensity
// score, + MatchIt's balance table — beside MatchIt::matchit() with the same settings (R's time
// includes its glm; SPINEMET_R_LIB must name a library with MatchIt >= 4.6, see
// tests/fixtures/r/matching-fixtures.R).
import { propensityScoreMatching } from '../../../main/engine/propensity-score-matching'
import type { CovariateColumn } from '../../../main/engine/model-matrix'
import { ASIA_LEVELS, HISTOLOGY_LEVELS, type SyntheticCohort } from '../synthetic-cohort'
import type { BenchCase } from './types'

interface MatchingBenchInput {
  treat: Uint8Array
  covariates: CovariateColumn[]
}

const labels = (codes: Uint8Array, levels: readonly string[]): string[] => Array.from(codes, (c) => levels[c]!)

const matchingCaliper: BenchCase<MatchingBenchInput, { pairs: number; unmatched: number; maxSmd: number }> = {
  name: 'matchit glm + nearest, caliper 0.02 (raw PS)',
  prepare: (c: SyntheticCohort) => ({
    treat: c.treat,
    covariates: [
      { name: 'age', type: 'numeric', values: c.age },
      { name: 'male', type: 'numeric', values: c.male },
      { name: 'lumbar', type: 'numeric', values: c.lumbar },
      { name: 'histology', type: 'factor', values: labels(c.histology, HISTOLOGY_LEVELS) },
      { name: 'tokuhashi', type: 'numeric', values: c.tokuhashi },
      { name: 'ecog', type: 'numeric', values: c.ecog },
      { name: 'escc3', type: 'numeric', values: c.escc3 },
      { name: 'vas', type: 'numeric', values: c.vas },
      { name: 'sins', type: 'numeric', values: c.sins },
      { name: 'asia', type: 'factor', values: labels(c.asia, ASIA_LEVELS) },
      { name: 'sosgoq', type: 'numeric', values: c.sosgoq },
    ],
  }),
  run: (d) => {
    // SMD and variance ratios as the CLI reports them (MatchIt's matchit() itself computes no balance).
    const res = propensityScoreMatching(d, { caliper: 0.02, stdCaliper: false, ecdf: false })
    let maxSmd = 0
    for (const r of res.balance!.rows) maxSmd = Math.max(maxSmd, Math.abs(r.after!.standardizedMeanDifference ?? 0))
    return { pairs: res.matching.nPairs, unmatched: res.matching.unmatchedTreated.length, maxSmd }
  },
  cli: ['match', '--csv', 'FILE', '--treat', 'treat', '--covariates', 'age,male,lumbar,histology,tokuhashi,ecog,escc3,vas,sins,asia,sosgoq', '--caliper', '0.02', '--json'],
  summarize: (r) => `${r.pairs} pairs, ${r.unmatched} treated unmatched, max |SMD| after ${r.maxSmd.toFixed(3)}`,
  r: {
    packages: ['MatchIt'],
    code:
      'm <- matchit(treat ~ age + male + lumbar + histology + tokuhashi + ecog + escc3 + vas + sins + asia + sosgoq, ' +
      'data = d, method = "nearest", distance = "glm", caliper = 0.02, std.caliper = FALSE)',
  },
}

export const MATCHING_BENCH_CASES = [matchingCaliper] as const
