// Missing-data codes and form status: what a study team records when a value will not come
// (REDCap's "missing data codes"), as distinct from a field not entered yet, and how far each
// section of the record has been checked. Pure; shared by the services and the renderer.

/**
 * Why a study field has no value. `lostToFollowUp` only applies to follow-up fields (the 6-month
 * visit and the last contact).
 */
export const MISSING_CODES = ['notDone', 'unknown', 'notApplicable', 'lostToFollowUp'] as const
export type MissingCode = (typeof MISSING_CODES)[number]

/**
 * The code as exported (CSV cell of the `missing_codes` column, data dictionary). Not "NA": in the
 * exported CSV and in R, NA already means "no value".
 */
export const MISSING_CODE_EXPORT: Readonly<Record<MissingCode, string>> = {
  notDone: 'ND',
  unknown: 'UNK',
  notApplicable: 'NAP',
  lostToFollowUp: 'LTFU',
}

/** The code in words (data dictionary, CLI); the UI has its own catalogues. */
export const MISSING_CODE_TITLE: Readonly<Record<MissingCode, string>> = {
  notDone: 'not done',
  unknown: 'unknown',
  notApplicable: 'not applicable',
  lostToFollowUp: 'lost to follow-up',
}

/** Whether a code means the value is missing for the analysis (everything but "not applicable"). */
export function codeMeansMissingData(code: MissingCode): boolean {
  return code !== 'notApplicable'
}

/** Whether a field at `path` (a completeness path, e.g. `month6.vasPain`) is a follow-up field. */
export function isFollowUpPath(path: string): boolean {
  return path.startsWith('month6.') || path.startsWith('followUp.')
}

/** The codes a field at `path` may take. */
export function missingCodesFor(path: string): MissingCode[] {
  return MISSING_CODES.filter((c) => c !== 'lostToFollowUp' || isFollowUpPath(path))
}

/** Coded fields of a record: completeness path → code. */
export type MissingCodeMap = Readonly<Record<string, MissingCode>>

// ---- form status per section ----

/** The sections of the record screen, each with its own form status. */
export const FORM_SECTIONS = ['identity', 'preop', 'surgery', 'periop', 'month6', 'followUp'] as const
export type FormSection = (typeof FORM_SECTIONS)[number]

/** incomplete (the default) → complete (entered) → verified (checked against the source). */
export const FORM_STATUSES = ['incomplete', 'complete', 'verified'] as const
export type FormStatus = (typeof FORM_STATUSES)[number]

export interface FormStatusEntry {
  status: FormStatus
  /** Who set it (operating-system user) and when (ISO); null while never set. */
  by: string | null
  at: string | null
}

const SURGERY_SECTION_FIELDS = new Set(['arm', 'surgeryDate', 'procedureDetail', 'fixationLevelsAbove', 'fixationLevelsBelow'])

/**
 * The screen section a record path belongs to: `patient.*`/`identity.*` → identity, the operation
 * itself → surgery, the stay, margin, SRS and complications → periop, and the time points.
 */
export function formSectionOf(path: string): FormSection | null {
  const [section, field = ''] = path.split('.')
  switch (section) {
    case 'patient':
    case 'identity':
      return 'identity'
    case 'preop':
      return 'preop'
    case 'month6':
      return 'month6'
    case 'surgery':
      return SURGERY_SECTION_FIELDS.has(field) ? 'surgery' : 'periop'
    case 'complications':
    case 'complication':
      return 'periop'
    case 'followUp':
    case 'event':
      return 'followUp'
    default:
      return null
  }
}
