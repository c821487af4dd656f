// Clinical consistency across the record (entered totals against their items, histology and
// primary-site points, age, treatment and SRS, …): warnings, saved and shown.
import type { PatientRecordInput } from '../record'
import { SPINAL_REGION_LIST, codeLabels } from '../catalogue/code-lists'
import { regionOfVertebra, type SpinalRegion, type Timepoint, type Vertebra } from '../codes'
import { ageOn, dateInWords, daysBetween, monthsBetween } from '../dates'
import { defaultRadiosensitivity } from '../radiosensitivity'
import { sinsOf, tokuhashiOf } from '../derived'
import { warning, type ValidationIssue } from './issue'

/** A region in a sentence ('thoracic'): the code list's English label, lower case. */
const REGION_WORDS = codeLabels(SPINAL_REGION_LIST, 'en')
const regionWords = (r: SpinalRegion): string => REGION_WORDS[r].toLowerCase()

const TOKUHASHI_ITEM_PATHS = ['preop.kps', 'preop.tokuhashiExtraspinalBoneFoci', 'preop.tokuhashiVertebralMetastases', 'preop.tokuhashiVisceral', 'patient.histology', 'preop.tokuhashiFrankel']
const SINS_ITEM_KEYS = ['sinsLocation', 'sinsPain', 'sinsBoneLesion', 'sinsAlignment', 'sinsCollapse', 'sinsPosterolateral'] as const

/**
 * A total recorded without items ("total known, items not recorded") whose items were filled in
 * later: their sum must equal the total. When it does not, SpineMet uses the items' sum and says
 * by how much the two differ, so the user can check the items or correct the total.
 */
export function enteredTotalWarnings(record: PatientRecordInput): ValidationIssue[] {
  const out: ValidationIssue[] = []
  // A difference needs an entered total: without one, the score is not computed here at all.
  const { preop } = record
  const tokuhashi = (preop.tokuhashiEnteredTotal ?? null) === null ? null : tokuhashiOf(record)
  const differs = (score: 'tokuhashi' | 'sins', tp: Timepoint, path: string, related: string[], items: number, entered: number) => {
    const name = score === 'tokuhashi' ? 'revised Tokuhashi' : 'SINS'
    const when = tp === 'preop' ? 'preoperative' : '6-month'
    const difference = items - entered
    out.push(
      warning(
        path,
        related,
        'INCONSISTENT',
        'legacy.issues.totalDiffers',
        `The ${when} ${name} items add up to ${items}, but the total recorded without items is ${entered} ` +
          `(the items are ${Math.abs(difference)} point${Math.abs(difference) === 1 ? '' : 's'} ${difference > 0 ? 'higher' : 'lower'}). ` +
          `SpineMet now uses the items' sum; check the items against the chart, or correct the total.`,
        { score, timepoint: tp, items, entered, difference },
      ),
    )
  }
  if (tokuhashi !== null && tokuhashi.difference !== null) differs('tokuhashi', 'preop', 'preop.tokuhashiEnteredTotal', TOKUHASHI_ITEM_PATHS, tokuhashi.fromItems!, tokuhashi.enteredTotal!)
  for (const tp of ['preop', 'month6'] as const) {
    const a = record[tp]
    if ((a.sinsEnteredTotal ?? null) === null) continue
    const sins = sinsOf(a)
    if (sins.difference !== null) differs('sins', tp, `${tp}.sinsEnteredTotal`, SINS_ITEM_KEYS.map((k) => `${tp}.${k}`), sins.fromItems!, sins.enteredTotal!)
  }
  return out
}

