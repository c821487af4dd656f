import { z } from 'zod'
import { method } from './method'
import { isoDate } from './patient-record'
import { CRITERIA, ZHENG_2021_PROTOCOL, type CriterionId, type CriterionKind } from '../domain/eligibility'
import type { AsiaGrade, ComplicationKind, SosgoqVersion } from '../domain/codes'

// The study analysis (the reference study: Zheng 2021, hybrid therapy vs total en bloc
// spondylectomy, propensity-score matched): its settings, saved with the registry, and the one
// result object that the Study view, the CSV exports, the CLI (`study --json`) and the printed
// report all read. Nothing recomputes a number elsewhere.
//
// Conventions of the result:
//  * Numbers are raw doubles as the engine computed them: never rounded here. Formatting (decimals,
//    percentages, p < 0.001) is the renderer's and the report's job, in one module.
//  * Proportions are fractions (0.25), not percentages.
//  * null stands where R gives NA (a median not reached, an SMD with too few patients, an undefined
//    test); arrays are plain number arrays (JSON- and structured-clone safe).
//  * Arms: HT is the "treated" group of MatchIt (the focal group of the ATT matching), TES the
//    control group. Every per-arm object is keyed `HT` / `TES`.
//  * Times are months from surgery (days / (365.25 / 12)).

// ---------------------------------------------------------------- settings

/** The compared arms: HT = treated (focal) group, TES = control group. */
export const STUDY_ARMS = ['HT', 'TES'] as const
export type StudyArm = (typeof STUDY_ARMS)[number]
export type PerArm<T> = Record<StudyArm, T>

/**
 * Candidate covariates of the propensity model (the reference study used all 11). Each is a
 * preoperative value of the record:
 *  age (years), sex, spinalLevel (thoracic / lumbar region of the index level), histology (primary
 *  tumour), tokuhashi (revised Tokuhashi total 0–15), ecog (ECOG-PS 0–5), bilsky (ESCC grade),
 *  vas (0–10), sins (total 0–18), asia (AIS A–E), sosgoq (SOSG-OQ score 0–100 of one version).
 */
export const STUDY_COVARIATES = ['age', 'sex', 'spinalLevel', 'histology', 'tokuhashi', 'ecog', 'bilsky', 'vas', 'sins', 'asia', 'sosgoq'] as const
export type StudyCovariate = (typeof STUDY_COVARIATES)[number]

/**
 * How a covariate enters the logistic model: `numeric` — one column, its value as is (a linear
 * term); `factor` — one indicator column per level except the first (R's treatment contrasts; the
 * reference level is the first level present in R's factor() order).
 */
export const COVARIATE_ENTRIES = ['numeric', 'factor'] as const
export type CovariateEntry = (typeof COVARIATE_ENTRIES)[number]

/** Which entries make sense for each covariate (sex, level, histology, ESCC grade, ASIA are categories). */
export const COVARIATE_ALLOWED_ENTRIES: Readonly<Record<StudyCovariate, readonly CovariateEntry[]>> = {
  age: ['numeric'],
  sex: ['factor'],
  spinalLevel: ['factor'],
  histology: ['factor'],
  tokuhashi: ['numeric', 'factor'],
  ecog: ['numeric', 'factor'],
  bilsky: ['factor', 'numeric'],
  vas: ['numeric'],
  sins: ['numeric'],
  asia: ['factor', 'numeric'],
  sosgoq: ['numeric'],
}

/** The reference study's model: its 11 covariates; categories as factors, scores as numbers. */
export const DEFAULT_COVARIATE_ENTRY: Readonly<Record<StudyCovariate, CovariateEntry>> = {
  age: 'numeric',
  sex: 'factor',
  spinalLevel: 'factor',
  histology: 'factor',
  tokuhashi: 'numeric',
  ecog: 'factor',
  bilsky: 'factor',
  vas: 'numeric',
  sins: 'numeric',
  asia: 'factor',
  sosgoq: 'numeric',
}

export const covariateSettingSchema = z
  .object({
    /** Which covariate. */
    id: z.enum(STUDY_COVARIATES),
    /** How it enters the model (see COVARIATE_ENTRIES); must be one of COVARIATE_ALLOWED_ENTRIES[id]. */
    entry: z.enum(COVARIATE_ENTRIES),
  })
  .strict()
  .refine((c) => COVARIATE_ALLOWED_ENTRIES[c.id].includes(c.entry), { message: 'This covariate cannot enter the model that way.', path: ['entry'] })
export type CovariateSetting = z.infer<typeof covariateSettingSchema>

/**
 * The caliper: `propensity` — a width on the propensity-score scale (the reference study: 0.02,
 * "within a PS of 0.02"; MatchIt `caliper = 0.02, std.caliper = FALSE` matching on the fitted
 * probability); `logitSd` — a width in SDs of the logit of the propensity score (Austin 2011: 0.2;
 * MatchIt `link = "linear.logit", caliper = 0.2, std.caliper = TRUE`); `none` — no caliper.
 */
