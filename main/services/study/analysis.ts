// The study computation: analysis rows (one per screened patient) and settings → the whole result
// (flow, propensity model, matching, balance, tables, survival, sensitivity). Pure: engine and
// domain only, no database, no clock — so it runs in an engine worker (main/worker/jobs.ts, job
// `study`) with progress, and the same function answers the CLI, the Study view and the report.
import type {
  BalanceRow,
  ExclusionReason,
  FlowExclusion,
  MatchedPair,
  ModelCoefficient,
  ModelCovariate,
  PerArm,
  PropensityModel,
  SensitivityRow,
  StudyArm,
  StudyBalance,
  StudyCovariate,
  StudyFlow,
  StudyMatching,
  StudyResult,
  StudySettings,
  StudyWarning,
  CaliperSetting,
} from '@contract/study'
import { CRITERIA, CRITERION_KIND } from '../../domain/eligibility'
import { balanceTable } from '../../engine/balance'
import { EngineInputError, type EngineWarning } from '../../engine/errors'
import { buildModelMatrix, type CovariateColumn, type ModelMatrix } from '../../engine/model-matrix'
import { matchNearestNeighbor, sampleSd, type NearestNeighborMatchingResult } from '../../engine/nearest-neighbor-matching'
import type { ProgressReporter } from '../../engine/progress'
import { propensityScoreMatching } from '../../engine/propensity-score-matching'
import type { AnalysisRow } from './dataset'
import { COVARIATE_NAMES, covariateUnit, covariateValue } from './covariates'
import { studyRScript } from './r-script'
import { outcomeTables, baselineTable, floats, missingReasonOf, type Cohorts } from './tables'
import { pairedHazardRatio, studySurvival, type SurvivalMember } from './survival'

/** What the worker sends back: the result without provenance, and the per-patient dataset values. */
export interface StudyComputation {
  result: Omit<StudyResult, 'provenance'>
  patients: PatientAnalysisValues[]
}

/** One screened patient's values for the `--dataset` CSV. */
export interface PatientAnalysisValues {
  patientId: number
  studyId: string
  arm: string | null
  eligible: boolean
  /** Exclusion key (criterion id, unknown, otherArm, missingCovariate) or null. */
  exclusion: string | null
  /** Every candidate covariate as the model (would) use it, by model name. */
  covariates: Record<string, string | number | null>
  propensityScore: number | null
  logitPropensityScore: number | null
  /** Matched-set ids the patient belongs to (several for a reused control). */
  pairIds: number[]
  /** MatchIt matching weight (0 unmatched), null when not eligible. */
  weight: number | null
}

export interface StudyJobInput {
  rows: AnalysisRow[]
  settings: StudySettings
  /** Also the per-patient values of the dataset CSV (default true); the Study view does not need them. */
  patientValues?: boolean
}

const warn = (code: string, message: string): StudyWarning => ({ code, message })
const fromEngineWarnings = (ws: readonly EngineWarning[]): StudyWarning[] => ws.map((w) => warn(w.code, w.message))
const perArm = <T>(f: (arm: StudyArm) => T): PerArm<T> => ({ HT: f('HT'), TES: f('TES') })

/** Matching options of the engine for a caliper setting. */
export function matchingOptions(caliper: CaliperSetting): { link: 'logit' | 'linear.logit'; caliper?: number; stdCaliper: boolean } {
  if (caliper.scale === 'propensity') return { link: 'logit', caliper: caliper.width, stdCaliper: false }
  if (caliper.scale === 'logitSd') return { link: 'linear.logit', caliper: caliper.width, stdCaliper: true }
  return { link: 'logit', stdCaliper: false }
}

/** Matched sets from the engine's match matrix: pair id, treated index, control indices (into the eligible arrays). */
export interface MatchedSet {
  pairId: number
  treated: number
  controls: number[]
}

export function matchedSets(m: NearestNeighborMatchingResult): MatchedSet[] {
  const k = m.options.ratio
  const sets: MatchedSet[] = []
  for (let r = 0; r < m.treated.length; r++) {
    const controls: number[] = []
    for (let j = 0; j < k; j++) {
      const c = m.matchMatrix[r * k + j]!
      if (c >= 0) controls.push(c)
    }
    if (controls.length > 0) sets.push({ pairId: sets.length + 1, treated: m.treated[r]!, controls })
  }
  return sets
}

