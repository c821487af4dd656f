// Migration 0006 (scores known only as their total): a version-5 file keeps its records, which
// read with no entered totals; the new columns take a total within the score's range and refuse
// one outside it.
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openRegistryFile, readHeader, type RegistryConnection } from '../../main/db/connection'
import { LATEST_SCHEMA_VERSION, MIGRATIONS, runMigrations } from '../../main/db/migrations/index'
import { getPatientRecord } from '../../main/db/repositories/patient-records'
import { completeRecord } from '../domain/records'
import { closeCleanly, createRegistryAtVersion, insertV1Record, tempDir } from './harness'

const open: RegistryConnection[] = []
afterEach(() => {
  for (const c of open.splice(0)) c.db.close()
})

describe('migration 0006: score totals', () => {
  it('adds the entered Tokuhashi and SINS totals to a version-5 file, keeping every row', async () => {
    const file = path.join(tempDir(), 'v5.sqlite')
    const db = createRegistryAtVersion(file, 1)
    insertV1Record(db, 1, completeRecord('SM-0001'))
    runMigrations(db, 1, MIGRATIONS.slice(0, 5))
    closeCleanly(db)
    expect(readHeader(file).userVersion).toBe(5)

    const conn = await openRegistryFile(file, { now: () => new Date('2024-06-01T08:00:00Z') })
    open.push(conn)
    expect(conn.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
    const r = getPatientRecord(conn.db, 1)!
    expect(r.preop).toMatchObject({ tokuhashiEnteredTotal: null, sinsEnteredTotal: null, kps: 70 })
    expect(r.month6).toMatchObject({ tokuhashiEnteredTotal: null, sinsEnteredTotal: null })

    const set = conn.db.prepare("UPDATE assessments SET tokuhashi_entered_total = ?, sins_entered_total = ? WHERE patient_id = 1 AND timepoint = 'preop'")
    set.run(10, 13)
    expect(getPatientRecord(conn.db, 1)!.preop).toMatchObject({ tokuhashiEnteredTotal: 10, sinsEnteredTotal: 13 })
    expect(() => set.run(16, 13)).toThrow(/CHECK/)
    expect(() => set.run(10, 19)).toThrow(/CHECK/)
  })
})
