// What the patient list shows for each patient without opening the record: eligibility,
// completeness and the next follow-up visit. Computed from the record by the domain functions and
// cached in the `patient_status` table (migration 0002) so that the list can filter and sort
// 100,000 patients with indexes. Pure and shared with the renderer.
import type { PatientRecordInput } from './record'
import type { TreatmentArm } from './codes'
import { completeness } from './completeness'
import { deriveRecord, nextFollowUpDue } from './derived'
import { evaluateEligibility } from './eligibility'
import type { RadiosensitivityClasses } from './radiosensitivity'

/**
 * Version of the rules behind the cached status. Bump it whenever eligibility, completeness or
 * the follow-up schedule change: rows stamped with another version are recomputed when the
 * registry is opened (main/db/repositories/patient-status.ts), so the cache never outlives the
 * rules that made it and no shipped migration has to be edited for a rule change.
 */
export const PATIENT_STATUS_LOGIC_VERSION = 2

export interface PatientStatus {
  eligibility: 'eligible' | 'ineligible' | 'unknown'
  completenessFilled: number
  completenessRequired: number
  /** Next scheduled visit for a living operated patient, else null. */
  nextFollowUpDue: string | null
  deceased: boolean
  surgeryDate: string | null
  arm: TreatmentArm | null
}

/** @param radiosensitivityClasses the registry's radiosensitivity class per histology (registry settings) */
export function computePatientStatus(record: PatientRecordInput, radiosensitivityClasses: RadiosensitivityClasses = {}): PatientStatus {
  const derived = deriveRecord(record, radiosensitivityClasses)
  const c = completeness(record, derived)
  const surgeryDate = record.surgery.surgeryDate
  return {
    eligibility: evaluateEligibility(record, undefined, derived).status,
    completenessFilled: c.filled,
    completenessRequired: c.required,
    nextFollowUpDue: surgeryDate !== null && derived.deathDate === null ? nextFollowUpDue(surgeryDate, derived.lastFollowUpDate) : null,
    deceased: derived.deathDate !== null,
    surgeryDate,
    arm: record.surgery.arm,
  }
}