export const caliperSchema = z.discriminatedUnion('scale', [
  z.object({ scale: z.literal('propensity'), width: z.number().gt(0).max(1) }).strict(),
  z.object({ scale: z.literal('logitSd'), width: z.number().gt(0).max(10) }).strict(),
  z.object({ scale: z.literal('none') }).strict(),
])
export type CaliperSetting = z.infer<typeof caliperSchema>

export const MATCH_ORDERS = ['largest', 'smallest', 'data', 'random'] as const
export type StudyMatchOrder = (typeof MATCH_ORDERS)[number]

/**
 * The rule that picks each table's test (stated in the table footnotes).
 *  continuous: `shapiro` — Shapiro–Wilk in each arm (R's shapiro.test; before matching) or on the
 *    pair differences (after matching) at `normalityAlpha`: normal → Welch two-sample t test /
 *    paired t test, otherwise Mann–Whitney U / Wilcoxon signed-rank (an arm over 5000 values counts
 *    as normal, one under 3 or constant as not); `parametric` / `nonparametric` — always the one or
 *    the other.
 *  categorical before matching: `cochran` — Pearson chi-square unless more than 20 % of expected
 *    counts are below 5 or any is below 1 (Cochran 1954), then Fisher's exact test; `chisq` /
 *    `fisher` — always.
 *  categorical after matching (pairs respected): McNemar for 2 levels; for more levels
 *    `stuart-maxwell` (marginal homogeneity) or `bowker` (symmetry, R's mcnemar.test on k × k).
 */
export const testRuleSchema = z
  .object({
    continuous: z.enum(['shapiro', 'parametric', 'nonparametric']).default('shapiro'),
    normalityAlpha: z.number().gt(0).lt(1).default(0.05),
    categorical: z.enum(['cochran', 'chisq', 'fisher']).default('cochran'),
    /** Yates' continuity correction of 2 × 2 chi-square and McNemar tests (R's default: TRUE). */
    continuityCorrection: z.boolean().default(true),
    pairedCategorical: z.enum(['stuart-maxwell', 'bowker']).default('stuart-maxwell'),
  })
  .strict()
export type TestRule = z.infer<typeof testRuleSchema>

/** Eligibility protocol values (inclusion window, Tokuhashi band, ECOG limit). */
export const protocolSchema = z
  .object({
    treatmentFrom: isoDate,
    treatmentTo: isoDate,
    tokuhashiMin: z.number().int().min(0).max(15),
    tokuhashiMax: z.number().int().min(0).max(15),
    ecogMax: z.number().int().min(0).max(5),
  })
  .strict()

export const studySettingsSchema = z
  .object({
    /** Criteria switched on (inclusion and exclusion, domain/eligibility.ts CRITERIA); default all. */
    criteria: z.record(z.enum(CRITERIA), z.boolean()),
    /** The numbers the criteria use (default the reference study's). */
    protocol: protocolSchema,
    /** Propensity model covariates in formula order. */
    covariates: z.array(covariateSettingSchema).min(1).max(STUDY_COVARIATES.length),
    caliper: caliperSchema,
    /** Controls (TES) per treated (HT) patient, k:1. MatchIt `ratio`. */
    ratio: z.number().int().min(1).max(5),
    /** Order in which HT patients choose controls. MatchIt `m.order` (default "largest"). */
    order: z.enum(MATCH_ORDERS),
    /** Match with replacement (a TES patient may serve several HT patients). MatchIt `replace`. */
    replace: z.boolean(),
    /** Seed of the random order (used only with order "random"); R's set.seed(). */
    seed: z.number().int().min(0).max(2 ** 31 - 1),
    testRule: testRuleSchema,
    /** Times (months) of the survival rates table (the study: 1, 2 and 5 years). */
    survivalTimes: z.array(z.number().gt(0).max(600)).min(1).max(10),
    /** Times (months) of the number-at-risk table under the curves. */
    riskTableTimes: z.array(z.number().min(0).max(600)).min(1).max(30),
    /** Run the sensitivity table (re-matching at other calipers and 1:2). */
    sensitivity: z.boolean(),
  })
  .strict()
  .refine((s) => s.protocol.tokuhashiMin <= s.protocol.tokuhashiMax, { message: 'The lowest Tokuhashi total must not exceed the highest.', path: ['protocol', 'tokuhashiMin'] })
  .refine((s) => s.protocol.treatmentFrom <= s.protocol.treatmentTo, { message: 'The treatment period must start before it ends.', path: ['protocol', 'treatmentFrom'] })
  .refine((s) => new Set(s.covariates.map((c) => c.id)).size === s.covariates.length, { message: 'A covariate is listed twice.', path: ['covariates'] })
