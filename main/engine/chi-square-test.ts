// Pearson's chi-square test of independence on an r × c table, as R's chisq.test(table) with its
// default correct = TRUE: Yates' continuity correction for 2 × 2 tables only, subtracting
// YATES = min(0.5, |O − E|) (the minimum over all four cells, as R computes it, so a table whose
// |O − E| is below 0.5 gets statistic 0), and R's warning when an expected count is below 5.
import { engineWarning, EngineInputError, type EngineWarning } from './errors'
import { pchisqUpper } from './distributions/index'
import { resolveTable, tableTotal, type TableInput } from './contingency-table'
import type { TwoGroupTestResult } from './two-group-test'
import { ENGINE_VERSION } from './version'

export interface ChiSquareResult extends TwoGroupTestResult {
  /** Expected counts under independence, E = row total × column total / n. */
  expected: number[][]
  columnLevels: string[]
}

/**
 * Chi-square test of independence.
 *
 * @param input a table of counts, or two label columns (rows = groups, columns = categories;
 *   both in R's factor() order)
 * @param options correct (default true): Yates' correction on 2 × 2 tables
 * @returns X-squared, df = (r − 1)(c − 1), p, expected counts
 * @throws EngineInputError INVALID_COUNT, EMPTY_TABLE, NOT_ENOUGH_LEVELS
 * Warnings: `SMALL_EXPECTED_COUNTS` "Chi-squared approximation may be incorrect" (R's words).
 *
 * R: `chisq.test(table(d$group, d$var))`
 */
export function chiSquareTest(input: TableInput, options: { correct?: boolean } = {}): ChiSquareResult {
  const correct = options.correct ?? true
  const t = resolveTable(input)
  const x = t.counts
  const nr = x.length
  const nc = x[0]?.length ?? 0
  if (nr < 2 || nc < 2) throw new EngineInputError('NOT_ENOUGH_LEVELS', `The chi-square test needs at least 2 groups and 2 categories, got ${nr} × ${nc}.`)
  const n = tableTotal(x)
  if (n === 0) throw new EngineInputError('EMPTY_TABLE', 'The table is empty (every count is 0).')
  const sr = x.map((r) => r.reduce((a, b) => a + b, 0))
  const sc = x[0]!.map((_, j) => x.reduce((a, r) => a + r[j]!, 0))
  const E = sr.map((r) => sc.map((c) => (r * c) / n))
  let test = "Pearson's Chi-squared test"
  let yates = 0
  if (correct && nr === 2 && nc === 2) {
    yates = 0.5
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) yates = Math.min(yates, Math.abs(x[i]![j]! - E[i]![j]!))
    if (yates > 0) test += " with Yates' continuity correction"
  }
  let stat = 0
  for (let i = 0; i < nr; i++) {
    for (let j = 0; j < nc; j++) {
      const d = Math.abs(x[i]![j]! - E[i]![j]!) - yates
      stat += (d * d) / E[i]![j]!
    }
  }
  const df = (nr - 1) * (nc - 1)
  const warnings: EngineWarning[] = []
  if (E.some((r) => r.some((e) => e < 5))) warnings.push(engineWarning('SMALL_EXPECTED_COUNTS', 'Chi-squared approximation may be incorrect', { details: { minExpected: E.reduce((m, r) => r.reduce((a, e) => Math.min(a, e), m), Infinity) } }))
  return {
    method: 'chi-square-test',
    test,
    options: { correct, yates },
    n,
    groups: t.rowLevels,
    columnLevels: t.columnLevels,
    nByGroup: sr,
    statistic: stat,
    statisticName: 'X-squared',
    df,
    p: Number.isNaN(stat) ? NaN : pchisqUpper(stat, df),
    expected: E,
    warnings,
    engineVersion: ENGINE_VERSION,
    rCall: `chisq.test(table(d$group, d$var)${correct ? '' : ', correct = FALSE'})`,
  }
}
