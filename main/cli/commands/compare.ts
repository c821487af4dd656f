import path from 'node:path'
import { UsageError, jsonNumber as num, oneOfOption, optionalNumber, requireString, type Command } from '../command'
import { completeCases, numericValues, rReadCsv, readCsvTable } from '../csv-table'
import { LEVEL_ORDER_HELP, factorColumn } from '../r-columns'
import { compareGroups } from '../../engine/compare-groups'
import type { TableInput } from '../../engine/contingency-table'
import { EngineInputError, isEngineInputError } from '../../engine/errors'
import type { FisherOptions } from '../../engine/fisher-exact-test'
import type { TwoGroupTestResult } from '../../engine/two-group-test'

const TESTS = ['welch', 'student', 'mann-whitney', 'chisq', 'fisher', 'paired-t', 'wilcoxon-signed-rank', 'mcnemar', 'symmetry'] as const
type TestId = (typeof TESTS)[number]
const PAIRED: ReadonlySet<TestId> = new Set(['paired-t', 'wilcoxon-signed-rank', 'mcnemar', 'symmetry'])
const CATEGORICAL: ReadonlySet<TestId> = new Set(['chisq', 'fisher', 'mcnemar', 'symmetry'])

export const compareCommand: Command = {
  name: 'compare',
  summary: 'Compare two groups (t, Mann–Whitney, chi-square, Fisher) or matched pairs (paired t, signed rank, McNemar, symmetry), as R.',
  help: `Tests and the R call each reproduces (the first group in R's factor() order is "x"; see the
order below):
  welch                 t.test(var ~ group)                         Welch two-sample t test
  student               t.test(var ~ group, var.equal = TRUE)       pooled-variance t test
  mann-whitney          wilcox.test(var ~ group, conf.int = TRUE)   W = rank sum of group 1 − n1(n1+1)/2;
                        exact p when both groups < 50 and no ties, else normal with continuity/ties;
                        the Hodges–Lehmann location shift and its CI
  chisq                 chisq.test(table(group, var))               Yates' correction for 2 × 2
  fisher                fisher.test(table(group, var))              exact, 2 × 2 and r × c; 2 × 2: the
                        conditional MLE odds ratio and its CI; r × c with --simulate B --seed N:
                        set.seed(N); fisher.test(..., simulate.p.value = TRUE, B = B), R's p exactly
  paired-t              t.test(x, y, paired = TRUE)                 needs --pair
  wilcoxon-signed-rank  wilcox.test(x, y, paired = TRUE,            needs --pair; zero differences dropped;
                          conf.int = TRUE)                          the pseudomedian and its CI
  mcnemar               mcnemar.test(table(x, y))                   needs --pair; 2 categories, corrected
  symmetry              mcnemar.test(table(x, y)) for k > 2         Bowker's test; needs --pair
For paired tests the CSV is long: one row per patient, --group tells the two members apart (e.g.
arm or time point), --pair identifies the matched pair (e.g. a pair or subclass id); x is the
member in the first group, y in the second, and pairs are taken in sorted --pair order. A pair
with only one member is left out (nIncompletePairs); a pair with two rows in one group is an
error. McNemar/symmetry tables use the categories of --var in both members (R:
table(factor(x, levels = L), factor(y, levels = L))).
Rows with an empty, NA or "." cell in a used column are dropped (nDropped).
${LEVEL_ORDER_HELP}

JSON fields (--json):
  test          the test as R names it, e.g. "Wilcoxon rank sum exact test" (exact or approximate)
  testId        the --test value
  statistic     t, W, V, X-squared or McNemar's chi-squared (null for Fisher: R has none)
  statisticName its R name
  df            degrees of freedom (null where there are none)
  p             p-value (null where R gives NaN, e.g. a symmetry test with an empty pair of cells)
  n             observations used (pairs for paired tests)
  nDropped      rows dropped for missing values; nIncompletePairs (paired tests)
  groups        group levels (first = R's reference), nByGroup
  estimate, confidenceInterval {lower, upper, level}   t tests: means / mean difference and its CI;
                rank tests: the Hodges–Lehmann estimate (R's conf.int = TRUE; level is the one
                achieved where R says "requested conf.level not achievable"); Fisher 2 × 2: the
                conditional MLE odds ratio (0 or null for Inf at the ends) and its CI
  estimateNames R's names of the estimates where it gives them ("difference in location",
                "(pseudo)median", "odds ratio")
  warnings      [{code, message}], e.g. "cannot compute exact p-value with ties",
                "Chi-squared approximation may be incorrect"
  method, rCall, engineVersion`,
  options: {
    csv: { type: 'string', valueName: 'FILE', description: 'CSV file with a header row' },
    group: { type: 'string', valueName: 'COLUMN', description: 'the column with the two groups (or the two members of a pair)' },
    var: { type: 'string', valueName: 'COLUMN', description: 'the variable compared (numeric, or categorical for chisq/fisher/mcnemar/symmetry)' },
    test: { type: 'string', valueName: TESTS.join('|'), description: 'which test' },
    pair: { type: 'string', valueName: 'COLUMN', description: 'pair identifier (required by the paired tests)' },
    alternative: { type: 'string', valueName: 'two.sided|less|greater', description: 'alternative hypothesis (t, rank and 2 × 2 Fisher tests; default two.sided)' },
    'conf-level': { type: 'string', valueName: 'P', description: 'confidence level of the interval (t, rank and 2 × 2 Fisher tests; default 0.95)' },
    exact: { type: 'string', valueName: 'TRUE|FALSE', description: 'rank tests: force the exact (TRUE) or normal (FALSE) p-value (default: R\'s rule)' },
    correct: { type: 'string', valueName: 'TRUE|FALSE', description: 'continuity correction (rank tests, chisq 2 × 2, mcnemar; default TRUE)' },
    simulate: { type: 'string', valueName: 'B', description: 'fisher r × c: p-value from B random tables with the same margins, as fisher.test(simulate.p.value = TRUE, B = B); needs --seed' },
    seed: { type: 'string', valueName: 'N', description: 'seed for --simulate (R: set.seed(N); the same N gives R\'s very p-value)' },
  },
  async run({ values, io }) {
    const file = path.resolve(io.cwd, requireString(values, 'csv'))
    const groupCol = requireString(values, 'group')
    const varCol = requireString(values, 'var')
    const testId = oneOfOption(values, 'test', TESTS)
    if (!testId) throw new UsageError('missing required option --test')
    const pairCol = typeof values.pair === 'string' ? values.pair : undefined
    if (PAIRED.has(testId) && !pairCol) throw new UsageError(`--test ${testId} compares matched pairs: give --pair COLUMN (the pair identifier)`)
    if (!PAIRED.has(testId) && pairCol) throw new UsageError(`--pair is only for the paired tests (${[...PAIRED].join(', ')})`)

    const alternative = oneOfOption(values, 'alternative', ['two.sided', 'less', 'greater'] as const)
    const confLevel = optionalNumber(values, 'conf-level', { min: 0.5, max: 0.999999 })
    const flag = (name: string): boolean | undefined => {
      const v = oneOfOption(values, name, ['TRUE', 'FALSE', 'true', 'false'] as const)
      return v === undefined ? undefined : v.toUpperCase() === 'TRUE'
    }
    const exact = flag('exact')
    const correct = flag('correct')
    const T_TESTS: readonly TestId[] = ['welch', 'student', 'paired-t']
    const RANK_TESTS: readonly TestId[] = ['mann-whitney', 'wilcoxon-signed-rank']
    if (alternative !== undefined && !T_TESTS.includes(testId) && !RANK_TESTS.includes(testId) && testId !== 'fisher') throw new UsageError(`--alternative applies to the t, rank and Fisher tests, not --test ${testId}`)
    if (confLevel !== undefined && !T_TESTS.includes(testId) && !RANK_TESTS.includes(testId) && testId !== 'fisher') throw new UsageError(`--conf-level applies to the t, rank and Fisher tests, not --test ${testId}`)
    if (exact !== undefined && !RANK_TESTS.includes(testId)) throw new UsageError(`--exact applies to the rank tests (mann-whitney, wilcoxon-signed-rank), not --test ${testId}`)
    if (correct !== undefined && !RANK_TESTS.includes(testId) && testId !== 'chisq' && testId !== 'mcnemar') throw new UsageError(`--correct applies to the rank tests, chisq and mcnemar, not --test ${testId}`)
    const simulateB = optionalNumber(values, 'simulate', { integer: true, min: 1, max: 1e8 })
    const seed = optionalNumber(values, 'seed', { integer: true })
    if (simulateB !== undefined && testId !== 'fisher') throw new UsageError(`--simulate applies to --test fisher, not --test ${testId}`)
    if (simulateB !== undefined && seed === undefined) throw new UsageError('--simulate B needs --seed N so that the simulated p-value can be reproduced (R: set.seed(N))')
    const seedWarning = seed !== undefined && simulateB === undefined ? [{ code: 'SEED_UNUSED', message: `--seed ${seed} has no effect: only --simulate draws random numbers.` }] : []
    const tOptions = { ...(alternative ? { alternative } : {}), ...(confLevel !== undefined ? { confLevel } : {}) }
    const rankOptions = { ...tOptions, ...(exact !== undefined ? { exact } : {}), ...(correct !== undefined ? { correct } : {}), confInt: true }
    const correctOption = correct !== undefined ? { correct } : {}

    const table = readCsvTable(file)
    const columns = [groupCol, varCol, ...(pairCol ? [pairCol] : [])]
    const cc = completeCases(table, columns)
    if (cc.rowNumbers.length === 0) throw new UsageError(`${table.file} has no rows with all of ${columns.join(', ')} filled in`)
    const group = factorColumn(table, groupCol, cc.cells[groupCol]!)
    const values_ = CATEGORICAL.has(testId) ? null : numericValues(table, cc, varCol)
    const category = CATEGORICAL.has(testId) ? factorColumn(table, varCol, cc.cells[varCol]!) : null
    let res: TwoGroupTestResult
    let nIncompletePairs: number | null = null
    if (!PAIRED.has(testId)) {
      if (testId === 'chisq' || testId === 'fisher') {
        // Keep R's level order for numbers (factor() sorts them numerically).
        const t = { table: tabulate(group, category!), rowLevels: group.levels.filter((_, k) => group.codes.includes(k)), columnLevels: category!.levels.filter((_, k) => category!.codes.includes(k)) }
        if (t.rowLevels.length < 2) throw new UsageError(`the group column "${groupCol}" needs at least two values, found ${t.rowLevels.join(', ') || 'none'}`)
        if (t.columnLevels.length < 2) throw new UsageError(`the variable "${varCol}" needs at least two categories, found ${t.columnLevels.join(', ') || 'none'}`)
        res = testId === 'fisher' ? fisher(t, { ...tOptions, ...(simulateB !== undefined ? { simulate: { B: simulateB, seed: seed! } } : {}) }) : compareGroups({ test: 'chisq', input: t, options: correctOption })
      } else {
        const codes = Array.from(group.codes)
        if (group.levels.length !== 2) throw new UsageError(`--test ${testId} needs exactly two groups in "${groupCol}", found ${group.levels.length}: ${group.levels.slice(0, 6).join(', ')}`)
        const input = { values: values_!, groups: codes }
        res = testId === 'mann-whitney' ? compareGroups({ test: testId, input, options: rankOptions }) : compareGroups({ test: testId as 'welch' | 'student', input, options: tOptions })
        res = { ...res, groups: [...group.levels] }
      }
    } else {
      if (group.levels.length !== 2) throw new UsageError(`--test ${testId} needs exactly two members per pair in "${groupCol}" (e.g. two arms or two time points), found ${group.levels.length}: ${group.levels.slice(0, 6).join(', ')}`)
      const pair = factorColumn(table, pairCol!, cc.cells[pairCol!]!)
      const first = new Int32Array(pair.levels.length).fill(-1)
      const second = new Int32Array(pair.levels.length).fill(-1)
      for (let i = 0; i < pair.codes.length; i++) {
        const slot = group.codes[i] === 0 ? first : second
        const p = pair.codes[i]!
        if (slot[p] !== -1) {
          throw new UsageError(`pair "${pair.levels[p]}" has two rows in group "${group.levels[group.codes[i]!]}" (rows ${cc.rowNumbers[slot[p]!]} and ${cc.rowNumbers[i]}); each pair needs one row per group`)
        }
        slot[p] = i
      }
      const complete: [number, number][] = []
      nIncompletePairs = 0
      for (let p = 0; p < pair.levels.length; p++) {
        if (first[p]! >= 0 && second[p]! >= 0) complete.push([first[p]!, second[p]!])
        else nIncompletePairs++
      }
      if (complete.length === 0) throw new UsageError(`no pair in "${pairCol}" has a row in both groups (${group.levels.join(', ')})`)
      const labels: [string, string] = [group.levels[0]!, group.levels[1]!]
      if (testId === 'paired-t' || testId === 'wilcoxon-signed-rank') {
        const x = complete.map(([a]) => values_![a]!)
        const y = complete.map(([, b]) => values_![b]!)
        res = testId === 'paired-t' ? compareGroups({ test: testId, input: { x, y, labels }, options: tOptions }) : compareGroups({ test: 'wilcoxon-signed-rank', input: { x, y, labels }, options: rankOptions })
      } else {
        const cat = category!
        const present = cat.levels.filter((_, k) => cat.codes.includes(k))
        const index = new Map(present.map((l, k) => [l, k]))
        const k = present.length
        const tab = Array.from({ length: k }, () => new Array<number>(k).fill(0))
        for (const [a, b] of complete) tab[index.get(cat.levels[cat.codes[a]!]!)!]![index.get(cat.levels[cat.codes[b]!]!)!]!++
        if (testId === 'mcnemar' && k !== 2) throw new UsageError(`McNemar's test is for two categories, but "${varCol}" has ${k} (${present.join(', ')}); use --test symmetry`)
        if (k < 2) throw new UsageError(`"${varCol}" has a single category (${present[0]}) in the complete pairs: there is nothing to test`)
        res = testId === 'mcnemar' ? compareGroups({ test: 'mcnemar', input: { table: tab, levels: present }, options: correctOption }) : compareGroups({ test: 'symmetry', input: { table: tab, levels: present } })
        res = { ...res, groups: labels, nByGroup: [complete.length, complete.length] }
      }
    }
    const json = {
      test: res.test.trim(),
      testId,
      statistic: num(res.statistic),
      statisticName: res.statisticName,
      df: num(res.df),
      p: num(res.p),
      n: res.n,
      nDropped: cc.nDropped,
      ...(nIncompletePairs !== null ? { nIncompletePairs } : {}),
      groups: res.groups,
      nByGroup: res.nByGroup,
      // ±Inf and NaN become null in the JSON (as in the intervals), and read Inf / NA in the text.
      ...(res.estimate ? { estimate: res.estimate } : {}),
      ...(res.estimateNames ? { estimateNames: res.estimateNames } : {}),
      ...(res.confidenceInterval ? { confidenceInterval: res.confidenceInterval } : {}),
      warnings: [...res.warnings.map((w) => ({ code: w.code, message: w.message })), ...seedWarning],
      method: res.method,
      rCall: rCallFor(testId, res.rCall, rReadCsv(file, table), groupCol, varCol, pairCol, group.levels),
      engineVersion: res.engineVersion,
    }
    return { json, text: compareText(json) }
  },
}

