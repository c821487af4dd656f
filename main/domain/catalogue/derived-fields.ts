// The catalogue's derived fields: values SpineMet computes from the entered ones (score totals and
// bands, intervals, survival endpoints, eligibility), never entered and never imported — except
// the missing-data codes, which the import reads back. Each names its type, unit, allowed values,
// meaning and source, as the record fields do; the export writes them as read-only columns and
// lists them in its data dictionary and SPSS syntax.
import type { DerivedRecord } from '../derived'
import type { EligibilityResult } from '../eligibility'
import { MISSING_CODES, MISSING_CODE_EXPORT, MISSING_CODE_TITLE } from '../missing-codes'
import { MISSING_CODES_COLUMN, formatMissingCodes } from '../missing-codes-text'
import type { PatientRecordInput } from '../record'

export interface DerivedInput {
  record: PatientRecordInput
  derived: DerivedRecord
  eligibility: EligibilityResult
}

export interface DerivedColumn {
  name: string
  /** Computed, read-only. */
  derived: true
  kind: 'integer' | 'decimal' | 'date' | 'category' | 'boolean' | 'text'
  unit: string | null
  allowed: string | null
  meaning: string
  source: string
  value(x: DerivedInput): unknown
}

const SOSGOQ_MEANING =
  'SOSG-OQ score 0–100 under SpineMet\'s scoring profile for the version in *.sosgoqVersion: version 1.0 lower = better (Zheng 2021), version 2.0 higher = better; never pool the two. Items are used when at least half are answered, else the entered total.'

const TOTAL_SOURCE_ALLOWED = 'items = the sum of every item; entered = the total recorded without items (*EnteredTotal)'

