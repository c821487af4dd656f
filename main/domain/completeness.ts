// Which fields a record needs for the study. A record may be saved incomplete (drafts are
// normal); the patient list shows how complete it is and what is missing.
import type { PatientRecordInput } from '../contract/patient-record'
import { addDays } from './dates'
import { deriveRecord, FOLLOW_UP_GRACE_DAYS, type DerivedRecord } from './derived'
import { defaultRadiosensitivity } from './radiosensitivity'

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

/**
 * A score known as its total ("total known, items not recorded") is complete: its items are not
 * asked for, so a legacy registry with totals only can pass the study's "case data complete".
 */
function itemsNeeded(a: PatientRecordInput['preop'], field: string): boolean {
  if (a.tokuhashiEnteredTotal !== null && TOKUHASHI_ITEM_FIELDS.has(field)) return false
  if (a.sinsEnteredTotal !== null && SINS_ITEM_FIELDS.has(field)) return false
  return true
}

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

function requiredPaths(record: PatientRecordInput, derived: DerivedRecord): MissingField[] {
  const out: MissingField[] = []
  for (const f of PATIENT_REQUIRED) out.push({ section: 'patient', path: `patient.${f}` })
  out.push({ section: 'patient', path: 'patient.vertebrae' })
  if (record.patient.histology === 'other' && record.preop.tokuhashiEnteredTotal === null) out.push({ section: 'patient', path: 'patient.tokuhashiPrimaryPoints' })
  if (record.patient.histology === null || defaultRadiosensitivity(record.patient.histology) === null) {
    out.push({ section: 'patient', path: 'patient.radiosensitivity' })
  }
  for (const f of PREOP_REQUIRED) if (itemsNeeded(record.preop, f)) out.push({ section: 'preop', path: `preop.${f}` })
  out.push({ section: 'preop', path: 'preop.sosgoq' })
  for (const f of SURGERY_REQUIRED) out.push({ section: 'surgery', path: `surgery.${f}` })
  if (record.surgery.arm !== 'other') for (const f of SRS_REQUIRED) out.push({ section: 'surgery', path: `surgery.${f}` })
  if (month6Due(record, derived)) {
    for (const f of MONTH6_REQUIRED) if (itemsNeeded(record.month6, f)) out.push({ section: 'month6', path: `month6.${f}` })
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

/** The fields the study needs that this record does not have yet. */
export function missingFields(record: PatientRecordInput, derived: DerivedRecord = deriveRecord(record)): MissingField[] {
  return requiredPaths(record, derived).filter((m) => !isPresent(record, derived, m.path))
}

export interface Completeness {
  filled: number
  required: number
  /** 0–1. */
  fraction: number
  missing: MissingField[]
}

export function completeness(record: PatientRecordInput, derived: DerivedRecord = deriveRecord(record)): Completeness {
  const required = requiredPaths(record, derived)
  const missing = required.filter((m) => !isPresent(record, derived, m.path))
  const filled = required.length - missing.length
  return { filled, required: required.length, fraction: required.length ? filled / required.length : 1, missing }
}