/** Fisher's test; a table beyond the exact search gets a message naming the CLI's way out. */
function fisher(input: TableInput, options: FisherOptions): TwoGroupTestResult {
  try {
    return compareGroups({ test: 'fisher', input, options })
  } catch (e) {
    if (isEngineInputError(e) && e.code === 'TABLE_TOO_LARGE') {
      throw new EngineInputError(
        'TABLE_TOO_LARGE',
        "This table is too large for Fisher's exact test within the search limit. Simulate the p-value instead with --simulate 100000 --seed N (R: set.seed(N); fisher.test(table, simulate.p.value = TRUE, B = 1e5)), use --test chisq, or merge sparse categories.",
      )
    }
    throw e
  }
}

function tabulate(rows: { codes: Int32Array; levels: string[] }, cols: { codes: Int32Array; levels: string[] }): number[][] {
  const rowUsed = rows.levels.map((_, k) => rows.codes.includes(k))
  const colUsed = cols.levels.map((_, k) => cols.codes.includes(k))
  const rIdx = rows.levels.map((_, k) => rowUsed.slice(0, k).filter(Boolean).length)
  const cIdx = cols.levels.map((_, k) => colUsed.slice(0, k).filter(Boolean).length)
  const t = Array.from({ length: rowUsed.filter(Boolean).length }, () => new Array<number>(colUsed.filter(Boolean).length).fill(0))
  for (let i = 0; i < rows.codes.length; i++) t[rIdx[rows.codes[i]!]!]![cIdx[cols.codes[i]!]!]!++
  return t
}

