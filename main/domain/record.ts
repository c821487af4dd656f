// The patient record's static types, derived from the field catalogue: one object per section,
// camelCase, null for "not recorded". The domain reads records through these types; the contract's
// zod schemas (main/contract/patient-record.ts) are checked to describe the same values, so types
// flow one way: contract → domain, never back.
import type { CodeList } from './catalogue/code-lists'
import type { SECTION_FIELDS } from './catalogue/fields'
import type { Vertebra } from './codes'
import type { FormSection, FormStatusEntry, MissingCode } from './missing-codes'

/** The value a field of the catalogue holds, when entered. */
export type EnteredValue<F> = F extends { kind: 'category'; codes: CodeList<infer C> }
  ? C
  : F extends { kind: 'integer' | 'decimal' }
    ? number
    : F extends { kind: 'boolean' }
      ? boolean
      : F extends { kind: 'vertebrae' }
        ? Vertebra[]
        : F extends { kind: 'answers' }
          ? (number | null)[]
          : string

/** A field's value: null when not recorded, except for required fields and lists (empty: []). */
export type FieldValue<F> = F extends { required: true } | { kind: 'vertebrae' } ? EnteredValue<F> : EnteredValue<F> | null

export type SectionValues<S> = { -readonly [K in keyof S]: FieldValue<S[K]> }

export type PatientCore = SectionValues<(typeof SECTION_FIELDS)['patient']>
export type Identity = SectionValues<(typeof SECTION_FIELDS)['identity']>
/** One assessment (preoperative or 6 months). SOSG-OQ answers: option level 1 (best) … 5 (worst). */
export type Assessment = SectionValues<(typeof SECTION_FIELDS)['preop']>
export type Surgery = SectionValues<(typeof SECTION_FIELDS)['surgery']>
export type Complication = { id: number | null } & SectionValues<(typeof SECTION_FIELDS)['complication']>
export type FollowUpEvent = { id: number | null } & SectionValues<(typeof SECTION_FIELDS)['followUp']>

export interface PatientRecordInput {
  id: number | null
  patient: PatientCore
  identity: Identity
  preop: Assessment
  month6: Assessment
  surgery: Surgery
  complications: Complication[]
  followUp: FollowUpEvent[]
  /**
   * Study fields marked as missing for a reason (not done, unknown, …), by completeness path
   * (`preop.kps`, `month6.sosgoq`, `followUp.lastContact`); a coded field holds no value.
   */
  missingCodes?: Record<string, MissingCode> | undefined
}

export interface PatientRecord extends PatientRecordInput {
  id: number
  createdAt: string
  updatedAt: string
  /** Form status of each section of the record screen (absent: incomplete, never set). */
  formStatus?: Partial<Record<FormSection, FormStatusEntry>>
}