/** Survival members of a matched cohort as MatchIt::get_matches() lists them (a reused control once per set). */
export function matchedMembers(sets: readonly MatchedSet[], eligibleRows: readonly AnalysisRow[]): SurvivalMember[] {
  const out: SurvivalMember[] = []
  for (const s of sets) {
    out.push({ row: eligibleRows[s.treated]!, arm: 'HT', stratum: s.pairId })
    for (const c of s.controls) out.push({ row: eligibleRows[c]!, arm: 'TES', stratum: s.pairId })
  }
  return out
}

const CALIPER_LABEL = (c: CaliperSetting): string => (c.scale === 'propensity' ? `ps-${c.width}` : c.scale === 'logitSd' ? `logit-${c.width}` : 'none')

/**
 * Runs the study analysis.
 *
 * @throws EngineInputError NO_ELIGIBLE_ARM (an arm without eligible patients), NO_MATCHES (no HT
 *   patient has a TES patient within the caliper), and the engine's own input errors
 */
export function computeStudy(input: StudyJobInput, progress: ProgressReporter = () => {}): StudyComputation {
  const { rows, settings } = input
  const warnings: StudyWarning[] = []
  const stages = 6
  progress(0, stages, 'Cohort')

  // ---- eligibility and the cohort
  const enabled = CRITERIA.filter((c) => settings.criteria[c] !== false)
  // The first failing criterion in CRITERIA order is the patient's reason, except that "case data
  // not intact" comes last (evaluateEligibility's order): a record that fails a clinical criterion is
  // excluded for that criterion, not for the fields it leaves empty.
  const reasonOrder = [...enabled.filter((c) => c !== 'caseDataComplete'), ...enabled.filter((c) => c === 'caseDataComplete')]
  const reasons: (ExclusionReason | null)[] = rows.map((r) => {
    const failed = reasonOrder.find((c) => r.criteria[c] === false)
    if (failed) return { kind: 'criterion', criterion: failed, criterionKind: CRITERION_KIND[failed] }
    const unknown = enabled.filter((c) => r.criteria[c] === null)
    if (unknown.length) return { kind: 'unknown', criteria: unknown }
    if (r.arm !== 'HT' && r.arm !== 'TES') return { kind: 'otherArm' }
    return null
  })

  // SOSG-OQ versions are never pooled: with more than one version among the candidates the score
  // leaves the model (and the tables show one row per version).
  const candidates = rows.filter((_, i) => reasons[i] === null)
  const versions = [...new Set(candidates.map((r) => r.preop.sosgoqVersion).filter((v): v is NonNullable<typeof v> => v !== null))].sort()
  let covariates = settings.covariates
  const sosgoqVersion = versions.length === 1 ? versions[0]! : null
  if (covariates.some((c) => c.id === 'sosgoq') && versions.length !== 1) {
    covariates = covariates.filter((c) => c.id !== 'sosgoq')
    warnings.push(
      warn(
        versions.length > 1 ? 'SOSGOQ_MIXED_VERSIONS' : 'SOSGOQ_NOT_RECORDED',
        versions.length > 1
          ? `The eligible patients' SOSG-OQ scores come from different versions (${versions.join(', ')}), which are never pooled: SOSG-OQ was left out of the propensity model and the tables show one row per version.`
          : 'No eligible patient has a preoperative SOSG-OQ score: SOSG-OQ was left out of the propensity model.',
      ),
    )
  }
  if (covariates.length === 0) throw new EngineInputError('NO_COVARIATES', 'The propensity model has no covariate left. Choose at least one covariate in the study settings.')
  rows.forEach((r, i) => {
    if (reasons[i] !== null) return
    const missing = covariates.filter((c) => covariateValue(r, c.id, c.entry, sosgoqVersion) === null).map((c) => c.id)
    if (missing.length) reasons[i] = { kind: 'missingCovariate', covariates: missing }
  })
  const eligibleIdx = rows.map((_, i) => i).filter((i) => reasons[i] === null)
  const eligible = eligibleIdx.map((i) => rows[i]!)
  const treat = floats(eligible, (r) => (r.arm === 'HT' ? 1 : 0))
  const nHT = eligible.filter((r) => r.arm === 'HT').length
  const nTES = eligible.length - nHT
  if (nHT === 0 || nTES === 0) {
    throw new EngineInputError(
      'NO_ELIGIBLE_ARM',
      `The study compares HT with TES, but ${nHT === 0 ? 'no HT' : 'no TES'} patient is eligible (${nHT} HT, ${nTES} TES of ${rows.length} screened). Check the records, or switch off a criterion in the study settings.`,
    )
  }

  // ---- propensity model and matching
  progress(1, stages, 'Propensity model and matching')
  const columns: CovariateColumn[] = covariates.map((c) => {
    const name = COVARIATE_NAMES[c.id]
    const values = eligible.map((r) => covariateValue(r, c.id, c.entry, sosgoqVersion)!)
    return c.entry === 'numeric' ? { name, type: 'numeric', values: Float64Array.from(values as number[]) } : { name, type: 'factor', values: values as string[] }
  })
  const design = buildModelMatrix(columns)
  const mo = matchingOptions(settings.caliper)
  const psm = propensityScoreMatching(
    { treat, covariates: columns },
    { link: mo.link, ...(mo.caliper !== undefined ? { caliper: mo.caliper } : {}), stdCaliper: mo.stdCaliper, ratio: settings.ratio, replace: settings.replace, order: settings.order, seed: settings.seed, balance: true, ecdf: true },
  )
  const ps = psm.propensityModel.fitted
  const logit = psm.propensityModel.linearPredictor
  const sets = matchedSets(psm.matching)
  if (sets.length === 0) throw new EngineInputError('NO_MATCHES', 'No HT patient has a TES patient within the caliper. Widen the caliper in the study settings.')

  const propensityModel = modelOf(psm.propensityModel, design, covariates, sosgoqVersion)
  const member = (i: number) => ({ patientId: eligible[i]!.patientId, studyId: eligible[i]!.studyId, propensityScore: ps[i]!, logitPropensityScore: logit[i]! })
  const pairs: MatchedPair[] = sets.map((s) => ({
    pairId: s.pairId,
    treated: member(s.treated),
    controls: s.controls.map(member),
    scoreDifferences: s.controls.map((c) => Math.abs(ps[s.treated]! - ps[c]!)),
  }))
  const logitSd = sampleSd(logit)
  const formula = propensityModel.formula
  const matching: StudyMatching = {
    caliper: settings.caliper,
    caliperPropensity: settings.caliper.scale === 'propensity' ? settings.caliper.width : null,
    caliperLogit: settings.caliper.scale === 'logitSd' ? settings.caliper.width * logitSd : null,
    logitSd,
    distance: mo.link === 'logit' ? 'propensity' : 'logit',
    ratio: settings.ratio,
    order: settings.order,
    replace: settings.replace,
    pairs,
    nPairs: psm.matching.nPairs,
    warnings: fromEngineWarnings(psm.matching.warnings),
    rCall: studyRScript(settings, formula, covariates),
  }

  // ---- balance
  progress(2, stages, 'Balance')
  const balance = balanceOf(psm.balance!, design, covariates)

  const weights = psm.matching.weights
  const matchedT = new Set(sets.map((s) => s.treated))
  const matchedC = new Set(sets.flatMap((s) => s.controls))
  const inMatched = (i: number): boolean => weights[i]! > 0
  const idsOf = (idx: number[]) => ({ count: idx.length, studyIds: idx.map((i) => eligible[i]!.studyId), patientIds: idx.map((i) => eligible[i]!.patientId) })
  const missingCovariates = (r: AnalysisRow): StudyCovariate[] => covariates.filter((c) => covariateValue(r, c.id, c.entry, sosgoqVersion) === null).map((c) => c.id)
  const flow = flowOf(rows, reasons, enabled, missingCovariates, {
    eligible: { HT: nHT, TES: nTES },
    matchedPairs: psm.matching.nPairs,
    matched: { HT: matchedT.size, TES: matchedC.size },
    unmatched: perArm((arm) => idsOf(eligible.map((_, i) => i).filter((i) => (eligible[i]!.arm === arm) && !inMatched(i)))),
  })
  const byArm = (idx: number[], arm: StudyArm) => idx.filter((i) => eligible[i]!.arm === arm)
  const all = eligible.map((_, i) => i)
  const matchedIdx = all.filter(inMatched)
  const propensityDistributions = {
    before: perArm((arm) => byArm(all, arm).map((i) => ps[i]!)),
    after: perArm((arm) => byArm(matchedIdx, arm).map((i) => ps[i]!)),
    afterWeights: perArm((arm) => byArm(matchedIdx, arm).map((i) => weights[i]!)),
  }

  // ---- tables
  progress(3, stages, 'Tables')
  const links: [number, number][] = sets.flatMap((s) => s.controls.map((c): [number, number] => [s.treated, c]))
  const cohorts: Cohorts = { rows: eligible, weights, matched: perArm((arm) => byArm(matchedIdx, arm)), all: perArm((arm) => byArm(all, arm)), links }
  const table1 = baselineTable('table1', cohorts, settings.testRule)
  const table2 = baselineTable('table2', cohorts, settings.testRule)
  const outcomes = outcomeTables(cohorts, settings.testRule)

  // ---- survival
  progress(4, stages, 'Survival')
  const matchedMemberList = matchedMembers(sets, eligible)
  const eligibleMembers: SurvivalMember[] = eligible.map((row) => ({ row, arm: row.arm as StudyArm, stratum: null }))
  const survival = studySurvival(matchedMemberList, eligibleMembers, settings)

  // ---- sensitivity
  progress(5, stages, 'Sensitivity')
  const sensitivity = settings.sensitivity ? sensitivityTable(settings, treat, ps, logit, design, eligible) : []

  for (const w of [...propensityModel.warnings, ...matching.warnings]) warnings.push(w)
  for (const s of [survival.matched.lpfs, survival.matched.os]) for (const hr of [s.hazardRatioNaive, s.hazardRatioPaired]) for (const w of hr?.warnings ?? []) warnings.push(w)
  progress(stages, stages, 'Done')

  if (input.patientValues === false) {
    return { result: { flow, propensityModel, matching, balance, propensityDistributions, table1, table2, survival, outcomes, sensitivity, warnings }, patients: [] }
  }
  const weightOf = new Map<number, number>()
  eligible.forEach((r, i) => weightOf.set(r.patientId, weights[i]!))
  const psOf = new Map<number, [number, number]>()
  eligible.forEach((r, i) => psOf.set(r.patientId, [ps[i]!, logit[i]!]))
  const pairIdsOf = new Map<number, number[]>()
  for (const s of sets) for (const i of [s.treated, ...s.controls]) pairIdsOf.set(eligible[i]!.patientId, [...(pairIdsOf.get(eligible[i]!.patientId) ?? []), s.pairId])
  const patients: PatientAnalysisValues[] = rows.map((r, i) => ({
    patientId: r.patientId,
    studyId: r.studyId,
    arm: r.arm,
    eligible: reasons[i] === null,
    exclusion: reasons[i] === null ? null : reasonKey(reasons[i]!),
    covariates: Object.fromEntries(settings.covariates.map((c) => [COVARIATE_NAMES[c.id], covariateValue(r, c.id, c.entry, sosgoqVersion)])),
    propensityScore: psOf.get(r.patientId)?.[0] ?? null,
    logitPropensityScore: psOf.get(r.patientId)?.[1] ?? null,
    pairIds: pairIdsOf.get(r.patientId) ?? [],
    weight: weightOf.get(r.patientId) ?? null,
  }))

  return {
    result: { flow, propensityModel, matching, balance, propensityDistributions, table1, table2, survival, outcomes, sensitivity, warnings },
    patients,
  }
}

