// NOMS decision framework (Laufer et al., Oncologist 2013;18(6):744–751), implemented exactly as
// domain.md §8 states it: first matching row wins; SINS 7–12 shows both branches and never picks;
// Bilsky 1c defaults to low-grade (configurable) with a note; low-grade ESCC with myelopathy and an
// unknown systemic assessment are flagged, not decided. Output is decision support for the MDT.
import type { BilskyGrade, Radiosensitivity } from './codes'

export type NomsTreatment =
  | 'cEBRT'
  | 'SRS'
  | 'stabilizationThenCebrt'
  | 'stabilizationThenSrs'
  | 'separationSurgeryThenSrs'

export type NomsFlag =
  | 'lowGradeWithMyelopathy'
  | 'systemicAssessmentRequired'
  | 'sinsIndeterminate'
  | 'bilsky1cControversial'
  | 'missingInput'

export type Mechanical = 'stable' | 'unstable'

export type NomsDecision =
  | { kind: 'treatment'; treatment: NomsTreatment; row: number }
  | { kind: 'flag'; flag: NomsFlag }

export interface NomsInput {
  bilskyGrade: BilskyGrade | null
  radiosensitivity: Radiosensitivity | null
  sinsTotal: number | null
  myelopathy: boolean | null
  toleratesSurgery: boolean | null
  /** Team setting: count Bilsky 1c as high-grade. Default false (Bilsky 2010: high-grade = 2–3). */
  escc1cIsHigh?: boolean
}

export interface NomsResult {
  neurologic: 'lowGrade' | 'highGrade' | null
  oncologic: Radiosensitivity | null
  mechanical: 'stable' | 'indeterminate' | 'unstable' | null
  systemic: 'able' | 'unable' | null
  /** A single decision, or both branches when SINS is 7–12. */
  decision: NomsDecision | { kind: 'conditional'; ifStable: NomsDecision; ifUnstable: NomsDecision }
  notes: NomsFlag[]
}

function decide(high: boolean, histology: Radiosensitivity, mech: Mechanical, tolerates: boolean | null): NomsDecision {
  const sensitive = histology === 'sensitive'
  if (!high || sensitive) {
    // rows 1–6
    const row = (high ? 4 : 0) + (sensitive ? 1 : 3) + (mech === 'unstable' ? 1 : 0)
    const treatment: NomsTreatment = sensitive ? (mech === 'stable' ? 'cEBRT' : 'stabilizationThenCebrt') : mech === 'stable' ? 'SRS' : 'stabilizationThenSrs'
    return { kind: 'treatment', treatment, row }
  }
  // rows 7–10: high-grade, radioresistant
  if (tolerates === null) return { kind: 'flag', flag: 'systemicAssessmentRequired' }
  if (tolerates) return { kind: 'treatment', treatment: 'separationSurgeryThenSrs', row: mech === 'stable' ? 7 : 9 }
  return mech === 'stable' ? { kind: 'treatment', treatment: 'cEBRT', row: 8 } : { kind: 'treatment', treatment: 'stabilizationThenCebrt', row: 10 }
}

export function evaluateNoms(input: NomsInput): NomsResult {
  const notes: NomsFlag[] = []
  const { bilskyGrade, radiosensitivity, sinsTotal, myelopathy, toleratesSurgery } = input
  const high = bilskyGrade === null ? null : bilskyGrade === '2' || bilskyGrade === '3' || (bilskyGrade === '1c' && input.escc1cIsHigh === true)
  if (bilskyGrade === '1c') notes.push('bilsky1cControversial')
  const mechanical: NomsResult['mechanical'] = sinsTotal === null ? null : sinsTotal <= 6 ? 'stable' : sinsTotal >= 13 ? 'unstable' : 'indeterminate'
  const base = {
    neurologic: high === null ? null : high ? ('highGrade' as const) : ('lowGrade' as const),
    oncologic: radiosensitivity,
    mechanical,
    systemic: toleratesSurgery === null ? null : toleratesSurgery ? ('able' as const) : ('unable' as const),
  }
  if (high === null || radiosensitivity === null || mechanical === null) {
    return { ...base, decision: { kind: 'flag', flag: 'missingInput' }, notes }
  }
  if (!high && myelopathy === true) {
    return { ...base, decision: { kind: 'flag', flag: 'lowGradeWithMyelopathy' }, notes }
  }
  if (mechanical === 'indeterminate') {
    notes.push('sinsIndeterminate')
    return {
      ...base,
      decision: {
        kind: 'conditional',
        ifStable: decide(high, radiosensitivity, 'stable', toleratesSurgery),
        ifUnstable: decide(high, radiosensitivity, 'unstable', toleratesSurgery),
      },
      notes,
    }
  }
  return { ...base, decision: decide(high, radiosensitivity, mechanical, toleratesSurgery), notes }
}
