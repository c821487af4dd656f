// NOMS decision framework (Laufer 2013), exactly as domain.md §8 states it.
import { describe, expect, it } from 'vitest'
import { evaluateNoms, type NomsInput } from '../../main/domain/noms'

const base: NomsInput = { bilskyGrade: '0', radiosensitivity: 'sensitive', sinsTotal: 3, myelopathy: false, toleratesSurgery: null }
const decide = (i: Partial<NomsInput>) => evaluateNoms({ ...base, ...i }).decision

describe('NOMS decision table: each of the ten rows', () => {
  const rows: [number, Partial<NomsInput>, string][] = [
    [1, { bilskyGrade: '1a', radiosensitivity: 'sensitive', sinsTotal: 6 }, 'cEBRT'],
    [2, { bilskyGrade: '1a', radiosensitivity: 'sensitive', sinsTotal: 13 }, 'stabilizationThenCebrt'],
    [3, { bilskyGrade: '1b', radiosensitivity: 'resistant', sinsTotal: 0 }, 'SRS'],
    [4, { bilskyGrade: '0', radiosensitivity: 'resistant', sinsTotal: 18 }, 'stabilizationThenSrs'],
    [5, { bilskyGrade: '2', radiosensitivity: 'sensitive', sinsTotal: 6, myelopathy: true }, 'cEBRT'],
    [6, { bilskyGrade: '3', radiosensitivity: 'sensitive', sinsTotal: 14 }, 'stabilizationThenCebrt'],
    [7, { bilskyGrade: '2', radiosensitivity: 'resistant', sinsTotal: 4, toleratesSurgery: true }, 'separationSurgeryThenSrs'],
    [8, { bilskyGrade: '3', radiosensitivity: 'resistant', sinsTotal: 4, toleratesSurgery: false }, 'cEBRT'],
    [9, { bilskyGrade: '3', radiosensitivity: 'resistant', sinsTotal: 15, toleratesSurgery: true }, 'separationSurgeryThenSrs'],
    [10, { bilskyGrade: '2', radiosensitivity: 'resistant', sinsTotal: 13, toleratesSurgery: false }, 'stabilizationThenCebrt'],
  ]
  it.each(rows)('row %i', (row, input, treatment) => {
    expect(decide(input)).toEqual({ kind: 'treatment', treatment, row })
  })
  it('the systemic assessment does not change rows 1–6', () => {
    for (const toleratesSurgery of [true, false, null]) {
      expect(decide({ bilskyGrade: '2', radiosensitivity: 'sensitive', sinsTotal: 2, toleratesSurgery })).toMatchObject({ row: 5 })
      expect(decide({ bilskyGrade: '1b', radiosensitivity: 'resistant', sinsTotal: 2, toleratesSurgery })).toMatchObject({ row: 3 })
    }
  })
})

describe('what the table does not spell out (app policy, §8)', () => {
  it('SINS 7–12 shows both branches and never picks one', () => {
    for (const sinsTotal of [7, 12]) {
      const r = evaluateNoms({ ...base, bilskyGrade: '2', radiosensitivity: 'resistant', sinsTotal, toleratesSurgery: false })
      expect(r.mechanical).toBe('indeterminate')
      expect(r.decision).toEqual({
        kind: 'conditional',
        ifStable: { kind: 'treatment', treatment: 'cEBRT', row: 8 },
        ifUnstable: { kind: 'treatment', treatment: 'stabilizationThenCebrt', row: 10 },
      })
      expect(r.notes).toContain('sinsIndeterminate')
    }
    expect(evaluateNoms({ ...base, sinsTotal: 6 }).mechanical).toBe('stable')
    expect(evaluateNoms({ ...base, sinsTotal: 13 }).mechanical).toBe('unstable')
  })
  it('Bilsky 1c: low-grade by default with a note; high-grade when the team setting says so', () => {
    const low = evaluateNoms({ ...base, bilskyGrade: '1c', radiosensitivity: 'resistant', sinsTotal: 2 })
    expect(low).toMatchObject({ neurologic: 'lowGrade', decision: { kind: 'treatment', row: 3 }, notes: ['bilsky1cControversial'] })
    const high = evaluateNoms({ ...base, bilskyGrade: '1c', radiosensitivity: 'resistant', sinsTotal: 2, toleratesSurgery: true, escc1cIsHigh: true })
    expect(high).toMatchObject({ neurologic: 'highGrade', decision: { kind: 'treatment', row: 7 }, notes: ['bilsky1cControversial'] })
  })
  it('low-grade compression with myelopathy is flagged for the MDT', () => {
    expect(decide({ bilskyGrade: '1b', myelopathy: true })).toEqual({ kind: 'flag', flag: 'lowGradeWithMyelopathy' })
  })
  it('high-grade radioresistant without a systemic assessment asks for one (rows 7–10 need S)', () => {
    expect(decide({ bilskyGrade: '3', radiosensitivity: 'resistant', sinsTotal: 2, toleratesSurgery: null })).toEqual({ kind: 'flag', flag: 'systemicAssessmentRequired' })
    const r = evaluateNoms({ ...base, bilskyGrade: '3', radiosensitivity: 'resistant', sinsTotal: 10, toleratesSurgery: null })
    expect(r.decision).toEqual({
      kind: 'conditional',
      ifStable: { kind: 'flag', flag: 'systemicAssessmentRequired' },
      ifUnstable: { kind: 'flag', flag: 'systemicAssessmentRequired' },
    })
    expect(r.systemic).toBeNull()
  })
  it('a missing N, O or M input is flagged, never guessed', () => {
    expect(decide({ bilskyGrade: null })).toEqual({ kind: 'flag', flag: 'missingInput' })
    expect(decide({ radiosensitivity: null })).toEqual({ kind: 'flag', flag: 'missingInput' })
    expect(decide({ sinsTotal: null })).toEqual({ kind: 'flag', flag: 'missingInput' })
  })
})
