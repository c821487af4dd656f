// Dates and perioperative values of one demo patient's treatment.
import type { ComplicationKind } from '@domain/codes'
import { addDays } from '@domain/dates'
import { drawClamped } from './parts'
import {
  OTHER_PERIOPERATIVE,
  fixationLevels,
  getsSrs,
  isOperated,
  makeComplication,
  marginFor,
  procedureDetail,
} from './perioperative'
import type { Plan } from './plan'
import type { Rng } from './random'
import { PERIOPERATIVE, SRS_DOSE_GY, SRS_FRACTIONS } from './targets'

export interface TreatmentValues {
  /** Surgery date, or the admission date of a patient who is not operated. */
  date: string
  operativeTimeMin?: number
  bloodLossMl?: number
  stayDays?: number
  srsDays?: number
  tesPositiveMargin?: boolean
  complications?: readonly ComplicationKind[]
  /** Free text appended to the procedure description. */
  extraDetail?: string | null
}

/** Days in hospital before the operation (work-up: CT, MRI, bone scan, percutaneous biopsy). */
function preopDays(rng: Rng, stay: number, minPostop: number): number {
  const d = rng.weighted([[2, 0.3], [3, 0.35], [4, 0.25], [5, 0.1]] as const)
  return Math.max(1, Math.min(d, stay - minPostop))
}

/**
 * Fills the treatment of `plan` (procedure already chosen): admission, surgery and discharge
 * dates, operative time, blood loss, margin, SRS, complications. Values not given are drawn:
 * study-arm procedures from Table 3, the others from typical values.
 */
export function applyTreatment(rng: Rng, plan: Plan, v: TreatmentValues): void {
  const kind = plan.procedure
  const studyArm = kind === 'HT' || kind === 'TES' ? PERIOPERATIVE[kind] : null
  const other = kind === 'HT' || kind === 'TES' ? null : OTHER_PERIOPERATIVE[kind]
  const operated = isOperated(kind)
  const stay =
    v.stayDays ??
    (studyArm ? drawClamped(rng, studyArm.stayDays.mean, studyArm.stayDays.sd, 8, 30, 1) : drawClamped(rng, other!.stayDays[0], other!.stayDays[1], 3, 25, 1))
  if (operated) {
    const pre = preopDays(rng, stay, kind === 'vertebroplasty_srs' ? 1 : 6)
    plan.surgeryDate = v.date
    plan.admissionDate = addDays(v.date, -pre)
    plan.dischargeDate = addDays(plan.admissionDate, stay)
    plan.operativeTimeMin =
      v.operativeTimeMin ??
      (studyArm
        ? drawClamped(rng, studyArm.operativeMin.mean, studyArm.operativeMin.sd, 120, 520, 5)
        : drawClamped(rng, other!.operativeMin[0], other!.operativeMin[1], 20, 400, 5))
    plan.bloodLossMl =
      v.bloodLossMl ??
      (studyArm ? drawClamped(rng, studyArm.bloodLossMl.mean, studyArm.bloodLossMl.sd, 200, 3200, 10) : drawClamped(rng, other!.bloodLossMl[0], other!.bloodLossMl[1], 5, 2000, 10))
    plan.marginStatus = marginFor(kind, v.tesPositiveMargin ?? false)
    const instrumented = kind !== 'vertebroplasty_srs'
    plan.fixation = !instrumented ? null : kind === 'cervical_corpectomy_srs' ? { above: 1, below: 1 } : fixationLevels(rng, plan.vertebrae)
  } else {
    plan.surgeryDate = null
    plan.admissionDate = v.date
    plan.dischargeDate = addDays(v.date, stay)
    plan.operativeTimeMin = null
    plan.bloodLossMl = null
    plan.marginStatus = null
    plan.fixation = null
  }
  if (getsSrs(kind)) {
    const days =
      v.srsDays ??
      (studyArm
        ? drawClamped(rng, studyArm.srsDays.mean, studyArm.srsDays.sd, 16, 30, 1)
        : kind === 'vertebroplasty_srs'
          ? rng.int(7, 14)
          : kind === 'not_operated_srs'
            ? rng.int(3, 7)
            : rng.int(21, 28))
    plan.srsDate = addDays(plan.surgeryDate ?? plan.admissionDate, days)
    plan.srsDoseGy = SRS_DOSE_GY
    plan.srsFractions = SRS_FRACTIONS
  } else {
    plan.srsDate = null
    plan.srsDoseGy = null
    plan.srsFractions = null
  }
  const ebrt = kind === 'decompression_ebrt' || kind === 'not_operated_ebrt' ? (plan.histology === 'myeloma' ? 'Radiotherapy 20 Gy in 5 fractions with systemic therapy.' : 'Radiotherapy 30 Gy in 10 fractions.') : null
  plan.procedureDetail = procedureDetail(kind, plan.vertebrae, plan.fixation, [ebrt, v.extraDetail ?? null].filter((x) => x).join(' ') || null)
  plan.complications = operated && plan.surgeryDate ? (v.complications ?? []).map((k) => makeComplication(rng, k, plan.surgeryDate!, addDays)) : []
}
