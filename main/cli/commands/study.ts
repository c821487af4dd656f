import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { CaliperSetting, StudyMatchOrder, StudyResult, StudySettingsPatch, SurvivalAnalysis } from '@contract/study'
import { MATCH_ORDERS } from '@contract/study'
import { openRegistryFile } from '../../db/connection'
import { EngineJobRunner } from '../../services/engine-jobs'
import { currentOsUser, type Host } from '../../services/host'
import { Session } from '../../services/session'
import { StudyService, writeCsvFile } from '../../services/study/index'
import { oneOfOption, optionalNumber, requireString, UsageError, type Command } from '../command'

/** A host without dialogs for the command line (study, report); its user-data folder is temporary. */
export function cliHost(userDataDir: string, stderr: (t: string) => void, command = 'study'): Host {
  return {
    kind: 'cli',
    userDataDir,
    osUser: currentOsUser,
    now: () => new Date(),
    chooseNewRegistryPath: async () => null,
    chooseRegistryToOpen: async () => null,
    chooseSaveAsPath: async () => null,
    emit: () => {},
    log: (level, message) => {
      if (level !== 'info') stderr(`spinemet ${command}: ${message}\n`)
    },
  }
}

/** --caliper WIDTH [--caliper-scale propensity|logitSd|none], as the study and report commands read them. */
export function caliperOption(values: Record<string, unknown>): CaliperSetting | undefined {
  const scale = oneOfOption(values, 'caliper-scale', ['propensity', 'logitSd', 'none'] as const)
  const width = optionalNumber(values, 'caliper', { min: 0 })
  if (scale === 'none') return { scale: 'none' }
  if (width === undefined) return scale === undefined ? undefined : scale === 'logitSd' ? { scale, width: 0.2 } : { scale, width: 0.02 }
  if (width <= 0) throw new UsageError('--caliper must be greater than 0')
  return { scale: scale ?? 'propensity', width }
}

const pct = (v: number | null | undefined): string => (v === null || v === undefined ? 'NA' : `${(100 * v).toFixed(1)}%`)
const num = (v: number | null | undefined, d = 3): string => (v === null || v === undefined ? 'NA' : v.toFixed(d))
const pval = (p: number | null | undefined): string => (p === null || p === undefined ? 'NA' : p < 0.001 ? '<0.001' : p.toFixed(3))

function survivalLines(s: SurvivalAnalysis, title: string): string[] {
  const lines = [`${title}: log-rank p = ${pval(s.logRank.p)}`]
  for (const arm of ['HT', 'TES'] as const) {
    const c = s.curves[arm]
    lines.push(`  ${arm.padEnd(4)} n=${c.n} events=${c.events}  ${c.rates.map((r) => `${r.time} mo ${pct(r.surv)}`).join('  ')}  median ${num(c.median.estimate, 1)} mo`)
  }
  const hr = (h: SurvivalAnalysis['hazardRatioNaive'], label: string) => (h ? `  HR HT vs TES (${label}) ${num(h.estimate)} [${num(h.lower)}, ${num(h.upper)}] p = ${pval(h.p)}` : `  HR (${label}) not estimable`)
  lines.push(hr(s.hazardRatioNaive, 'naive'))
  if (s.cohort === 'matched') lines.push(hr(s.hazardRatioPaired, 'stratified by pair'))
  return lines
}

function summaryText(r: StudyResult): string {
  const f = r.flow
  const lines = [
    `Study: ${r.provenance.registryFileName}, ${f.screened} screened (data ${r.provenance.dataHash.slice(0, 12)}…)`,
    ...f.excluded.map((e) => `  excluded ${String(e.count).padStart(4)}  ${e.key}`),
    `Eligible ${f.eligible.HT + f.eligible.TES}: HT ${f.eligible.HT}, TES ${f.eligible.TES}`,
    `Propensity model: ${r.propensityModel.formula} (n = ${r.propensityModel.n}${r.propensityModel.converged ? '' : ', NOT converged'})`,
    `Matched pairs ${f.matchedPairs} (HT ${f.matched.HT}, TES ${f.matched.TES}); unmatched HT ${f.unmatched.HT.count}, TES ${f.unmatched.TES.count}`,
    `Balance: max |SMD| ${num(r.balance.maxAbsSmdBefore)} before, ${num(r.balance.maxAbsSmdAfter)} after${r.balance.imbalancedAfter.length ? ` (above 0.1: ${r.balance.imbalancedAfter.join(', ')})` : ''}`,
    ...survivalLines(r.survival.matched.lpfs, 'Local progression-free survival (matched)'),
    ...survivalLines(r.survival.matched.os, 'Overall survival (matched)'),
  ]
  if (r.sensitivity.length) {
    lines.push('Sensitivity (pairs, max |SMD| after, HR LPFS, HR OS):')
    for (const s of r.sensitivity) lines.push(`  ${s.key.padEnd(10)} ${String(s.nPairs).padStart(4)}  ${num(s.maxAbsSmdAfter)}  ${num(s.hazardRatio.lpfs?.estimate)}  ${num(s.hazardRatio.os?.estimate)}${s.isMain ? '  (main)' : ''}`)
  }
  for (const w of r.warnings) lines.push(`Note: ${w.message}`)
  return lines.join('\n')
}

