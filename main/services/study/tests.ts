// The table test rule: which test each row of a study table gets, and the test itself, run by the
// engine. Stated in words on every row (its footnote), so the printed table says what was done.
//
// Before matching (two independent arms, HT vs TES):
//   continuous — Shapiro–Wilk in each arm; both normal (p ≥ α) → Welch two-sample t test
//     (R's t.test default), otherwise Mann–Whitney U (wilcox.test). An arm with more than 5000
//     values counts as normal (Shapiro–Wilk is not defined there; the t test holds by the central
//     limit theorem); an arm with fewer than 3 values or all values equal counts as not normal.
//   categorical — Cochran's rule: Pearson's chi-square unless an expected count is below 1 or more
//     than 20 % are below 5, then Fisher's exact test.
// After matching (pairs respected: each HT–TES link of a matched set is a pair):
//   continuous — Shapiro–Wilk on the pair differences; normal → paired t test, otherwise Wilcoxon
//     signed-rank test.
//   categorical — McNemar (2 categories) or Stuart–Maxwell / Bowker (more) on the table of the
//     HT member's category × the TES member's category.
import type { NormalityCheck, TableTest, TestReason, TestRule } from '@contract/study'
import { chiSquareTest } from '../../engine/chi-square-test'
import { isEngineInputError } from '../../engine/errors'
import { fisherExactTest } from '../../engine/fisher-exact-test'
import { mannWhitneyU } from '../../engine/mann-whitney-u'
import { mcNemarTest } from '../../engine/mcnemar-test'
import { pairedTTest } from '../../engine/paired-t-test'
import { shapiroWilk } from '../../engine/shapiro-wilk'
import { stuartMaxwellTest } from '../../engine/stuart-maxwell-test'
import { symmetryTest } from '../../engine/symmetry-test'
import type { TwoGroupTestResult } from '../../engine/two-group-test'
import { welchTTest } from '../../engine/welch-t-test'
import { wilcoxonSignedRank } from '../../engine/wilcoxon-signed-rank'

/** Largest sample R's shapiro.test accepts. */
const SHAPIRO_MAX = 5000

export function normalityCheck(values: readonly number[]): NormalityCheck {
  if (values.length < 3 || values.length > SHAPIRO_MAX) return { w: null, p: null, n: values.length }
  try {
    const r = shapiroWilk(values)
    return { w: r.statistic, p: r.p, n: values.length }
  } catch (e) {
    if (isEngineInputError(e)) return { w: null, p: null, n: values.length }
    throw e
  }
}

/** Normal by the rule: Shapiro–Wilk p ≥ α; above 5000 values normal (CLT); otherwise not. */
function isNormal(c: NormalityCheck, alpha: number): boolean {
  if (c.p !== null) return c.p >= alpha
  return c.n > SHAPIRO_MAX
}

const fmtP = (p: number | null): string => (p === null ? 'not computable' : `p = ${p.toPrecision(3)}`)

function fromEngine(r: TwoGroupTestResult, reason: string, rCall: string, why: TestReason): TableTest {
  return {
    method: r.method,
    name: r.test,
    statistic: r.statistic,
    statisticName: r.statisticName,
    df: r.df,
    p: Number.isNaN(r.p) ? null : r.p,
    reason,
    why,
    rCall,
  }
}

/** Runs a test; an input problem (too few values, all equal) gives no test rather than an error. */
function attempt(run: () => TableTest): TableTest | null {
  try {
    return run()
  } catch (e) {
    if (isEngineInputError(e)) return null
    throw e
  }
}

