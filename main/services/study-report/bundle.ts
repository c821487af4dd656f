// The reproducibility bundle of a study analysis: the de-identified analysis dataset (one row per
// screened patient: the --dataset columns plus every value the tables read), the result object as
// JSON, SpineMet's numbers as key,value CSV, and reproduce.R, which recomputes those numbers in R
// and prints each beside SpineMet's with the difference.
import fs from 'node:fs'
import path from 'node:path'
import { COMPLICATION_KINDS, SOSGOQ_VERSIONS } from '../../domain/codes'
import { AppFailure } from '@contract/result'
import type { StudyResult } from '@contract/study'
import { CSV_BOM, CSV_NA, csvLine, guardFormula } from '../export/csv-writer'
import type { StudyRun } from '../study/index'
import { datasetSheet } from '../study/csv'
import type { AnalysisRow } from '../study/dataset'
import { reproduceScript, spinemetNumbers } from './reproduce-r'

type Cell = string | number | boolean | null | undefined
const cell = (v: Cell): string => (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? CSV_NA : typeof v === 'boolean' ? (v ? '1' : '0') : typeof v === 'number' ? String(v) : guardFormula(v))

/** The table values of a row, by dataset column (named as reproduce.R reads them: `v_` + the variable). */
function tableValues(r: AnalysisRow): Record<string, Cell> {
  const out: Record<string, Cell> = {
    v_age: r.age,
    v_sex: r.sex,
    v_spinal_level: r.spinalLevel,
    v_histology: r.histology,
    v_tokuhashi: r.tokuhashi,
    v_ecog: r.ecog === null ? null : String(r.ecog),
    v_bilsky: r.bilsky,
    v_vas: r.preop.vas,
    v_sins: r.preop.sins,
    v_asia: r.preop.asia,
    v_vas_month6: r.month6.vas,
    v_sins_month6: r.month6.sins,
    v_asia_month6: r.month6.asia,
    v_operative_time_hours: r.operativeTimeHours,
    v_blood_loss_ml: r.bloodLossMl,
    v_length_of_stay_days: r.lengthOfStayDays,
    v_surgery_to_srs_days: r.surgeryToSrsDays,
    v_any_complication: r.complications.length > 0 ? 'yes' : 'no',
  }
  for (const v of SOSGOQ_VERSIONS) {
    const col = `v_sosgoq_v${v.replace('.', '_')}`
    out[col] = r.preop.sosgoqVersion === v ? r.preop.sosgoq : null
    out[`${col}_month6`] = r.month6.sosgoqVersion === v ? r.month6.sosgoq : null
  }
  for (const k of COMPLICATION_KINDS) out[`c_${k}`] = r.complications.filter((c) => c === k).length
  return out
}

/** The bundle's dataset: the study --dataset columns, then the table values. De-identified (study ID only). */
export function bundleDatasetCsv(run: Pick<StudyRun, 'patients' | 'rows'>): string {
  const base = datasetSheet(run.patients, run.rows)
  const byId = new Map(run.rows.map((r) => [r.patientId, r]))
  const extraHeader = Object.keys(tableValues(run.rows[0]!))
  let out = CSV_BOM + csvLine([...base.header, ...extraHeader])
  run.patients.forEach((p, i) => {
    const values = tableValues(byId.get(p.patientId)!)
    out += csvLine([...base.rows[i]!.map(cell), ...extraHeader.map((h) => cell(values[h]))])
  })
  return out
}

export const BUNDLE_FILES = {
  dataset: 'analysis-dataset.csv',
  results: 'results.json',
  numbers: 'spinemet-numbers.csv',
  script: 'reproduce.R',
  readme: 'README.txt',
} as const

/** Writes the bundle into `dir` (created). The result is the one the report shows; `run` gives the per-patient values. */
export function writeStudyBundle(dir: string, run: { result: StudyResult } & Pick<StudyRun, 'patients' | 'rows'>): string[] {
  if (run.rows.length === 0) throw new AppFailure('INSUFFICIENT_DATA', 'The registry has no patients: there is no dataset to write.')
  const numbers = spinemetNumbers(run.result)
  const files: [string, string][] = [
    [BUNDLE_FILES.dataset, bundleDatasetCsv(run)],
    [BUNDLE_FILES.results, JSON.stringify(run.result, null, 1) + '\n'],
    [BUNDLE_FILES.numbers, CSV_BOM + csvLine(['key', 'value']) + numbers.map(([k, v]) => csvLine([k, cell(v)])).join('')],
    [BUNDLE_FILES.script, reproduceScript(run.result)],
    [
      BUNDLE_FILES.readme,
      [
        `SpineMet ${run.result.provenance.appVersion} study analysis of ${run.result.provenance.computedAt} (data hash ${run.result.provenance.dataHash}).`,
        '',
        `${BUNDLE_FILES.dataset}  de-identified analysis dataset: one row per screened patient (study ID, arm, eligibility, model covariates as the model used them, propensity score, matched set, weight, endpoints, table values v_*, complication counts c_*).`,
        `${BUNDLE_FILES.results}  every number of the report (the result object SpineMet computed).`,
        `${BUNDLE_FILES.numbers}  the numbers reproduce.R checks, one per line.`,
        `${BUNDLE_FILES.script}  run "Rscript reproduce.R": recomputes them with R (stats, survival; MatchIt >= 4.5.4 when installed, otherwise the bundle's pair ids) and prints each beside SpineMet's with the difference.`,
        '',
      ].join('\r\n'),
    ],
  ]
  try {
    fs.mkdirSync(dir, { recursive: true })
    for (const [name, text] of files) fs.writeFileSync(path.join(dir, name), text, 'utf8')
  } catch (err) {
    throw new AppFailure('EXPORT_FAILED', `The reproducibility bundle could not be written to ${dir} (${(err as Error).message}). Choose another folder.`)
  }
  return files.map(([name]) => path.join(dir, name))
}
