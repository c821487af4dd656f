// Mapping between camelCase record fields and snake_case columns, one list per table section.
// Kinds say how a value is stored: booleans as 0/1, SOSG-OQ answers as JSON text.

export type ColumnKind = 'text' | 'int' | 'real' | 'bool' | 'json'

export interface ColumnSpec {
  field: string
  column: string
  kind: ColumnKind
}

const c = (field: string, column: string, kind: ColumnKind): ColumnSpec => ({ field, column, kind })

/** `patients` table (vertebrae live in patient_vertebrae; studyId is also here). */
export const PATIENT_COLUMNS: readonly ColumnSpec[] = [
  c('studyId', 'study_id', 'text'),
  c('ageYears', 'age_years', 'int'),
  c('sex', 'sex', 'text'),
  c('histology', 'histology', 'text'),
  c('histologyDetail', 'histology_detail', 'text'),
  c('radiosensitivity', 'radiosensitivity', 'text'),
  c('tokuhashiPrimaryPoints', 'tokuhashi_primary_points', 'int'),
  c('diagnosisDate', 'diagnosis_date', 'text'),
  c('spinalRegion', 'spinal_region', 'text'),
  c('primaryControlled', 'primary_controlled', 'bool'),
  c('surgicalContraindication', 'surgical_contraindication', 'bool'),
  c('previousSpinalResection', 'previous_spinal_resection', 'bool'),
  c('notes', 'notes', 'text'),
]

export const IDENTITY_COLUMNS: readonly ColumnSpec[] = [
  c('fullName', 'full_name', 'text'),
  c('hospitalNumber', 'hospital_number', 'text'),
  c('dateOfBirth', 'date_of_birth', 'text'),
]

export const ASSESSMENT_COLUMNS: readonly ColumnSpec[] = [
  c('assessedOn', 'assessed_on', 'text'),
  c('kps', 'kps', 'int'),
  c('ecog', 'ecog', 'int'),
  c('tokuhashiExtraspinalBoneFoci', 'tokuhashi_extraspinal_bone_foci', 'int'),
  c('tokuhashiVertebralMetastases', 'tokuhashi_vertebral_metastases', 'int'),
  c('tokuhashiVisceral', 'tokuhashi_visceral', 'text'),
  c('tokuhashiFrankel', 'tokuhashi_frankel', 'text'),
  c('tokuhashiEnteredTotal', 'tokuhashi_entered_total', 'int'),
  c('bilskyGrade', 'bilsky_grade', 'text'),
  c('sinsLocation', 'sins_location', 'text'),
  c('sinsPain', 'sins_pain', 'text'),
  c('sinsBoneLesion', 'sins_bone_lesion', 'text'),
  c('sinsAlignment', 'sins_alignment', 'text'),
  c('sinsCollapse', 'sins_collapse', 'text'),
  c('sinsPosterolateral', 'sins_posterolateral', 'text'),
  c('sinsEnteredTotal', 'sins_entered_total', 'int'),
  c('asiaGrade', 'asia_grade', 'text'),
  c('vasPain', 'vas_pain', 'real'),
  c('myelopathy', 'myelopathy', 'bool'),
  c('toleratesSurgery', 'tolerates_surgery', 'bool'),
  c('sosgoqVersion', 'sosgoq_version', 'text'),
  c('sosgoqAnswers', 'sosgoq_answers', 'json'),
  c('sosgoqEnteredTotal', 'sosgoq_entered_total', 'real'),
]

export const SURGERY_COLUMNS: readonly ColumnSpec[] = [
  c('arm', 'arm', 'text'),
  c('admissionDate', 'admission_date', 'text'),
  c('surgeryDate', 'surgery_date', 'text'),
  c('dischargeDate', 'discharge_date', 'text'),
  c('procedureDetail', 'procedure_detail', 'text'),
  c('fixationLevelsAbove', 'fixation_levels_above', 'int'),
  c('fixationLevelsBelow', 'fixation_levels_below', 'int'),
  c('operativeTimeMin', 'operative_time_min', 'int'),
  c('bloodLossMl', 'blood_loss_ml', 'int'),
  c('marginStatus', 'margin_status', 'text'),
  c('srsDate', 'srs_date', 'text'),
  c('srsDoseGy', 'srs_dose_gy', 'real'),
  c('srsFractions', 'srs_fractions', 'int'),
]

export const COMPLICATION_COLUMNS: readonly ColumnSpec[] = [
  c('kind', 'kind', 'text'),
  c('description', 'description', 'text'),
  c('grade', 'grade', 'text'),
  c('onsetDate', 'onset_date', 'text'),
]

export const FOLLOW_UP_COLUMNS: readonly ColumnSpec[] = [
  c('kind', 'kind', 'text'),
  c('eventDate', 'event_date', 'text'),
  c('note', 'note', 'text'),
]

/** Converts a record value to what SQLite stores. */
export function toDb(kind: ColumnKind, value: unknown): string | number | null {
  if (value === null || value === undefined) return null
  switch (kind) {
    case 'bool':
      return value ? 1 : 0
    case 'json':
      return JSON.stringify(value)
    case 'int':
    case 'real':
      return value as number
    default:
      return value as string
  }
}

/** Converts a stored value back to the record's type. */
export function fromDb(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null
  switch (kind) {
    case 'bool':
      return value === 1 || value === 1n
    case 'json':
      return JSON.parse(value as string) as unknown
    case 'int':
      return typeof value === 'bigint' ? Number(value) : value
    default:
      return value
  }
}

export function rowToObject<T>(row: Record<string, unknown>, columns: readonly ColumnSpec[]): T {
  const out: Record<string, unknown> = {}
  for (const col of columns) out[col.field] = fromDb(col.kind, row[col.column])
  return out as T
}

/** rowToObject for a row read in raw mode (an array): the columns' values start at `offset`. */
export function arrayToObject<T>(row: readonly unknown[], columns: readonly ColumnSpec[], offset: number): T {
  const out: Record<string, unknown> = {}
  for (let j = 0; j < columns.length; j++) {
    const col = columns[j]!
    out[col.field] = fromDb(col.kind, row[offset + j])
  }
  return out as T
}

export function objectToParams(obj: Record<string, unknown>, columns: readonly ColumnSpec[]): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {}
  for (const col of columns) out[col.column] = toDb(col.kind, obj[col.field])
  return out
}
