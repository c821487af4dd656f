// Mann–Whitney U (Wilcoxon rank-sum) test, as R's wilcox.test(values ~ group) with its defaults
// exact = NULL, correct = TRUE (stats:::wilcox.test.default, R 4.2):
//  * W = rank sum of the first group (R's factor() order) − n1(n1 + 1)/2, average ranks for ties;
//  * exact p-value (pwilcox) when both groups have fewer than 50 values and there are no ties;
//  * otherwise the normal approximation with the tie-corrected variance
//    n1 n2 / 12 · ((n1 + n2 + 1) − Σ(t³ − t) / ((n1 + n2)(n1 + n2 − 1))) and the continuity
//    correction 0.5·sign(W − n1 n2 / 2), with R's warning when an exact p-value was asked for
//    (or implied) but ties prevent it.
import { engineWarning, EngineInputError, type EngineWarning } from './errors'
import { pwilcox } from './distributions/wilcoxon-exact'
import { exactRankP, normalRankP, rankTestArguments, tieCorrection, type RankTestOptions } from './rank-test-core'
import { locationEstimate, rankSumShift } from './hodges-lehmann'
import { averageRanks } from './sort'
import { checkConfLevel } from './t-test-core'
import { checkAlternative, splitTwoGroups, type TwoGroupTestResult } from './two-group-test'
import { ENGINE_VERSION } from './version'

/**
 * Mann–Whitney U test of two independent groups.
 *
 * @param input values and their group labels (exactly two groups)
 * @param options alternative ('two.sided'), exact (null: exact when both n < 50 and no ties),
 *   correct (true), confInt (false: with true also the Hodges–Lehmann shift and its interval at
 *   confLevel, 0.95)
 * @returns W (R's statistic), p, and `test` naming the exact or approximate version used
 * @throws EngineInputError NOT_TWO_GROUPS, NON_FINITE_VALUE
 * Warnings: `EXACT_P_WITH_TIES` "cannot compute exact p-value with ties" (as R).
 *
 * R: `wilcox.test(values ~ group, data = d)`
 */
export function mannWhitneyU(input: { values: ArrayLike<number>; groups: ArrayLike<string | number> }, options: RankTestOptions = {}): TwoGroupTestResult {
  const alternative = checkAlternative(options.alternative ?? 'two.sided')
  const correct = options.correct ?? true
  const confInt = options.confInt ?? false
  const confLevel = checkConfLevel(options.confLevel ?? 0.95)
  const { levels, x, y } = splitTwoGroups(input.values, input.groups)
  const nx = x.length
  const ny = y.length
  if (nx < 1 || ny < 1) throw new EngineInputError('NOT_ENOUGH_OBSERVATIONS', 'Each group needs at least one value.')
  const all = new Float64Array(nx + ny)
  all.set(x)
  all.set(y, nx)
  const { ranks, tieSizes, hasTies } = averageRanks(all)
  let rx = 0
  for (let i = 0; i < nx; i++) rx += ranks[i]!
  const W = rx - (nx * (nx + 1)) / 2
  const exact = options.exact ?? (nx < 50 && ny < 50)
  const warnings: EngineWarning[] = []
  let p: number
  let test: string
  if (exact && !hasTies) {
    test = 'Wilcoxon rank sum exact test'
    p = exactRankP(W, (nx * ny) / 2, (q, lower) => pwilcox(q, nx, ny, lower), alternative)
  } else {
    test = `Wilcoxon rank sum test${correct ? ' with continuity correction' : ''}`
    const sigma = Math.sqrt(((nx * ny) / 12) * (nx + ny + 1 - tieCorrection(tieSizes) / ((nx + ny) * (nx + ny - 1))))
    p = normalRankP(W - (nx * ny) / 2, sigma, alternative, correct)
  }
  // R's order: the interval's own warnings, then the exact p-value's and the exact interval's.
  const hl = confInt ? locationEstimate(() => rankSumShift(x, y, { alternative, correct, confLevel, exactBranch: exact && !hasTies })) : null
  if (hl) warnings.push(...hl.warnings)
  if (exact && hasTies) warnings.push(engineWarning('EXACT_P_WITH_TIES', 'cannot compute exact p-value with ties'))
  if (exact && hasTies && hl) warnings.push(engineWarning('EXACT_CI_WITH_TIES', 'cannot compute exact confidence intervals with ties'))
  return {
    method: 'mann-whitney-u',
    test,
    options: { alternative, exact: options.exact ?? null, exactUsed: exact && !hasTies, correct, mu: 0, ...(confInt ? { confLevel } : {}) },
    n: nx + ny,
    groups: [...levels],
    nByGroup: [nx, ny],
    statistic: W,
    statisticName: 'W',
    df: null,
    p,
    ...(hl ? { estimate: [hl.estimate], estimateNames: [hl.estimateName], confidenceInterval: { lower: hl.lower, upper: hl.upper, level: hl.level } } : {}),
    warnings,
    engineVersion: ENGINE_VERSION,
    rCall: `wilcox.test(values ~ group, data = d${rankTestArguments(alternative, options.exact, correct, confInt, confLevel)})`,
  }
}