function reasonKey(r: ExclusionReason): string {
  return r.kind === 'criterion' ? r.criterion : r.kind
}

function flowOf(
  rows: readonly AnalysisRow[],
  reasons: readonly (ExclusionReason | null)[],
  enabled: readonly (typeof CRITERIA)[number][],
  missingCovariates: (r: AnalysisRow) => StudyCovariate[],
  rest: Pick<StudyFlow, 'eligible' | 'matchedPairs' | 'matched' | 'unmatched'>,
): StudyFlow {
  const order = [...CRITERIA, 'unknown', 'otherArm', 'missingCovariate']
  const boxes = new Map<string, FlowExclusion>()
  rows.forEach((r, i) => {
    const reason = reasons[i]
    if (!reason) return
    const key = reasonKey(reason)
    let box = boxes.get(key)
    if (!box) {
      // The box's reason: for unknown / missing covariates, the union over its patients.
      box = { key, reason, count: 0, studyIds: [], patientIds: [] }
      boxes.set(key, box)
    } else if (reason.kind === 'unknown' && box.reason.kind === 'unknown') {
      box.reason = { kind: 'unknown', criteria: CRITERIA.filter((c) => (box!.reason as { criteria: string[] }).criteria.includes(c) || reason.criteria.includes(c)) }
    } else if (reason.kind === 'missingCovariate' && box.reason.kind === 'missingCovariate') {
      box.reason = { kind: 'missingCovariate', covariates: [...new Set([...box.reason.covariates, ...reason.covariates])] }
    }
    box.count++
    box.studyIds.push(r.studyId)
    box.patientIds.push(r.patientId)
    // why the model's covariates are missing: for these boxes and for data not intact (a coded field)
    if (reason.kind === 'missingCovariate') countMissingReasons(box, r, reason.covariates)
    else if (key === 'caseDataComplete') countMissingReasons(box, r, missingCovariates(r))
  })
  const excluded = [...boxes.values()].sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key))
  return {
    screened: rows.length,
    excluded,
    failingByCriterion: enabled.map((c) => ({ criterion: c, kind: CRITERION_KIND[c], count: rows.filter((r) => r.criteria[c] === false).length })),
    ...rest,
  }
}

