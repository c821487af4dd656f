// Bowker's test of symmetry for a k × k table of paired categories (k ≥ 2; k = 2 is McNemar's test
// without continuity correction): Σ_{i<j} (n_ij − n_ji)² / (n_ij + n_ji) on k(k − 1)/2 df — what R's
// mcnemar.test computes for k > 2 (it applies no correction there).
import { mcnemarCore, type PairedTableInput } from './mcnemar-test'
import type { TwoGroupTestResult } from './two-group-test'

/**
 * Bowker's symmetry test for matched multi-category variables (e.g. ASIA grade before/after, or
 * the category of each member of a matched pair).
 *
 * @param input the k × k table (rows = first member's category) or the paired labels
 * @returns McNemar's chi-squared (R's name), df = k(k − 1)/2, p; NaN with a warning when a pair of
 *   off-diagonal cells is empty in both directions (R gives NaN there)
 * @throws EngineInputError NOT_SQUARE, INVALID_COUNT
 *
 * R: `mcnemar.test(table(factor(x, levels = L), factor(y, levels = L)))` (k > 2; for k = 2 add
 * `correct = FALSE` to get the same number)
 */
export function symmetryTest(input: PairedTableInput): TwoGroupTestResult {
  const res = mcnemarCore(input, false, 'symmetry-test')
  return { ...res, rCall: res.groups.length === 2 ? 'mcnemar.test(table(factor(x, levels = L), factor(y, levels = L)), correct = FALSE)' : 'mcnemar.test(table(factor(x, levels = L), factor(y, levels = L)))' }
}