/** Two independent arms, continuous. `name` is the dataset column in the R call. */
export function testContinuousUnpaired(ht: readonly number[], tes: readonly number[], rule: TestRule, name: string): { test: TableTest | null; normality: { HT: NormalityCheck; TES: NormalityCheck } } {
  const normality = { HT: normalityCheck(ht), TES: normalityCheck(tes) }
  let parametric: boolean
  let reason: string
  let why: TestReason = { kind: 'setting' }
  if (rule.continuous === 'parametric') {
    parametric = true
    reason = 'Welch two-sample t test (set to always use the t test).'
  } else if (rule.continuous === 'nonparametric') {
    parametric = false
    reason = 'Mann–Whitney U test (set to always use the rank test).'
  } else {
    parametric = isNormal(normality.HT, rule.normalityAlpha) && isNormal(normality.TES, rule.normalityAlpha)
    why = { kind: 'normalityArms', p: { HT: normality.HT.p, TES: normality.TES.p }, alpha: rule.normalityAlpha, normal: parametric }
    const sw = `Shapiro–Wilk HT ${fmtP(normality.HT.p)}, TES ${fmtP(normality.TES.p)} (α = ${rule.normalityAlpha})`
    reason = parametric ? `Welch two-sample t test: ${sw}, both arms consistent with normality.` : `Mann–Whitney U test: ${sw}, not both consistent with normality.`
  }
  const values = [...ht, ...tes]
  const groups = [...ht.map(() => 'HT'), ...tes.map(() => 'TES')]
  const test = attempt(() =>
    parametric
      ? fromEngine(welchTTest({ values, groups }), reason, `t.test(${name} ~ arm, data = e)`, why)
      : fromEngine(mannWhitneyU({ values, groups }), reason, `wilcox.test(${name} ~ arm, data = e)`, why),
  )
  return { test, normality }
}

/** What the paired differences are, in the reason's words. */
const DIFFERENCES_OF = { pairs: 'pair differences (HT − TES)', beforeAfter: 'differences preoperative − 6 months' } as const

/**
 * Pairs (HT value, TES value) — or (preoperative, 6-month) values of one arm, `of` = 'beforeAfter'
 * — continuous: paired t or Wilcoxon signed-rank by the rule.
 */
export function testContinuousPaired(ht: readonly number[], tes: readonly number[], rule: TestRule, name: string, of: keyof typeof DIFFERENCES_OF = 'pairs'): { test: TableTest | null; differences: NormalityCheck } {
  const d = ht.map((v, i) => v - tes[i]!)
  const differences = normalityCheck(d)
  const what = DIFFERENCES_OF[of]
  let parametric: boolean
  let reason: string
  let why: TestReason = { kind: 'setting' }
  if (rule.continuous === 'parametric') {
    parametric = true
    reason = 'Paired t test (set to always use the t test).'
  } else if (rule.continuous === 'nonparametric') {
    parametric = false
    reason = 'Wilcoxon signed-rank test (set to always use the rank test).'
  } else {
    parametric = isNormal(differences, rule.normalityAlpha)
    why = { kind: 'normalityDifferences', of, p: differences.p, alpha: rule.normalityAlpha, normal: parametric }
    const sw = `Shapiro–Wilk on the ${what} ${fmtP(differences.p)} (α = ${rule.normalityAlpha})`
    reason = parametric ? `Paired t test: ${sw}, consistent with normality.` : `Wilcoxon signed-rank test: ${sw}, not consistent with normality.`
  }
  const test = attempt(() =>
    parametric
      ? fromEngine(pairedTTest({ x: ht, y: tes }), reason, `t.test(p$${name}_ht, p$${name}_tes, paired = TRUE)`, why)
      : fromEngine(wilcoxonSignedRank({ x: ht, y: tes }), reason, `wilcox.test(p$${name}_ht, p$${name}_tes, paired = TRUE)`, why),
  )
  return { test, differences }
}

/** Two independent arms, categorical: the arm × category table; chi-square or Fisher by the rule. */
export function testCategoricalUnpaired(table: { HT: number[]; TES: number[] }, rule: TestRule, name: string): TableTest | null {
  // Only categories seen in the cohort enter the test (R's table() of the present levels).
  const keep = table.HT.map((v, i) => v + table.TES[i]! > 0)
  const rows = [table.HT.filter((_, i) => keep[i]), table.TES.filter((_, i) => keep[i])]
  if (rows[0]!.length < 2) return null
  const total = rows[0]!.reduce((a, b) => a + b, 0) + rows[1]!.reduce((a, b) => a + b, 0)
  const r0 = rows[0]!.reduce((a, b) => a + b, 0)
  const r1 = total - r0
  if (r0 === 0 || r1 === 0) return null
  const expected: number[] = []
  rows[0]!.forEach((a, j) => {
    const column = a + rows[1]![j]!
    expected.push((r0 * column) / total, (r1 * column) / total)
  })
  const below5 = expected.filter((e) => e < 5).length
  const below1 = expected.some((e) => e < 1)
  let fisher: boolean
  let reason: string
  let why: TestReason = { kind: 'setting' }
  if (rule.categorical === 'fisher') {
    fisher = true
    reason = "Fisher's exact test (set to always use it)."
  } else if (rule.categorical === 'chisq') {
    fisher = false
    reason = "Pearson's chi-square test (set to always use it)."
  } else {
    fisher = below1 || below5 / expected.length > 0.2
    why = { kind: 'cochran', below5, cells: expected.length, below1 }
    const share = `${below5} of ${expected.length} expected counts below 5${below1 ? ', one below 1' : ''}`
    reason = fisher ? `Fisher's exact test: ${share} (Cochran's rule).` : `Pearson's chi-square test: ${share} (Cochran's rule).`
  }
  const correct = rule.continuityCorrection
  return attempt(() =>
    fisher
      ? fromEngine(fisherExactTest({ table: rows }), reason, `fisher.test(table(e$arm, e$${name}))`, why)
      : fromEngine(chiSquareTest({ table: rows }, { correct }), reason, `chisq.test(table(e$arm, e$${name})${correct ? '' : ', correct = FALSE'})`, why),
  )
}

