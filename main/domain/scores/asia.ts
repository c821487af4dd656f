// ASIA Impairment Scale A–E (ISNCSCI), docs/clinical-reference.md §4, and its use as a Frankel approximation.
import type { AsiaGrade, FrankelGrade } from '../codes'

/**
 * AIS letters map one-to-one to Frankel letters only as an approximation (the definitions
 * differ, docs/clinical-reference.md §4); SpineMet uses it to cross-check the Tokuhashi palsy item against the
 * ASIA grade entered, and says so wherever it is used.
 */
export function frankelApproximationOfAsia(asia: AsiaGrade): FrankelGrade {
  return asia
}

/** Ordinal A=0 … E=4 (E best), for improvement counts. */
export function asiaOrdinal(grade: AsiaGrade): number {
  return 'ABCDE'.indexOf(grade)
}