export const DERIVED_COLUMNS: readonly DerivedColumn[] = [
  {
    name: 'derived.tokuhashiTotal',
    derived: true,
    kind: 'integer',
    unit: 'points (0–15)',
    allowed: '0–15',
    meaning:
      'Revised Tokuhashi total: the sum of the six preoperative items once every item is recorded, else the total entered without items (preop.tokuhashiEnteredTotal); NA when neither exists. Higher = better prognosis. Where it came from: derived.tokuhashiTotalSource.',
    source: 'docs/clinical-reference.md §1',
    value: (x) => x.derived.tokuhashi.total,
  },
  {
    name: 'derived.tokuhashiTotalSource',
    derived: true,
    kind: 'category',
    unit: null,
    allowed: TOTAL_SOURCE_ALLOWED,
    meaning: 'Where derived.tokuhashiTotal comes from: the items, or the total entered without items (a legacy registry, the chart).',
    source: 'SpineMet registry',
    value: (x) => x.derived.tokuhashi.source,
  },
  {
    name: 'derived.tokuhashiBand',
    derived: true,
    kind: 'category',
    unit: null,
    allowed: 'under6Months = 0–8 (< 6 months); atLeast6Months = 9–11 (≥ 6 months); atLeast1Year = 12–15 (≥ 1 year)',
    meaning: 'Predicted-survival band of the revised Tokuhashi total.',
    source: 'docs/clinical-reference.md §1',
    value: (x) => x.derived.tokuhashi.band,
  },
  {
    name: 'derived.sinsPreopTotal',
    derived: true,
    kind: 'integer',
    unit: 'points (0–18)',
    allowed: '0–18',
    meaning:
      'SINS total before surgery: the sum of the six components once all are recorded, else the total entered without components (preop.sinsEnteredTotal); NA when neither exists. Where it came from: derived.sinsPreopTotalSource.',
    source: 'docs/clinical-reference.md §2',
    value: (x) => x.derived.sins.preop.total,
  },
  {
    name: 'derived.sinsPreopTotalSource',
    derived: true,
    kind: 'category',
    unit: null,
    allowed: TOTAL_SOURCE_ALLOWED,
    meaning: 'Where derived.sinsPreopTotal comes from: the components, or the total entered without components.',
    source: 'SpineMet registry',
    value: (x) => x.derived.sins.preop.source,
  },
  {
    name: 'derived.sinsPreopBand',
    derived: true,
    kind: 'category',
    unit: null,
    allowed: 'stable = 0–6; indeterminate = 7–12; unstable = 13–18',
    meaning: 'SINS stability category before surgery.',
    source: 'docs/clinical-reference.md §2',
    value: (x) => x.derived.sins.preop.band,
  },
  {
    name: 'derived.sinsMonth6Total',
    derived: true,
    kind: 'integer',
    unit: 'points (0–18)',
    allowed: '0–18',
    meaning: 'SINS total six months after surgery: the components\' sum once all are recorded, else the total entered without components (month6.sinsEnteredTotal).',
    source: 'docs/clinical-reference.md §2',
    value: (x) => x.derived.sins.month6.total,
  },
  {
    name: 'derived.sinsMonth6TotalSource',
    derived: true,
    kind: 'category',
    unit: null,
    allowed: TOTAL_SOURCE_ALLOWED,
    meaning: 'Where derived.sinsMonth6Total comes from: the components, or the total entered without components.',
    source: 'SpineMet registry',
    value: (x) => x.derived.sins.month6.source,
  },
  {
    name: 'derived.sinsMonth6Band',
    derived: true,
    kind: 'category',
    unit: null,
    allowed: 'stable = 0–6; indeterminate = 7–12; unstable = 13–18',
    meaning: 'SINS stability category six months after surgery.',
    source: 'docs/clinical-reference.md §2',
    value: (x) => x.derived.sins.month6.band,
  },
  {
    name: 'derived.sosgoqPreopScore',
    derived: true,
    kind: 'decimal',
    unit: 'points (0–100)',
    allowed: '0–100',
    meaning: `Before surgery. ${SOSGOQ_MEANING}`,
    source: 'docs/clinical-reference.md §7',
    value: (x) => x.derived.sosgoq.preop?.value ?? null,
  },
  {
    name: 'derived.sosgoqPreopSource',
    derived: true,
    kind: 'category',
    unit: null,
    allowed: 'items = computed from the answers; entered = total copied from the chart',
    meaning: 'Where the preoperative SOSG-OQ score comes from.',
    source: 'docs/clinical-reference.md §7',
    value: (x) => x.derived.sosgoq.preop?.source ?? null,
  },
  {
    name: 'derived.sosgoqMonth6Score',
    derived: true,
    kind: 'decimal',
    unit: 'points (0–100)',
    allowed: '0–100',
    meaning: `Six months after surgery. ${SOSGOQ_MEANING}`,
    source: 'docs/clinical-reference.md §7',
    value: (x) => x.derived.sosgoq.month6?.value ?? null,
  },
  {
    name: 'derived.sosgoqMonth6Source',
    derived: true,
    kind: 'category',
    unit: null,
    allowed: 'items = computed from the answers; entered = total copied from the chart',
    meaning: 'Where the 6-month SOSG-OQ score comes from.',
    source: 'docs/clinical-reference.md §7',
    value: (x) => x.derived.sosgoq.month6?.source ?? null,
  },
  {
    name: 'derived.radiosensitivity',
    derived: true,
    kind: 'category',
    unit: null,
    allowed: 'sensitive; resistant',
    meaning: 'Radiosensitivity used by SpineMet (the study\'s two levels; highly and moderately sensitive are both sensitive): the entered class, else the registry\'s setting for the histology, else SpineMet\'s default; NA where none applies.',
    source: 'docs/clinical-reference.md §9, §13',
    value: (x) => x.derived.radiosensitivity.value,
  },
  {
    name: 'derived.radiosensitivitySource',
    derived: true,
    kind: 'category',
    unit: null,
    allowed: 'entered = chosen by the clinician; registrySetting = the registry\'s setting for the histology; histology = SpineMet\'s default for the histology',
    meaning: 'Where derived.radiosensitivity comes from.',
    source: 'docs/clinical-reference.md §9',
    value: (x) => x.derived.radiosensitivity.source,
  },
  {
    name: 'derived.surgeryToSrsDays',
    derived: true,
    kind: 'integer',
    unit: 'days',
    allowed: null,
    meaning: 'Days from surgery to the first SRS fraction.',
    source: 'Zheng 2021',
    value: (x) => x.derived.surgeryToSrsDays,
  },
  {
    name: 'derived.lengthOfStayDays',
    derived: true,
    kind: 'integer',
    unit: 'days',
    allowed: null,
    meaning: 'Days from admission to discharge.',
    source: 'Zheng 2021',
    value: (x) => x.derived.lengthOfStayDays,
  },
  {
    name: 'derived.localProgressionDate',
    derived: true,
    kind: 'date',
    unit: null,
    allowed: null,
    meaning: 'Date of the first local progression (follow-up file).',
    source: 'docs/clinical-reference.md §11',
    value: (x) => x.derived.localProgressionDate,
  },
  {
    name: 'derived.deathDate',
    derived: true,
    kind: 'date',
    unit: null,
    allowed: null,
    meaning: 'Date of death (follow-up file).',
    source: 'docs/clinical-reference.md §11',
    value: (x) => x.derived.deathDate,
  },
  {
    name: 'derived.lastFollowUpDate',
    derived: true,
    kind: 'date',
    unit: null,
    allowed: null,
    meaning: 'Latest dated follow-up event of any kind.',
    source: 'docs/clinical-reference.md §11',
    value: (x) => x.derived.lastFollowUpDate,
  },
  {
    name: 'derived.followUpMonths',
    derived: true,
    kind: 'decimal',
    unit: 'months',
    allowed: null,
    meaning: 'Months from surgery to the last follow-up (days / (365.25 / 12)).',
    source: 'docs/clinical-reference.md §11',
    value: (x) => x.derived.followUpMonths,
  },
  {
    name: 'derived.localControlMonths',
    derived: true,
    kind: 'decimal',
    unit: 'months',
    allowed: null,
    meaning: 'Local control time: surgery to the first local progression, or to the last follow-up when none (censored). Months = days / (365.25 / 12).',
    source: 'docs/clinical-reference.md §11',
    value: (x) => x.derived.localControl?.months ?? null,
  },
  {
    name: 'derived.localControlEvent',
    derived: true,
    kind: 'boolean',
    unit: null,
    allowed: '1 = local progression; 0 = censored',
    meaning: 'Event indicator for derived.localControlMonths (Surv(time, event) in R).',
    source: 'docs/clinical-reference.md §11',
    value: (x) => (x.derived.localControl ? x.derived.localControl.event === 1 : null),
  },
  {
    name: 'derived.overallSurvivalMonths',
    derived: true,
    kind: 'decimal',
    unit: 'months',
    allowed: null,
    meaning: 'Overall survival time: surgery to death of any cause, or to the last follow-up when alive (censored). Months = days / (365.25 / 12).',
    source: 'docs/clinical-reference.md §11',
    value: (x) => x.derived.overallSurvival?.months ?? null,
  },
  {
    name: 'derived.overallSurvivalEvent',
    derived: true,
    kind: 'boolean',
    unit: null,
    allowed: '1 = died; 0 = censored',
    meaning: 'Event indicator for derived.overallSurvivalMonths.',
    source: 'docs/clinical-reference.md §11',
    value: (x) => (x.derived.overallSurvival ? x.derived.overallSurvival.event === 1 : null),
  },
  {
    name: 'derived.eligibility',
    derived: true,
    kind: 'category',
    unit: null,
    allowed: 'eligible; ineligible; unknown',
    meaning: 'Whether the patient meets the reference study\'s inclusion and exclusion criteria (unknown while data are missing).',
    source: 'Zheng 2021 (Methods, Patients)',
    value: (x) => x.eligibility.status,
  },
  {
    name: 'derived.eligibilityFailed',
    derived: true,
    kind: 'text',
    unit: null,
    allowed: null,
    meaning: 'Criteria not met, separated by semicolons (e.g. tokuhashi9to11;ecogAtMost3).',
    source: 'Zheng 2021 (Methods, Patients)',
    value: (x) => (x.eligibility.failed.length > 0 ? x.eligibility.failed.join(';') : null),
  },
  {
    name: MISSING_CODES_COLUMN,
    derived: true,
    kind: 'text',
    unit: null,
    allowed: MISSING_CODES.map((c) => `${MISSING_CODE_EXPORT[c]} = ${MISSING_CODE_TITLE[c]}`).join('; '),
    meaning:
      'Study fields marked as missing for a reason, as field=code pairs separated by semicolons (e.g. preop.ecog=ND;month6.sosgoq=LTFU). Those fields are NA in their own columns; NA in a field not listed here means "not entered yet". LTFU only marks follow-up fields. Read back on import.',
    source: 'SpineMet (missing-data codes)',
    value: (x) => formatMissingCodes(x.record.missingCodes),
  },
]