export type StudySettings = z.infer<typeof studySettingsSchema>

/** The reference study's settings: every criterion on, 11 covariates, caliper 0.02 on the PS, 1:1, largest first, no replacement. */
export const DEFAULT_STUDY_SETTINGS: StudySettings = {
  criteria: Object.fromEntries(CRITERIA.map((c) => [c, true])) as Record<CriterionId, boolean>,
  protocol: {
    treatmentFrom: ZHENG_2021_PROTOCOL.treatmentFrom,
    treatmentTo: ZHENG_2021_PROTOCOL.treatmentTo,
    tokuhashiMin: ZHENG_2021_PROTOCOL.tokuhashiMin,
    tokuhashiMax: ZHENG_2021_PROTOCOL.tokuhashiMax,
    ecogMax: ZHENG_2021_PROTOCOL.ecogMax,
  },
  covariates: STUDY_COVARIATES.map((id) => ({ id, entry: DEFAULT_COVARIATE_ENTRY[id] })),
  caliper: { scale: 'propensity', width: 0.02 },
  ratio: 1,
  order: 'largest',
  replace: false,
  seed: 42,
  testRule: { continuous: 'shapiro', normalityAlpha: 0.05, categorical: 'cochran', continuityCorrection: true, pairedCategorical: 'stuart-maxwell' },
  survivalTimes: [12, 24, 60],
  riskTableTimes: [0, 12, 24, 36, 48, 60, 72, 84],
  sensitivity: true,
}

/** Settings as the renderer may send them: any part, the rest from the saved settings. */
export const studySettingsPatchSchema = z
  .object({
    /** Only the criteria to change. */
    criteria: z.partialRecord(z.enum(CRITERIA), z.boolean()).optional(),
    protocol: protocolSchema.partial().optional(),
    covariates: z.array(covariateSettingSchema).min(1).max(STUDY_COVARIATES.length).optional(),
    caliper: caliperSchema.optional(),
    ratio: z.number().int().min(1).max(5).optional(),
    order: z.enum(MATCH_ORDERS).optional(),
    replace: z.boolean().optional(),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
    testRule: testRuleSchema.partial().optional(),
    survivalTimes: z.array(z.number().gt(0).max(600)).min(1).max(10).optional(),
    riskTableTimes: z.array(z.number().min(0).max(600)).min(1).max(30).optional(),
    sensitivity: z.boolean().optional(),
  })
  .strict()
export type StudySettingsPatch = z.infer<typeof studySettingsPatchSchema>

/** What the settings panel shows: the saved settings, the defaults and the catalogue to choose from. */
export interface StudySettingsView {
  /** The settings saved with the registry (the defaults when none were saved). */
  settings: StudySettings
  /** The reference study's settings (for "reset to the study's"). */
  defaults: StudySettings
  /** Whether the registry holds saved settings (false: `settings` are the defaults). */
  saved: boolean
  /** Every criterion, in flow-chart order, with its kind. */
  criteria: { id: CriterionId; kind: CriterionKind }[]
  /** Every candidate covariate with the entries it allows and the study's entry. */
  covariates: { id: StudyCovariate; allowedEntries: CovariateEntry[]; defaultEntry: CovariateEntry }[]
}

// ---------------------------------------------------------------- result: provenance and flow

/** Where the result comes from: enough to reproduce it and to tell whether it is still current. */
export interface StudyProvenance {
  /** The settings the analysis ran with (complete, defaults filled in). */
  settings: StudySettings
  /** SHA-256 (hex) of the de-identified registry content the analysis read (every screened record, by study ID). */
  dataHash: string
  /** Patients in the registry when the analysis ran (= screened). */
  patientCount: number
  /** SpineMet version that computed it. */
  appVersion: string
  /** Statistics engine version that computed it. */
  engineVersion: string
  /** Schema version (PRAGMA user_version) of the registry file. */
  schemaVersion: number
  /** File name of the registry (no folder). */
  registryFileName: string
  /** The registry's id (registry_meta). */
  registryId: string
  /** When the analysis ran (ISO 8601, UTC). */
  computedAt: string
  /** Id of the saved analysis, or null for an unsaved run. */
  analysisId: number | null
  /** Label given when it was saved, or null. */
  label: string | null
  /** True when the registry's data differ now from those the analysis read (a saved analysis that is out of date); false for a fresh run. */
  registryChangedSince: boolean
}

/** Why a screened patient is not in the analysis: a criterion, or a reason of the analysis itself. */
export type ExclusionReason =
  | { kind: 'criterion'; criterion: CriterionId; criterionKind: CriterionKind }
  /** Eligible by every switched-on criterion that is known, but some are not known yet (not recorded). */
  | { kind: 'unknown'; criteria: CriterionId[] }
  /** Not HT or TES (another or no treatment arm), when the arm criterion is switched off. */
  | { kind: 'otherArm' }
  /** A model covariate (or SOSG-OQ of the version the analysis uses) is missing. */
  | { kind: 'missingCovariate'; covariates: StudyCovariate[] }

