// readAllPatientRecords (one query per table, for whole-registry analyses) gives exactly the records
// getPatientRecord reads one by one, in study-ID order — on the demo registry, whose records have
// every section, complications, follow-up events and SOSG-OQ answers.
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openRegistryFile, type RegistryConnection } from '../../main/db/connection'
import { getPatientRecord, readAllPatientRecords } from '../../main/db/repositories/patient-records'
import { writeDemoRegistry } from '../../main/services/demo-cohort'
import { tempDir } from './harness'

let conn: RegistryConnection | null = null
afterAll(() => conn?.db.close())

describe('readAllPatientRecords', () => {
  it('reads every record as getPatientRecord does, in study-ID order', async () => {
    const file = path.join(tempDir(), 'demo.sqlite')
    await writeDemoRegistry(file, { seed: 7, appVersion: 'test', overwrite: false })
    conn = await openRegistryFile(file)
    const all = readAllPatientRecords(conn.db)
    expect(all).toHaveLength(215)
    const ids = all.map((r) => r.patient.studyId)
    expect(ids).toEqual([...ids].sort())
    for (const r of all) expect(r).toEqual(getPatientRecord(conn.db, r.id))
    expect(all.some((r) => r.complications.length > 0 && r.followUp.length > 0 && r.month6.sosgoqAnswers !== null)).toBe(true)
  })
})
