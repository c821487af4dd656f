import type { z } from 'zod'
import type { PatientListPage, patientListQuery } from '@contract/patients'
import { listPatients } from '../db/repositories/patient-list'
import type { Session } from './session'

export function listPatientPage(session: Session, query: z.output<typeof patientListQuery>): PatientListPage {
  return listPatients(session.requireDb(), query)
}