/** One box of excluded patients in the flow chart. */
export interface FlowExclusion {
  /** Stable key of the reason: the criterion id, `unknown`, `otherArm` or `missingCovariate`. */
  key: string
  reason: ExclusionReason
  /** Patients excluded for this reason (each patient is counted once, under its first reason in CRITERIA order). */
  count: number
  /** Their study IDs, in study-ID order (the patient list one click away). */
  studyIds: string[]
  /** Their registry ids (to open a record). */
  patientIds: number[]
  /**
   * For missing covariates and for case data not intact: per model covariate without a value, why
   * (the missing-data codes of its fields, or `notEntered`), as counts of patients.
   */
  missingReasons?: { covariate: StudyCovariate; reasons: MissingReasons }[]
}

/** The patient flow (the reference study's Figure 3). */
export interface StudyFlow {
  /** Patients in the registry. */
  screened: number
  /** Exclusions, one box per reason, in CRITERIA order then the analysis reasons. */
  excluded: FlowExclusion[]
  /** Patients failing each switched-on criterion, not exclusive (one patient may fail several). */
  failingByCriterion: { criterion: CriterionId; kind: CriterionKind; count: number }[]
  /** Eligible patients per arm (the analysis cohort before matching). */
  eligible: PerArm<number>
  /** Matched pairs (treated–control links; with k:1, k per HT patient). */
  matchedPairs: number
  /** Patients in the matched cohort per arm (TES: distinct patients, which can be fewer than pairs with replacement). */
  matched: PerArm<number>
  /** Eligible patients left without a match, per arm, with their study IDs. */
  unmatched: PerArm<{ count: number; studyIds: string[]; patientIds: number[] }>
}

// ---------------------------------------------------------------- result: model, matching, balance

/** How one covariate entered the propensity model. */
export interface ModelCovariate {
  id: StudyCovariate
  /** Variable name in the model and in the dataset CSV (`age`, `ecog`, `sosgoq`). */
  name: string
  entry: CovariateEntry
  /** Levels in R's order for a factor (the first is the reference); [] for a numeric term. */
  levels: string[]
  /** The reference level of a factor (no column), or null. */
  reference: string | null
  /** The design columns it produced (R's model.matrix names: `sexmale`, `histologythyroid`). */
  columns: string[]
  /** Unit or coding of the value (e.g. "years", "points 0–15", "SOSG-OQ 1.0, 0 = best … 100 = worst"). */
  unit: string
}

/** One coefficient of the propensity model (summary.glm). */
export interface ModelCoefficient {
  /** Design column name (`(Intercept)`, `age`, `ecog2`). */
  term: string
  /** The covariate the column belongs to (null for the intercept). */
  covariate: StudyCovariate | null
  /** The factor level the column indicates, or null. */
  level: string | null
  /** Log-odds of being HT per unit / versus the reference level; null when aliased (R's NA). */
  estimate: number | null
  standardError: number | null
  z: number | null
  p: number | null
}

/** The logistic propensity model: P(HT | covariates). */
export interface PropensityModel {
  /** The R formula (`arm_ht ~ age + sex + …`). */
  formula: string
  covariates: ModelCovariate[]
  coefficients: ModelCoefficient[]
  /** Patients the model was fitted on (= eligible). */
  n: number
  deviance: number
  nullDeviance: number
  aic: number
  iterations: number
  converged: boolean
  /** Notes on the model (e.g. SOSG-OQ left out because the cohort mixes versions; separation). */
  warnings: StudyWarning[]
  /** The R call fitting it on the dataset CSV. */
  rCall: string
}

/** One scored patient in a pair. */
export interface PairMember {
  patientId: number
  studyId: string
  /** Propensity score (fitted probability of HT). */
  propensityScore: number
  /** Its logit (the linear predictor). */
  logitPropensityScore: number
}

/** One matched set: an HT patient and its TES control(s). */
export interface MatchedPair {
  /** 1-based set number, in the order of the HT patients in the data (MatchIt's subclass). */
  pairId: number
  treated: PairMember
  /** The control(s), in MatchIt's match.matrix order. */
  controls: PairMember[]
  /** |PS(treated) − PS(control)| per control, on the propensity scale. */
  scoreDifferences: number[]
}

