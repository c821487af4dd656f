import fs from 'node:fs'
import path from 'node:path'
import { CRITERION_TITLE, type CriterionId } from '@domain/eligibility'
import { APP_VERSION } from '../../version'
import { DEMO_DEFAULT_SEED, writeDemoRegistry, type DemoSummary } from '../../services/demo-cohort'
import { KM_TARGETS, STUDY_ARMS } from '../../services/demo-cohort/targets'
import { AppFailure } from '@contract/result'
import { withReadOnlyRegistry } from '../../db/connection'
import { writeBackup } from '../../db/backups'
import { readMeta } from '../../db/repositories/registry-meta'
import { optionalNumber, requireString, UsageError, type Command } from '../command'

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(6)

function survivalLines(summary: DemoSummary): string[] {
  const lines = ['Kaplan–Meier of the included patients   12 mo   24 mo   60 mo  median   (paper)']
  for (const arm of STUDY_ARMS) {
    for (const [endpoint, label] of [
      ['localControl', 'local control'],
      ['overallSurvival', 'overall survival'],
    ] as const) {
      const r = summary.survival[arm][endpoint]
      const t = KM_TARGETS[arm][endpoint]
      const median = r.medianMonths === null ? '   n/a' : `${r.medianMonths.toFixed(0).padStart(3)} mo`
      lines.push(
        `  ${arm.padEnd(4)}${label.padEnd(34)}${pct(r.at12)}  ${pct(r.at24)}  ${pct(r.at60)}  ${median}   (${(t.at12 * 100).toFixed(1)} / ${(t.at24 * 100).toFixed(1)} / ${(t.at60 * 100).toFixed(1)}, ${t.medianMonths} mo)`,
      )
    }
  }
  return lines
}

async function backupDemoBeforeReplacing(file: string): Promise<void> {
  await withReadOnlyRegistry(file, async (db, inspected) => {
    const isDemo = inspected.header.userVersion >= 1 && readMeta(db).demo_seed !== undefined
    if (!isDemo) {
      throw new AppFailure(
        'INVALID_INPUT',
        `${path.basename(file)} is not a demo registry: --force only replaces a registry written by "demo". Nothing was changed. Choose another file name for the demo.`,
      )
    }
    await writeBackup(db, file, 'pre-demo', new Date())
  })
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Write the demo registry: 215 screened patients shaped like the reference study (Zheng 2021).',
  help: `The cohort is synthetic and deterministic for a seed: 157 patients meet the inclusion criteria
(64 hybrid therapy, 93 total en bloc spondylectomy) with Table 1's category counts per arm, and 58
fail them for stated reasons. Follow-up is simulated so that each arm's Kaplan–Meier local control
and overall survival land near the paper's 1-, 2- and 5-year rates. No record describes a real person.
JSON fields: path, seed, patients, eligible, ineligible, arms {HT, TES}, ineligibleReasons (count by
first failed criterion), dataCutoff, frankelAsiaDiscordant, survival {HT, TES} {localControl,
overallSurvival} {at12, at24, at60, medianMonths}, calibration {attempts, maxDeviation}.`,
  options: {
    db: { type: 'string', valueName: 'FILE', description: 'registry file to write (.sqlite)' },
    seed: { type: 'string', valueName: 'N', description: `random seed (default ${DEMO_DEFAULT_SEED})` },
    force: { type: 'boolean', description: 'replace the file if it exists and is a demo registry (after a backup in backups/)' },
  },
  async run({ values, io }) {
    const file = path.resolve(io.cwd, requireString(values, 'db'))
    const seed = optionalNumber(values, 'seed', { integer: true, min: 0, max: 2 ** 31 - 1 }) ?? DEMO_DEFAULT_SEED
    if (fs.existsSync(file) && values.force !== true) {
      throw new UsageError(`${file} already exists; add --force to replace it`)
    }
    // --force replaces only a demo registry, and only after a verified backup of it.
    if (fs.existsSync(file)) await backupDemoBeforeReplacing(file)
    const summary = await writeDemoRegistry(file, { seed, appVersion: APP_VERSION, overwrite: values.force === true })
    const reasons = Object.entries(summary.ineligibleReasons)
      .map(([k, n]) => `${CRITERION_TITLE[k as CriterionId] ?? k} ${n}`)
      .join('; ')
    const text = [
      `Wrote ${summary.patients} synthetic patients to ${file} (seed ${seed}, follow-up to ${summary.dataCutoff}).`,
      `Included in the study: ${summary.eligible} (HT ${summary.arms.HT}, TES ${summary.arms.TES}); screened out: ${summary.ineligible}.`,
      `Screened out, by the first criterion not met: ${reasons}.`,
      ...survivalLines(summary),
    ].join('\n')
    return { json: { path: file, ...summary }, text }
  },
}