function rCallFor(testId: TestId, engineCall: string, d: string, g: string, v: string, p: string | undefined, levels: readonly string[]): string {
  switch (testId) {
    case 'welch':
    case 'student':
    case 'mann-whitney':
      return `${d}; ${engineCall.replace('values ~ group', `${v} ~ ${g}`)}`
    case 'chisq':
    case 'fisher':
      return `${d}; ${engineCall.replace('d$group', `d$${g}`).replace('d$var', `d$${v}`)}`
    default: {
      const w = `w <- reshape(d[c("${p}", "${g}", "${v}")], idvar = "${p}", timevar = "${g}", direction = "wide"); w <- w[order(w$${p}), ]; x <- w[["${v}.${levels[0]}"]]; y <- w[["${v}.${levels[1]}"]]`
      if (testId === 'mcnemar' || testId === 'symmetry') return `${d}; ${w}; L <- sort(unique(c(as.character(x), as.character(y)))); ${engineCall}`
      return `${d}; ${w}; ${engineCall}`
    }
  }
}

type CompareJson = {
  test: string
  statistic: number | null
  statisticName: string | null
  df: number | null
  p: number | null
  n: number
  nDropped: number
  nIncompletePairs?: number
  groups: string[]
  nByGroup: number[]
  estimate?: number[]
  estimateNames?: string[]
  confidenceInterval?: { lower: number | null; upper: number | null; level: number | null }
  warnings: { code: string; message: string }[]
  rCall: string
}

