// Shared set-up of the import and export tests: fixture paths, a fresh registry in a temporary
// folder, planning a fixture with its suggested mapping, and a record with every field filled.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Database } from 'better-sqlite3'
import { afterEach } from 'vitest'
import type { ImportMapping } from '@contract/import-export'
import { emptyPatientRecord, type PatientRecordInput } from '@contract/patient-record'
import { createRegistryFile } from '../../main/db/connection'
import { getPatientRecord, insertPatientRecord } from '../../main/db/repositories/patient-records'
import { suggestMapping } from '../../main/services/import/mapping'
import { dryRunOf, planImport, type PlanOptions } from '../../main/services/import/plan'
import { loadImportSource } from '../../main/services/import/source'

export const FIXTURES = path.resolve(__dirname, '../fixtures/import')
export const fixture = (name: string): string => path.join(FIXTURES, name)
export const TODAY = '2026-01-01'
export const ACTOR = { osUser: 'test-nurse', at: '2026-01-01T08:00:00.000Z' }

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-import-'))
}

export interface TestRegistry {
  db: Database
  path: string
  dir: string
  close(): void
}

export function newRegistry(dir: string = tempDir(), name = 'registry.sqlite'): TestRegistry {
  const conn = createRegistryFile(path.join(dir, name), { appVersion: 'test', now: () => new Date(ACTOR.at) })
  return {
    db: conn.db,
    path: conn.path,
    dir,
    close() {
      try {
        conn.db.pragma('wal_checkpoint(TRUNCATE)')
      } finally {
        conn.db.close()
      }
    },
  }
}

export function options(mapping: ImportMapping, extra: Partial<PlanOptions> = {}): PlanOptions {
  return { mapping, onDuplicate: 'refuse', includeLinked: true, today: TODAY, ...extra }
}

/** Plans an import of a fixture (or any file) with its suggested mapping. */
export function planFile(db: Database, file: string, extra: Partial<PlanOptions> = {}) {
  const source = loadImportSource(file)
  const mapping = { ...suggestMapping(source.patients.header), ...(extra.mapping ?? {}) }
  const plan = planImport(db, source, options(mapping, { ...extra, mapping }))
  return { source, mapping, plan, dry: dryRunOf(plan) }
}

/** Adds a patient already in the registry (the duplicate-patient tests' 'H1002' of clean.csv). */
export function addExistingPatient(db: Database, studyId: string, hospitalNumber: string): void {
  const existing = fullRecord(studyId)
  existing.identity.hospitalNumber = hospitalNumber
  insertPatientRecord(db, existing, ACTOR)
}

export function countPatients(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM patients').get() as { n: number }).n
}

export function allRecords(db: Database): PatientRecordInput[] {
  const ids = db.prepare('SELECT id FROM patients ORDER BY study_id').pluck().all() as number[]
  return ids.map((id) => comparable(getPatientRecord(db, id)!))
}

/** A record without the values that differ between two registries (row ids, timestamps). */
export function comparable(r: PatientRecordInput & { createdAt?: string; updatedAt?: string }): PatientRecordInput {
  return {
    id: null,
    patient: r.patient,
    identity: r.identity,
    preop: r.preop,
    month6: r.month6,
    surgery: r.surgery,
    complications: r.complications.map((c) => ({ ...c, id: null })),
    followUp: r.followUp.map((e) => ({ ...e, id: null })),
  }
}

/**
 * A record with every field filled, and text that tests the CSV writer: commas, quotes, line
 * breaks, a leading '=', Chinese.
 */
export function fullRecord(studyId: string, n = 1): PatientRecordInput {
  const r = emptyPatientRecord(studyId)
  r.patient = {
    ...r.patient,
    studyId,
    ageYears: 50 + n,
    sex: n % 2 ? 'female' : 'male',
    histology: 'other',
    histologyDetail: 'Clear-cell, "grade 3", 透明细胞',
    radiosensitivity: 'resistant',
    tokuhashiPrimaryPoints: 2,
    diagnosisDate: '2018-01-04',
    spinalRegion: 'thoracic',
    vertebrae: ['T11', 'T12'],
    primaryControlled: true,
    surgicalContraindication: false,
    previousSpinalResection: false,
    notes: '=SUM(A1:A3) is not a formula\r\nsecond line, with a comma',
  }
  r.identity = { fullName: `王芳 ${n}`, hospitalNumber: `ZY${String(n).padStart(6, '0')}`, dateOfBirth: `${1967 - n}-05-06` }
  r.preop = {
    ...r.preop,
    assessedOn: '2018-01-30',
    kps: 70,
    ecog: 2,
    tokuhashiExtraspinalBoneFoci: 0,
    tokuhashiVertebralMetastases: 1,
    tokuhashiVisceral: 'none',
    tokuhashiFrankel: 'D',
    tokuhashiEnteredTotal: 10,
    bilskyGrade: '1c',
    sinsLocation: 'junctional',
    sinsPain: 'mechanical',
    sinsBoneLesion: 'lytic',
    sinsAlignment: 'normal',
    sinsCollapse: 'under_50',
    sinsPosterolateral: 'unilateral',
    sinsEnteredTotal: 11,
    asiaGrade: 'D',
    vasPain: 7.5,
    myelopathy: true,
    toleratesSurgery: true,
    sosgoqVersion: '1.0',
    sosgoqAnswers: [1, 2, null, 4, 5, 3, 2, 1, 1, 2, 3, 4, 5, 4, 3, 2, 1, 2, 3, 4],
    sosgoqEnteredTotal: 64.5,
  }
  r.month6 = {
    ...r.month6,
    ...r.preop,
    assessedOn: '2018-08-01',
    kps: 90,
    ecog: 1,
    tokuhashiFrankel: 'E',
    asiaGrade: 'E',
    vasPain: 1,
    myelopathy: false,
    sosgoqAnswers: null,
    sosgoqEnteredTotal: 41.5,
  }
  r.surgery = {
    ...r.surgery,
    arm: 'HT',
    admissionDate: '2018-02-01',
    surgeryDate: '2018-02-03',
    dischargeDate: '2018-02-14',
    procedureDetail: 'Posterior decompression T11–T12, "separation" surgery',
    fixationLevelsAbove: 2,
    fixationLevelsBelow: 2,
    operativeTimeMin: 185,
    bloodLossMl: 800,
    marginStatus: 'not_assessed',
    srsDate: '2018-03-01',
    srsDoseGy: 24,
    srsFractions: 1,
  }
  r.complications = [
    { id: null, kind: 'deep_wound_infection', description: 'Debridement, day 9', grade: 'IIIb', onsetDate: '2018-02-12' },
    { id: null, kind: 'pneumonia', description: null, grade: 'II', onsetDate: '2018-02-05' },
  ]
  r.followUp = [
    { id: null, kind: 'contact', eventDate: '2018-06-01', note: '@clinic, stable' },
    { id: null, kind: 'local_progression', eventDate: '2019-01-10', note: null },
    { id: null, kind: 'death', eventDate: '2019-05-02', note: 'Died at home' },
  ]
  return r
}

/**
 * A fresh registry per call, each closed after its test: call once at the top of a test file and
 * use the function it returns where the test needs a registry.
 */
export function registriesClosedAfterEach(): () => TestRegistry {
  let open: TestRegistry[] = []
  afterEach(() => {
    for (const r of open) r.close()
    open = []
  })
  return () => {
    const r = newRegistry()
    open.push(r)
    return r
  }
}