/** Adds one patient's missing covariates to the box's reasons (why each has no value). */
function countMissingReasons(box: FlowExclusion, r: AnalysisRow, covariates: readonly StudyCovariate[]): void {
  if (covariates.length === 0) return
  box.missingReasons ??= []
  for (const covariate of covariates) {
    let entry = box.missingReasons.find((m) => m.covariate === covariate)
    if (!entry) {
      entry = { covariate, reasons: {} }
      box.missingReasons.push(entry)
    }
    const why = missingReasonOf(r, covariate)
    entry.reasons[why] = (entry.reasons[why] ?? 0) + 1
  }
}

function modelOf(
  fit: ReturnType<typeof propensityScoreMatching>['propensityModel'],
  design: ModelMatrix,
  covariates: StudySettings['covariates'],
  sosgoqVersion: string | null,
): PropensityModel {
  const modelCovariates: ModelCovariate[] = covariates.map((c, k) => {
    const term = design.terms[k]!
    return {
      id: c.id,
      name: COVARIATE_NAMES[c.id],
      entry: c.entry,
      levels: [...term.levels],
      reference: c.entry === 'factor' ? (term.levels[0] ?? null) : null,
      columns: term.columns.map((j) => design.names[j]!),
      unit: covariateUnit(c.id, c.entry, sosgoqVersion),
    }
  })
  const coefficients: ModelCoefficient[] = fit.coefficients.map((co, j) => {
    const k = design.assign[j]!
    const cov = k === 0 ? null : modelCovariates[k - 1]!
    const level = cov && cov.entry === 'factor' ? co.term.slice(cov.name.length) : null
    return { term: co.term, covariate: cov ? cov.id : null, level, estimate: co.estimate, standardError: co.standardError, z: co.zValue, p: co.pValue }
  })
  const formula = `ht ~ ${modelCovariates.map((c) => c.name).join(' + ')}`
  return {
    formula,
    covariates: modelCovariates,
    coefficients,
    n: fit.n,
    deviance: fit.deviance,
    nullDeviance: fit.nullDeviance,
    aic: fit.aic,
    iterations: fit.iterations,
    converged: fit.converged,
    warnings: fromEngineWarnings(fit.warnings),
    rCall: `glm(${formula}, family = binomial, data = e)`,
  }
}

