import { z } from 'zod'
import {
  ASIA_GRADES,
  BILSKY_GRADES,
  COMPLICATION_GRADES,
  COMPLICATION_KINDS,
  FOLLOW_UP_EVENT_KINDS,
  FRANKEL_GRADES,
  HISTOLOGIES,
  MARGIN_STATUSES,
  RADIOSENSITIVITY,
  SEXES,
  SINS_ALIGNMENT,
  SINS_BONE_LESION,
  SINS_COLLAPSE,
  SINS_LOCATIONS,
  SINS_PAIN,
  SINS_POSTEROLATERAL,
  SOSGOQ_VERSIONS,
  SPINAL_REGIONS,
  TOKUHASHI_VISCERAL,
  TREATMENT_ARMS,
  VERTEBRAE,
} from '../domain/codes'
import { MISSING_CODES, type FormSection, type FormStatusEntry } from '../domain/missing-codes'

// The patient record as it crosses the boundary: one object per table section, camelCase,
// null for "not recorded". Bounds here mirror the CHECK constraints of the schema
// (main/db/migrations); the database stays the last line of defence.

/** A calendar date, ISO 'YYYY-MM-DD', that exists (2021-02-30 is refused). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the date format YYYY-MM-DD.')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
  }, 'This date does not exist.')

/**
 * Characters that hide or reorder what a reader sees: NUL and the other control characters (tab,
 * line feed and carriage return are ordinary text) and the Unicode text-direction overrides and
 * isolates, which can make stored text read differently from what it is.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const HIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/
export const HIDDEN_CHARACTERS_MESSAGE = 'Remove the control character or text-direction override: it can hide or reorder what is shown.'
/** Free text up to `max` characters, without hidden characters. */
const text = (max: number) => z.string().max(max).refine((s) => !HIDDEN_CHARACTERS.test(s), HIDDEN_CHARACTERS_MESSAGE)
const code = (max: number) => z.string().trim().min(1).max(max).refine((s) => !HIDDEN_CHARACTERS.test(s), HIDDEN_CHARACTERS_MESSAGE)

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable()
const flag = z.boolean().nullable()
const int = (min: number, max: number) => z.number().int().min(min).max(max).nullable()

export const patientCoreSchema = z
  .object({
    studyId: code(40),
    ageYears: int(0, 120),
    sex: nullable(z.enum(SEXES)),
    histology: nullable(z.enum(HISTOLOGIES)),
    histologyDetail: nullable(text(200)),
    radiosensitivity: nullable(z.enum(RADIOSENSITIVITY)),
    tokuhashiPrimaryPoints: int(0, 5),
    diagnosisDate: nullable(isoDate),
    spinalRegion: nullable(z.enum(SPINAL_REGIONS)),
    vertebrae: z.array(z.enum(VERTEBRAE)).max(VERTEBRAE.length),
    primaryControlled: flag,
    surgicalContraindication: flag,
    previousSpinalResection: flag,
    notes: nullable(text(4000)),
  })
  .strict()
export type PatientCore = z.infer<typeof patientCoreSchema>

export const identitySchema = z
  .object({
    fullName: nullable(text(200)),
    hospitalNumber: nullable(code(40)),
    dateOfBirth: nullable(isoDate),
  })
  .strict()
export type Identity = z.infer<typeof identitySchema>

/** SOSG-OQ item answers: option level 1 (best) … 5 (worst), null when unanswered. */
export const sosgoqAnswersSchema = z.array(z.number().int().min(1).max(5).nullable()).max(40)

export const assessmentSchema = z
  .object({
    assessedOn: nullable(isoDate),
    kps: z.number().int().min(0).max(100).multipleOf(10).nullable(),
    ecog: int(0, 5),
    tokuhashiExtraspinalBoneFoci: int(0, 200),
    tokuhashiVertebralMetastases: int(1, 29),
    tokuhashiVisceral: nullable(z.enum(TOKUHASHI_VISCERAL)),
    tokuhashiFrankel: nullable(z.enum(FRANKEL_GRADES)),
    /** Revised Tokuhashi total known without its items (legacy registries, charts), 0–15. */
    tokuhashiEnteredTotal: int(0, 15),
    bilskyGrade: nullable(z.enum(BILSKY_GRADES)),
    sinsLocation: nullable(z.enum(SINS_LOCATIONS)),
    sinsPain: nullable(z.enum(SINS_PAIN)),
    sinsBoneLesion: nullable(z.enum(SINS_BONE_LESION)),
    sinsAlignment: nullable(z.enum(SINS_ALIGNMENT)),
    sinsCollapse: nullable(z.enum(SINS_COLLAPSE)),
    sinsPosterolateral: nullable(z.enum(SINS_POSTEROLATERAL)),
    /** SINS total known without its components, 0–18. */
    sinsEnteredTotal: int(0, 18),
    asiaGrade: nullable(z.enum(ASIA_GRADES)),
    vasPain: z
      .number()
      .min(0)
      .max(10)
      .refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9, 'VAS takes at most one decimal.')
      .nullable(),
    myelopathy: flag,
    toleratesSurgery: flag,
    sosgoqVersion: nullable(z.enum(SOSGOQ_VERSIONS)),
    sosgoqAnswers: sosgoqAnswersSchema.nullable(),
    sosgoqEnteredTotal: z.number().min(0).max(100).nullable(),
  })
  .strict()
