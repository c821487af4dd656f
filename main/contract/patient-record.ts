import { z } from 'zod'
import { VERTEBRAE } from '../domain/codes'
import { MISSING_CODES } from '../domain/missing-codes'
import { ISO_DATE_PATTERN, isIsoDate } from '../domain/dates'
import { SECTION_FIELDS, type FieldSpec } from '../domain/catalogue/fields'
import type { Assessment, Complication, FieldValue, FollowUpEvent, Identity, PatientCore, PatientRecordInput, Surgery } from '../domain/record'

export type { Assessment, Complication, FollowUpEvent, Identity, PatientCore, PatientRecord, PatientRecordInput, Surgery } from '../domain/record'

// The patient record as it crosses the boundary: one object per table section, camelCase,
// null for "not recorded". The section schemas are built from the field catalogue
// (main/domain/catalogue/fields.ts): type, hard range, step, length and code list of each field;
// their static types are the catalogue's record types (main/domain/record.ts). Bounds mirror the
// CHECK constraints of the schema (main/db/migrations); the database stays the last line of defence.

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

/**
 * True when the schema of text field `f` accepts `s` exactly as it is (the value it gives is `s`):
 * within the length, trimmed and not empty for a code, without hidden characters. The same checks
 * as `text` and `code` above without a schema parse, for import's hundreds of thousands of cells;
 * false sends the value through the schema for its message (tests/services/text-accepted.test.ts).
 */
export function textAcceptedAsIs(s: string, f: Pick<FieldSpec, 'maxLength' | 'trimmed'>): boolean {
  if (s.length > (f.maxLength ?? 200)) return false
  if (f.trimmed && (s.length === 0 || s.trim() !== s)) return false
  return !HIDDEN_CHARACTERS.test(s)
}

/** SOSG-OQ item answers: option level 1 (best) … 5 (worst), null when unanswered. */
export const sosgoqAnswersSchema = z.array(z.number().int().min(1).max(5).nullable()).max(40)

/** The schema of one catalogue field's value, from its type, hard range, step, length and code list. */
function fieldSchema(f: FieldSpec): z.ZodType {
  let schema: z.ZodType
  switch (f.kind) {
    case 'text':
      schema = f.trimmed ? code(f.maxLength ?? 200) : text(f.maxLength ?? 200)
      break
    case 'date':
      schema = isoDate
      break
    case 'boolean':
      schema = z.boolean()
      break
    case 'category':
      schema = z.enum(f.codes!.codes as [string, ...string[]])
      break
    case 'vertebrae':
      return z.array(z.enum(VERTEBRAE)).max(VERTEBRAE.length)
    case 'answers':
      schema = sosgoqAnswersSchema
      break
    case 'integer':
    case 'decimal': {
      let n = f.kind === 'integer' ? z.number().int() : z.number()
      if (f.min !== undefined) n = f.minExclusive ? n.gt(f.min) : n.min(f.min)
      if (f.max !== undefined) n = n.max(f.max)
      if (f.kind === 'integer' && f.step !== undefined) n = n.multipleOf(f.step)
      schema = f.kind === 'decimal' && f.step === 0.1 ? n.refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9, `${f.label} takes at most one decimal.`) : n
      break
    }
  }
  return f.required ? schema : schema.nullable()
}

/** The strict object schema of a catalogue section; its static type is the catalogue's (main/domain/record.ts). */
function sectionSchema<S extends Record<string, FieldSpec>>(fields: S): z.ZodObject<{ -readonly [K in keyof S]: z.ZodType<FieldValue<S[K]>> }, z.core.$strict> {
  const shape = Object.fromEntries(Object.entries(fields).map(([key, f]) => [key, fieldSchema(f)]))
  return z.object(shape).strict() as unknown as z.ZodObject<{ -readonly [K in keyof S]: z.ZodType<FieldValue<S[K]>> }, z.core.$strict>
}

export const patientCoreSchema = sectionSchema(SECTION_FIELDS.patient)
export const identitySchema = sectionSchema(SECTION_FIELDS.identity)
export const assessmentSchema = sectionSchema(SECTION_FIELDS.preop)
export const surgerySchema = sectionSchema(SECTION_FIELDS.surgery)
const rowId = z.number().int().positive().nullable()
export const complicationSchema = sectionSchema(SECTION_FIELDS.complication).extend({ id: rowId }).strict()
export const followUpEventSchema = sectionSchema(SECTION_FIELDS.followUp).extend({ id: rowId }).strict()

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
// Each empty section is built once and copied (an import starts a record per row).
const EMPTY_ASSESSMENT = emptySection<Assessment>(SECTION_FIELDS.preop)
const EMPTY_SURGERY = emptySection<Surgery>(SECTION_FIELDS.surgery)
const EMPTY_PATIENT = emptySection<PatientCore>(SECTION_FIELDS.patient)
const EMPTY_IDENTITY = emptySection<Identity>(SECTION_FIELDS.identity)

export function emptyAssessment(): Assessment {
  return { ...EMPTY_ASSESSMENT }
}

export function emptySurgery(): Surgery {
  return { ...EMPTY_SURGERY }
}

export function emptyPatientRecord(studyId: string): PatientRecordInput {
  return {
    id: null,
    patient: { ...EMPTY_PATIENT, studyId, vertebrae: [] },
    identity: { ...EMPTY_IDENTITY },
    preop: emptyAssessment(),
    month6: emptyAssessment(),
    surgery: emptySurgery(),
    complications: [],
    followUp: [],
  }
}
