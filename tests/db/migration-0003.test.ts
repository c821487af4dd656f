// Migration 0003 (saved study analyses), per STYLE §10: build a version-2 file with a patient and
// saved study settings, open it with openRegistryFile (which backs it up and migrates), then check
// the rows are kept and saved analyses can be written and read.
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openRegistryFile, readHeader, type RegistryConnection } from '../../main/db/connection'
import { LATEST_SCHEMA_VERSION } from '../../main/db/migrations/index'
import { getPatientRecord } from '../../main/db/repositories/patient-records'
import { readMeta } from '../../main/db/repositories/registry-meta'
import { getStudyAnalysis, insertStudyAnalysis, listStudyAnalyses } from '../../main/db/repositories/study-analyses'
import { completeRecord } from '../domain/records'
import { closeCleanly, createRegistryAtVersion, insertV1Record, tempDir } from './harness'
import { runMigrations, MIGRATIONS } from '../../main/db/migrations/index'

const open: RegistryConnection[] = []
afterEach(() => {
  for (const c of open.splice(0)) c.db.close()
})

describe('migration 0003: saved study analyses', () => {
  it('adds the study_analyses table to a version-2 file and keeps every row', async () => {
    const file = path.join(tempDir(), 'v2.sqlite')
    const db = createRegistryAtVersion(file, 1)
    insertV1Record(db, 1, completeRecord('SM-0001'))
    runMigrations(db, 1, MIGRATIONS.slice(0, 2))
    db.prepare('INSERT INTO registry_meta (key, value) VALUES (?, ?)').run('study.settings', '{"ratio":2}')
    closeCleanly(db)
    expect(readHeader(file).userVersion).toBe(2)

    const conn = await openRegistryFile(file, { now: () => new Date('2024-06-01T08:00:00Z') })
    open.push(conn)
    expect(conn.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
    expect(getPatientRecord(conn.db, 1)!.patient.studyId).toBe('SM-0001')
    expect(readMeta(conn.db)['study.settings']).toBe('{"ratio":2}')
    expect(listStudyAnalyses(conn.db)).toEqual([])

    const id = insertStudyAnalysis(conn.db, {
      label: null,
      computedAt: '2024-06-01T08:00:00.000Z',
      settingsJson: '{}',
      dataHash: 'a'.repeat(64),
      patientCount: 1,
      appVersion: '0.1.0',
      engineVersion: '0.1.0',
      eligibleHt: 1,
      eligibleTes: 0,
      matchedPairs: 0,
      resultJson: '{"flow":{}}',
    })
    expect(getStudyAnalysis(conn.db, id)).toMatchObject({ id, dataHash: 'a'.repeat(64), resultJson: '{"flow":{}}' })
    expect(() => conn.db.prepare("INSERT INTO study_analyses (computed_at, settings_json, data_hash, patient_count, app_version, engine_version, eligible_ht, eligible_tes, matched_pairs, result_json) VALUES ('x', 'not json', 'short', 1, 'a', 'b', 0, 0, 0, '{}')").run()).toThrow(/CHECK/)
    expect(conn.db.pragma('integrity_check', { simple: true })).toBe('ok')
  })
})