function balanceOf(b: NonNullable<ReturnType<typeof propensityScoreMatching>['balance']>, design: ModelMatrix, covariates: StudySettings['covariates']): StudyBalance {
  const termOwner = new Map<string, { id: StudyCovariate; level: string | null }>()
  design.terms.forEach((t, k) => {
    const id = covariates[k]!.id
    if (t.type === 'numeric') termOwner.set(t.name, { id, level: null })
    else for (const l of t.levels) termOwner.set(t.name + l, { id, level: l })
  })
  const stats = (s: NonNullable<(typeof b.rows)[number]['after']>) => ({
    meanHT: s.meanTreated,
    meanTES: s.meanControl,
    smd: s.standardizedMeanDifference,
    varianceRatio: s.varianceRatio,
    ecdfMean: s.ecdfMean,
    ecdfMax: s.ecdfMax,
  })
  const rows: BalanceRow[] = b.rows.map((r) => {
    const owner = termOwner.get(r.term) ?? null
    return { term: r.term, covariate: owner?.id ?? null, level: owner?.level ?? null, binary: r.binary, before: stats(r.before), after: stats(r.after!) }
  })
  const covRows = rows.filter((r) => r.covariate !== null)
  const maxAbs = (f: (r: BalanceRow) => number | null): number | null => {
    const v = covRows.map(f).filter((x): x is number => x !== null).map(Math.abs)
    return v.length ? Math.max(...v) : null
  }
  const threshold = 0.1
  return {
    rows,
    threshold,
    maxAbsSmdBefore: maxAbs((r) => r.before.smd),
    maxAbsSmdAfter: maxAbs((r) => r.after.smd),
    imbalancedAfter: covRows.filter((r) => r.after.smd !== null && Math.abs(r.after.smd) > threshold).map((r) => r.term),
  }
}

