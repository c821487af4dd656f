// Which fields a record needs for the study. A record may be saved incomplete (drafts are
// normal); the patient list shows how complete it is and what is missing. A field marked with a
// missing-data code (domain/missing-codes.ts) is complete-but-missing: nothing more will be
// entered, so it is not listed as "to enter", and it is listed with its code instead.
import type { PatientRecordInput } from './record'
import { addDays } from './dates'
import { deriveRecord, FOLLOW_UP_GRACE_DAYS, type DerivedRecord } from './derived'
import { codeMeansMissingData, type MissingCode } from './missing-codes'

export type RecordSection = 'patient' | 'preop' | 'surgery' | 'month6' | 'followUp'

/** A missing field, as a dotted path into the record (e.g. `preop.sinsPain`). */
export interface MissingField {
  section: RecordSection
  path: string
}

const PATIENT_REQUIRED = ['ageYears', 'sex', 'histology', 'diagnosisDate', 'spinalRegion', 'primaryControlled', 'surgicalContraindication', 'previousSpinalResection'] as const
const PREOP_REQUIRED = [
  'kps',
  'ecog',
  'tokuhashiExtraspinalBoneFoci',
  'tokuhashiVertebralMetastases',
  'tokuhashiVisceral',
  'tokuhashiFrankel',
  'bilskyGrade',
  'sinsLocation',
  'sinsPain',
  'sinsBoneLesion',
  'sinsAlignment',
  'sinsCollapse',
  'sinsPosterolateral',
  'asiaGrade',
  'vasPain',
] as const
/** The revised Tokuhashi items (KPS is the general-condition item): not needed when the total is entered. */
const TOKUHASHI_ITEM_FIELDS: ReadonlySet<string> = new Set(['kps', 'tokuhashiExtraspinalBoneFoci', 'tokuhashiVertebralMetastases', 'tokuhashiVisceral', 'tokuhashiFrankel'])
/** The SINS components: not needed when the total is entered. */
const SINS_ITEM_FIELDS: ReadonlySet<string> = new Set(['sinsLocation', 'sinsPain', 'sinsBoneLesion', 'sinsAlignment', 'sinsCollapse', 'sinsPosterolateral'])

// A score known as its total ("total known, items not recorded") is complete: its items are not
// asked for, so a legacy registry with totals only can pass the study's "case data complete".

const SURGERY_REQUIRED = ['arm', 'admissionDate', 'surgeryDate', 'dischargeDate', 'operativeTimeMin', 'bloodLossMl', 'marginStatus'] as const
const SRS_REQUIRED = ['srsDate', 'srsDoseGy', 'srsFractions'] as const
const MONTH6_REQUIRED = ['vasPain', 'asiaGrade', 'sinsLocation', 'sinsPain', 'sinsBoneLesion', 'sinsAlignment', 'sinsCollapse', 'sinsPosterolateral'] as const

/**
 * 6-month outcomes are needed unless the patient died before the 6-month visit could take place:
 * the visit is due at 183 days and may happen up to FOLLOW_UP_GRACE_DAYS later, so a death within
 * that window does not make the record incomplete — unless 6-month values were recorded anyway.
 */
function month6Due(record: PatientRecordInput, derived: DerivedRecord): boolean {
  const s = record.surgery.surgeryDate
  if (s === null || derived.deathDate === null) return true
  if (derived.deathDate > addDays(s, 183 + FOLLOW_UP_GRACE_DAYS)) return true
  return MONTH6_REQUIRED.some((f) => record.month6[f] !== null) || record.month6.sosgoqVersion !== null || record.month6.sinsEnteredTotal !== null
}

/** A required field: a plain field of a section (`field`), or one of the fields isPresent knows (`field` null). */
interface Requirement extends MissingField {
  field: string | null
}
const plain = (section: RecordSection, fields: readonly string[]): Requirement[] => fields.map((f) => ({ section, path: `${section}.${f}`, field: f }))
const special = (section: RecordSection, path: string): Requirement => ({ section, path, field: null })
/** A section's required fields without the items of a score whose total was entered. */
const withoutItems = (fields: readonly string[], tokuhashiTotal: boolean, sinsTotal: boolean): string[] =>
  fields.filter((f) => !(tokuhashiTotal && TOKUHASHI_ITEM_FIELDS.has(f)) && !(sinsTotal && SINS_ITEM_FIELDS.has(f)))
// Built once: the completeness of every record is computed on each registry-wide read.
const PATIENT_REQ = [...plain('patient', PATIENT_REQUIRED), special('patient', 'patient.vertebrae')]
const PRIMARY_POINTS_REQ = plain('patient', ['tokuhashiPrimaryPoints'])
const RADIOSENSITIVITY_REQ = plain('patient', ['radiosensitivity'])
/** Indexed [Tokuhashi total entered][SINS total entered]. */
const PREOP_REQ = [false, true].map((tok) => [false, true].map((sins) => [...plain('preop', withoutItems(PREOP_REQUIRED, tok, sins)), special('preop', 'preop.sosgoq')]))
const SURGERY_REQ = plain('surgery', SURGERY_REQUIRED)
const SRS_REQ = plain('surgery', SRS_REQUIRED)
/** Indexed [SINS total entered]. */
const MONTH6_REQ = [false, true].map((sins) => [...plain('month6', withoutItems(MONTH6_REQUIRED, false, sins)), special('month6', 'month6.sosgoq')])
const FOLLOW_UP_REQ = [special('followUp', 'followUp.lastContact')]

