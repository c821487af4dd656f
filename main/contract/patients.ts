import { z } from 'zod'
import { method } from './method'
import { HISTOLOGIES, SEXES, TREATMENT_ARMS, type Histology, type Sex, type TreatmentArm } from '../domain/codes'

export type EligibilityStatus = 'eligible' | 'ineligible' | 'unknown'

export interface PatientListRow {
  id: number
  studyId: string
  /** Identity fields are null when the registry holds none for the patient. */
  fullName: string | null
  hospitalNumber: string | null
  ageYears: number | null
  sex: Sex | null
  histology: Histology | null
  arm: TreatmentArm | null
  surgeryDate: string | null
  updatedAt: string
}

export interface PatientListPage {
  total: number
  offset: number
  rows: PatientListRow[]
}

export const PATIENT_SORT_KEYS = ['studyId', 'fullName', 'hospitalNumber', 'ageYears', 'surgeryDate', 'updatedAt'] as const
export type PatientSortKey = (typeof PATIENT_SORT_KEYS)[number]

export const patientListQuery = z
  .object({
    /** Matches study id, name or hospital number (case-insensitive, anywhere in the text). */
    search: z.string().max(200).optional(),
    arm: z.enum(TREATMENT_ARMS).optional(),
    sex: z.enum(SEXES).optional(),
    histology: z.enum(HISTOLOGIES).optional(),
    sortBy: z.enum(PATIENT_SORT_KEYS).default('studyId'),
    sortDir: z.enum(['asc', 'desc']).default('asc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict()
export type PatientListQuery = z.input<typeof patientListQuery>

export const patientMethods = {
  'patients.list': method<PatientListPage>()(patientListQuery),
} as const
