// "Export what can be read" from a registry damaged in its clinical tables: every patient record is
// read on its own (by record number, through the same reader as the normal export), so a damaged
// page costs only the patients stored on it. Record numbers come from every place that names them
// (the patients table scanned from both ends, identities, surgeries, the status cache), so a patient
// whose row is lost is still counted, by number, as not readable.
import type { Database } from 'better-sqlite3'
import type { PatientRecord } from '@contract/patient-record'
import { getPatientRecord } from '../../db/repositories/patient-records'

export interface SalvagedRecords {
  /** Readable records, in study-ID order (as the normal export writes them). */
  records: PatientRecord[]
  /** Record numbers known to exist (from any table) whose record could not be read. */
  unreadableIds: number[]
}

/** Probing every number up to the highest seen is cheap; beyond this many gaps per known id, only known ids are probed. */
const MAX_PROBES = 2_000_000

/** Runs a query that returns record numbers, keeping what it read before SQLite stopped at a damaged page. */
function idsFrom(db: Database, sql: string, into: Set<number>): void {
  try {
    for (const id of db.prepare(sql).pluck().iterate() as IterableIterator<unknown>) {
      if (typeof id === 'number' && Number.isInteger(id) && id > 0) into.add(id)
      else if (typeof id === 'bigint' && id > 0n && id <= BigInt(Number.MAX_SAFE_INTEGER)) into.add(Number(id))
    }
  } catch {
    // a damaged page ends this scan; the other scans (and the other direction) go on
  }
}

export function readWhatCanBeRead(db: Database): SalvagedRecords {
  const inPatients = new Set<number>()
  idsFrom(db, 'SELECT id FROM patients ORDER BY id', inPatients)
  idsFrom(db, 'SELECT id FROM patients ORDER BY id DESC', inPatients)
  const elsewhere = new Set<number>()
  for (const sql of [
    'SELECT patient_id FROM patient_identities ORDER BY patient_id',
    'SELECT patient_id FROM patient_identities ORDER BY patient_id DESC',
    'SELECT patient_id FROM surgeries',
    'SELECT patient_id FROM patient_status',
    'SELECT DISTINCT patient_id FROM assessments',
  ]) {
    idsFrom(db, sql, elsewhere)
  }
  const known = new Set<number>([...inPatients, ...elsewhere])
  let maxId = 0
  for (const id of known) if (id > maxId) maxId = id
  const candidates: number[] = []
  if (maxId <= MAX_PROBES) for (let id = 1; id <= maxId; id++) candidates.push(id)
  else for (const id of [...known].sort((a, b) => a - b)) candidates.push(id) // no push(...ids): a spread of a large registry's ids overflows the call stack

  const records: PatientRecord[] = []
  const unreadableIds: number[] = []
  for (const id of candidates) {
    let record: PatientRecord | null
    try {
      record = getPatientRecord(db, id)
    } catch {
      // SQLite could not read this patient's row or one of its linked rows
      unreadableIds.push(id)
      continue
    }
    if (record) records.push(record)
    // Named by another table but gone from patients: its row was on a damaged page.
    else if (known.has(id)) unreadableIds.push(id)
  }
  records.sort((a, b) => (a.patient.studyId < b.patient.studyId ? -1 : a.patient.studyId > b.patient.studyId ? 1 : 0))
  return { records, unreadableIds }
}