export type Assessment = z.infer<typeof assessmentSchema>

export const surgerySchema = z
  .object({
    arm: nullable(z.enum(TREATMENT_ARMS)),
    admissionDate: nullable(isoDate),
    surgeryDate: nullable(isoDate),
    dischargeDate: nullable(isoDate),
    procedureDetail: nullable(text(2000)),
    fixationLevelsAbove: int(0, 12),
    fixationLevelsBelow: int(0, 12),
    operativeTimeMin: int(1, 2880),
    bloodLossMl: int(0, 50000),
    marginStatus: nullable(z.enum(MARGIN_STATUSES)),
    srsDate: nullable(isoDate),
    srsDoseGy: z.number().gt(0).max(100).nullable(),
    srsFractions: int(1, 50),
  })
  .strict()
export type Surgery = z.infer<typeof surgerySchema>

export const complicationSchema = z
  .object({
    id: z.number().int().positive().nullable(),
    kind: z.enum(COMPLICATION_KINDS),
    description: nullable(text(2000)),
    grade: nullable(z.enum(COMPLICATION_GRADES)),
    onsetDate: nullable(isoDate),
  })
  .strict()
export type Complication = z.infer<typeof complicationSchema>

export const followUpEventSchema = z
  .object({
    id: z.number().int().positive().nullable(),
    kind: z.enum(FOLLOW_UP_EVENT_KINDS),
    eventDate: isoDate,
    note: nullable(text(2000)),
  })
  .strict()
export type FollowUpEvent = z.infer<typeof followUpEventSchema>

export const patientRecordSchema = z
  .object({
    id: z.number().int().positive().nullable(),
    patient: patientCoreSchema,
    identity: identitySchema,
    preop: assessmentSchema,
    month6: assessmentSchema,
    surgery: surgerySchema,
    complications: z.array(complicationSchema).max(100),
    followUp: z.array(followUpEventSchema).max(500),
    /**
     * Study fields marked as missing for a reason (not done, unknown, …), by completeness path
     * (`preop.kps`, `month6.sosgoq`, `followUp.lastContact`); a coded field holds no value.
     */
    missingCodes: z
      .record(z.string().regex(/^[a-zA-Z0-9]+\.[a-zA-Z0-9]+$/).max(60), z.enum(MISSING_CODES))
      .optional(),
  })
  .strict()
export type PatientRecordInput = z.infer<typeof patientRecordSchema>

export interface PatientRecord extends PatientRecordInput {
  id: number
  createdAt: string
  updatedAt: string
  /** Form status of each section of the record screen (absent: incomplete, never set). */
  formStatus?: Partial<Record<FormSection, FormStatusEntry>>
}

export function emptyAssessment(): Assessment {
  return {
    assessedOn: null,
    kps: null,
    ecog: null,
    tokuhashiExtraspinalBoneFoci: null,
    tokuhashiVertebralMetastases: null,
    tokuhashiVisceral: null,
    tokuhashiFrankel: null,
    tokuhashiEnteredTotal: null,
    bilskyGrade: null,
    sinsLocation: null,
    sinsPain: null,
    sinsBoneLesion: null,
    sinsAlignment: null,
    sinsCollapse: null,
    sinsPosterolateral: null,
    sinsEnteredTotal: null,
    asiaGrade: null,
    vasPain: null,
    myelopathy: null,
    toleratesSurgery: null,
    sosgoqVersion: null,
    sosgoqAnswers: null,
    sosgoqEnteredTotal: null,
  }
}

export function emptySurgery(): Surgery {
  return {
    arm: null,
    admissionDate: null,
    surgeryDate: null,
    dischargeDate: null,
    procedureDetail: null,
    fixationLevelsAbove: null,
    fixationLevelsBelow: null,
    operativeTimeMin: null,
    bloodLossMl: null,
    marginStatus: null,
    srsDate: null,
    srsDoseGy: null,
    srsFractions: null,
  }
}

export function emptyPatientRecord(studyId: string): PatientRecordInput {
  return {
    id: null,
    patient: {
      studyId,
      ageYears: null,
      sex: null,
      histology: null,
      histologyDetail: null,
      radiosensitivity: null,
      tokuhashiPrimaryPoints: null,
      diagnosisDate: null,
      spinalRegion: null,
      vertebrae: [],
      primaryControlled: null,
      surgicalContraindication: null,
      previousSpinalResection: null,
      notes: null,
    },
    identity: { fullName: null, hospitalNumber: null, dateOfBirth: null },
    preop: emptyAssessment(),
    month6: emptyAssessment(),
    surgery: emptySurgery(),
    complications: [],
    followUp: [],
  }
}
