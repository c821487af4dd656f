import type { Database } from 'better-sqlite3'
import type { PatientRecordInput } from '@contract/patient-record'
import { computePatientStatus, PATIENT_STATUS_LOGIC_VERSION, type PatientStatus } from '@domain/patient-status'
import type { RadiosensitivityClasses } from '@domain/radiosensitivity'
import { stmt } from '../statement-cache'
import { readRegistrySettings } from './registry-settings'

// The `patient_status` cache (migration 0002): one row per patient with what the list filters and
// sorts on. Written in the same transaction as every change to the record it describes.

/**
 * Computes the status of `record` and writes it for patient `patientId` (insert or replace), with
 * the registry's radiosensitivity setting (read from the registry unless given).
 */
export function savePatientStatus(
  db: Database,
  patientId: number,
  record: PatientRecordInput,
  updatedAt: string,
  radiosensitivityClasses: RadiosensitivityClasses = readRegistrySettings(db).radiosensitivity,
): PatientStatus {
  const s = computePatientStatus(record, radiosensitivityClasses)
  stmt(db, `INSERT INTO patient_status (${PATIENT_STATUS_COLUMNS.join(', ')}) VALUES (${PATIENT_STATUS_COLUMNS.map(() => '?').join(', ')}) ${PATIENT_STATUS_UPSERT}`).run(
    patientStatusRow(patientId, s, updatedAt),
  )
  return s
}

/** The columns of a `patient_status` row, in the order of patientStatusRow. */
export const PATIENT_STATUS_COLUMNS = [
  'patient_id',
  'logic_version',
  'eligibility',
  'completeness_filled',
  'completeness_required',
  'next_follow_up_due',
  'deceased',
  'surgery_date',
  'arm',
  'updated_at',
] as const

/** What an insert of a status row does when the patient already has one: replaces it. */
export const PATIENT_STATUS_UPSERT = `ON CONFLICT (patient_id) DO UPDATE SET
       logic_version = excluded.logic_version, eligibility = excluded.eligibility,
       completeness_filled = excluded.completeness_filled, completeness_required = excluded.completeness_required,
       next_follow_up_due = excluded.next_follow_up_due, deceased = excluded.deceased,
       surgery_date = excluded.surgery_date, arm = excluded.arm, updated_at = excluded.updated_at`

/** The values of patient `patientId`'s status row, in PATIENT_STATUS_COLUMNS order. */
export function patientStatusRow(patientId: number, s: PatientStatus, updatedAt: string): (string | number | null)[] {
  return [
    patientId,
    PATIENT_STATUS_LOGIC_VERSION,
    s.eligibility,
    s.completenessFilled,
    s.completenessRequired,
    s.nextFollowUpDue,
    s.deceased ? 1 : 0,
    s.surgeryDate,
    s.arm,
    updatedAt,
  ]
}

export interface StoredPatientStatus extends PatientStatus {
  patientId: number
  logicVersion: number
  updatedAt: string
}

export function readPatientStatus(db: Database, patientId: number): StoredPatientStatus | null {
  const r = stmt(db, 'SELECT * FROM patient_status WHERE patient_id = ?').get(patientId) as Record<string, unknown> | undefined
  if (!r) return null
  return {
    patientId,
    logicVersion: Number(r.logic_version),
    eligibility: r.eligibility as PatientStatus['eligibility'],
    completenessFilled: Number(r.completeness_filled),
    completenessRequired: Number(r.completeness_required),
    nextFollowUpDue: (r.next_follow_up_due as string | null) ?? null,
    deceased: r.deceased === 1,
    surgeryDate: (r.surgery_date as string | null) ?? null,
    arm: (r.arm as PatientStatus['arm']) ?? null,
    updatedAt: r.updated_at as string,
  }
}

/** Ids of patients whose cached status is missing or was computed by other rules. */
export function staleStatusPatientIds(db: Database): number[] {
  return stmt(
    db,
    `SELECT p.id FROM patients p LEFT JOIN patient_status st ON st.patient_id = p.id
     WHERE st.patient_id IS NULL OR st.logic_version <> ? ORDER BY p.id`,
  )
    .pluck()
    .all(PATIENT_STATUS_LOGIC_VERSION) as number[]
}
