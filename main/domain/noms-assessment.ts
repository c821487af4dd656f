// The NOMS assessment of one patient record: the inputs NOMS reads (taken from the preoperative
// assessment), the radiosensitivity class with where it came from, the framework's result and
// what the team must still complete or decide. One function for the record's side panel, the
// printed NOMS summary and `cli noms --json`.
import type { PatientRecordInput } from './record'
import type { BilskyGrade, Histology } from './codes'
import type { DerivedRecord } from './derived'
import { evaluateNoms, nomsDecisions, type NomsFlag, type NomsInputName, type NomsNote, type NomsResult } from './noms'
import { resolveRadiosensitivityClass, type ResolvedRadiosensitivity } from './radiosensitivity'
import { DEFAULT_REGISTRY_SETTINGS, type RegistrySettings } from './registry-settings'

export interface NomsInputsUsed {
  bilskyGrade: BilskyGrade | null
  escc1cIsHigh: boolean
  myelopathy: boolean | null
  histology: Histology | null
  radiosensitivity: ResolvedRadiosensitivity
  sinsTotal: number | null
  toleratesSurgery: boolean | null
}

/** Something the team must do before the framework's answer is complete. */
export type NomsTodo =
  | { kind: 'complete'; input: NomsInputName }
  | { kind: 'decide'; reason: Exclude<NomsFlag, 'missingInput' | 'systemicAssessmentRequired'> | NomsNote }

export interface NomsAssessment {
  inputs: NomsInputsUsed
  result: NomsResult
  /** The NOMS table rows that fired (one, two for SINS 7–12, none when undecided). */
  rows: number[]
  todo: NomsTodo[]
}

export function assessNoms(
  record: Pick<PatientRecordInput, 'patient' | 'preop'>,
  derived: Pick<DerivedRecord, 'sins'>,
  settings: RegistrySettings = DEFAULT_REGISTRY_SETTINGS,
): NomsAssessment {
  const radiosensitivity = resolveRadiosensitivityClass(record.patient.histology, record.patient.radiosensitivity, settings.radiosensitivity)
  const inputs: NomsInputsUsed = {
    bilskyGrade: record.preop.bilskyGrade,
    escc1cIsHigh: settings.escc1cIsHigh,
    myelopathy: record.preop.myelopathy,
    histology: record.patient.histology,
    radiosensitivity,
    sinsTotal: derived.sins.preop.total,
    toleratesSurgery: record.preop.toleratesSurgery,
  }
  const result = evaluateNoms({
    bilskyGrade: inputs.bilskyGrade,
    radiosensitivity: radiosensitivity.class,
    sinsTotal: inputs.sinsTotal,
    myelopathy: inputs.myelopathy,
    toleratesSurgery: inputs.toleratesSurgery,
    escc1cIsHigh: settings.escc1cIsHigh,
  })
  const rows = nomsDecisions(result).flatMap((d) => (d.kind === 'treatment' ? [d.row] : []))
  const todo: NomsTodo[] = result.missing.map((input) => ({ kind: 'complete' as const, input }))
  if (result.decision.kind === 'flag' && result.decision.flag === 'lowGradeWithMyelopathy') todo.push({ kind: 'decide', reason: 'lowGradeWithMyelopathy' })
  for (const note of result.notes) todo.push({ kind: 'decide', reason: note })
  return { inputs, result, rows, todo }
}
