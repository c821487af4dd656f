// Values the schema allows but that are rarely right (soft limits, as REDCap's soft min/max): the
// record screen asks the user to confirm one before it is saved. Hard limits stay in the contract.

import { SURGERY_FIELDS } from './catalogue/fields'

export interface PlausibilityWarning {
  path: string
  /** Key under `entry.plausibility.` in the UI catalogues. */
  messageKey: string
  /** English sentence (CLI, logs). */
  message: string
  params: Record<string, string | number>
}

/** SRS doses below this are almost always a unit or decimal slip (cGy, 0.8 for 8). */
export const SRS_DOSE_SOFT_MIN_GY: number = SURGERY_FIELDS.srsDoseGy.softMin

/** A warning for a value that is allowed but implausible, or null. */
export function plausibilityWarning(path: string, value: unknown): PlausibilityWarning | null {
  if (path === 'surgery.srsDoseGy' && typeof value === 'number' && value > 0 && value < SRS_DOSE_SOFT_MIN_GY) {
    return {
      path,
      messageKey: 'srsDoseLow',
      message: `An SRS dose of ${value} Gy is below ${SRS_DOSE_SOFT_MIN_GY} Gy, which is unusual. Check the dose and its unit (Gy, not cGy).`,
      params: { value, min: SRS_DOSE_SOFT_MIN_GY },
    }
  }
  if ((path === 'identity.fullName' || path === 'identity.hospitalNumber') && typeof value === 'string' && value !== '' && value.trim() === '') {
    return { path, messageKey: 'blankText', message: 'This contains only spaces. Enter the text, or clear the field.', params: {} }
  }
  return null
}
