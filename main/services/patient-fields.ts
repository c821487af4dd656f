// English names of the record's fields, for messages that say which field was refused
// ("The KPS (preoperative) was not saved: …"). The renderer translates by `field`.
import type { z } from 'zod'

const SECTION_WORDS: Record<string, string> = {
  patient: '',
  identity: '',
  preop: 'preoperative',
  month6: '6-month',
  surgery: '',
}

const FIELD_WORDS: Record<string, string> = {
  // patient
  studyId: 'study id',
  ageYears: 'age',
  sex: 'sex',
  histology: 'primary histology',
  histologyDetail: 'histology detail',
  radiosensitivity: 'radiosensitivity',
  tokuhashiPrimaryPoints: 'Tokuhashi primary-site points',
  diagnosisDate: 'diagnosis date',
  spinalRegion: 'spinal region',
  vertebrae: 'involved vertebrae',
  primaryControlled: '"primary tumour controlled"',
  surgicalContraindication: '"surgical contraindication"',
  previousSpinalResection: '"previous spinal resection"',
  notes: 'notes',
  // identity
  fullName: 'name',
  hospitalNumber: 'hospital number',
  dateOfBirth: 'date of birth',
  // assessment
  assessedOn: 'assessment date',
  kps: 'KPS',
  ecog: 'ECOG grade',
  tokuhashiExtraspinalBoneFoci: 'number of extraspinal bone metastases (Tokuhashi)',
  tokuhashiVertebralMetastases: 'number of vertebral metastases (Tokuhashi)',
  tokuhashiVisceral: 'metastases to major internal organs (Tokuhashi)',
  tokuhashiFrankel: 'palsy, Frankel grade (Tokuhashi)',
  tokuhashiEnteredTotal: 'revised Tokuhashi total (items not recorded)',
  bilskyGrade: 'Bilsky grade',
  sinsLocation: 'SINS location',
  sinsPain: 'SINS pain',
  sinsBoneLesion: 'SINS bone lesion',
  sinsAlignment: 'SINS alignment',
  sinsCollapse: 'SINS vertebral body collapse',
  sinsPosterolateral: 'SINS posterolateral involvement',
  sinsEnteredTotal: 'SINS total (components not recorded)',
  asiaGrade: 'ASIA grade',
  vasPain: 'VAS pain',
  myelopathy: 'myelopathy',
  toleratesSurgery: '"can tolerate surgery"',
  sosgoqVersion: 'SOSG-OQ version',
  sosgoqAnswers: 'SOSG-OQ answers',
  sosgoqEnteredTotal: 'SOSG-OQ total',
  // surgery
  arm: 'treatment arm',
  admissionDate: 'admission date',
  surgeryDate: 'surgery date',
  dischargeDate: 'discharge date',
  procedureDetail: 'procedure detail',
  fixationLevelsAbove: 'fixation levels above',
  fixationLevelsBelow: 'fixation levels below',
  operativeTimeMin: 'operative time',
  bloodLossMl: 'blood loss',
  marginStatus: 'margin status',
  srsDate: 'SRS date',
  srsDoseGy: 'SRS dose',
  srsFractions: 'number of SRS fractions',
  // complications and follow-up
  kind: 'kind',
  description: 'description',
  grade: 'Clavien–Dindo grade',
  onsetDate: 'onset date',
  eventDate: 'date',
  note: 'note',
}

const EXPECTED_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'yes or no',
  array: 'a list',
  null: 'no value',
}

const UNITS: Record<string, string> = { operativeTimeMin: ' minutes', bloodLossMl: ' ml', srsDoseGy: ' Gy', ageYears: ' years', kps: ' %' }

/** 'preop.kps' → 'preoperative KPS'; 'surgery.srsDate' → 'SRS date'. */
export function fieldLabel(path: string): string {
  const parts = path.split('.')
  const field = parts[parts.length - 1] ?? path
  const section = parts.length > 1 ? (SECTION_WORDS[parts[0]!] ?? '') : ''
  const words = FIELD_WORDS[field] ?? field.replace(/([A-Z])/g, ' $1').toLowerCase()
  return section ? `${section} ${words}` : words
}

/** One zod issue about a single value, in words (the value itself is never echoed: it may identify a patient). */
export function describeValueProblem(issue: z.core.$ZodIssue | undefined, path: string, value?: unknown): string {
  if (!issue) return 'the value is not valid'
  if (value === undefined && issue.path.length === 0) return 'no value was given (send null to clear the field)'
  const field = path.split('.').pop() ?? ''
  const unit = UNITS[field] ?? ''
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${EXPECTED_WORDS[issue.expected] ?? issue.expected}`
    case 'too_big':
      if (issue.origin === 'string') return `it is longer than ${String(issue.maximum)} characters`
      if (issue.origin === 'array') return `it has more than ${String(issue.maximum)} entries`
      return `it must be at most ${String(issue.maximum)}${unit}`
    case 'too_small':
      if (issue.origin === 'string') return 'it is empty'
      return issue.inclusive === false ? `it must be more than ${String(issue.minimum)}${unit}` : `it must be at least ${String(issue.minimum)}${unit}`
    case 'not_multiple_of':
      return `it must be a multiple of ${String(issue.divisor)}${unit}`
    case 'invalid_value':
      return `choose one of: ${naturalOrder(issue.values.map(String)).join(', ')}`
    default:
      return issue.message.replace(/\.$/, '')
  }
}

/**
 * zod lists enum values in object-key order, which puts integer-like codes first ("0, 2, 3, 1a");
 * put such lists back in natural order (Bilsky 0, 1a, 1b, 1c, 2, 3). Other lists keep their order.
 */
function naturalOrder(values: string[]): string[] {
  if (!values.some((v) => /^\d+$/.test(v))) return values
  return [...values].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
}