/** The matching (MatchIt nearest-neighbour). */
export interface StudyMatching {
  /** The caliper as set. */
  caliper: CaliperSetting
  /** The caliper on the propensity-score scale (for `logitSd`: not a single width, null). */
  caliperPropensity: number | null
  /** The caliper on the logit scale (for `logitSd`: width × SD of the logit; for `propensity`: null). */
  caliperLogit: number | null
  /** SD of the logit of the propensity score over the eligible cohort (R: sd(qlogis(ps))). */
  logitSd: number
  /** The scale matched on: fitted probability (`logit` link) or its logit (`linear.logit`). */
  distance: 'propensity' | 'logit'
  ratio: number
  order: StudyMatchOrder
  replace: boolean
  /** Matched sets by HT patient. */
  pairs: MatchedPair[]
  /** Treated–control links. */
  nPairs: number
  /** Notes from matching (treated left unmatched, ratio not reached). */
  warnings: StudyWarning[]
  /** The R script that reproduces the match on the `--dataset` CSV (glm + MatchIt). */
  rCall: string
}

/** Balance statistics of one term in one sample (MatchIt's summary()). */
export interface BalanceStats {
  /** Mean (proportion for a level) in HT. */
  meanHT: number
  /** Mean (proportion for a level) in TES (weighted by matching weights after). */
  meanTES: number
  /** Standardized mean difference (HT − TES) / SD of HT before matching; null where MatchIt gives NA. */
  smd: number | null
  /** Variance ratio HT / TES; null for 0/1 terms. */
  varianceRatio: number | null
  /** eCDF mean and max differences. */
  ecdfMean: number | null
  ecdfMax: number | null
}

/** One row of the balance table: a numeric covariate, or one level of a factor, or the distance. */
export interface BalanceRow {
  /** MatchIt's term name (`distance`, `age`, `histologythyroid`). */
  term: string
  /** Covariate it belongs to; null for the distance row. */
  covariate: StudyCovariate | null
  /** Factor level, or null. */
  level: string | null
  /** 0/1 term (proportions). */
  binary: boolean
  before: BalanceStats
  after: BalanceStats
}

export interface StudyBalance {
  rows: BalanceRow[]
  /** |SMD| threshold marked in the table and the Love plot (0.1). */
  threshold: number
  /** Largest |SMD| over covariate terms (not the distance) before and after. */
  maxAbsSmdBefore: number | null
  maxAbsSmdAfter: number | null
  /** Covariate terms with |SMD| above the threshold after matching. */
  imbalancedAfter: string[]
}

/** Raw propensity scores per arm, for mirrored histograms or densities (the view bins them). */
export interface PropensityDistributions {
  /** Every eligible patient. */
  before: PerArm<number[]>
  /** Matched patients (a TES patient reused with replacement appears once). */
  after: PerArm<number[]>
  /** Matching weights of the `after` scores, same order (1 without replacement and 1:1). */
  afterWeights: PerArm<number[]>
}

// ---------------------------------------------------------------- result: tables

/** A test as a table reports it. */
export interface TableTest {
  /** Engine method id (`welch-t-test`, `mann-whitney-u`, `paired-t-test`, `wilcoxon-signed-rank`, `chi-square-test`, `fisher-exact-test`, `mcnemar-test`, `stuart-maxwell-test`, `symmetry-test`). */
  method: string
  /** The test as R names it (htest$method). */
  name: string
  statistic: number | null
  statisticName: string | null
  df: number | null
  /** p-value; null when the test is not defined (too few patients, all values equal). */
  p: number | null
  /** Why this test: the rule applied to this row, in English words (CSV, CLI). */
  reason: string
  /** The same as data, so that the UI and the printed report say it in their language (absent in analyses saved before it existed). */
  why?: TestReason
  /**
   * The R function and arguments of the test, on `e` (the eligible rows of the dataset CSV) or `p`
   * (matched pairs side by side, one row per HT–TES link, columns `<name>_ht` / `<name>_tes`; built in
   * the matching's rCall). Variables outside the dataset CSV (perioperative, 6-month) are named as
   * the record's fields.
   */
  rCall: string
}

/**
 * Why a row got its test, as data (TableTest.reason in words):
 *  - `setting`: the rule is set to always use this test;
 *  - `normalityArms`: Shapiro–Wilk p per arm against α (two independent arms);
 *  - `normalityDifferences`: Shapiro–Wilk p on the differences (`of`: HT − TES of each pair, or preoperative − 6 months);
 *  - `cochran`: how many expected counts are below 5 (and whether one is below 1), Cochran's rule;
 *  - `pairedCategories`: McNemar / Stuart–Maxwell / Bowker on the HT × TES member table with `categories` levels.
 */
export type TestReason =
  | { kind: 'setting' }
  | { kind: 'normalityArms'; p: PerArm<number | null>; alpha: number; normal: boolean }
  | { kind: 'normalityDifferences'; of: 'pairs' | 'beforeAfter'; p: number | null; alpha: number; normal: boolean }
  | { kind: 'cochran'; below5: number; cells: number; below1: boolean }
  | { kind: 'pairedCategories'; categories: number }

