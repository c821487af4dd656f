// The demo registry: a synthetic cohort shaped like the reference study (Zheng 2021), written to
// a new registry file. The generator lives in ./demo-cohort/; this module writes its records.
import fs from 'node:fs'
import path from 'node:path'
import { AppFailure } from '@contract/result'
import { createRegistryFile } from '../db/connection'
import { insertPatientRecord } from '../db/repositories/patient-records'
import { writeMeta } from '../db/repositories/registry-meta'
import { generateDemoCohort, type DemoCohortSummary } from './demo-cohort/cohort'

export { generateDemoCohort, type DemoCohort, type DemoCohortSummary, type ArmSurvival } from './demo-cohort/cohort'

export const DEMO_DEFAULT_SEED = 2021

/** The operating-system user the demo's audit entries name (never the real user). */
export const DEMO_AUDIT_USER = 'spinemet-demo'

export type DemoSummary = DemoCohortSummary & { seed: number }

const removeDatabaseFiles = (file: string): void => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true })
}

/**
 * Writes the demo registry for `seed` to `filePath`. The cohort is written into a temporary
 * file beside the target in one transaction and moved into place only when complete, so a
 * failure leaves neither a half-written registry nor a damaged previous file. The clinical
 * tables (and the audit trail) are identical for a seed; registry id and creation time are not.
 * Refuses an existing file unless `overwrite` is set.
 */
export async function writeDemoRegistry(filePath: string, options: { seed: number; appVersion: string; overwrite: boolean }): Promise<DemoSummary> {
  const target = path.resolve(filePath)
  if (fs.existsSync(target) && !options.overwrite) {
    throw new AppFailure('DB_ALREADY_EXISTS', `${path.basename(target)} already exists. Choose another name, or replace it on purpose.`)
  }
  const cohort = generateDemoCohort(options.seed)
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.writing`)
  removeDatabaseFiles(temp)
  const conn = createRegistryFile(temp, { appVersion: options.appVersion, overwrite: true })
  try {
    const { db } = conn
    db.transaction(() => {
      cohort.records.forEach((record, i) => insertPatientRecord(db, record, { osUser: DEMO_AUDIT_USER, at: cohort.stampedAt[i]! }))
      writeMeta(db, 'demo_seed', String(options.seed))
      writeMeta(db, 'demo_data_cutoff', cohort.summary.dataCutoff)
    })()
    db.close()
    // A stale -wal beside the target would be replayed into the new file: remove it first.
    removeDatabaseFiles(target)
    fs.renameSync(temp, target)
  } catch (err) {
    if (conn.db.open) conn.db.close()
    removeDatabaseFiles(temp)
    throw err
  }
  return { seed: options.seed, ...cohort.summary }
}
