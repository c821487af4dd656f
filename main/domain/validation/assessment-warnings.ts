// Clinical consistency within one assessment (ECOG and KPS, ASIA and Frankel, SINS location and
// the vertebrae, …): warnings a clinician may have a reason for, saved and shown.
import type { Assessment, PatientRecordInput } from '../record'
import type { Timepoint } from '../codes'
import { frankelApproximationOfAsia } from '../scores/asia'
import { ECOG_KPS_PLAUSIBLE, ecogKpsConsistent } from '../scores/performance-status'
import { sinsLocationOfLevels } from '../scores/sins'
import { warning, type ValidationIssue } from './issue'

const SINS_LOCATION_WORDS: Record<string, string> = { junctional: 'junctional', mobile: 'mobile', semi_rigid: 'semi-rigid', rigid: 'rigid' }

export function assessmentWarnings(record: PatientRecordInput, a: Assessment, tp: Timepoint): ValidationIssue[] {
  const out: ValidationIssue[] = []
  const when = tp === 'preop' ? 'preoperative' : '6-month'
  const vertebrae = record.patient.vertebrae
  if (a.ecog !== null && a.kps !== null && !ecogKpsConsistent(a.ecog, a.kps)) {
    const [lo, hi] = ECOG_KPS_PLAUSIBLE[a.ecog] ?? [0, 100]
    out.push(
      warning(
        `${tp}.kps`,
        [`${tp}.ecog`],
        'INCONSISTENT',
        'validation.consistency.ecogVsKps',
        `The ${when} ECOG ${a.ecog} and KPS ${a.kps} % do not usually go together (published conversions put ECOG ${a.ecog} at KPS ${lo === hi ? `${lo}` : `${lo}–${hi}`} %). Check both; they are recorded separately on purpose.`,
        { timepoint: tp, ecog: a.ecog, kps: a.kps, kpsMin: lo, kpsMax: hi },
      ),
    )
  }
  if (tp === 'preop' && a.kps === 0) {
    out.push(
      warning('preop.kps', [], 'INCONSISTENT', 'validation.consistency.preopKpsZero', 'A KPS of 0 % means the patient has died; it cannot describe a patient before an operation. Check the KPS.', {
        kps: 0,
      }),
    )
  }
  if (tp === 'preop' && a.ecog === 5) {
    out.push(
      warning('preop.ecog', [], 'INCONSISTENT', 'validation.consistency.preopEcogFive', 'ECOG 5 means the patient has died; it cannot describe a patient before an operation. Check the ECOG grade.', {
        ecog: 5,
      }),
    )
  }
  if (tp === 'preop' && a.tokuhashiFrankel !== null && a.asiaGrade !== null && frankelApproximationOfAsia(a.asiaGrade) !== a.tokuhashiFrankel) {
    out.push(
      warning(
        'preop.tokuhashiFrankel',
        ['preop.asiaGrade'],
        'INCONSISTENT',
        'validation.consistency.frankelVsAsia',
        `The Tokuhashi palsy item uses Frankel ${a.tokuhashiFrankel}, but the ASIA grade entered is ${a.asiaGrade}. ` +
          'ASIA letters correspond to Frankel letters only as an approximation (the definitions differ), so check that both describe the same examination.',
        { frankel: a.tokuhashiFrankel, asia: a.asiaGrade },
      ),
    )
  }
  if (a.sinsLocation !== null && vertebrae.length > 0) {
    const expected = sinsLocationOfLevels(vertebrae)
    if (expected !== null && expected !== a.sinsLocation) {
      out.push(
        warning(
          `${tp}.sinsLocation`,
          ['patient.vertebrae'],
          'INCONSISTENT',
          'validation.consistency.sinsLocationVsVertebrae',
          `The ${when} SINS location is ${SINS_LOCATION_WORDS[a.sinsLocation]}, but the involved vertebrae (${vertebrae.join(', ')}) make it ${SINS_LOCATION_WORDS[expected]} ` +
            '(for several levels the most unstable class counts). Check the location or the vertebrae.',
          { timepoint: tp, location: a.sinsLocation, expected, vertebrae: vertebrae.join(', ') },
        ),
      )
    }
  }
  return out
}