/** Shapiro–Wilk result used by the rule. */
export interface NormalityCheck {
  /** W statistic; null when not computable (n < 3, n > 5000, constant). */
  w: number | null
  p: number | null
  n: number
}

/** Summary of a continuous variable in one arm. */
export interface ContinuousSummary {
  /** Patients with a value. */
  n: number
  /** Patients without a value. */
  missing: number
  mean: number | null
  /** Sample SD (n − 1). */
  sd: number | null
  median: number | null
  /** Quartiles, R's quantile(type = 7). */
  q1: number | null
  q3: number | null
  min: number | null
  max: number | null
}

/** One category's count in one arm. */
export interface CategoryCount {
  n: number
  /** n / patients with a value in the arm (a fraction). */
  proportion: number | null
}

/**
 * Why the patients without a value have none, per arm: the missing-data code of the field
 * (not done, unknown, not applicable, lost to follow-up) or `notEntered` when it carries none.
 */
export type MissingReasons = Partial<Record<'notDone' | 'unknown' | 'notApplicable' | 'lostToFollowUp' | 'notEntered', number>>

/** One row of a baseline or outcome table. */
export type TableRow =
  | {
      kind: 'continuous'
      /** Variable key (`age`, `vas`, `operativeTimeHours`, `sosgoq:1.0`). */
      variable: string
      /** English label (the renderer translates by `variable`). */
      label: string
      /** Unit (`years`, `h`, `mL`, `d`, `points`). */
      unit: string
      /** What the view shows: mean ± SD when the rule chose a t test (or always, by the study's convention), else median [IQR]. */
      display: 'mean-sd' | 'median-iqr'
      arms: PerArm<ContinuousSummary>
      /** Normality checks behind the choice (per arm before matching; of the pair differences after). */
      normality: { HT: NormalityCheck | null; TES: NormalityCheck | null; differences: NormalityCheck | null }
      test: TableTest | null
      /** Standardized mean difference (HT − TES) / SD of HT (as the balance table); null if undefined. */
      smd: number | null
      /** A note for this row (e.g. "SOSG-OQ version 1.0 only"), or null. */
      note: string | null
      /** Reasons behind `arms.*.missing`, when the variable maps to study fields. */
      missingReasons?: PerArm<MissingReasons>
    }
  | {
      kind: 'categorical'
      variable: string
      label: string
      /** Levels in display order. */
      levels: string[]
      /** Count and proportion per level and arm. */
      counts: PerArm<CategoryCount[]>
      /** Patients without a value, per arm. */
      missing: PerArm<number>
      test: TableTest | null
      /** Largest |SMD| over the levels (the balance table's per-level SMD); null if undefined. */
      smd: number | null
      /** SMD per level, same order as `levels`. */
      levelSmd: (number | null)[]
      note: string | null
      /** Reasons behind `missing`, when the variable maps to study fields. */
      missingReasons?: PerArm<MissingReasons>
    }

export interface StudyTable {
  /** `table1` (eligible, before matching), `table2` (matched), `table3`, `table4`. */
  id: 'table1' | 'table2' | 'table3' | 'table4'
  /** Cohort the table describes. */
  cohort: 'eligible' | 'matched'
  /** Patients per arm in the cohort. */
  n: PerArm<number>
  rows: TableRow[]
  /** Footnotes: the test rule as applied, abbreviations, notes. */
  footnotes: string[]
}

/** One outcome of the reference study's Table 4: before and 6 months after, within and between arms. */
export interface OutcomeChangeRow {
  /** `vas`, `sins`, `sosgoq:1.0`, `sosgoq:2.0`. */
  variable: string
  label: string
  /** Direction of improvement (SOSG-OQ 1.0: lower is better; 2.0: higher). */
  direction: 'lowerIsBetter' | 'higherIsBetter'
  /** Preoperative and 6-month summaries per arm (patients with both values). */
  preop: PerArm<ContinuousSummary>
  month6: PerArm<ContinuousSummary>
  /** Within each arm, preop vs 6 months (paired t or Wilcoxon signed-rank by the rule). */
  withinArm: PerArm<TableTest | null>
  /** Between arms at preop and at 6 months (matched: pairs respected). */
  betweenArmsPreop: TableTest | null
  betweenArmsMonth6: TableTest | null
  note: string | null
}

/** ASIA before → 6 months, per arm (the reference study's Table 4 ASIA rows and text). */
export interface AsiaShiftTable {
  /** A–E. */
  grades: AsiaGrade[]
  /** counts[arm][preop grade index][6-month grade index]; patients with both grades. */
  counts: PerArm<number[][]>
  /** Patients improved / unchanged / worse per arm. */
  improved: PerArm<number>
  unchanged: PerArm<number>
  worsened: PerArm<number>
  /** Patients missing a grade at either time, per arm. */
  missing: PerArm<number>
  /** Between arms, preoperative grade distribution (the table rule; matched: paired). */
  betweenArmsPreop: TableTest | null
  /** Between arms, 6-month grade distribution. */
  betweenArmsMonth6: TableTest | null
}

