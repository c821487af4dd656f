import { z } from 'zod'
import { method } from './method'
import { HISTOLOGIES, SEXES, TREATMENT_ARMS, type Histology, type Sex, type TreatmentArm } from '../domain/codes'
import type { DerivedRecord } from '../domain/derived'
import type { EligibilityResult } from '../domain/eligibility'
import type { Completeness } from '../domain/completeness'
import type { ValidationIssue } from '../domain/validation/issue'
import { FORM_SECTIONS, FORM_STATUSES, MISSING_CODES } from '../domain/missing-codes'
import {
  assessmentSchema,
  complicationSchema,
  followUpEventSchema,
  identitySchema,
  patientCoreSchema,
  surgerySchema,
  type PatientRecord,
} from './patient-record'

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
  eligibility: EligibilityStatus
  /** Required fields filled / required (domain/completeness.ts). */
  completenessFilled: number
  completenessRequired: number
  /** Next scheduled visit (1, 3, 6, 12 months, then every 6) for living patients, else null. */
  nextFollowUpDue: string | null
  followUpOverdue: boolean
  updatedAt: string
}

export interface PatientListPage {
  /** Patients matching the query. */
  total: number
  /** Every patient of the registry, whatever the filters ("Showing 0 of 215"). */
  registryTotal: number
  offset: number
  rows: PatientListRow[]
}

export const PATIENT_SORT_KEYS = [
  'studyId',
  'fullName',
  'hospitalNumber',
  'ageYears',
  'histology',
  'arm',
  'surgeryDate',
  'eligibility',
  'completeness',
  'nextFollowUpDue',
  'updatedAt',
] as const
export type PatientSortKey = (typeof PATIENT_SORT_KEYS)[number]