/** Largest |SMD| over covariate terms (the distance row excluded). */
function maxAbsCovariateSmd(b: ReturnType<typeof balanceTable>): number | null {
  let max: number | null = null
  for (const r of b.rows) {
    if (r.term === 'distance') continue
    const v = r.after?.standardizedMeanDifference
    if (v === null || v === undefined) continue
    max = max === null ? Math.abs(v) : Math.max(max, Math.abs(v))
  }
  return max
}

/** Re-matches on the same propensity model at the study's sensitivity calipers and with 1:2. */
function sensitivityTable(
  settings: StudySettings,
  treat: Float64Array,
  ps: Float64Array,
  logit: Float64Array,
  design: ModelMatrix,
  eligible: readonly AnalysisRow[],
): SensitivityRow[] {
  // The calipers at 1:1, and 1:2 at the analysis' caliper; order and replacement as the analysis'.
  const variants: { key: string; caliper: CaliperSetting; ratio: number }[] = [
    { key: 'ps-0.01', caliper: { scale: 'propensity', width: 0.01 }, ratio: 1 },
    { key: 'ps-0.02', caliper: { scale: 'propensity', width: 0.02 }, ratio: 1 },
    { key: 'ps-0.05', caliper: { scale: 'propensity', width: 0.05 }, ratio: 1 },
    { key: 'logit-0.2', caliper: { scale: 'logitSd', width: 0.2 }, ratio: 1 },
    { key: 'ratio-2', caliper: settings.caliper, ratio: 2 },
  ]
  // Balance reads the design's coded terms, as the main analysis does.
  const balanceCovariates: CovariateColumn[] = design.terms.map((t) => (t.type === 'numeric' ? { name: t.name, type: 'numeric', values: t.values } : { name: t.name, type: 'factor', codes: t.values, levels: t.levels }))
  const mainKey = `${CALIPER_LABEL(settings.caliper)}|${settings.ratio}`
  return variants.map((v): SensitivityRow => {
    const mo = matchingOptions(v.caliper)
    const base = { key: v.key, caliper: v.caliper, ratio: v.ratio, isMain: `${CALIPER_LABEL(v.caliper)}|${v.ratio}` === mainKey }
    const distance = mo.link === 'logit' ? ps : logit
    let m: NearestNeighborMatchingResult
    try {
      m = matchNearestNeighbor(
        { treat, distance },
        { ...(mo.caliper !== undefined ? { caliper: mo.caliper } : {}), stdCaliper: mo.stdCaliper, ratio: v.ratio, replace: settings.replace, order: settings.order, seed: settings.seed },
      )
    } catch (e) {
      if (!(e instanceof EngineInputError)) throw e
      return { ...base, nPairs: 0, matched: { HT: 0, TES: 0 }, maxAbsSmdAfter: null, hazardRatio: { lpfs: null, os: null }, note: e.message }
    }
    const sets = matchedSets(m)
    const b = balanceTable({ covariates: balanceCovariates, treat, weights: m.weights, distance }, { ecdf: false })
    const members = matchedMembers(sets, eligible)
    return {
      ...base,
      nPairs: m.nPairs,
      matched: { HT: new Set(sets.map((s) => s.treated)).size, TES: new Set(sets.flatMap((s) => s.controls)).size },
      maxAbsSmdAfter: maxAbsCovariateSmd(b),
      hazardRatio: { lpfs: pairedHazardRatio(members, 'lpfs'), os: pairedHazardRatio(members, 'os') },
      note: sets.length === 0 ? 'No pairs.' : null,
    }
  })
}