/** Complications by type and arm (patients with at least one of the type). */
export interface ComplicationRow {
  kind: ComplicationKind | 'any'
  /** Patients with this complication, and the rate (patients with it / patients in the arm). */
  patients: PerArm<number>
  rate: PerArm<number>
  /** Complications (events) of this kind, counting each one. */
  events: PerArm<number>
}

export interface ComplicationsTable {
  rows: ComplicationRow[]
  /** Test of the rate of any complication between arms (matched: McNemar). */
  test: TableTest | null
}

/** Table 4 with its ASIA shift and complications. */
export interface OutcomeTables {
  table3: StudyTable
  table4: StudyTable
  /** Before / after rows (VAS, SINS, SOSG-OQ per version), within- and between-arm tests. */
  changes: OutcomeChangeRow[]
  asiaShift: AsiaShiftTable
  complications: ComplicationsTable
}

// ---------------------------------------------------------------- result: survival

/** One Kaplan–Meier curve (one arm). */
export interface SurvivalCurve {
  arm: StudyArm
  n: number
  events: number
  /** Step function as survfit stores it: one entry per distinct time (events and censorings). S(0) = 1 is implied. */
  time: number[]
  surv: number[]
  /** 95 % pointwise CI (log scale, survfit's default); null where R gives NA. */
  lower: (number | null)[]
  upper: (number | null)[]
  nRisk: number[]
  nEvent: number[]
  nCensor: number[]
  /** Times of censoring marks (a time with nCensor > 0), with S(t) at it. */
  censored: { time: number; surv: number }[]
  /** Median with 95 % CI (print.survfit); null when not reached. */
  median: { estimate: number | null; lower: number | null; upper: number | null }
  /** S(t) at the settings' survivalTimes (summary(fit, times, extend = TRUE)), with 95 % CI. */
  rates: { time: number; surv: number; lower: number | null; upper: number | null; se: number | null; nRisk: number }[]
}

/** A hazard ratio HT vs TES. */
export interface HazardRatio {
  /** exp(coef), with 95 % CI. */
  estimate: number | null
  lower: number | null
  upper: number | null
  coefficient: number | null
  standardError: number | null
  p: number | null
  /** Patients and events used. */
  n: number
  events: number
  /** How pairs enter: `none` (naive) or `stratified` (a stratum per matched set, coxph(... + strata(pair))). */
  pairs: 'none' | 'stratified'
  rCall: string
  warnings: StudyWarning[]
}

/** One endpoint on one cohort. */
export interface SurvivalAnalysis {
  /** `lpfs`: local progression-free survival (time to local progression); `os`: overall survival. */
  endpoint: 'lpfs' | 'os'
  cohort: 'matched' | 'eligible'
  curves: PerArm<SurvivalCurve>
  /** Number at risk under the plot, at the settings' riskTableTimes. */
  riskTable: { times: number[]; nRisk: PerArm<number[]> }
  /** Log-rank test (survdiff). */
  logRank: { chisq: number; df: number; p: number; observed: PerArm<number>; expected: PerArm<number> }
  /** Cox model of arm alone, ignoring pairs. */
  hazardRatioNaive: HazardRatio | null
  /** Cox model respecting the matched pairs (stratified by matched set); null on the eligible cohort. */
  hazardRatioPaired: HazardRatio | null
  /** R code reproducing the curves and the test on the dataset. */
  rCall: string
}

export interface StudySurvival {
  /** Matched cohort (the study's Figure 4) and all eligible (the view's toggle), for both endpoints. */
  matched: { lpfs: SurvivalAnalysis; os: SurvivalAnalysis }
  eligible: { lpfs: SurvivalAnalysis; os: SurvivalAnalysis }
}

// ---------------------------------------------------------------- result: sensitivity and the whole

/**
 * One re-run of the matching on the same propensity model with other settings: calipers 0.01,
 * 0.02, 0.05 on the propensity score and 0.2 SD of its logit at 1:1, and 1:2 at the analysis'
 * caliper; order and replacement as the analysis'.
 */
export interface SensitivityRow {
  /** Key: `ps-0.01`, `ps-0.02`, `ps-0.05`, `logit-0.2`, `ratio-2`. */
  key: string
  caliper: CaliperSetting
  ratio: number
  /** Treated–control links. */
  nPairs: number
  /** Matched patients per arm. */
  matched: PerArm<number>
  /** Largest |SMD| over covariate terms after matching. */
  maxAbsSmdAfter: number | null
  /** Hazard ratio HT vs TES, stratified by matched set, per endpoint. */
  hazardRatio: { lpfs: HazardRatio | null; os: HazardRatio | null }
  /** True for the row equal to the main analysis' settings. */
  isMain: boolean
  /** Why a row has no result (e.g. no pairs), or null. */
  note: string | null
}

