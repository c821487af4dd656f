import fs from 'node:fs'
import path from 'node:path'
import { APP_VERSION } from '../../version'
import { DEMO_DEFAULT_SEED, writeDemoRegistry } from '../../services/demo-cohort'
import { optionalNumber, requireString, UsageError, type Command } from '../command'

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Write the demo registry: 215 screened patients shaped like the reference study (Zheng 2021).',
  help: `The cohort is synthetic and deterministic for a seed: 157 patients meet the inclusion criteria
(64 hybrid therapy, 93 total en bloc spondylectomy) and 58 fail them for stated reasons.
JSON fields: path, seed, patients, eligible, ineligible, arms {HT, TES}, ineligibleReasons.`,
  options: {
    db: { type: 'string', valueName: 'FILE', description: 'registry file to write (.sqlite)' },
    seed: { type: 'string', valueName: 'N', description: `random seed (default ${DEMO_DEFAULT_SEED})` },
    force: { type: 'boolean', description: 'replace the file if it exists' },
  },
  async run({ values, io }) {
    const file = path.resolve(io.cwd, requireString(values, 'db'))
    const seed = optionalNumber(values, 'seed', { integer: true, min: 0, max: 2 ** 31 - 1 }) ?? DEMO_DEFAULT_SEED
    if (fs.existsSync(file) && values.force !== true) {
      throw new UsageError(`${file} already exists; add --force to replace it`)
    }
    const summary = await writeDemoRegistry(file, { seed, appVersion: APP_VERSION, overwrite: values.force === true })
    const text = [
      `Wrote ${summary.patients} patients to ${file} (seed ${seed}).`,
      `Eligible for the study: ${summary.eligible} (HT ${summary.arms.HT}, TES ${summary.arms.TES}); not eligible: ${summary.ineligible}.`,
    ].join('\n')
    return { json: { path: file, seed, ...summary }, text }
  },
}