function compareText(j: CompareJson): string {
  const p = j.p === null ? 'NA' : j.p < 1e-4 ? j.p.toExponential(2) : j.p.toFixed(4)
  const lines = [
    j.test,
    `groups ${j.groups.map((g, k) => `${g} (n = ${j.nByGroup[k]})`).join(' vs ')}; n = ${j.n}${j.nDropped ? `, ${j.nDropped} rows dropped for missing values` : ''}${j.nIncompletePairs ? `, ${j.nIncompletePairs} incomplete pairs left out` : ''}`,
    `${j.statisticName ?? 'statistic'} = ${j.statistic === null ? 'none' : j.statistic.toPrecision(6)}${j.df === null ? '' : `, df = ${Number.isInteger(j.df) ? j.df : j.df.toFixed(2)}`}, p = ${p}`,
  ]
  const bound = (v: number | null): string => (v === null || Number.isNaN(v) ? 'NA' : v === Infinity ? 'Inf' : v === -Infinity ? '-Inf' : v.toPrecision(6))
  if (j.estimate) lines.push(`estimate ${j.estimate.map((e, k) => `${j.estimateNames?.[k] ? `${j.estimateNames[k]} ` : ''}${bound(e)}`).join(', ')}`)
  const ci = j.confidenceInterval
  if (ci) lines.push(`${ci.level === null || Number.isNaN(ci.level) ? 'NA' : Number((ci.level * 100).toPrecision(6))}% CI ${bound(ci.lower)} to ${bound(ci.upper)}`)
  for (const w of j.warnings) lines.push(`Warning: ${w.message}`)
  lines.push(`R: ${j.rCall}`)
  return lines.join('\n')
}
