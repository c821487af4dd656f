// Stuart–Maxwell test of marginal homogeneity for a k × k table of paired categories (Stuart 1955;
// Maxwell 1970): do the two members of the pairs (before/after, or the HT and TES patient of a
// matched pair) have the same distribution over the k categories? For k = 2 it is McNemar's test
// without continuity correction.
//
//   d_i = n_i. − n_.i (row minus column margin), S_ii = n_i. + n_.i − 2 n_ii, S_ij = −(n_ij + n_ji),
//   X² = d' S⁻ d on rank(S) degrees of freedom (k − 1 when every category has a discordant pair).
//
// The textbook form drops one category and inverts the (k − 1) × (k − 1) matrix; a category that no
// pair leaves or enters has a zero row and column in S and d_i = 0, and the textbook inverse fails.
// Here the quadratic form uses the generalized inverse of the full S (zero for redundant
// directions, as coin::mh_test does), which equals the textbook statistic after dropping such
// categories, on one degree of freedom less per dropped category.
import { choleskyDecompose, choleskySolve } from './linalg/cholesky'
import { pchisqUpper } from './distributions/index'
import { engineWarning, EngineInputError, type EngineWarning } from './errors'
import { pairedTable, type PairedTableInput } from './mcnemar-test'
import { tableTotal } from './contingency-table'
import type { TwoGroupTestResult } from './two-group-test'
import { ENGINE_VERSION } from './version'

/**
 * Stuart–Maxwell test of marginal homogeneity for paired categorical data.
 *
 * @param input the k × k table (rows = first member's category) or the paired labels
 * @returns chi-squared statistic, df = rank of S (k − 1, less one per category without discordant
 *   pairs), p; statistic 0 on 0 df and p NaN with a NO_DISCORDANT_PAIRS warning when no pair is
 *   discordant (the test is not defined)
 * @throws EngineInputError NOT_SQUARE, INVALID_COUNT
 *
 * R (no base function; DescTools::StuartMaxwellTest(tab) gives the same, or by hand):
 * `k <- nrow(tab); keep <- rowSums(tab) + colSums(tab) - 2 * diag(tab) > 0; t2 <- tab[keep, keep];
 * d <- (rowSums(t2) - colSums(t2))[-1]; S <- -(t2 + t(t2)); diag(S) <- rowSums(t2) + colSums(t2) - 2 * diag(t2);
 * S <- S[-1, -1]; X2 <- drop(t(d) %*% solve(S, d)); pchisq(X2, sum(keep) - 1, lower.tail = FALSE)`
 */
export function stuartMaxwellTest(input: PairedTableInput): TwoGroupTestResult {
  const t = pairedTable(input)
  const x = t.counts
  const k = x.length
  if (k < 2 || x.some((r) => r.length !== k)) throw new EngineInputError('NOT_SQUARE', `The paired table must be square with at least 2 categories, got ${k} × ${x[0]?.length ?? 0}.`)
  const rowSum = x.map((r) => r.reduce((a, b) => a + b, 0))
  const colSum = x[0]!.map((_, j) => x.reduce((a, r) => a + r[j]!, 0))
  const d = new Float64Array(k)
  const s = new Float64Array(k * k)
  for (let i = 0; i < k; i++) {
    d[i] = rowSum[i]! - colSum[i]!
    for (let j = 0; j < k; j++) s[i * k + j] = i === j ? rowSum[i]! + colSum[i]! - 2 * x[i]![i]! : -(x[i]![j]! + x[j]![i]!)
  }
  const warnings: EngineWarning[] = []
  const f = choleskyDecompose(s, k)
  const df = f.rank
  let stat = 0
  let p = Number.NaN
  if (df === 0) {
    warnings.push(engineWarning('NO_DISCORDANT_PAIRS', 'Every pair falls in the same category for both members: marginal homogeneity cannot be tested (no discordant pairs).'))
  } else {
    const sol = choleskySolve(f, d)
    for (let i = 0; i < k; i++) stat += d[i]! * sol[i]!
    p = pchisqUpper(stat, df)
  }
  return {
    method: 'stuart-maxwell-test',
    test: 'Stuart-Maxwell test of marginal homogeneity',
    options: {},
    n: tableTotal(x),
    groups: t.rowLevels,
    nByGroup: rowSum,
    statistic: stat,
    statisticName: 'X-squared',
    df,
    p,
    warnings,
    engineVersion: ENGINE_VERSION,
    rCall: 'DescTools::StuartMaxwellTest(table(factor(x, levels = L), factor(y, levels = L)))',
  }
}