export const studyCommand: Command = {
  name: 'study',
  summary: 'Run the study analysis on a registry: flow, propensity model, matching, balance, tables, survival, sensitivity.',
  help: `Runs the same analysis as the Study view, with the settings saved in the registry (or the reference
study's: every criterion, 11 covariates, caliper 0.02 on the propensity score, 1:1, largest first,
no replacement), changed by the options given. Nothing is written to the registry unless --save.
--json prints the whole result object (the contract's StudyResult; numbers unrounded).
--dataset FILE writes the de-identified analysis dataset, one row per screened patient: study_id,
arm, eligible (1/0), exclusion_reason, every model covariate as the model used it, sosgoq_version,
ps (propensity score), logit_ps, pair (matched set; several joined by ";" for a reused control),
weight (MatchIt's), lpfs_months, lpfs_event, os_months, os_event. The result's matching.rCall is
the R script (glm + MatchIt + survival) that reproduces the match and survival from that file.`,
  options: {
    db: { type: 'string', valueName: 'FILE', description: 'registry file (.sqlite)' },
    caliper: { type: 'string', valueName: 'WIDTH', description: 'caliper width (default 0.02 on the propensity scale)' },
    'caliper-scale': { type: 'string', valueName: 'propensity|logitSd|none', description: 'caliper scale: propensity score, SDs of its logit (0.2 by default), or none' },
    ratio: { type: 'string', valueName: 'K', description: 'TES controls per HT patient (default 1)' },
    order: { type: 'string', valueName: MATCH_ORDERS.join('|'), description: 'matching order (default largest)' },
    replace: { type: 'boolean', description: 'match with replacement' },
    seed: { type: 'string', valueName: 'N', description: 'seed for --order random' },
    'no-sensitivity': { type: 'boolean', description: 'skip the sensitivity table' },
    dataset: { type: 'string', valueName: 'FILE', description: 'write the analysis dataset CSV' },
    save: { type: 'boolean', description: 'keep the analysis in the registry (saved analyses)' },
    label: { type: 'string', valueName: 'TEXT', description: 'label of the saved analysis' },
  },
  async run({ values, io }) {
    const dbFile = path.resolve(io.cwd, requireString(values, 'db'))
    if (!fs.existsSync(dbFile)) throw new UsageError(`${dbFile} does not exist`)
    const patch: StudySettingsPatch = {}
    const caliper = caliperOption(values)
    if (caliper) patch.caliper = caliper
    const ratio = optionalNumber(values, 'ratio', { integer: true, min: 1, max: 5 })
    if (ratio !== undefined) patch.ratio = ratio
    const order = oneOfOption(values, 'order', MATCH_ORDERS) as StudyMatchOrder | undefined
    if (order) patch.order = order
    if (values.replace === true) patch.replace = true
    const seed = optionalNumber(values, 'seed', { integer: true, min: 0 })
    if (seed !== undefined) patch.seed = seed
    if (values['no-sensitivity'] === true) patch.sensitivity = false
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-cli-'))
    const host = cliHost(userData, io.stderr)
    const session = new Session(host)
    const engine = new EngineJobRunner(host, { poolSize: 1 })
    try {
      session.adopt(await openRegistryFile(dbFile))
      const study = new StudyService(session, engine)
      const run = await study.runFull({ settings: patch, save: values.save === true, ...(typeof values.label === 'string' ? { label: values.label } : {}) }, typeof values.dataset === 'string')
      let text = summaryText(run.result)
      if (typeof values.dataset === 'string') {
        const written = writeCsvFile(path.resolve(io.cwd, values.dataset), study.datasetCsv(run))
        text += `\nWrote the analysis dataset (${run.rows.length} patients, de-identified): ${written}`
      }
      return { json: run.result, text }
    } finally {
      session.close()
      await engine.close()
      fs.rmSync(userData, { recursive: true, force: true })
    }
  },
}
