// Which fields a record needs for the study. A record may be saved incomplete (drafts are
// normal); the patient list shows how complete it is and what is missing. A field marked with a
// missing-data code (domain/missing-codes.ts) is complete-but-missing: nothing more will be
// entered, so it is not listed as "to enter", and it is listed with its code instead.
import type { PatientRecordInput } from '../contract/patient-record'
import { addDays } from './dates'
import { deriveRecord, FOLLOW_UP_GRACE_DAYS, type DerivedRecord } from './derived'
import { defaultRadiosensitivity } from './radiosensitivity'
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
  return MONTH6_REQUIRED.some((f) => record.month6[f] !== null) || record.month6.sosgoqVersion !== null
}

function requiredPaths(record: PatientRecordInput, derived: DerivedRecord): MissingField[] {
  const out: MissingField[] = []
  for (const f of PATIENT_REQUIRED) out.push({ section: 'patient', path: `patient.${f}` })
  out.push({ section: 'patient', path: 'patient.vertebrae' })
  if (record.patient.histology === 'other') out.push({ section: 'patient', path: 'patient.tokuhashiPrimaryPoints' })
  if (record.patient.histology === null || defaultRadiosensitivity(record.patient.histology) === null) {
    out.push({ section: 'patient', path: 'patient.radiosensitivity' })
  }
  for (const f of PREOP_REQUIRED) out.push({ section: 'preop', path: `preop.${f}` })
  out.push({ section: 'preop', path: 'preop.sosgoq' })
  for (const f of SURGERY_REQUIRED) out.push({ section: 'surgery', path: `surgery.${f}` })
  if (record.surgery.arm !== 'other') for (const f of SRS_REQUIRED) out.push({ section: 'surgery', path: `surgery.${f}` })
  if (month6Due(record, derived)) {
    for (const f of MONTH6_REQUIRED) out.push({ section: 'month6', path: `month6.${f}` })
    out.push({ section: 'month6', path: 'month6.sosgoq' })
  }
  out.push({ section: 'followUp', path: 'followUp.lastContact' })
  return out
}

function isPresent(record: PatientRecordInput, derived: DerivedRecord, path: string): boolean {
  switch (path) {
    case 'patient.vertebrae':
      return record.patient.vertebrae.length > 0
    case 'preop.sosgoq':
      return derived.sosgoq.preop?.value != null
    case 'month6.sosgoq':
      return derived.sosgoq.month6?.value != null
    case 'followUp.lastContact':
      return derived.lastFollowUpDate !== null
  }
  const [section, field] = path.split('.') as [keyof PatientRecordInput, string]
  const obj = record[section] as unknown as Record<string, unknown>
  const v = obj[field]
  return v !== null && v !== undefined && v !== ''
}

/** A study field without a value, marked with why (a missing-data code). */
export interface CodedField extends MissingField {
  code: MissingCode
}

/** The code of an empty field, or null (a code next to a value does not count: the value wins). */
function codeOf(record: PatientRecordInput, path: string): MissingCode | null {
  return record.missingCodes?.[path] ?? null
}

/** The fields the study needs that this record does not have yet (coded fields are not listed). */
export function missingFields(record: PatientRecordInput, derived: DerivedRecord = deriveRecord(record)): MissingField[] {
  return requiredPaths(record, derived).filter((m) => !isPresent(record, derived, m.path) && codeOf(record, m.path) === null)
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
  const required = requiredPaths(record, derived)
  const missing: MissingField[] = []
  const coded: CodedField[] = []
  for (const m of required) {
    if (isPresent(record, derived, m.path)) continue
    const code = codeOf(record, m.path)
    if (code === null) missing.push(m)
    else coded.push({ ...m, code })
  }
  const filled = required.length - missing.length
  return { filled, required: required.length, fraction: required.length ? filled / required.length : 1, missing, coded }
}

/** Required fields coded as missing data for the study (not done, unknown, lost to follow-up). */
export function codedAsMissingData(record: PatientRecordInput, derived: DerivedRecord = deriveRecord(record)): CodedField[] {
  return completeness(record, derived).coded.filter((c) => codeMeansMissingData(c.code))
}

/** Whether the study field at `path` (a completeness path) holds a value. */
export function studyFieldHasValue(record: PatientRecordInput, path: string, derived: DerivedRecord = deriveRecord(record)): boolean {
  return isPresent(record, derived, path)
}

/** Coded paths whose field now holds a value: the value wins and the code is dropped. */
export function codesOverriddenByValues(record: PatientRecordInput, derived: DerivedRecord = deriveRecord(record)): string[] {
  return Object.keys(record.missingCodes ?? {}).filter((path) => isPresent(record, derived, path))
}
