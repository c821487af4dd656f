// McNemar's test for paired binary (or k-category) outcomes, as R's mcnemar.test(table): the
// statistic Σ_{i<j} (|n_ij − n_ji| − 1)² / (n_ij + n_ji) with the continuity correction (2 × 2 only,
// and only when some n_ij ≠ n_ji), df = k(k − 1)/2. For k > 2 this is Bowker's test of symmetry;
// see symmetry-test.ts.
import { engineWarning, EngineInputError, type EngineWarning } from './errors'
import { pchisqUpper } from './distributions/index'
import { crossTabulate, resolveTable, tableTotal, type ContingencyTable } from './contingency-table'
import { factorLevels } from './factor'
import type { TwoGroupTestResult } from './two-group-test'
import { ENGINE_VERSION } from './version'

/** Paired categorical data: a square table (rows = first member, columns = second) or the labels. */
export type PairedTableInput = { table: readonly (readonly number[])[]; levels?: readonly string[] } | { x: ArrayLike<string | number>; y: ArrayLike<string | number> }

/** The square table of paired categories, with levels common to both members (sorted as factor()). */
export function pairedTable(input: PairedTableInput): ContingencyTable {
  if ('table' in input) {
    const lv = input.levels ? [...input.levels] : input.table.map((_, i) => String(i + 1))
    return resolveTable({ table: input.table, rowLevels: lv, columnLevels: lv })
  }
  const levels = factorLevels([...Array.from(input.x), ...Array.from(input.y)])
  return crossTabulate(input.x, input.y, { rows: levels, columns: levels })
}

/** Shared by McNemar and Bowker: R's mcnemar.test arithmetic on a k × k table. */
export function mcnemarCore(input: PairedTableInput, correct: boolean, method: string): TwoGroupTestResult {
  const t = pairedTable(input)
  const x = t.counts
  const k = x.length
  if (k < 2 || x.some((r) => r.length !== k)) throw new EngineInputError('NOT_SQUARE', `The paired table must be square with at least 2 categories, got ${k} × ${x[0]?.length ?? 0}.`)
  const df = (k * (k - 1)) / 2
  let test = "McNemar's Chi-squared test"
  let anyDiff = false
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) if (x[i]![j] !== x[j]![i]) anyDiff = true
  const useCorrection = correct && k === 2 && anyDiff
  if (useCorrection) test += ' with continuity correction'
  let stat = 0
  const warnings: EngineWarning[] = []
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const s = x[i]![j]! + x[j]![i]!
      const diff = useCorrection ? Math.abs(x[i]![j]! - x[j]![i]!) - 1 : x[i]![j]! - x[j]![i]!
      if (s === 0) {
        warnings.push(
          engineWarning('EMPTY_DISCORDANT_PAIR', `No pair moved between ${t.rowLevels[i]} and ${t.rowLevels[j]} in either direction; R's statistic is then 0/0 = NaN, and so are ours.`, {
            details: { levels: [t.rowLevels[i], t.rowLevels[j]] },
          }),
        )
      }
      stat += (diff * diff) / s
    }
  }
  const p = Number.isNaN(stat) ? NaN : pchisqUpper(stat, df)
  return {
    method,
    test,
    options: { correct, correctionApplied: useCorrection },
    n: tableTotal(x),
    groups: t.rowLevels,
    nByGroup: x.map((r) => r.reduce((a, b) => a + b, 0)),
    statistic: stat,
    statisticName: "McNemar's chi-squared",
    df,
    p,
    warnings,
    engineVersion: ENGINE_VERSION,
    rCall: `mcnemar.test(table(factor(x, levels = L), factor(y, levels = L))${correct ? '' : ', correct = FALSE'})`,
  }
}

/**
 * McNemar's test on paired binary outcomes (2 × 2; use symmetryTest for more categories).
 *
 * @param input the 2 × 2 table (rows = first member's category) or the paired labels
 * @param options correct (default true): continuity correction, applied as R applies it
 * @returns McNemar's chi-squared, df = 1, p
 * @throws EngineInputError NOT_SQUARE, NOT_BINARY (more than two categories), INVALID_COUNT
 * Warnings: `EMPTY_DISCORDANT_PAIR` when no pair is discordant (R's statistic is NaN).
 *
 * R: `mcnemar.test(table(factor(x, levels = L), factor(y, levels = L)))`
 */
export function mcNemarTest(input: PairedTableInput, options: { correct?: boolean } = {}): TwoGroupTestResult {
  const t = pairedTable(input)
  if (t.counts.length !== 2) throw new EngineInputError('NOT_BINARY', `McNemar's test is for two categories; found ${t.counts.length} (${t.rowLevels.join(', ')}). Use the symmetry test for more.`)
  return mcnemarCore({ table: t.counts, levels: t.rowLevels }, options.correct ?? true, 'mcnemar-test')
}