/** Pairs (HT category, TES category): McNemar for 2 categories, Stuart–Maxwell or Bowker for more. */
export function testCategoricalPaired(ht: readonly string[], tes: readonly string[], levels: readonly string[], rule: TestRule, name: string): TableTest | null {
  const what = 'HT member × TES member of each pair'
  const present = levels.filter((l) => ht.includes(l) || tes.includes(l))
  if (present.length < 2 || ht.length === 0) return null
  const table = present.map((a) => present.map((b) => ht.reduce((n, v, i) => n + (v === a && tes[i] === b ? 1 : 0), 0)))
  const tab = `table(factor(p$${name}_ht, levels = L), factor(p$${name}_tes, levels = L))`
  const why: TestReason = { kind: 'pairedCategories', categories: present.length }
  if (present.length === 2) {
    const correct = rule.continuityCorrection
    return attempt(() =>
      fromEngine(mcNemarTest({ table, levels: present }, { correct }), `McNemar's test on the ${what} (2 categories).`, `mcnemar.test(${tab}${correct ? '' : ', correct = FALSE'})`, why),
    )
  }
  if (rule.pairedCategorical === 'bowker') {
    return attempt(() => fromEngine(symmetryTest({ table, levels: present }), `Bowker's test of symmetry on the ${what} (${present.length} categories).`, `mcnemar.test(${tab})`, why))
  }
  return attempt(() =>
    fromEngine(stuartMaxwellTest({ table, levels: present }), `Stuart–Maxwell test of marginal homogeneity on the ${what} (${present.length} categories).`, `DescTools::StuartMaxwellTest(${tab})`, why),
  )
}

/** The footnotes every table carries: the rule in words. */
export function ruleFootnotes(rule: TestRule, paired: boolean): string[] {
  const cont =
    rule.continuous === 'shapiro'
      ? paired
        ? `Continuous variables: paired t test when the Shapiro–Wilk test on the pair differences gives p ≥ ${rule.normalityAlpha}, otherwise the Wilcoxon signed-rank test.`
        : `Continuous variables: Welch two-sample t test when the Shapiro–Wilk test gives p ≥ ${rule.normalityAlpha} in both arms, otherwise the Mann–Whitney U test.`
      : rule.continuous === 'parametric'
        ? `Continuous variables: ${paired ? 'paired' : 'Welch two-sample'} t test.`
        : `Continuous variables: ${paired ? 'Wilcoxon signed-rank' : 'Mann–Whitney U'} test.`
  const cat = paired
    ? `Categorical variables: McNemar's test for two categories, ${rule.pairedCategorical === 'bowker' ? "Bowker's test of symmetry" : 'the Stuart–Maxwell test of marginal homogeneity'} for more, on the table of the HT × TES member of each matched pair.`
    : rule.categorical === 'cochran'
      ? "Categorical variables: Pearson's chi-square test, or Fisher's exact test when an expected count is below 1 or more than 20 % are below 5 (Cochran's rule)."
      : rule.categorical === 'chisq'
        ? "Categorical variables: Pearson's chi-square test."
        : "Categorical variables: Fisher's exact test."
  const out = [cont, cat]
  if (rule.continuityCorrection) out.push("Two-by-two chi-square and McNemar tests use Yates' continuity correction (R's default).")
  if (paired) out.push('Pairs are respected: with k:1 matching every HT–TES link of a matched set is one pair.')
  return out
}