export const patientListQuery = z
  .object({
    /** Matches study id, name or hospital number (case-insensitive, anywhere in the text), and the primary histology by its name. */
    search: z.string().max(200).optional(),
    arm: z.enum(TREATMENT_ARMS).optional(),
    sex: z.enum(SEXES).optional(),
    histology: z.enum(HISTOLOGIES).optional(),
    eligibility: z.enum(['eligible', 'ineligible', 'unknown']).optional(),
    /** Only records missing at least one field the study needs. */
    incomplete: z.boolean().optional(),
    /** Only living patients whose next scheduled visit is more than 30 days past. */
    overdue: z.boolean().optional(),
    /**
     * Form status: of `formSection` when given, else of the whole record (its lowest section:
     * verified = every section verified; complete = every section complete or verified, not all
     * verified; incomplete = at least one section incomplete).
     */
    formStatus: z.enum(FORM_STATUSES).optional(),
    formSection: z.enum(FORM_SECTIONS).optional(),
    sortBy: z.enum(PATIENT_SORT_KEYS).default('studyId'),
    sortDir: z.enum(['asc', 'desc']).default('asc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict()
export type PatientListQuery = z.input<typeof patientListQuery>

// ---- one patient ----

/** A problem found in a record (main/domain/validation/issue.ts). */
export type { ValidationIssue } from '../domain/validation/issue'

/** Everything the record screen shows: the stored record and what is computed from it. */
export interface PatientView {
  record: PatientRecord
  derived: DerivedRecord
  eligibility: EligibilityResult
  completeness: Completeness
  /** Warnings (and errors of stored data, e.g. after an import) for the whole record. */
  issues: ValidationIssue[]
}

/** Every editable single field: `section.field`. Each has its schema in FIELD_SCHEMAS. */
function sectionPaths<S extends string, K extends string>(section: S, keys: readonly K[]): `${S}.${K}`[] {
  return keys.map((k) => `${section}.${k}` as `${S}.${K}`)
}
const keysOf = <T extends z.ZodRawShape>(o: z.ZodObject<T>) => Object.keys(o.shape) as (keyof T & string)[]

export const FIELD_PATHS = [
  ...sectionPaths('patient', keysOf(patientCoreSchema)),
  ...sectionPaths('identity', keysOf(identitySchema)),
  ...sectionPaths('preop', keysOf(assessmentSchema)),
  ...sectionPaths('month6', keysOf(assessmentSchema)),
  ...sectionPaths('surgery', keysOf(surgerySchema)),
] as const
export type FieldPath = (typeof FIELD_PATHS)[number]

/** The zod schema of each editable field's value (the service validates `value` with it). */
export const FIELD_SCHEMAS: Readonly<Record<string, z.ZodType>> = Object.fromEntries([
  ...Object.entries(patientCoreSchema.shape).map(([k, s]) => [`patient.${k}`, s]),
  ...Object.entries(identitySchema.shape).map(([k, s]) => [`identity.${k}`, s]),
  ...Object.entries(assessmentSchema.shape).map(([k, s]) => [`preop.${k}`, s]),
  ...Object.entries(assessmentSchema.shape).map(([k, s]) => [`month6.${k}`, s]),
  ...Object.entries(surgerySchema.shape).map(([k, s]) => [`surgery.${k}`, s]),
])

const patientId = z.number().int().positive()
const rowId = z.number().int().positive()

export interface AuditEntryView {
  id: number
  at: string
  osUser: string
  tableName: string
  rowId: number | null
  field: string | null
  action: 'insert' | 'update' | 'delete'
  oldValue: string | null
  newValue: string | null
}

/** What an audit export wrote. */
export interface AuditExportResult {
  path: string
  fileName: string
  /** Audit entries written (data rows of the CSV). */
  rows: number
  /** False when identity values (name, hospital number, date of birth) were replaced by `[identity]`. */
  identified: boolean
}

export const patientMethods = {
  'patients.list': method<PatientListPage>()(patientListQuery),
  'patients.get': method<PatientView>()(z.object({ id: patientId }).strict()),
  /** A new, empty record; the study id is the next free one (e.g. SM-0216) unless given. */
  'patients.create': method<PatientView>()(z.object({ studyId: z.string().trim().min(1).max(40).optional() }).strict()),
  /**
   * Autosave of one field, in one transaction with its audit entry. The value is validated
   * against FIELD_SCHEMAS[path] and the domain rules (date order: error, refused; clinical
   * consistency: warning, saved). Undo is the same call with the previous value.
   */
  'patients.update': method<PatientView>()(z.object({ id: patientId, path: z.enum(FIELD_PATHS as unknown as [FieldPath, ...FieldPath[]]), value: z.unknown() }).strict()),
  'patients.delete': method<null>()(z.object({ id: patientId }).strict()),
  'patients.addComplication': method<PatientView>()(z.object({ id: patientId, complication: complicationSchema.omit({ id: true }) }).strict()),
  'patients.updateComplication': method<PatientView>()(
    z.object({ id: patientId, complicationId: rowId, complication: complicationSchema.omit({ id: true }) }).strict(),
  ),
  'patients.removeComplication': method<PatientView>()(z.object({ id: patientId, complicationId: rowId }).strict()),
  'patients.addFollowUp': method<PatientView>()(z.object({ id: patientId, event: followUpEventSchema.omit({ id: true }) }).strict()),
  'patients.updateFollowUp': method<PatientView>()(z.object({ id: patientId, eventId: rowId, event: followUpEventSchema.omit({ id: true }) }).strict()),
  'patients.removeFollowUp': method<PatientView>()(z.object({ id: patientId, eventId: rowId }).strict()),
  /**
   * Marks a study field (a completeness path, e.g. `preop.kps`, `month6.sosgoq`) as missing for a
   * reason, or clears the mark (`code: null`). The field must be empty; audited.
   */
  'patients.setMissingCode': method<PatientView>()(
    z.object({ id: patientId, path: z.string().min(3).max(60), code: z.enum(MISSING_CODES).nullable() }).strict(),
  ),
  /** Sets the form status of one section of the record screen (who and when are recorded; audited). */
  'patients.setFormStatus': method<PatientView>()(z.object({ id: patientId, section: z.enum(FORM_SECTIONS), status: z.enum(FORM_STATUSES) }).strict()),
  /** The audit trail of one patient, newest first. */
  'patients.audit': method<AuditEntryView[]>()(z.object({ id: patientId }).strict()),
  /**
   * Writes the audit trail (one patient's, or the whole registry's) as CSV to a file the host asks
   * for. De-identified unless `identified: true`: identity values become `[identity]`.
   */
  'patients.exportAudit': method<AuditExportResult>()(z.object({ id: patientId.optional(), identified: z.boolean().optional() }).strict()),
} as const
