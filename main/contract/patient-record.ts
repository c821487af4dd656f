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
import { MISSING_CODES } from '../domain/missing-codes'
import { ISO_DATE_PATTERN, isIsoDate } from '../domain/dates'
import { ASSESSMENT_FIELDS, IDENTITY_FIELDS, PATIENT_FIELDS, SURGERY_FIELDS } from '../domain/catalogue/fields'
import type { Assessment, Complication, FollowUpEvent, Identity, PatientCore, PatientRecordInput, Surgery } from '../domain/record'

export type { Assessment, Complication, FollowUpEvent, Identity, PatientCore, PatientRecord, PatientRecordInput, Surgery } from '../domain/record'

// The patient record as it crosses the boundary: one object per table section, camelCase,
// null for "not recorded". Fields, ranges and codes are those of the field catalogue
// (main/domain/catalogue/fields.ts), whose record types these schemas must describe (checked
// below and by tests). Bounds mirror the CHECK constraints of the schema (main/db/migrations);
// the database stays the last line of defence.

/** A calendar date, ISO 'YYYY-MM-DD', that exists (2021-02-30 is refused). */
export const isoDate = z
  .string()
  .regex(ISO_DATE_PATTERN, 'Use the date format YYYY-MM-DD.')
  .refine(isIsoDate, 'This date does not exist.')

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

export const identitySchema = z
  .object({
    fullName: nullable(text(200)),
    hospitalNumber: nullable(code(40)),
    dateOfBirth: nullable(isoDate),
  })
  .strict()

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

export const complicationSchema = z
  .object({
    id: z.number().int().positive().nullable(),
    kind: z.enum(COMPLICATION_KINDS),
    description: nullable(text(2000)),
    grade: nullable(z.enum(COMPLICATION_GRADES)),
    onsetDate: nullable(isoDate),
  })
  .strict()

export const followUpEventSchema = z
  .object({
    id: z.number().int().positive().nullable(),
    kind: z.enum(FOLLOW_UP_EVENT_KINDS),
    eventDate: isoDate,
    note: nullable(text(2000)),
  })
  .strict()

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

/**
 * The schemas describe exactly the record types the field catalogue gives (main/domain/record.ts):
 * a field added to the catalogue and not here, or with another type, fails the typecheck. Ranges
 * and codes are compared by tests/services/catalogue-layers.test.ts.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const schemasMatchCatalogue: [
  Same<z.infer<typeof patientCoreSchema>, PatientCore>,
  Same<z.infer<typeof identitySchema>, Identity>,
  Same<z.infer<typeof assessmentSchema>, Assessment>,
  Same<z.infer<typeof surgerySchema>, Surgery>,
  Same<z.infer<typeof complicationSchema>, Complication>,
  Same<z.infer<typeof followUpEventSchema>, FollowUpEvent>,
  Same<z.infer<typeof patientRecordSchema>, PatientRecordInput>,
] = [true, true, true, true, true, true, true]
void schemasMatchCatalogue

const emptySection = <T>(fields: object): T => Object.fromEntries(Object.keys(fields).map((k) => [k, null])) as T

export function emptyAssessment(): Assessment {
  return emptySection<Assessment>(ASSESSMENT_FIELDS)
}

export function emptySurgery(): Surgery {
  return emptySection<Surgery>(SURGERY_FIELDS)
}

export function emptyPatientRecord(studyId: string): PatientRecordInput {
  return {
    id: null,
    patient: { ...emptySection<PatientCore>(PATIENT_FIELDS), studyId, vertebrae: [] },
    identity: emptySection<Identity>(IDENTITY_FIELDS),
    preop: emptyAssessment(),
    month6: emptyAssessment(),
    surgery: emptySurgery(),
    complications: [],
    followUp: [],
  }
}
