// Study tables and the analysis dataset as CSV: raw numbers at full precision (JavaScript's
// shortest round-trip form), NA for a missing value, UTF-8 with BOM and CRLF as every SpineMet CSV
// (export/csv-writer.ts). Read from the result object only: nothing is recomputed here.
import type { ContinuousSummary, HazardRatio, StudyExportTable, StudyResult, StudyTable, TableTest } from '@contract/study'
import { CSV_BOM, CSV_NA, csvLine, guardFormula } from '../export/csv-writer'
import type { PatientAnalysisValues } from './analysis'
import type { AnalysisRow } from './dataset'

type Cell = string | number | boolean | null | undefined
interface Sheet {
  header: string[]
  rows: Cell[][]
}

const cell = (v: Cell): string => (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? CSV_NA : typeof v === 'boolean' ? (v ? '1' : '0') : typeof v === 'number' ? String(v) : guardFormula(v))

export function renderSheet(sheet: Sheet): string {
  let out = CSV_BOM + csvLine(sheet.header)
  for (const r of sheet.rows) out += csvLine(r.map(cell))
  return out
}

const testCells = (t: TableTest | null): Cell[] => [t?.name ?? null, t?.statistic ?? null, t?.df ?? null, t?.p ?? null, t?.reason ?? null]
const TEST_HEADER = ['test', 'statistic', 'df', 'p', 'test_reason']
const summaryCells = (s: ContinuousSummary): Cell[] => [s.n, s.missing, s.mean, s.sd, s.median, s.q1, s.q3]
const SUMMARY_HEADER = (arm: string): string[] => ['n', 'missing', 'mean', 'sd', 'median', 'q1', 'q3'].map((h) => `${arm}_${h}`)

function tableSheet(t: StudyTable): Sheet {
  const header = ['variable', 'label', 'level', 'unit', 'display', ...SUMMARY_HEADER('HT'), ...SUMMARY_HEADER('TES'), 'HT_count', 'HT_proportion', 'TES_count', 'TES_proportion', 'smd', ...TEST_HEADER, 'note']
  const rows: Cell[][] = []
  const blank = (n: number): Cell[] => new Array<Cell>(n).fill(null)
  for (const r of t.rows) {
    if (r.kind === 'continuous') {
      rows.push([r.variable, r.label, null, r.unit, r.display, ...summaryCells(r.arms.HT), ...summaryCells(r.arms.TES), ...blank(4), r.smd, ...testCells(r.test), r.note])
    } else {
      // The variable's row carries the test and the SMD; one row per level carries the counts.
      rows.push([r.variable, r.label, null, null, 'n-percent', ...blank(14), ...blank(4), r.smd, ...testCells(r.test), r.note])
      r.levels.forEach((l, k) =>
        rows.push([r.variable, r.label, l, null, 'n-percent', ...blank(14), r.counts.HT[k]!.n, r.counts.HT[k]!.proportion, r.counts.TES[k]!.n, r.counts.TES[k]!.proportion, r.levelSmd[k], ...blank(5), null]),
      )
    }
  }
  return { header, rows }
}

const hrCells = (h: HazardRatio | null): Cell[] => [h?.estimate ?? null, h?.lower ?? null, h?.upper ?? null, h?.p ?? null, h?.n ?? null, h?.events ?? null]