/** A statistical or data condition worth telling the user (never silent). */
export interface StudyWarning {
  /** Stable code (`NOT_CONVERGED`, `SOSGOQ_MIXED_VERSIONS`, `UNMATCHED_TREATED`, …). */
  code: string
  /** English sentence; the renderer may translate by code. */
  message: string
}

/** One analysis: everything the Study view and the printed report show. */
export interface StudyResult {
  provenance: StudyProvenance
  flow: StudyFlow
  propensityModel: PropensityModel
  matching: StudyMatching
  balance: StudyBalance
  propensityDistributions: PropensityDistributions
  /** Baseline characteristics before (Table 1, eligible) and after matching (Table 2, matched). */
  table1: StudyTable
  table2: StudyTable
  survival: StudySurvival
  outcomes: OutcomeTables
  /** Re-matching at other calipers / ratio (empty when switched off). */
  sensitivity: SensitivityRow[]
  /** Every warning of the analysis, in one list. */
  warnings: StudyWarning[]
}

/** One row of the saved-analyses list. */
export interface StudyAnalysisSummary {
  id: number
  label: string | null
  computedAt: string
  settings: StudySettings
  dataHash: string
  patientCount: number
  appVersion: string
  engineVersion: string
  /** Eligible per arm and matched pairs, for the list. */
  eligible: PerArm<number>
  matchedPairs: number
  /** True when the registry's data differ now from those the analysis read. */
  registryChangedSince: boolean
}

/** Tables `study.exportTable` can write as CSV. */
export const STUDY_EXPORT_TABLES = [
  'flow',
  'coefficients',
  'pairs',
  'balance',
  'table1',
  'table2',
  'table3',
  'table4',
  'asiaShift',
  'complications',
  'survivalRates',
  'survivalCurves',
  'hazardRatios',
  'sensitivity',
] as const
export type StudyExportTable = (typeof STUDY_EXPORT_TABLES)[number]

/** A table as CSV (raw numbers, full precision; UTF-8 with header). */
export interface StudyTableCsv {
  table: StudyExportTable
  /** Suggested file name (`spinemet-study-table1.csv`). */
  fileName: string
  csv: string
  /** Data rows written. */
  rows: number
  /** Where it was saved when `save` was asked (the host's save dialog); null otherwise or when cancelled. */
  path: string | null
}

/** `study.run` input: settings to change for this run (the rest from the saved settings), and whether to save it. */
export const studyRunInput = z
  .object({
    settings: studySettingsPatchSchema.optional(),
    /** Keep the analysis (settings, data hash, versions and result) in the registry. */
    save: z.boolean().optional(),
    /** A label for the saved analysis. */
    label: z.string().trim().min(1).max(200).optional(),
  })
  .strict()

const analysisId = z.number().int().positive()

export const studyMethods = {
  /** The saved study settings (or the study's defaults) and the choices. */
  'study.settings': method<StudySettingsView>()(z.object({}).strict()),
  /** Saves settings with the registry (a patch on the saved settings; `reset: true` returns to the study's). */
  'study.saveSettings': method<StudySettingsView>()(z.object({ settings: studySettingsPatchSchema.optional(), reset: z.boolean().optional() }).strict()),
  /** Runs the whole analysis in the engine workers (progress as job.progress events; cancel with study.cancel). */
  'study.run': method<StudyResult>()(studyRunInput, { long: true }),
  /** Cancels the running analysis (its study.run call fails with CANCELLED). False when none runs. */
  'study.cancel': method<boolean>()(z.object({}).strict()),
  /** Saved analyses, newest first, each saying whether the registry changed since. */
  'study.analyses': method<StudyAnalysisSummary[]>()(z.object({}).strict()),
  /** One saved analysis, its provenance's registryChangedSince evaluated now. */
  'study.analysis': method<StudyResult>()(z.object({ id: analysisId }).strict()),
  'study.deleteAnalysis': method<null>()(z.object({ id: analysisId }).strict()),
  /**
   * One table of the last run (or of saved analysis `analysisId`) as CSV. With `save: true` the host
   * asks where to write it (CSV, UTF-8).
   */
  'study.exportTable': method<StudyTableCsv>()(
    z.object({ table: z.enum(STUDY_EXPORT_TABLES), analysisId: analysisId.optional(), save: z.boolean().optional() }).strict(),
  ),
} as const

/** SOSG-OQ rows are per version; the view may need the list of versions present. */
export type StudySosgoqVersion = SosgoqVersion
