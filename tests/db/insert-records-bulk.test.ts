// insertPatientRecords (an import's bulk write: multi-row INSERT statements) stores exactly what
// insertPatientRecord stores one patient at a time — every section, complications, follow-up
// events, missing-data codes and the status cache — on the demo registry's records (more than one
// statement's worth of rows, and a remainder). A row SQLite refuses is named by its index.
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { PatientRecord } from '@contract/patient-record'
import { openRegistryFile, type RegistryConnection } from '../../main/db/connection'
import { BULK_ROWS, getPatientRecord, insertPatientRecord, insertPatientRecords, readAllPatientRecords, RecordWriteError } from '../../main/db/repositories/patient-records'
import { readPatientStatus } from '../../main/db/repositories/patient-status'
import { writeDemoRegistry } from '../../main/services/demo-cohort'
import { tempDir } from './harness'

const conns: RegistryConnection[] = []
afterAll(() => conns.forEach((c) => c.db.close()))

const actor = { osUser: 'test-nurse', at: '2026-01-02T03:04:05.000Z' }

/** A record as stored, without what differs between two copies (ids, timestamps). */
function content(r: PatientRecord | null) {
  if (!r) return null
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = r
  return { ...rest, complications: r.complications.map(({ id: _i, ...c }) => c), followUp: r.followUp.map(({ id: _i, ...f }) => f) }
}

async function demo(name: string): Promise<RegistryConnection> {
  const file = path.join(tempDir(), `${name}.sqlite`)
  await writeDemoRegistry(file, { seed: 7, appVersion: 'test', overwrite: false })
  const conn = await openRegistryFile(file)
  conns.push(conn)
  return conn
}

describe('insertPatientRecords', () => {
  it('stores what insertPatientRecord stores, patient by patient', async () => {
    const bulk = await demo('bulk')
    const single = await demo('single')
    const records = readAllPatientRecords(bulk.db).map((r, k) => ({
      ...r,
      id: null,
      patient: { ...r.patient, studyId: `COPY-${k}` },
      identity: { ...r.identity, hospitalNumber: `H-COPY-${k}` },
      // Some records with missing-data codes.
      ...(k % 7 === 0 ? { missingCodes: { 'preop.vasPain': 'notDone' as const } } : {}),
    }))
    expect(records.length).toBeGreaterThan(2 * BULK_ROWS)
    expect(records.length % BULK_ROWS).not.toBe(0)
    const ids = bulk.db.transaction(() => insertPatientRecords(bulk.db, records, actor))()
    const singleIds = records.map((r) => insertPatientRecord(single.db, r, actor))
    expect(ids).toEqual(singleIds)
    for (const id of ids) {
      expect(content(getPatientRecord(bulk.db, id))).toEqual(content(getPatientRecord(single.db, id)))
      const { updatedAt: _a, ...statusBulk } = readPatientStatus(bulk.db, id)!
      const { updatedAt: _b, ...statusSingle } = readPatientStatus(single.db, id)!
      expect(statusBulk).toEqual(statusSingle)
    }
    expect(content(getPatientRecord(bulk.db, ids[0]!))?.missingCodes).toEqual({ 'preop.vasPain': 'notDone' })
    // The same rowids, so the same order of complications and follow-up events.
    const rowids = (c: RegistryConnection, table: string) => c.db.prepare(`SELECT id, patient_id FROM ${table} WHERE patient_id >= ? ORDER BY id`).raw(true).all(ids[0])
    for (const table of ['complications', 'follow_up_events', 'assessments']) expect(rowids(bulk, table)).toEqual(rowids(single, table))
  })

  it('names the record SQLite refuses and writes none of its batch', async () => {
    const conn = await demo('refused')
    const records = readAllPatientRecords(conn.db)
      .slice(0, 60)
      .map((r, k) => ({ ...r, id: null, patient: { ...r.patient, studyId: `NEW-${k}` }, identity: { ...r.identity, hospitalNumber: `H-NEW-${k}` } }))
    conn.db.exec("CREATE TRIGGER refuse_one BEFORE INSERT ON patients WHEN NEW.study_id = 'NEW-53' BEGIN SELECT RAISE(ABORT, 'refused by test'); END")
    const before = conn.db.prepare('SELECT count(*) FROM patients').pluck().get()
    let error: unknown = null
    try {
      conn.db.transaction(() => insertPatientRecords(conn.db, records, actor))()
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(RecordWriteError)
    expect((error as RecordWriteError).index).toBe(53)
    expect((error as RecordWriteError).message).toContain('refused by test')
    expect(conn.db.prepare('SELECT count(*) FROM patients').pluck().get()).toBe(before)
  })
})
