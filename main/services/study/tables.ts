// The study's tables: Table 1 (eligible, before matching), Table 2 (matched), Table 3
// (perioperative), Table 4 (before and 6 months after), the ASIA shift table and complications.
// Summaries, tests (tests.ts: the stated rule) and SMDs (the engine's balance table) for each row.
import type {
  AsiaShiftTable,
  CategoryCount,
  ComplicationRow,
  ComplicationsTable,
  ContinuousSummary,
  OutcomeChangeRow,
  OutcomeTables,
  PerArm,
  StudyArm,
  StudyTable,
  TableRow,
  TableTest,
  TestRule,
  MissingReasons,
} from '@contract/study'
import { ASIA_GRADES, BILSKY_GRADES, COMPLICATION_KINDS, HISTOLOGIES, SEXES, SOSGOQ_VERSIONS, SPINAL_REGIONS, type ComplicationKind, type SosgoqVersion } from '../../domain/codes'
import { SOSGOQ_PROFILES } from '../../domain/scores/sosgoq'
import { asiaOrdinal } from '../../domain/scores/asia'
import { balanceTable } from '../../engine/balance'
import { describe } from '../../engine/descriptive'
import { isEngineInputError } from '../../engine/errors'
import type { AnalysisRow, AssessmentValues } from './dataset'
import { ruleFootnotes, testCategoricalPaired, testCategoricalUnpaired, testContinuousPaired, testContinuousUnpaired } from './tests'

/** The eligible cohort, its matching weights, and who is in which sample (indices into `rows`). */
export interface Cohorts {
  rows: readonly AnalysisRow[]
  weights: Float64Array
  /** Every eligible patient per arm. */
  all: PerArm<number[]>
  /** Matched patients per arm (distinct; a reused control once). */
  matched: PerArm<number[]>
  /** Treated–control links of the matched sets: [HT index, TES index]. */
  links: [number, number][]
  /** SMDs before and after per variable, computed once for Table 1 and Table 2. */
  smdCache?: Map<string, { before: (number | null)[]; after: (number | null)[] }>
}

type ContinuousVar = { kind: 'continuous'; variable: string; label: string; unit: string; get: (r: AnalysisRow) => number | null; note?: string }
type CategoricalVar = { kind: 'categorical'; variable: string; label: string; levels: readonly string[]; get: (r: AnalysisRow) => string | null; allLevels?: boolean }
type VarDef = ContinuousVar | CategoricalVar

const ARMS: readonly StudyArm[] = ['HT', 'TES']
const perArm = <T>(f: (arm: StudyArm) => T): PerArm<T> => ({ HT: f('HT'), TES: f('TES') })
const present = <T>(v: T | null): v is T => v !== null

/** Float64Array.from(xs, f) as a plain loop (the typed-array `from` with a map function is several times slower in V8). */
export function floats<T>(xs: readonly T[], f: (x: T) => number): Float64Array {
  const out = new Float64Array(xs.length)
  for (let i = 0; i < xs.length; i++) out[i] = f(xs[i]!)
  return out
}

/** The levels (in `levels` order) that at least one of `idx` has. */
function levelsPresent(def: CategoricalVar, c: Cohorts, idx: readonly number[]): string[] {
  const seen = new Set<string | null>()
  for (const i of idx) seen.add(def.get(c.rows[i]!))
  return def.levels.filter((l) => seen.has(l))
}

function summary(values: readonly (number | null)[]): ContinuousSummary {
  const d = describe(values.map((v) => (v === null ? Number.NaN : v)))
  return { n: d.n, missing: d.missing, mean: d.mean, sd: d.sd, median: d.median, q1: d.q1, q3: d.q3, min: d.min, max: d.max }
}

const sosgoqOf = (a: AssessmentValues, v: SosgoqVersion): number | null => (a.sosgoqVersion === v ? a.sosgoq : null)

