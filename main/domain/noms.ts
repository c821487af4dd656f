// NOMS decision framework (Laufer et al., Oncologist 2013;18(6):744–751): Neurologic, Oncologic,
// Mechanical, Systemic. The ten-row decision table below, first matching row wins. What the
// table does not decide is flagged, never guessed: SINS 7–12 shows both branches; low-grade
// compression with myelopathy goes to the team; a missing input (myelopathy included: rows 1–4
// need its absence) is named; Bilsky 1c is low-grade unless the registry setting says otherwise.
// Output is decision support for a multidisciplinary team, not a substitute for clinical judgement.
import type { BilskyGrade } from './codes'
import type { RadiosensitivityClass } from './radiosensitivity'

export type NomsTreatment =
  | 'cEBRT'
  | 'SRS'
  | 'stabilizationThenCebrt'
  | 'stabilizationThenSrs'
  | 'separationSurgeryThenSrs'

/** A decision the framework leaves to the team. */
export type NomsFlag = 'lowGradeWithMyelopathy' | 'systemicAssessmentRequired' | 'missingInput'

/** Remarks printed beside a decision. */
export type NomsNote =
  | 'sinsIndeterminate'
  | 'bilsky1cControversial'
  /** Rows 2, 4, 6: stabilization is surgery, but the table decides them without the systemic assessment. */
  | 'stabilizationNeedsFitness'
  /** A moderately radiosensitive tumour with high-grade compression is treated as radioresistant. */
  | 'moderateTreatedAsResistant'

/** The inputs NOMS reads, by name (used to list what is missing). */
export type NomsInputName = 'bilskyGrade' | 'myelopathy' | 'radiosensitivity' | 'sinsTotal' | 'toleratesSurgery'

export type Mechanical = 'stable' | 'unstable'

export type NomsDecision =
  | { kind: 'treatment'; treatment: NomsTreatment; row: number }
  | { kind: 'flag'; flag: NomsFlag }

export interface NomsInput {
  bilskyGrade: BilskyGrade | null
  radiosensitivity: RadiosensitivityClass | null
  sinsTotal: number | null
  myelopathy: boolean | null
  toleratesSurgery: boolean | null
  /** Registry setting: count Bilsky 1c as high-grade. Default false (Bilsky 2010: high-grade = 2–3). */
  escc1cIsHigh?: boolean
}

export interface NomsResult {
  neurologic: 'lowGrade' | 'highGrade' | null
  oncologic: RadiosensitivityClass | null
  mechanical: 'stable' | 'indeterminate' | 'unstable' | null
  systemic: 'able' | 'unable' | null
  /** A single decision, or both branches when SINS is 7–12. */
  decision: NomsDecision | { kind: 'conditional'; ifStable: NomsDecision; ifUnstable: NomsDecision }
  /** Inputs the decision needs that are not recorded (in the order N, O, M, S). */
  missing: NomsInputName[]
  notes: NomsNote[]
}

/** Rows whose treatment is stabilization decided without the systemic assessment ("any" fitness). */
export const ROWS_STABILIZATION_ANY_FITNESS: readonly number[] = [2, 4, 6]

function decide(high: boolean, oncologic: RadiosensitivityClass, mech: Mechanical, tolerates: boolean | null): NomsDecision {
  // Low-grade: highly and moderately sensitive tumours respond to cEBRT. High-grade: only a highly
  // radiosensitive tumour is radiated first (Bilsky 2010); others go to rows 7–10.
  const sensitive = oncologic === 'high' || (!high && oncologic === 'moderate')
  if (!high || sensitive) {
    // rows 1–6
    const row = (high ? 4 : 0) + (sensitive ? 1 : 3) + (mech === 'unstable' ? 1 : 0)
    const treatment: NomsTreatment = sensitive ? (mech === 'stable' ? 'cEBRT' : 'stabilizationThenCebrt') : mech === 'stable' ? 'SRS' : 'stabilizationThenSrs'
    return { kind: 'treatment', treatment, row }
  }
  // rows 7–10: high-grade, not highly radiosensitive
  if (tolerates === null) return { kind: 'flag', flag: 'systemicAssessmentRequired' }
  if (tolerates) return { kind: 'treatment', treatment: 'separationSurgeryThenSrs', row: mech === 'stable' ? 7 : 9 }
  return mech === 'stable' ? { kind: 'treatment', treatment: 'cEBRT', row: 8 } : { kind: 'treatment', treatment: 'stabilizationThenCebrt', row: 10 }
}

