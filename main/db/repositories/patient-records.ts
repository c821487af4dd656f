import type { Database } from 'better-sqlite3'
import type {
  Assessment,
  Complication,
  FollowUpEvent,
  Identity,
  PatientCore,
  PatientRecord,
  PatientRecordInput,
  Surgery,
} from '@contract/patient-record'
import type { Timepoint, Vertebra } from '@domain/codes'
import { VERTEBRAE } from '@domain/codes'
import {
  ASSESSMENT_COLUMNS,
  COMPLICATION_COLUMNS,
  FOLLOW_UP_COLUMNS,
  IDENTITY_COLUMNS,
  PATIENT_COLUMNS,
  SURGERY_COLUMNS,
  objectToParams,
  rowToObject,
  type ColumnSpec,
} from './columns'
import { stmt } from '../statement-cache'
import { writeAudit, type AuditActor, type AuditEntry } from './audit'
import { savePatientStatus } from './patient-status'

const insertSql = (table: string, columns: readonly ColumnSpec[], extra: string[] = []): string => {
  const cols = [...extra, ...columns.map((c) => c.column)]
  return `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`
}

function hasAnyValue(obj: Record<string, unknown>): boolean {
  return Object.values(obj).some((v) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
}

const vertebraOrder = new Map<string, number>(VERTEBRAE.map((v, i) => [v, i]))

/** One more than the highest patient id ever used (in patients or in the audit trail). */
export function nextPatientId(db: Database): number {
  const max = stmt(db, 'SELECT max(coalesce((SELECT max(id) FROM patients), 0), coalesce((SELECT max(patient_id) FROM audit_log), 0))').pluck().get() as number
  return max + 1
}

/**
 * Inserts a complete patient record (all sections) in one transaction, writes one audit entry per
 * row created and the patient's row of the status cache. Returns the new patient id. Sections that
 * hold no value are not written, so an empty 6-month assessment leaves no row. Called inside an
 * outer transaction (an import), it becomes a savepoint of it.
 */
export function insertPatientRecord(db: Database, record: PatientRecordInput, actor: AuditActor): number {
  const tx = db.transaction((): number => {
    const audit: AuditEntry[] = []
    const patientParams = objectToParams(record.patient as unknown as Record<string, unknown>, PATIENT_COLUMNS)
    // Ids are never reused, not even the id of the last patient deleted (SQLite would hand it out
    // again without AUTOINCREMENT): the audit trail of a deleted patient keeps its id and must not
    // become the history of a new one.
    const patientId = nextPatientId(db)
    stmt(db, insertSql('patients', PATIENT_COLUMNS, ['id', 'created_at', 'updated_at'])).run({
      ...patientParams,
      id: patientId,
      created_at: actor.at,
      updated_at: actor.at,
    })
    audit.push({ patientId, tableName: 'patients', rowId: patientId, field: null, action: 'insert', oldValue: null, newValue: record.patient })

    const vertebra = stmt(db, 'INSERT INTO patient_vertebrae (patient_id, vertebra) VALUES (?, ?)')
    for (const v of new Set(record.patient.vertebrae)) vertebra.run(patientId, v)

    if (hasAnyValue(record.identity as unknown as Record<string, unknown>)) {
      stmt(db, insertSql('patient_identities', IDENTITY_COLUMNS, ['patient_id'])).run({
        ...objectToParams(record.identity as unknown as Record<string, unknown>, IDENTITY_COLUMNS),
        patient_id: patientId,
      })
      audit.push({ patientId, tableName: 'patient_identities', rowId: patientId, field: null, action: 'insert', oldValue: null, newValue: record.identity })
    }

    for (const timepoint of ['preop', 'month6'] as const) {
      const a = record[timepoint]
      if (!hasAnyValue(a as unknown as Record<string, unknown>)) continue
      const r = stmt(db, insertSql('assessments', ASSESSMENT_COLUMNS, ['patient_id', 'timepoint'])).run({
        ...objectToParams(a as unknown as Record<string, unknown>, ASSESSMENT_COLUMNS),
        patient_id: patientId,
        timepoint,
      })
      audit.push({ patientId, tableName: 'assessments', rowId: Number(r.lastInsertRowid), field: null, action: 'insert', oldValue: null, newValue: { timepoint, ...a } })
    }

    if (hasAnyValue(record.surgery as unknown as Record<string, unknown>)) {
      stmt(db, insertSql('surgeries', SURGERY_COLUMNS, ['patient_id'])).run({
        ...objectToParams(record.surgery as unknown as Record<string, unknown>, SURGERY_COLUMNS),
        patient_id: patientId,
      })
      audit.push({ patientId, tableName: 'surgeries', rowId: patientId, field: null, action: 'insert', oldValue: null, newValue: record.surgery })
    }

    const complication = stmt(db, insertSql('complications', COMPLICATION_COLUMNS, ['patient_id', 'created_at']))
    for (const comp of record.complications) {
      const r = complication.run({
        ...objectToParams(comp as unknown as Record<string, unknown>, COMPLICATION_COLUMNS),
        patient_id: patientId,
        created_at: actor.at,
      })
      audit.push({ patientId, tableName: 'complications', rowId: Number(r.lastInsertRowid), field: null, action: 'insert', oldValue: null, newValue: comp })
    }

    const event = stmt(db, insertSql('follow_up_events', FOLLOW_UP_COLUMNS, ['patient_id', 'created_at']))
    for (const ev of record.followUp) {
      const r = event.run({
        ...objectToParams(ev as unknown as Record<string, unknown>, FOLLOW_UP_COLUMNS),
        patient_id: patientId,
        created_at: actor.at,
      })
      audit.push({ patientId, tableName: 'follow_up_events', rowId: Number(r.lastInsertRowid), field: null, action: 'insert', oldValue: null, newValue: ev })
    }

    writeAudit(db, actor, audit)
    savePatientStatus(db, patientId, record, actor.at)
    return patientId
  })
  return tx.immediate()
}

/** Reads one complete patient record, or null when there is no patient with that id. */
export function getPatientRecord(db: Database, id: number): PatientRecord | null {
  const row = stmt(db, 'SELECT * FROM patients WHERE id = ?').get(id) as Record<string, unknown> | undefined
  if (!row) return null
  const patient = rowToObject<Omit<PatientCore, 'vertebrae'>>(row, PATIENT_COLUMNS)
  const vertebrae = (stmt(db, 'SELECT vertebra FROM patient_vertebrae WHERE patient_id = ?').pluck().all(id) as Vertebra[]).sort(
    (a, b) => (vertebraOrder.get(a) ?? 0) - (vertebraOrder.get(b) ?? 0),
  )
  const identityRow = stmt(db, 'SELECT * FROM patient_identities WHERE patient_id = ?').get(id) as Record<string, unknown> | undefined
  const identity: Identity = identityRow
    ? rowToObject<Identity>(identityRow, IDENTITY_COLUMNS)
    : { fullName: null, hospitalNumber: null, dateOfBirth: null }
  const assessment = (timepoint: Timepoint): Assessment => {
    const r = stmt(db, 'SELECT * FROM assessments WHERE patient_id = ? AND timepoint = ?').get(id, timepoint) as Record<string, unknown> | undefined
    return r ? rowToObject<Assessment>(r, ASSESSMENT_COLUMNS) : rowToObject<Assessment>({}, ASSESSMENT_COLUMNS)
  }
  const surgeryRow = stmt(db, 'SELECT * FROM surgeries WHERE patient_id = ?').get(id) as Record<string, unknown> | undefined
  const surgery = rowToObject<Surgery>(surgeryRow ?? {}, SURGERY_COLUMNS)
  const complications = (stmt(db, 'SELECT * FROM complications WHERE patient_id = ? ORDER BY onset_date, id').all(id) as Record<string, unknown>[]).map(
    (r) => ({ id: Number(r.id), ...rowToObject<Omit<Complication, 'id'>>(r, COMPLICATION_COLUMNS) }),
  )
  const followUp = (stmt(db, 'SELECT * FROM follow_up_events WHERE patient_id = ? ORDER BY event_date, id').all(id) as Record<string, unknown>[]).map(
    (r) => ({ id: Number(r.id), ...rowToObject<Omit<FollowUpEvent, 'id'>>(r, FOLLOW_UP_COLUMNS) }),
  )
  return {
    id,
    patient: { ...patient, vertebrae },
    identity,
    preop: assessment('preop'),
    month6: assessment('month6'),
    surgery,
    complications,
    followUp,
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
  }
}