/** The CSV of one table of a result. */
export function studyTableSheet(result: StudyResult, table: StudyExportTable): Sheet {
  switch (table) {
    case 'flow': {
      const f = result.flow
      return {
        header: ['step', 'reason', 'HT', 'TES', 'total', 'study_ids'],
        rows: [
          ['screened', null, null, null, f.screened, null],
          ...f.excluded.map((e): Cell[] => ['excluded', e.key, null, null, e.count, e.studyIds.join(' ')]),
          ['eligible', null, f.eligible.HT, f.eligible.TES, f.eligible.HT + f.eligible.TES, null],
          ['matched_pairs', null, null, null, f.matchedPairs, null],
          ['matched', null, f.matched.HT, f.matched.TES, f.matched.HT + f.matched.TES, null],
          ['unmatched', null, f.unmatched.HT.count, f.unmatched.TES.count, f.unmatched.HT.count + f.unmatched.TES.count, [...f.unmatched.HT.studyIds, ...f.unmatched.TES.studyIds].join(' ')],
        ],
      }
    }
    case 'coefficients':
      return {
        header: ['term', 'covariate', 'level', 'estimate', 'standard_error', 'z', 'p'],
        rows: result.propensityModel.coefficients.map((c) => [c.term, c.covariate, c.level, c.estimate, c.standardError, c.z, c.p]),
      }
    case 'pairs':
      return {
        header: ['pair', 'HT_study_id', 'HT_ps', 'TES_study_id', 'TES_ps', 'ps_difference'],
        rows: result.matching.pairs.flatMap((p) => p.controls.map((c, k): Cell[] => [p.pairId, p.treated.studyId, p.treated.propensityScore, c.studyId, c.propensityScore, p.scoreDifferences[k]])),
      }
    case 'balance':
      return {
        header: ['term', 'covariate', 'level', 'binary', 'before_mean_HT', 'before_mean_TES', 'before_smd', 'before_variance_ratio', 'after_mean_HT', 'after_mean_TES', 'after_smd', 'after_variance_ratio'],
        rows: result.balance.rows.map((r) => [r.term, r.covariate, r.level, r.binary, r.before.meanHT, r.before.meanTES, r.before.smd, r.before.varianceRatio, r.after.meanHT, r.after.meanTES, r.after.smd, r.after.varianceRatio]),
      }
    case 'table1':
      return tableSheet(result.table1)
    case 'table2':
      return tableSheet(result.table2)
    case 'table3':
      return tableSheet(result.outcomes.table3)
    case 'table4':
      return tableSheet(result.outcomes.table4)
    case 'asiaShift': {
      const a = result.outcomes.asiaShift
      return {
        header: ['arm', 'preop_grade', ...a.grades.map((g) => `month6_${g}`)],
        rows: (['HT', 'TES'] as const).flatMap((arm) => a.grades.map((g, i): Cell[] => [arm, g, ...a.counts[arm][i]!])),
      }
    }
    case 'complications':
      return {
        header: ['kind', 'HT_patients', 'HT_rate', 'HT_events', 'TES_patients', 'TES_rate', 'TES_events'],
        rows: result.outcomes.complications.rows.map((r) => [r.kind, r.patients.HT, r.rate.HT, r.events.HT, r.patients.TES, r.rate.TES, r.events.TES]),
      }
    case 'survivalRates': {
      const rows: Cell[][] = []
      for (const cohort of ['matched', 'eligible'] as const)
        for (const ep of ['lpfs', 'os'] as const) {
          const s = result.survival[cohort][ep]
          for (const arm of ['HT', 'TES'] as const) {
            const c = s.curves[arm]
            rows.push([cohort, ep, arm, 'median', c.median.estimate, c.median.lower, c.median.upper, null])
            for (const r of c.rates) rows.push([cohort, ep, arm, `S(${r.time})`, r.surv, r.lower, r.upper, r.nRisk])
          }
        }
      return { header: ['cohort', 'endpoint', 'arm', 'quantity', 'estimate', 'lower_95', 'upper_95', 'n_risk'], rows }
    }
    case 'survivalCurves': {
      const rows: Cell[][] = []
      for (const cohort of ['matched', 'eligible'] as const)
        for (const ep of ['lpfs', 'os'] as const)
          for (const arm of ['HT', 'TES'] as const) {
            const c = result.survival[cohort][ep].curves[arm]
            c.time.forEach((t, k) => rows.push([cohort, ep, arm, t, c.nRisk[k], c.nEvent[k], c.nCensor[k], c.surv[k], c.lower[k], c.upper[k]]))
          }
      return { header: ['cohort', 'endpoint', 'arm', 'time_months', 'n_risk', 'n_event', 'n_censor', 'survival', 'lower_95', 'upper_95'], rows }
    }
    case 'hazardRatios': {
      const rows: Cell[][] = []
      for (const cohort of ['matched', 'eligible'] as const)
        for (const ep of ['lpfs', 'os'] as const) {
          const s = result.survival[cohort][ep]
          rows.push([cohort, ep, 'log-rank', null, null, null, s.logRank.p, null, null])
          rows.push([cohort, ep, 'cox naive', ...hrCells(s.hazardRatioNaive)])
          if (s.hazardRatioPaired) rows.push([cohort, ep, 'cox stratified by pair', ...hrCells(s.hazardRatioPaired)])
        }
      return { header: ['cohort', 'endpoint', 'model', 'hazard_ratio', 'lower_95', 'upper_95', 'p', 'n', 'events'], rows }
    }
    case 'sensitivity':
      return {
        header: ['key', 'caliper_scale', 'caliper_width', 'ratio', 'pairs', 'matched_HT', 'matched_TES', 'max_abs_smd_after', 'hr_lpfs', 'hr_lpfs_lower', 'hr_lpfs_upper', 'hr_lpfs_p', 'hr_os', 'hr_os_lower', 'hr_os_upper', 'hr_os_p', 'main', 'note'],
        rows: result.sensitivity.map((r) => {
          const h = (x: HazardRatio | null): Cell[] => [x?.estimate ?? null, x?.lower ?? null, x?.upper ?? null, x?.p ?? null]
          return [r.key, r.caliper.scale, 'width' in r.caliper ? r.caliper.width : null, r.ratio, r.nPairs, r.matched.HT, r.matched.TES, r.maxAbsSmdAfter, ...h(r.hazardRatio.lpfs), ...h(r.hazardRatio.os), r.isMain, r.note]
        }),
      }
  }
}

/**
 * The analysis dataset (one row per screened patient, de-identified): study ID, arm, eligibility and
 * the reason, each model covariate as the model used it, propensity score, matched set(s), weight,
 * and both endpoints. The columns R's script (r-script.ts) reads.
 */
export function datasetSheet(patients: readonly PatientAnalysisValues[], rows: readonly AnalysisRow[]): Sheet {
  const covNames = patients.length ? Object.keys(patients[0]!.covariates) : []
  const byId = new Map(rows.map((r) => [r.patientId, r]))
  return {
    header: ['study_id', 'arm', 'eligible', 'exclusion_reason', ...covNames, 'sosgoq_version', 'ps', 'logit_ps', 'pair', 'weight', 'lpfs_months', 'lpfs_event', 'os_months', 'os_event'],
    rows: patients.map((p) => {
      const r = byId.get(p.patientId)!
      return [
        p.studyId,
        p.arm,
        p.eligible,
        p.exclusion,
        ...covNames.map((n) => p.covariates[n]),
        r.preop.sosgoqVersion,
        p.propensityScore,
        p.logitPropensityScore,
        p.pairIds.length ? p.pairIds.join(';') : null,
        p.weight,
        r.lpfs?.time ?? null,
        r.lpfs?.event ?? null,
        r.os?.time ?? null,
        r.os?.event ?? null,
      ]
    }),
  }
}
