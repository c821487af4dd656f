// Which fields a record needs for the study. A record may be saved incomplete (drafts are
// normal); the patient list shows how complete it is and what is missing.
import type { PatientRecordInput } from '../contract/patient-record'
import { addDays } from './dates'
import { deriveRecord, FOLLOW_UP_GRACE_DAYS, type DerivedRecord } from './derived'

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

/** The missing ones of the required fields, and how many are required. */
function check(record: PatientRecordInput, derived: DerivedRecord): { required: number; missing: MissingField[] } {
  let required = 0
  const missing: MissingField[] = []
  for (const list of requirements(record, derived)) {
    required += list.length
    for (const r of list) if (!isPresent(record, derived, r)) missing.push({ section: r.section, path: r.path })
  }
  return { required, missing }
}

/** The fields the study needs that this record does not have yet. */
export function missingFields(record: PatientRecordInput, derived: DerivedRecord = deriveRecord(record)): MissingField[] {
  return check(record, derived).missing
}

/** True when the record has every field the study needs (missingFields is empty), without listing them. */
export function isRecordComplete(record: PatientRecordInput, derived: DerivedRecord = deriveRecord(record)): boolean {
  return requirements(record, derived).every((list) => list.every((r) => isPresent(record, derived, r)))
}

export interface Completeness {
  filled: number
  required: number
  /** 0–1. */
  fraction: number
  missing: MissingField[]
}

export function completeness(record: PatientRecordInput, derived: DerivedRecord = deriveRecord(record)): Completeness {
  const { required, missing } = check(record, derived)
  const filled = required - missing.length
  return { filled, required, fraction: required ? filled / required : 1, missing }
}