function baselineVars(rows: readonly AnalysisRow[]): VarDef[] {
  const versions = SOSGOQ_VERSIONS.filter((v) => rows.some((r) => r.preop.sosgoqVersion === v))
  const mixed = versions.length > 1
  return [
    { kind: 'continuous', variable: 'age', label: 'Age', unit: 'years', get: (r) => r.age },
    { kind: 'categorical', variable: 'sex', label: 'Sex', levels: SEXES, get: (r) => r.sex },
    { kind: 'categorical', variable: 'spinalLevel', label: 'Involved spinal level', levels: SPINAL_REGIONS, get: (r) => r.spinalLevel },
    { kind: 'categorical', variable: 'histology', label: 'Histology', levels: HISTOLOGIES, get: (r) => r.histology },
    { kind: 'continuous', variable: 'tokuhashi', label: 'Revised Tokuhashi score', unit: 'points', get: (r) => r.tokuhashi },
    { kind: 'categorical', variable: 'ecog', label: 'ECOG-PS', levels: ['0', '1', '2', '3', '4', '5'], get: (r) => (r.ecog === null ? null : String(r.ecog)) },
    { kind: 'categorical', variable: 'bilsky', label: 'ESCC scale', levels: BILSKY_GRADES, get: (r) => r.bilsky },
    { kind: 'continuous', variable: 'vas', label: 'VAS', unit: 'points', get: (r) => r.preop.vas },
    { kind: 'continuous', variable: 'sins', label: 'SINS', unit: 'points', get: (r) => r.preop.sins },
    { kind: 'categorical', variable: 'asia', label: 'ASIA scale', levels: ASIA_GRADES, get: (r) => r.preop.asia },
    ...versions.map(
      (v): ContinuousVar => ({
        kind: 'continuous',
        variable: `sosgoq:${v}`,
        label: `SOSG-OQ (version ${v})`,
        unit: 'points',
        get: (r) => sosgoqOf(r.preop, v),
        note: `${SOSGOQ_PROFILES[v].direction === 'lowerIsBetter' ? 'Lower is better' : 'Higher is better'}.${mixed ? ' Versions are never pooled: patients with another version are not counted in this row.' : ''}`,
      }),
    ),
  ]
}

/** SMD of one variable before and after matching (MatchIt's definitions, via the engine's balance table). */
function smdOf(def: VarDef, c: Cohorts, levels: readonly string[]): { before: (number | null)[]; after: (number | null)[] } {
  const key = `${def.variable}|${levels.join(',')}`
  const cached = c.smdCache?.get(key)
  if (cached) return cached
  const computed = computeSmd(def, c, levels)
  ;(c.smdCache ??= new Map()).set(key, computed)
  return computed
}

function computeSmd(def: VarDef, c: Cohorts, levels: readonly string[]): { before: (number | null)[]; after: (number | null)[] } {
  const idx = [...c.all.HT, ...c.all.TES].filter((i) => def.get(c.rows[i]!) !== null)
  const width = def.kind === 'continuous' ? 1 : levels.length
  const none = { before: new Array<null>(width).fill(null), after: new Array<null>(width).fill(null) }
  try {
    const treat = idx.map((i) => (c.rows[i]!.arm === 'HT' ? 1 : 0))
    const weights = idx.map((i) => c.weights[i]!)
    const code = new Map(levels.map((l, k) => [l, k]))
    const covariate =
      def.kind === 'continuous'
        ? { name: 'x', type: 'numeric' as const, values: floats(idx, (i) => def.get(c.rows[i]!)!) }
        : { name: 'x', type: 'factor' as const, levels, codes: floats(idx, (i) => code.get(def.get(c.rows[i]!)!) ?? -1) }
    const b = balanceTable({ covariates: [covariate], treat, weights }, { ecdf: false })
    return { before: b.rows.map((r) => r.before.standardizedMeanDifference), after: b.rows.map((r) => r.after?.standardizedMeanDifference ?? null) }
  } catch (e) {
    if (isEngineInputError(e)) return none
    throw e
  }
}

const maxAbs = (v: readonly (number | null)[]): number | null => {
  const a = v.filter(present).map(Math.abs)
  return a.length ? Math.max(...a) : null
}