function requirements(record: PatientRecordInput, derived: DerivedRecord): Requirement[][] {
  const out = [PATIENT_REQ]
  const preop = record.preop
  // A revised Tokuhashi total entered as such already holds the primary-site points.
  if (record.patient.histology === 'other' && preop.tokuhashiEnteredTotal === null) out.push(PRIMARY_POINTS_REQ)
  // The class is needed from the record only when neither the registry's setting nor a source gives the histology one.
  if (derived.radiosensitivity.histologyClass === null) out.push(RADIOSENSITIVITY_REQ)
  out.push(PREOP_REQ[+(preop.tokuhashiEnteredTotal !== null)]![+(preop.sinsEnteredTotal !== null)]!, SURGERY_REQ)
  if (record.surgery.arm !== 'other') out.push(SRS_REQ)
  if (month6Due(record, derived)) out.push(MONTH6_REQ[+(record.month6.sinsEnteredTotal !== null)]!)
  out.push(FOLLOW_UP_REQ)
  return out
}

function isPresent(record: PatientRecordInput, derived: DerivedRecord, r: Requirement): boolean {
  if (r.field !== null) {
    const v = (record[r.section] as unknown as Record<string, unknown>)[r.field]
    return v !== null && v !== undefined && v !== ''
  }
  switch (r.path) {
    case 'patient.vertebrae':
      return record.patient.vertebrae.length > 0
    case 'preop.sosgoq':
      return derived.sosgoq.preop?.value != null
    case 'month6.sosgoq':
      return derived.sosgoq.month6?.value != null
    default:
      return derived.lastFollowUpDate !== null
  }
}

/** The requirement a completeness path names (a special path, or `section.field`). */
function requirementOf(path: string): Requirement {
  const [section, field] = path.split('.') as [RecordSection, string]
  const isSpecial = path === 'patient.vertebrae' || path === 'preop.sosgoq' || path === 'month6.sosgoq' || path === 'followUp.lastContact'
  return { section, path, field: isSpecial ? null : field }
}

/**
 * The required fields without a value: `missing` (still to enter) and `coded` (marked with a
 * missing-data code; a code next to a value does not count, the value wins), and how many are required.
 */
function check(record: PatientRecordInput, derived: DerivedRecord): { required: number; missing: MissingField[]; coded: CodedField[] } {
  let required = 0
  const missing: MissingField[] = []
  const coded: CodedField[] = []
  const codes = record.missingCodes
  for (const list of requirements(record, derived)) {
    required += list.length
    for (const r of list) {
      if (isPresent(record, derived, r)) continue
      const code = codes?.[r.path]
      if (code === undefined) missing.push({ section: r.section, path: r.path })
      else coded.push({ section: r.section, path: r.path, code })
    }
  }
  return { required, missing, coded }
}

/** A study field without a value, marked with why (a missing-data code). */
export interface CodedField extends MissingField {
  code: MissingCode
}

/** The fields the study needs that this record does not have yet (coded fields are not listed). */
export function missingFields(record: PatientRecordInput, derived: DerivedRecord = deriveRecord(record)): MissingField[] {
  return check(record, derived).missing
}

/** True when the record has every field the study needs, or a code that does not mean missing data ("not applicable"). */
export function isRecordComplete(record: PatientRecordInput, derived: DerivedRecord = deriveRecord(record)): boolean {
  const codes = record.missingCodes
  return requirements(record, derived).every((list) =>
    list.every((r) => {
      if (isPresent(record, derived, r)) return true
      const code = codes?.[r.path]
      return code !== undefined && !codeMeansMissingData(code)
    }),
  )
}

/** Every path the study may need of some record (what a missing-data code may be set on). */
export function isStudyFieldPath(path: string): boolean {
  const [section, field] = path.split('.')
  if (field === undefined) return false
  switch (section) {
    case 'patient':
      return (PATIENT_REQUIRED as readonly string[]).includes(field) || field === 'vertebrae' || field === 'tokuhashiPrimaryPoints' || field === 'radiosensitivity'
    case 'preop':
      return (PREOP_REQUIRED as readonly string[]).includes(field) || field === 'sosgoq'
    case 'surgery':
      return (SURGERY_REQUIRED as readonly string[]).includes(field) || (SRS_REQUIRED as readonly string[]).includes(field)
    case 'month6':
      return (MONTH6_REQUIRED as readonly string[]).includes(field) || field === 'sosgoq'
    case 'followUp':
      return field === 'lastContact'
    default:
      return false
  }
}

export interface Completeness {
  /** Required fields with a value or a missing-data code. */
  filled: number
  required: number
  /** 0–1. */
  fraction: number
  /** Required fields neither entered nor coded: still to enter. */
  missing: MissingField[]
  /** Required fields marked with a missing-data code (complete, but without a value). */
  coded: CodedField[]
}

export function completeness(record: PatientRecordInput, derived: DerivedRecord = deriveRecord(record)): Completeness {
  const { required, missing, coded } = check(record, derived)
  const filled = required - missing.length
  return { filled, required, fraction: required ? filled / required : 1, missing, coded }
}

/** Required fields coded as missing data for the study (not done, unknown, lost to follow-up). */
export function codedAsMissingData(record: PatientRecordInput, derived: DerivedRecord = deriveRecord(record)): CodedField[] {
  return check(record, derived).coded.filter((c) => codeMeansMissingData(c.code))
}

/** Whether the study field at `path` (a completeness path) holds a value. */
export function studyFieldHasValue(record: PatientRecordInput, path: string, derived: DerivedRecord = deriveRecord(record)): boolean {
  return isPresent(record, derived, requirementOf(path))
}

/** Coded paths whose field now holds a value: the value wins and the code is dropped. */
export function codesOverriddenByValues(record: PatientRecordInput, derived: DerivedRecord = deriveRecord(record)): string[] {
  return Object.keys(record.missingCodes ?? {}).filter((path) => isPresent(record, derived, requirementOf(path)))
}
