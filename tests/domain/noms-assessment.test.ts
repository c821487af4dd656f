// assessNoms: the NOMS inputs read from a record, the class with its origin, and the team's to-do.
import { describe, expect, it } from 'vitest'
import { deriveRecord } from '../../main/domain/derived'
import { assessNoms } from '../../main/domain/noms-assessment'
import { DEFAULT_REGISTRY_SETTINGS } from '../../main/domain/registry-settings'
import { completeRecord } from './records'

describe('assessNoms', () => {
  it('reads the preoperative assessment: the complete reference record (RCC, Bilsky 2, SINS 9, fit) fires rows 7 and 9', () => {
    const r = completeRecord()
    const a = assessNoms(r, deriveRecord(r))
    expect(a.inputs).toMatchObject({ bilskyGrade: '2', myelopathy: true, histology: 'kidney', sinsTotal: 9, toleratesSurgery: true, escc1cIsHigh: false })
    expect(a.inputs.radiosensitivity).toEqual({ class: 'resistant', origin: { kind: 'default', source: 'ao' } })
    expect(a.rows).toEqual([7, 9])
    expect(a.todo).toEqual([{ kind: 'decide', reason: 'sinsIndeterminate' }])
  })
  it('names what the team must complete: myelopathy not recorded with low-grade compression, an unclassified histology', () => {
    const r = completeRecord()
    r.preop.bilskyGrade = '1b'
    r.preop.myelopathy = null
    r.patient.histology = 'stomach'
    const a = assessNoms(r, deriveRecord(r))
    expect(a.result.decision).toEqual({ kind: 'flag', flag: 'missingInput' })
    expect(a.rows).toEqual([])
    expect(a.todo.filter((t) => t.kind === 'complete')).toEqual([
      { kind: 'complete', input: 'myelopathy' },
      { kind: 'complete', input: 'radiosensitivity' },
    ])
  })
  it("applies the registry's settings: a class for the histology, and Bilsky 1c as high-grade", () => {
    const r = completeRecord()
    r.patient.histology = 'stomach'
    r.preop.bilskyGrade = '1c'
    const a = assessNoms(r, deriveRecord(r), { ...DEFAULT_REGISTRY_SETTINGS, escc1cIsHigh: true, radiosensitivity: { stomach: 'resistant' } })
    expect(a.inputs.radiosensitivity).toEqual({ class: 'resistant', origin: { kind: 'registrySetting' } })
    expect(a.result.neurologic).toBe('highGrade')
    expect(a.rows).toEqual([7, 9])
  })
})