/** Every single decision of a result (one, or the two branches of SINS 7–12). */
export function nomsDecisions(result: Pick<NomsResult, 'decision'>): NomsDecision[] {
  const d = result.decision
  return d.kind === 'conditional' ? [d.ifStable, d.ifUnstable] : [d]
}

export function isHighGradeForNoms(grade: BilskyGrade, escc1cIsHigh: boolean): boolean {
  return grade === '2' || grade === '3' || (grade === '1c' && escc1cIsHigh)
}

export function evaluateNoms(input: NomsInput): NomsResult {
  const notes: NomsNote[] = []
  const { bilskyGrade, radiosensitivity, sinsTotal, myelopathy, toleratesSurgery } = input
  const high = bilskyGrade === null ? null : isHighGradeForNoms(bilskyGrade, input.escc1cIsHigh === true)
  if (bilskyGrade === '1c') notes.push('bilsky1cControversial')
  const mechanical: NomsResult['mechanical'] = sinsTotal === null ? null : sinsTotal <= 6 ? 'stable' : sinsTotal >= 13 ? 'unstable' : 'indeterminate'
  // The surgeon's stability call is needed whatever else is undecided.
  if (mechanical === 'indeterminate') notes.push('sinsIndeterminate')
  const base = {
    neurologic: high === null ? null : high ? ('highGrade' as const) : ('lowGrade' as const),
    oncologic: radiosensitivity,
    mechanical,
    systemic: toleratesSurgery === null ? null : toleratesSurgery ? ('able' as const) : ('unable' as const),
  }
  // Myelopathy matters only with low-grade compression (rows 1–4 need its absence; rows 5–10 read
  // "± myelopathy"), so an unrecorded myelopathy is missing only then — or when N itself is unknown.
  const missing: NomsInputName[] = []
  if (bilskyGrade === null) missing.push('bilskyGrade')
  if (high !== true && myelopathy === null) missing.push('myelopathy')
  if (radiosensitivity === null) missing.push('radiosensitivity')
  if (sinsTotal === null) missing.push('sinsTotal')

  if (high === false && myelopathy === true) {
    return { ...base, decision: { kind: 'flag', flag: 'lowGradeWithMyelopathy' }, missing, notes }
  }
  if (high === null || radiosensitivity === null || mechanical === null || (high === false && myelopathy === null)) {
    return { ...base, decision: { kind: 'flag', flag: 'missingInput' }, missing, notes }
  }
  if (high && radiosensitivity === 'moderate') notes.push('moderateTreatedAsResistant')
  let decision: NomsResult['decision']
  if (mechanical === 'indeterminate') {
    decision = {
      kind: 'conditional',
      ifStable: decide(high, radiosensitivity, 'stable', toleratesSurgery),
      ifUnstable: decide(high, radiosensitivity, 'unstable', toleratesSurgery),
    }
  } else {
    decision = decide(high, radiosensitivity, mechanical, toleratesSurgery)
  }
  const decisions = nomsDecisions({ decision })
  if (decisions.some((d) => d.kind === 'flag' && d.flag === 'systemicAssessmentRequired')) missing.push('toleratesSurgery')
  if (toleratesSurgery !== true && decisions.some((d) => d.kind === 'treatment' && ROWS_STABILIZATION_ANY_FITNESS.includes(d.row))) {
    notes.push('stabilizationNeedsFitness')
  }
  return { ...base, decision, missing, notes }
}