/** Column name of a variable in the R calls: the dataset CSV's for model covariates, else snake_case of the field. */
const DATASET_NAMES: Readonly<Record<string, string>> = { bilsky: 'escc', spinalLevel: 'spinal_level' }
const rName = (variable: string): string => {
  const [, base = variable, when] = /^(.*?)(?:\.(preop|month6))?$/.exec(variable) ?? []
  const name = base.startsWith('sosgoq:') ? 'sosgoq' : (DATASET_NAMES[base] ?? base.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`))
  return when === 'month6' ? `${name}_month6` : name
}

/** The study fields (completeness paths) behind a table variable: their codes say why it is missing. */
const VARIABLE_PATHS: Readonly<Record<string, readonly string[]>> = {
  age: ['patient.ageYears'],
  sex: ['patient.sex'],
  spinalLevel: ['patient.spinalRegion', 'patient.vertebrae'],
  histology: ['patient.histology'],
  tokuhashi: ['preop.kps', 'preop.tokuhashiExtraspinalBoneFoci', 'preop.tokuhashiVertebralMetastases', 'preop.tokuhashiVisceral', 'preop.tokuhashiFrankel', 'patient.tokuhashiPrimaryPoints'],
  ecog: ['preop.ecog'],
  bilsky: ['preop.bilskyGrade'],
  vas: ['preop.vasPain'],
  sins: ['preop.sinsLocation', 'preop.sinsPain', 'preop.sinsBoneLesion', 'preop.sinsAlignment', 'preop.sinsCollapse', 'preop.sinsPosterolateral'],
  asia: ['preop.asiaGrade'],
  'asia.preop': ['preop.asiaGrade'],
  'asia.month6': ['month6.asiaGrade'],
  operativeTimeHours: ['surgery.operativeTimeMin'],
  bloodLossMl: ['surgery.bloodLossMl'],
  lengthOfStayDays: ['surgery.admissionDate', 'surgery.dischargeDate'],
  surgeryToSrsDays: ['surgery.srsDate'],
}

/** Why a row has no value for a table variable or covariate: the first coded field behind it, else notEntered. */
export function missingReasonOf(r: AnalysisRow, variable: string): keyof MissingReasons {
  const paths = variable.startsWith('sosgoq') ? ['preop.sosgoq'] : (VARIABLE_PATHS[variable] ?? [])
  return paths.map((p) => r.missingCodes?.[p]).find((x) => x !== undefined) ?? 'notEntered'
}

/** Per arm, why the patients of `sample` without a value have none (the first coded field, else notEntered). */
function missingReasonsOf(def: VarDef, c: Cohorts, sample: PerArm<number[]>): PerArm<MissingReasons> | undefined {
  const paths = def.variable.startsWith('sosgoq:') ? ['preop.sosgoq'] : VARIABLE_PATHS[def.variable]
  if (!paths) return undefined
  return perArm((arm) => {
    const out: MissingReasons = {}
    for (const i of sample[arm]) {
      const r = c.rows[i]!
      if (def.get(r) !== null) continue
      const reason = missingReasonOf(r, def.variable)
      out[reason] = (out[reason] ?? 0) + 1
    }
    return out
  })
}

function continuousRow(def: ContinuousVar, c: Cohorts, paired: boolean, rule: TestRule, withSmd: boolean): TableRow {
  const sample = paired ? c.matched : c.all
  const arms = perArm((arm) => summary(sample[arm].map((i) => def.get(c.rows[i]!))))
  let test: TableTest | null
  let normality: Extract<TableRow, { kind: 'continuous' }>['normality']
  if (paired) {
    const both = c.links.map(([t, u]) => [def.get(c.rows[t]!), def.get(c.rows[u]!)] as const).filter(([a, b]) => a !== null && b !== null) as [number, number][]
    const r = testContinuousPaired(
      both.map((p) => p[0]),
      both.map((p) => p[1]),
      rule,
      rName(def.variable),
    )
    test = r.test
    normality = { HT: null, TES: null, differences: r.differences }
  } else {
    const values = perArm((arm) => c.all[arm].map((i) => def.get(c.rows[i]!)).filter(present))
    const r = testContinuousUnpaired(values.HT, values.TES, rule, rName(def.variable))
    test = r.test
    normality = { HT: r.normality.HT, TES: r.normality.TES, differences: null }
  }
  const parametric = test !== null && (test.method.includes('t-test') || test.method === 'paired-t-test')
  const smd = withSmd ? smdOf(def, c, [])[paired ? 'after' : 'before'][0] ?? null : null
  const reasons = missingReasonsOf(def, c, sample)
  return {
    kind: 'continuous',
    variable: def.variable,
    label: def.label,
    unit: def.unit,
    display: parametric ? 'mean-sd' : 'median-iqr',
    arms,
    normality,
    test,
    smd,
    note: def.note ?? null,
    ...(reasons ? { missingReasons: reasons } : {}),
  }
}

function categoricalRow(def: CategoricalVar, c: Cohorts, paired: boolean, rule: TestRule, withSmd: boolean): TableRow {
  const sample = paired ? c.matched : c.all
  const cohortIdx = [...sample.HT, ...sample.TES]
  const levels = def.allLevels ? [...def.levels] : levelsPresent(def, c, cohortIdx)
  const counts = perArm((arm): CategoryCount[] => {
    const tally = new Map<string, number>()
    let total = 0
    for (const i of sample[arm]) {
      const v = def.get(c.rows[i]!)
      if (v === null) continue
      total++
      tally.set(v, (tally.get(v) ?? 0) + 1)
    }
    return levels.map((l) => {
      const n = tally.get(l) ?? 0
      return { n, proportion: total ? n / total : null }
    })
  })
  const missing = perArm((arm) => sample[arm].filter((i) => def.get(c.rows[i]!) === null).length)
  let test: TableTest | null
  if (paired) {
    const both = c.links.map(([t, u]) => [def.get(c.rows[t]!), def.get(c.rows[u]!)] as const).filter(([a, b]) => a !== null && b !== null) as [string, string][]
    test = testCategoricalPaired(
      both.map((p) => p[0]),
      both.map((p) => p[1]),
      levels,
      rule,
      rName(def.variable),
    )
  } else {
    test = testCategoricalUnpaired({ HT: counts.HT.map((x) => x.n), TES: counts.TES.map((x) => x.n) }, rule, rName(def.variable))
  }
  let levelSmd: (number | null)[] = levels.map(() => null)
  if (withSmd) {
    // The SMD levels are those of the eligible cohort (the balance table's), reported for the shown levels.
    const smdLevels = levelsPresent(def, c, [...c.all.HT, ...c.all.TES])
    const s = smdOf(def, c, smdLevels)[paired ? 'after' : 'before']
    levelSmd = levels.map((l) => s[smdLevels.indexOf(l)] ?? null)
  }
  const reasons = missingReasonsOf(def, c, sample)
  return { kind: 'categorical', variable: def.variable, label: def.label, levels, counts, missing, test, smd: maxAbs(levelSmd), levelSmd, note: null, ...(reasons ? { missingReasons: reasons } : {}) }
}

function rowOf(def: VarDef, c: Cohorts, paired: boolean, rule: TestRule, withSmd = true): TableRow {
  return def.kind === 'continuous' ? continuousRow(def, c, paired, rule, withSmd) : categoricalRow(def, c, paired, rule, withSmd)
}

const ABBREVIATIONS =
  'HT, hybrid therapy; TES, total en bloc spondylectomy; ECOG-PS, Eastern Cooperative Oncology Group performance status; ESCC, epidural spinal cord compression; VAS, visual analogue scale; SINS, Spinal Instability Neoplastic Score; ASIA, American Spinal Injury Association impairment scale; SOSG-OQ, Spine Oncology Study Group Outcomes Questionnaire; SMD, standardized mean difference.'

/** Table 1 (every eligible patient, two independent arms) or Table 2 (matched, pairs respected). */
export function baselineTable(id: 'table1' | 'table2', c: Cohorts, rule: TestRule): StudyTable {
  const paired = id === 'table2'
  const sample = paired ? c.matched : c.all
  const rows = baselineVars(sample.HT.concat(sample.TES).map((i) => c.rows[i]!)).map((def) => rowOf(def, c, paired, rule))
  return {
    id,
    cohort: paired ? 'matched' : 'eligible',
    n: perArm((arm) => sample[arm].length),
    rows,
    footnotes: [
      ...ruleFootnotes(rule, paired),
      'SMD: (HT − TES) / SD of HT in the eligible cohort, as MatchIt reports balance; for a category, the largest |SMD| over its levels.',
      ABBREVIATIONS,
    ],
  }
}

const PERIOPERATIVE: ContinuousVar[] = [
  { kind: 'continuous', variable: 'operativeTimeHours', label: 'Operative time', unit: 'h', get: (r) => r.operativeTimeHours },
  { kind: 'continuous', variable: 'bloodLossMl', label: 'Blood loss', unit: 'mL', get: (r) => r.bloodLossMl },
  { kind: 'continuous', variable: 'lengthOfStayDays', label: 'Hospitalization duration', unit: 'd', get: (r) => r.lengthOfStayDays },
  { kind: 'continuous', variable: 'surgeryToSrsDays', label: 'Interval to SRS', unit: 'd', get: (r) => r.surgeryToSrsDays },
]

interface ChangeDef {
  variable: string
  label: string
  direction: OutcomeChangeRow['direction']
  pre: (r: AnalysisRow) => number | null
  post: (r: AnalysisRow) => number | null
  note: string | null
}

function changeDefs(rows: readonly AnalysisRow[]): ChangeDef[] {
  const versions = SOSGOQ_VERSIONS.filter((v) => rows.some((r) => r.preop.sosgoqVersion === v || r.month6.sosgoqVersion === v))
  return [
    { variable: 'vas', label: 'VAS', direction: 'lowerIsBetter', pre: (r) => r.preop.vas, post: (r) => r.month6.vas, note: null },
    ...versions.map(
      (v): ChangeDef => ({
        variable: `sosgoq:${v}`,
        label: `SOSG-OQ (version ${v})`,
        direction: SOSGOQ_PROFILES[v].direction,
        pre: (r) => sosgoqOf(r.preop, v),
        post: (r) => sosgoqOf(r.month6, v),
        note: versions.length > 1 ? 'Versions are never pooled: only scores of this version are counted.' : null,
      }),
    ),
    { variable: 'sins', label: 'SINS', direction: 'lowerIsBetter', pre: (r) => r.preop.sins, post: (r) => r.month6.sins, note: null },
  ]
}

function changeRow(def: ChangeDef, c: Cohorts, rule: TestRule): OutcomeChangeRow {
  const withBoth = perArm((arm) => c.matched[arm].filter((i) => def.pre(c.rows[i]!) !== null && def.post(c.rows[i]!) !== null))
  const within = perArm((arm) => {
    const idx = withBoth[arm]
    return testContinuousPaired(
      idx.map((i) => def.pre(c.rows[i]!)!),
      idx.map((i) => def.post(c.rows[i]!)!),
      rule,
      rName(def.variable),
      'beforeAfter',
    ).test
  })
  const between = (get: (r: AnalysisRow) => number | null): TableTest | null =>
    rowOf({ kind: 'continuous', variable: def.variable, label: def.label, unit: 'points', get }, c, true, rule, false).test
  return {
    variable: def.variable,
    label: def.label,
    direction: def.direction,
    preop: perArm((arm) => summary(withBoth[arm].map((i) => def.pre(c.rows[i]!)))),
    month6: perArm((arm) => summary(withBoth[arm].map((i) => def.post(c.rows[i]!)))),
    withinArm: within,
    betweenArmsPreop: between(def.pre),
    betweenArmsMonth6: between(def.post),
    note: def.note,
  }
}

function asiaShift(c: Cohorts, rule: TestRule): AsiaShiftTable {
  const grades = [...ASIA_GRADES]
  const both = perArm((arm) => c.matched[arm].filter((i) => c.rows[i]!.preop.asia !== null && c.rows[i]!.month6.asia !== null))
  const counts = perArm((arm) => grades.map((g) => grades.map((h) => both[arm].filter((i) => c.rows[i]!.preop.asia === g && c.rows[i]!.month6.asia === h).length)))
  const change = (arm: StudyArm, f: (d: number) => boolean) => both[arm].filter((i) => f(asiaOrdinal(c.rows[i]!.month6.asia!) - asiaOrdinal(c.rows[i]!.preop.asia!))).length
  const catDef = (variable: string, get: (r: AnalysisRow) => string | null): CategoricalVar => ({ kind: 'categorical', variable, label: 'ASIA', levels: ASIA_GRADES, get })
  return {
    grades,
    counts,
    improved: perArm((arm) => change(arm, (d) => d > 0)),
    unchanged: perArm((arm) => change(arm, (d) => d === 0)),
    worsened: perArm((arm) => change(arm, (d) => d < 0)),
    missing: perArm((arm) => c.matched[arm].length - both[arm].length),
    betweenArmsPreop: rowOf(catDef('asia', (r) => r.preop.asia), c, true, rule, false).test,
    betweenArmsMonth6: rowOf(catDef('asiaMonth6', (r) => r.month6.asia), c, true, rule, false).test,
  }
}

function complications(c: Cohorts, rule: TestRule): ComplicationsTable {
  const kinds = COMPLICATION_KINDS.filter((k) => ARMS.some((arm) => c.matched[arm].some((i) => c.rows[i]!.complications.includes(k))))
  const row = (kind: ComplicationKind | 'any'): ComplicationRow => {
    const has = (r: AnalysisRow) => (kind === 'any' ? r.complications.length > 0 : r.complications.includes(kind))
    const patients = perArm((arm) => c.matched[arm].filter((i) => has(c.rows[i]!)).length)
    return {
      kind,
      patients,
      rate: perArm((arm) => (c.matched[arm].length ? patients[arm] / c.matched[arm].length : 0)),
      events: perArm((arm) => c.matched[arm].reduce((n, i) => n + c.rows[i]!.complications.filter((k) => kind === 'any' || k === kind).length, 0)),
    }
  }
  const anyDef: CategoricalVar = { kind: 'categorical', variable: 'anyComplication', label: 'Any complication', levels: ['no', 'yes'], get: (r) => (r.complications.length > 0 ? 'yes' : 'no'), allLevels: true }
  return { rows: [...kinds.map(row), row('any')], test: rowOf(anyDef, c, true, rule, false).test }
}

/** Tables 3 and 4, the before → after rows, the ASIA shift and complications, on the matched cohort. */
export function outcomeTables(c: Cohorts, rule: TestRule): OutcomeTables {
  const matchedRows = [...c.matched.HT, ...c.matched.TES].map((i) => c.rows[i]!)
  const n = perArm((arm) => c.matched[arm].length)
  const table3: StudyTable = {
    id: 'table3',
    cohort: 'matched',
    n,
    rows: PERIOPERATIVE.map((def) => rowOf(def, c, true, rule, false)),
    footnotes: [...ruleFootnotes(rule, true), 'Operative time in hours; hospitalization duration from admission to discharge; interval from surgery to the first SRS fraction.', ABBREVIATIONS],
  }
  const changes = changeDefs(matchedRows).map((d) => changeRow(d, c, rule))
  const t4vars: VarDef[] = [
    ...changeDefs(matchedRows).flatMap((d): ContinuousVar[] => [
      { kind: 'continuous', variable: `${d.variable}.preop`, label: `Preoperative ${d.label}`, unit: 'points', get: d.pre, ...(d.note ? { note: d.note } : {}) },
      { kind: 'continuous', variable: `${d.variable}.month6`, label: `6-month ${d.label}`, unit: 'points', get: d.post, ...(d.note ? { note: d.note } : {}) },
    ]),
    { kind: 'categorical', variable: 'asia.preop', label: 'Preoperative ASIA', levels: ASIA_GRADES, get: (r) => r.preop.asia, allLevels: true },
    { kind: 'categorical', variable: 'asia.month6', label: '6-month ASIA', levels: ASIA_GRADES, get: (r) => r.month6.asia, allLevels: true },
  ]
  const table4: StudyTable = {
    id: 'table4',
    cohort: 'matched',
    n,
    rows: t4vars.map((def) => rowOf(def, c, true, rule, false)),
    footnotes: [
      ...ruleFootnotes(rule, true),
      'Within each arm, preoperative and 6-month values are compared with the paired t test or the Wilcoxon signed-rank test by the same rule (see the before/after rows).',
      ABBREVIATIONS,
    ],
  }
  return { table3, table4, changes, asiaShift: asiaShift(c, rule), complications: complications(c, rule) }
}