export function patientWarnings(record: PatientRecordInput, today: string): ValidationIssue[] {
  const out: ValidationIssue[] = []
  const { patient, identity, surgery, preop, month6 } = record

  if (patient.spinalRegion !== null && patient.vertebrae.length > 0) {
    const regions = [...new Set(patient.vertebrae.map((v: Vertebra) => regionOfVertebra(v)))]
    if (!regions.includes(patient.spinalRegion)) {
      out.push(
        warning(
          'patient.spinalRegion',
          ['patient.vertebrae'],
          'INCONSISTENT',
          'validation.consistency.regionVsVertebrae',
          `The region is ${regionWords(patient.spinalRegion)}, but the involved vertebrae (${patient.vertebrae.join(', ')}) are ${regions.map(regionWords).join(' and ')}. Check the region or the vertebrae.`,
          { region: patient.spinalRegion, vertebrae: patient.vertebrae.join(', '), vertebraeRegions: regions.join(', ') },
        ),
      )
    }
  }

  if (patient.ageYears !== null && identity.dateOfBirth !== null) {
    const reference = surgery.surgeryDate ?? preop.assessedOn ?? surgery.admissionDate ?? patient.diagnosisDate ?? today
    if (reference >= identity.dateOfBirth) {
      const computed = ageOn(identity.dateOfBirth, reference)
      if (Math.abs(computed - patient.ageYears) > 1) {
        out.push(
          warning(
            'patient.ageYears',
            ['identity.dateOfBirth'],
            'INCONSISTENT',
            'validation.consistency.ageVsDateOfBirth',
            `The age entered is ${patient.ageYears} years, but the date of birth (${dateInWords(identity.dateOfBirth)}) gives ${computed} years on ${dateInWords(reference)}. Check the age or the date of birth.`,
            { age: patient.ageYears, computedAge: computed, dateOfBirth: identity.dateOfBirth, referenceDate: reference },
          ),
        )
      }
    }
  }

  if (patient.histology === 'other' && patient.tokuhashiPrimaryPoints === null) {
    out.push(
      warning(
        'patient.tokuhashiPrimaryPoints',
        ['patient.histology'],
        'REQUIRED',
        'validation.required.tokuhashiPrimaryPointsForOther',
        'The histology is "other", so SpineMet cannot look up the Tokuhashi primary-site points. Choose the points (0–5) from the revised Tokuhashi table; until then the Tokuhashi total stays incomplete.',
        { histology: 'other' },
      ),
    )
  }
  if (patient.histology !== null && patient.histology !== 'other' && patient.tokuhashiPrimaryPoints !== null) {
    out.push(
      warning(
        'patient.tokuhashiPrimaryPoints',
        ['patient.histology'],
        'INCONSISTENT',
        'validation.consistency.tokuhashiPrimaryPointsIgnored',
        'Primary-site points were entered by hand, but the histology has its own points in the revised Tokuhashi table, which SpineMet uses. The entered points are ignored; clear them, or set the histology to "other".',
        { histology: patient.histology, points: patient.tokuhashiPrimaryPoints },
      ),
    )
  }
  if (patient.histology !== null && patient.radiosensitivity === null && defaultRadiosensitivity(patient.histology) === null) {
    out.push(
      warning(
        'patient.radiosensitivity',
        ['patient.histology'],
        'REQUIRED',
        'validation.required.radiosensitivityChoice',
        'The published sources do not classify this histology as radiosensitive or radioresistant. Choose the class with the treating team; SpineMet does not guess it.',
        { histology: patient.histology },
      ),
    )
  }

  if (surgery.arm === 'HT' && surgery.srsDate !== null && (surgery.srsDoseGy === null || surgery.srsFractions === null)) {
    const missing = [surgery.srsDoseGy === null ? 'surgery.srsDoseGy' : null, surgery.srsFractions === null ? 'surgery.srsFractions' : null].filter((p): p is string => p !== null)
    out.push(
      warning(
        missing[0]!,
        ['surgery.arm', 'surgery.srsDate', ...missing.slice(1)],
        'REQUIRED',
        'validation.required.srsDoseForHybrid',
        `Hybrid therapy is surgery followed by SRS, and an SRS date is recorded (${dateInWords(surgery.srsDate)}), but the ${missing.length === 2 ? 'dose and the number of fractions are' : missing[0] === 'surgery.srsDoseGy' ? 'dose is' : 'number of fractions is'} missing. Enter them from the radiotherapy record.`,
        { srsDate: surgery.srsDate },
      ),
    )
  }

  if (surgery.surgeryDate !== null && month6.assessedOn !== null && month6.assessedOn > surgery.surgeryDate) {
    const months = monthsBetween(surgery.surgeryDate, month6.assessedOn)
    if (months < 4 || months > 8) {
      out.push(
        warning(
          'month6.assessedOn',
          ['surgery.surgeryDate'],
          'INCONSISTENT',
          'validation.consistency.month6Timing',
          `The 6-month assessment (${dateInWords(month6.assessedOn)}) is ${Math.round(months * 10) / 10} months after the operation (${dateInWords(surgery.surgeryDate)}); SpineMet expects 4 to 8 months. Check the date, or whether this belongs to another visit.`,
          { date: month6.assessedOn, otherDate: surgery.surgeryDate, months: Math.round(months * 10) / 10, days: daysBetween(surgery.surgeryDate, month6.assessedOn) },
        ),
      )
    }
  }

  if (preop.sosgoqVersion !== null && month6.sosgoqVersion !== null && preop.sosgoqVersion !== month6.sosgoqVersion) {
    out.push(
      warning(
        'month6.sosgoqVersion',
        ['preop.sosgoqVersion'],
        'INCONSISTENT',
        'validation.consistency.sosgoqVersionMismatch',
        `The 6-month SOSG-OQ is version ${month6.sosgoqVersion} but the preoperative one is version ${preop.sosgoqVersion}. The versions are scored in opposite directions and are never pooled, so no change in quality of life can be computed for this patient. Check which form was used.`,
        { preopVersion: preop.sosgoqVersion, month6Version: month6.sosgoqVersion },
      ),
    )
  }
  return out
}
