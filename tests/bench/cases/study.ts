// Bench cases for the whole study analysis, as the Study view runs it: the service reads the
// registry (every record → analysis rows, data hash), the engine worker computes eligibility,
// propensity model, matching, balance, Tables 1–4, survival (both endpoints, both cohorts) and the
// five-row sensitivity table, and the result object is assembled. Timed from the service call to
// the result (engine and service, not process start-up; the worker is warm after the cold run).
// Two cases: the first run after opening a registry, and a re-run on an unchanged registry, which
// reuses the registry snapshot (the Study view changing the caliper).
//
// Registries: n = 157 is the demo registry (seed 2021: 215 screened, 157 eligible, the reference
// study's cohort); other sizes are seeded registries of n patients built from demo cohorts of
// seeds 1–8 (each ≈ 73 % eligible), renumbered and de-identified. They are written once to the
// temporary folder and reused (building 10,000 records takes about half a minute).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { StudyResult } from '../../../main/contract/study'
import { createRegistryFile, openRegistryFile } from '../../../main/db/connection'
import { LATEST_SCHEMA_VERSION } from '../../../main/db/migrations/index'
import { insertPatientRecord } from '../../../main/db/repositories/patient-records'
import { generateDemoCohort, writeDemoRegistry } from '../../../main/services/demo-cohort'
import { EngineJobRunner } from '../../../main/services/engine-jobs'
import type { Host } from '../../../main/services/host'
import { Session } from '../../../main/services/session'
import { StudyService } from '../../../main/services/study/index'
import type { SyntheticCohort } from '../synthetic-cohort'
import type { BenchCase } from './types'

const DEMO_SIZE = 157
const SEEDS = 8

export async function registryFile(n: number): Promise<string> {
  const file = path.join(os.tmpdir(), `spinemet-bench-study-${n}-v${LATEST_SCHEMA_VERSION}.sqlite`)
  if (fs.existsSync(file)) return file
  const tmp = `${file}.${process.pid}.writing`
  if (n === DEMO_SIZE) {
    await writeDemoRegistry(tmp, { seed: 2021, appVersion: 'bench', overwrite: true })
  } else {
    const cohorts = Array.from({ length: SEEDS }, (_, s) => generateDemoCohort(s + 1).records)
    const conn = createRegistryFile(tmp, { appVersion: 'bench', overwrite: true })
    conn.db.transaction(() => {
      for (let i = 0; i < n; i++) {
        const c = cohorts[i % SEEDS]!
        const r = c[Math.floor(i / SEEDS) % c.length]!
        const record = { ...r, identity: { fullName: null, hospitalNumber: null, dateOfBirth: null }, patient: { ...r.patient, studyId: `B-${String(i + 1).padStart(6, '0')}` } }
        insertPatientRecord(conn.db, record, { osUser: 'bench', at: '2024-01-01T00:00:00.000Z' })
      }
    })()
    conn.db.close()
  }
  fs.renameSync(tmp, file)
  return file
}

function benchHost(dir: string): Host {
  return {
    kind: 'cli',
    userDataDir: dir,
    osUser: () => 'bench',
    now: () => new Date(),
    chooseNewRegistryPath: async () => null,
    chooseRegistryToOpen: async () => null,
    chooseSaveAsPath: async () => null,
    emit: () => {},
    log: () => {},
  }
}

interface StudyBench {
  session: Session
  engine: EngineJobRunner
  /** The service of the re-run case (its registry snapshot stays cached between runs). */
  warm: StudyService
}

async function prepareStudy(c: SyntheticCohort): Promise<StudyBench> {
  const file = await registryFile(c.n)
  const host = benchHost(fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-bench-')))
  const session = new Session(host)
  session.adopt(await openRegistryFile(file))
  const engine = new EngineJobRunner(host, { poolSize: 1 })
  return { session, engine, warm: new StudyService(session, engine) }
}

const summarize = (r: StudyResult): string =>
  `${r.flow.screened} screened, ${r.flow.eligible.HT}+${r.flow.eligible.TES} eligible, ${r.flow.matchedPairs} pairs, max |SMD| after ${r.balance.maxAbsSmdAfter?.toFixed(3)}, HR LPFS ${r.survival.matched.lpfs.hazardRatioPaired?.estimate?.toFixed(2)}`

/** A run as the first one after opening the registry: every record read, rows derived, data hashed, then computed. */
const studyFirstRun: BenchCase<StudyBench, StudyResult> = {
  name: 'study analysis: registry read + compute',
  fixedSizes: [DEMO_SIZE, 10_000],
  prepare: prepareStudy,
  run: (b) => new StudyService(b.session, b.engine).run({}),
  summarize,
}

/** A re-run on an unchanged registry (the Study view after a caliper change): the snapshot is reused. */
const studyRerun: BenchCase<StudyBench, StudyResult> = {
  name: 'study analysis: re-run, registry unchanged',
  fixedSizes: [DEMO_SIZE, 10_000],
  prepare: prepareStudy,
  run: (b) => b.warm.run({}),
  summarize,
}

export const STUDY_BENCH_CASES = [studyFirstRun, studyRerun] as const
