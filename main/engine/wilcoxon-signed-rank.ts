// Wilcoxon signed-rank test on matched pairs, as R's wilcox.test(x, y, paired = TRUE) with exact =
// NULL, correct = TRUE (stats:::wilcox.test.default, R 4.2):
//  * differences x − y; zero differences are dropped (R's default zero handling) and n counts the
//    rest; V = sum of the ranks of |d| (average ranks for ties) over the positive differences;
//  * exact p-value (psignrank) when n < 50 and there are neither ties nor zeros;
//  * otherwise the normal approximation with variance n(n + 1)(2n + 1)/24 − Σ(t³ − t)/48 and the
//    continuity correction, with R's warnings "cannot compute exact p-value with ties" and
//    "… with zeroes" when the exact p-value was implied but impossible.
import { engineWarning, EngineInputError, type EngineWarning } from './errors'
import { psignrank } from './distributions/wilcoxon-exact'
import { exactRankP, normalRankP, rankTestArguments, tieCorrection, type RankTestOptions } from './rank-test-core'
import { locationEstimate, signedRankShift } from './hodges-lehmann'
import { averageRanks } from './sort'
import { checkConfLevel } from './t-test-core'
import { checkAlternative, pairedDifferences, type TwoGroupTestResult } from './two-group-test'
import { ENGINE_VERSION } from './version'

/**
 * Wilcoxon signed-rank test of paired values x[i], y[i].
 *
 * @param input x and y of equal length; `labels` name the two members (default x, y)
 * @param options alternative ('two.sided'), exact (null: R's rule), correct (true), confInt
 *   (false: with true also the pseudomedian and its interval at confLevel, 0.95)
 * @returns V, p, and `test` naming the exact or approximate version; `n` is the number of pairs
 *   used (zero differences excluded), `options.zeros` how many were dropped
 * @throws EngineInputError LENGTH_MISMATCH, NON_FINITE_VALUE, NOT_ENOUGH_OBSERVATIONS
 * Warnings: `EXACT_P_WITH_TIES`, `EXACT_P_WITH_ZEROES` (R's own words).
 *
 * R: `wilcox.test(x, y, paired = TRUE)`
 */
export function wilcoxonSignedRank(input: { x: ArrayLike<number>; y: ArrayLike<number>; labels?: [string, string] }, options: RankTestOptions = {}): TwoGroupTestResult {
  const alternative = checkAlternative(options.alternative ?? 'two.sided')
  const correct = options.correct ?? true
  const confInt = options.confInt ?? false
  const confLevel = checkConfLevel(options.confLevel ?? 0.95)
  const all = pairedDifferences(input.x, input.y)
  if (all.length < 1) throw new EngineInputError('NOT_ENOUGH_OBSERVATIONS', 'The signed-rank test needs at least one pair.')
  const d = all.filter((v) => v !== 0)
  const zeros = all.length - d.length
  const n = d.length
  const exact = options.exact ?? n < 50
  const abs = d.map(Math.abs)
  const { ranks, tieSizes, hasTies } = averageRanks(abs)
  let V = 0
  for (let i = 0; i < n; i++) if (d[i]! > 0) V += ranks[i]!
  const warnings: EngineWarning[] = []
  let p: number
  let test: string
  if (exact && !hasTies && zeros === 0) {
    test = 'Wilcoxon signed rank exact test'
    p = exactRankP(V, (n * (n + 1)) / 4, (q, lower) => psignrank(q, n, lower), alternative)
  } else {
    test = `Wilcoxon signed rank test${correct ? ' with continuity correction' : ''}`
    const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieCorrection(tieSizes) / 48)
    p = normalRankP(V - (n * (n + 1)) / 4, sigma, alternative, correct)
  }
  // R's order: the interval's own warnings, then ties (p-value, interval), then zeroes.
  const hl = confInt ? locationEstimate(() => signedRankShift(d, { alternative, correct, confLevel, exactBranch: exact && !hasTies && zeros === 0 })) : null
  if (hl) warnings.push(...hl.warnings)
  if (!(exact && !hasTies && zeros === 0)) {
    if (exact && hasTies) warnings.push(engineWarning('EXACT_P_WITH_TIES', 'cannot compute exact p-value with ties'))
    if (exact && hasTies && hl) warnings.push(engineWarning('EXACT_CI_WITH_TIES', 'cannot compute exact confidence interval with ties'))
    if (exact && zeros > 0) warnings.push(engineWarning('EXACT_P_WITH_ZEROES', 'cannot compute exact p-value with zeroes'))
    if (exact && zeros > 0 && hl) warnings.push(engineWarning('EXACT_CI_WITH_ZEROES', 'cannot compute exact confidence interval with zeroes'))
  }
  return {
    method: 'wilcoxon-signed-rank',
    test,
    options: { alternative, exact: options.exact ?? null, exactUsed: exact && !hasTies && zeros === 0, correct, mu: 0, zeros, ...(confInt ? { confLevel } : {}) },
    n,
    groups: input.labels ? [...input.labels] : ['x', 'y'],
    nByGroup: [all.length, all.length],
    statistic: V,
    statisticName: 'V',
    df: null,
    p,
    ...(hl ? { estimate: [hl.estimate], estimateNames: [hl.estimateName], confidenceInterval: { lower: hl.lower, upper: hl.upper, level: hl.level } } : {}),
    warnings,
    engineVersion: ENGINE_VERSION,
    rCall: `wilcox.test(x, y, paired = TRUE${rankTestArguments(alternative, options.exact, correct, confInt, confLevel)})`,
  }
}
