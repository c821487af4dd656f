// Migration 0002 (patient status cache + search index): build a version-1 file,
// insert rows as SpineMet 0.1 wrote them, open it with openRegistryFile (which backs the file up
// and migrates), then check the rows, the backup and the cache.
import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openRegistryFile, readHeader, type RegistryConnection } from '../../main/db/connection'
import { LATEST_SCHEMA_VERSION } from '../../main/db/migrations/index'
import { getPatientRecord } from '../../main/db/repositories/patient-records'
import { readPatientStatus } from '../../main/db/repositories/patient-status'
import { listPatients } from '../../main/db/repositories/patient-list'
import { patientListQuery } from '../../main/contract/patients'
import { emptyPatientRecord, type PatientRecordInput } from '../../main/contract/patient-record'
import { computePatientStatus, PATIENT_STATUS_LOGIC_VERSION } from '../../main/domain/patient-status'
import { changed, completeRecord } from '../domain/records'
import { closeCleanly, createRegistryAtVersion, insertV1Record, tempDir } from './harness'

const open: RegistryConnection[] = []
afterEach(() => {
  for (const c of open.splice(0)) c.db.close()
})

function v1Patients(): PatientRecordInput[] {
  const eligible = completeRecord('SM-0001')
  const dead = changed(completeRecord('SM-0002'), (r) => {
    r.identity = { fullName: '王芳', hospitalNumber: 'H-000002', dateOfBirth: '1955-07-07' }
    r.month6 = emptyPatientRecord('x').month6
    r.followUp = [{ id: null, kind: 'death', eventDate: '2018-06-01', note: null }]
  })
  const draft = emptyPatientRecord('IMPORTED-7')
  draft.patient.histology = 'stomach'
  return [eligible, dead, draft]
}

async function migratedRegistry(): Promise<{ dir: string; file: string; conn: RegistryConnection; records: PatientRecordInput[] }> {
  const dir = tempDir()
  const file = path.join(dir, 'old.sqlite')
  const db = createRegistryAtVersion(file, 1)
  const records = v1Patients()
  db.transaction(() => records.forEach((r, i) => insertV1Record(db, i + 1, r)))()
  closeCleanly(db)
  expect(readHeader(file).userVersion).toBe(1)
  const conn = await openRegistryFile(file, { now: () => new Date('2024-06-01T08:00:00Z') })
  open.push(conn)
  return { dir, file, conn, records }
}

const strip = (r: PatientRecordInput) => ({
  ...r,
  id: null,
  complications: r.complications.map((c) => ({ ...c, id: null })),
  followUp: r.followUp.map((e) => ({ ...e, id: null })),
})

describe('migration 0002: patient status cache and search index', () => {
  it('brings a version-1 file to the latest version and keeps every row', async () => {
    const { conn, file, records } = await migratedRegistry()
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(2)
    expect(conn.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
    expect(conn.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
    records.forEach((r, i) => {
      const stored = getPatientRecord(conn.db, i + 1)!
      const { createdAt: _c, updatedAt: _u, ...input } = stored
      expect(strip(input)).toEqual(strip(r))
    })
    expect(conn.db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(conn.db.pragma('foreign_key_check')).toEqual([])
    expect(fs.existsSync(file)).toBe(true)
  })

  it('takes a backup of the version-1 file first, which still opens at version 1 with the same rows', async () => {
    const { conn, records } = await migratedRegistry()
    expect(conn.migrationBackupPath).toMatch(/[\\/]backups[\\/]old\.sqlite\.20240601T080000000Z\.pre-migration\.sqlite$/)
    const backup = conn.migrationBackupPath!
    expect(readHeader(backup).userVersion).toBe(1)
    const b = new BetterSqlite3(backup, { readonly: true })
    try {
      expect(b.prepare('SELECT study_id FROM patients ORDER BY id').pluck().all()).toEqual(records.map((r) => r.patient.studyId))
      expect(b.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'patient_status'").pluck().get()).toBe(0)
    } finally {
      b.close()
    }
  })

  it('fills the cache with what the domain functions compute from each record', async () => {
    const { conn, records } = await migratedRegistry()
    records.forEach((r, i) => {
      const s = readPatientStatus(conn.db, i + 1)!
      expect(s.logicVersion).toBe(PATIENT_STATUS_LOGIC_VERSION)
      expect(s.updatedAt).toBe('2020-01-01T00:00:00.000Z')
      const { patientId: _p, logicVersion: _l, updatedAt: _u, ...status } = s
      expect(status).toEqual(computePatientStatus(r))
    })
    expect(readPatientStatus(conn.db, 1)).toMatchObject({ eligibility: 'eligible', deceased: false, arm: 'HT', surgeryDate: '2018-03-10' })
    const first = readPatientStatus(conn.db, 1)!
    expect(first.completenessFilled).toBe(first.completenessRequired)
    // died before the 6-month visit: no next visit, and the 6-month section is not required
    expect(readPatientStatus(conn.db, 2)).toMatchObject({ deceased: true, nextFollowUpDue: null })
    expect(readPatientStatus(conn.db, 3)).toMatchObject({ eligibility: 'unknown', surgeryDate: null, arm: null, nextFollowUpDue: null })
  })

  it('indexes study ids, names and hospital numbers for search', async () => {
    const { conn } = await migratedRegistry()
    const search = (s: string) => listPatients(conn.db, patientListQuery.parse({ search: s }), '2024-06-01').rows.map((r) => r.studyId)
    expect(search('patient one')).toEqual(['SM-0001'])
    expect(search('王芳')).toEqual(['SM-0002'])
    expect(search('000002')).toEqual(['SM-0002'])
    expect(search('imported')).toEqual(['IMPORTED-7'])
    expect(search('SM-')).toEqual(['SM-0001', 'SM-0002'])
  })

  it('a registry opened again is not migrated or backed up twice', async () => {
    const { conn, file, dir } = await migratedRegistry()
    conn.db.close()
    open.splice(open.indexOf(conn), 1)
    const again = await openRegistryFile(file)
    open.push(again)
    expect(again.migrationBackupPath).toBeNull()
    expect(fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.endsWith('.pre-migration.sqlite'))).toHaveLength(1)
  })

  it('recomputes cache rows made by other rules, or missing, when the registry is opened', async () => {
    const { conn, file } = await migratedRegistry()
    conn.db.prepare("UPDATE patient_status SET logic_version = 99, eligibility = 'ineligible' WHERE patient_id = 1").run()
    conn.db.prepare('DELETE FROM patient_status WHERE patient_id = 3').run()
    conn.db.close()
    open.splice(open.indexOf(conn), 1)
    const again = await openRegistryFile(file)
    open.push(again)
    expect(readPatientStatus(again.db, 1)).toMatchObject({ logicVersion: PATIENT_STATUS_LOGIC_VERSION, eligibility: 'eligible' })
    expect(readPatientStatus(again.db, 3)).toMatchObject({ logicVersion: PATIENT_STATUS_LOGIC_VERSION })
  })
})
