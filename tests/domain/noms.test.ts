// NOMS decision framework (Laufer 2013): every row of the decision table and every case the
// framework leaves to the team.
import { describe, expect, it } from 'vitest'
import { evaluateNoms, type NomsInput } from '../../main/domain/noms'

const base: NomsInput = { bilskyGrade: '0', radiosensitivity: 'high', sinsTotal: 3, myelopathy: false, toleratesSurgery: null }
const run = (i: Partial<NomsInput>) => evaluateNoms({ ...base, ...i })
const decide = (i: Partial<NomsInput>) => run(i).decision

describe('NOMS decision table: each of the ten rows', () => {
  const rows: [number, Partial<NomsInput>, string][] = [
    [1, { bilskyGrade: '1a', radiosensitivity: 'high', sinsTotal: 6 }, 'cEBRT'],
    [2, { bilskyGrade: '1a', radiosensitivity: 'high', sinsTotal: 13 }, 'stabilizationThenCebrt'],
    [3, { bilskyGrade: '1b', radiosensitivity: 'resistant', sinsTotal: 0 }, 'SRS'],
    [4, { bilskyGrade: '0', radiosensitivity: 'resistant', sinsTotal: 18 }, 'stabilizationThenSrs'],
    [5, { bilskyGrade: '2', radiosensitivity: 'high', sinsTotal: 6, myelopathy: true }, 'cEBRT'],
    [6, { bilskyGrade: '3', radiosensitivity: 'high', sinsTotal: 14 }, 'stabilizationThenCebrt'],
    [7, { bilskyGrade: '2', radiosensitivity: 'resistant', sinsTotal: 4, toleratesSurgery: true }, 'separationSurgeryThenSrs'],
    [8, { bilskyGrade: '3', radiosensitivity: 'resistant', sinsTotal: 4, toleratesSurgery: false }, 'cEBRT'],
    [9, { bilskyGrade: '3', radiosensitivity: 'resistant', sinsTotal: 15, toleratesSurgery: true }, 'separationSurgeryThenSrs'],
    [10, { bilskyGrade: '2', radiosensitivity: 'resistant', sinsTotal: 13, toleratesSurgery: false }, 'stabilizationThenCebrt'],
  ]
  it.each(rows)('row %i', (row, input, treatment) => {
    expect(decide(input)).toEqual({ kind: 'treatment', treatment, row })
    expect(run(input).missing).toEqual([])
  })
  it('the systemic assessment does not change rows 1–6', () => {
    for (const toleratesSurgery of [true, false, null]) {
      expect(decide({ bilskyGrade: '2', radiosensitivity: 'high', sinsTotal: 2, toleratesSurgery })).toMatchObject({ row: 5 })
      expect(decide({ bilskyGrade: '1b', radiosensitivity: 'resistant', sinsTotal: 2, toleratesSurgery })).toMatchObject({ row: 3 })
    }
  })
})

describe('what the table does not decide', () => {
  it('SINS 7–12 shows both branches and never picks one', () => {
    for (const sinsTotal of [7, 12]) {
      const r = run({ bilskyGrade: '2', radiosensitivity: 'resistant', sinsTotal, toleratesSurgery: false })
      expect(r.mechanical).toBe('indeterminate')
      expect(r.decision).toEqual({
        kind: 'conditional',
        ifStable: { kind: 'treatment', treatment: 'cEBRT', row: 8 },
        ifUnstable: { kind: 'treatment', treatment: 'stabilizationThenCebrt', row: 10 },
      })
      expect(r.notes).toContain('sinsIndeterminate')
    }
    expect(run({ sinsTotal: 6 }).mechanical).toBe('stable')
    expect(run({ sinsTotal: 13 }).mechanical).toBe('unstable')
  })
  it('Bilsky 1c: low-grade by default with a note; high-grade when the registry setting says so', () => {
    const low = run({ bilskyGrade: '1c', radiosensitivity: 'resistant', sinsTotal: 2 })
    expect(low).toMatchObject({ neurologic: 'lowGrade', decision: { kind: 'treatment', row: 3 }, notes: ['bilsky1cControversial'] })
    const high = run({ bilskyGrade: '1c', radiosensitivity: 'resistant', sinsTotal: 2, toleratesSurgery: true, escc1cIsHigh: true })
    expect(high).toMatchObject({ neurologic: 'highGrade', decision: { kind: 'treatment', row: 7 }, notes: ['bilsky1cControversial'] })
  })
  it('low-grade compression with myelopathy is flagged for the MDT (with the SINS 7–12 note when that applies too)', () => {
    expect(decide({ bilskyGrade: '1b', myelopathy: true })).toEqual({ kind: 'flag', flag: 'lowGradeWithMyelopathy' })
    expect(run({ bilskyGrade: '1b', myelopathy: true, sinsTotal: 11 }).notes).toEqual(['sinsIndeterminate'])
  })
  it('myelopathy not recorded with low-grade compression is a missing input, not "no myelopathy"', () => {
    const r = run({ bilskyGrade: '1a', radiosensitivity: 'high', sinsTotal: 2, myelopathy: null })
    expect(r.decision).toEqual({ kind: 'flag', flag: 'missingInput' })
    expect(r.missing).toEqual(['myelopathy'])
    // with high-grade compression the rows read "± myelopathy": not needed
    const h = run({ bilskyGrade: '3', radiosensitivity: 'high', sinsTotal: 2, myelopathy: null })
    expect(h.decision).toEqual({ kind: 'treatment', treatment: 'cEBRT', row: 5 })
    expect(h.missing).toEqual([])
  })
  it('high-grade radioresistant without a systemic assessment asks for one (rows 7–10 need S)', () => {
    const a = run({ bilskyGrade: '3', radiosensitivity: 'resistant', sinsTotal: 2, toleratesSurgery: null })
    expect(a.decision).toEqual({ kind: 'flag', flag: 'systemicAssessmentRequired' })
    expect(a.missing).toEqual(['toleratesSurgery'])
    const r = run({ bilskyGrade: '3', radiosensitivity: 'resistant', sinsTotal: 10, toleratesSurgery: null })
    expect(r.decision).toEqual({
      kind: 'conditional',
      ifStable: { kind: 'flag', flag: 'systemicAssessmentRequired' },
      ifUnstable: { kind: 'flag', flag: 'systemicAssessmentRequired' },
    })
    expect(r.systemic).toBeNull()
  })
  it('a missing N, O or M input is flagged and named, never guessed', () => {
    expect(run({ bilskyGrade: null })).toMatchObject({ decision: { kind: 'flag', flag: 'missingInput' }, missing: ['bilskyGrade'] })
    expect(run({ radiosensitivity: null })).toMatchObject({ decision: { kind: 'flag', flag: 'missingInput' }, missing: ['radiosensitivity'] })
    expect(run({ sinsTotal: null })).toMatchObject({ decision: { kind: 'flag', flag: 'missingInput' }, missing: ['sinsTotal'] })
    expect(run({ bilskyGrade: null, myelopathy: null, sinsTotal: null }).missing).toEqual(['bilskyGrade', 'myelopathy', 'sinsTotal'])
  })
  it('rows 2, 4 and 6 say that stabilization needs fitness for surgery unless the patient is known to tolerate it', () => {
    for (const [input, row] of [
      [{ bilskyGrade: '1a', radiosensitivity: 'high', sinsTotal: 13 }, 2],
      [{ bilskyGrade: '0', radiosensitivity: 'resistant', sinsTotal: 18 }, 4],
      [{ bilskyGrade: '3', radiosensitivity: 'high', sinsTotal: 14 }, 6],
    ] as [Partial<NomsInput>, number][]) {
      for (const toleratesSurgery of [null, false]) {
        const r = run({ ...input, toleratesSurgery })
        expect(r.decision).toMatchObject({ row })
        expect(r.notes).toContain('stabilizationNeedsFitness')
      }
      expect(run({ ...input, toleratesSurgery: true }).notes).not.toContain('stabilizationNeedsFitness')
    }
    // stable rows carry no such note; an indeterminate SINS whose unstable branch is row 2 does
    expect(run({ bilskyGrade: '1a', radiosensitivity: 'high', sinsTotal: 2 }).notes).not.toContain('stabilizationNeedsFitness')
    expect(run({ bilskyGrade: '1a', radiosensitivity: 'high', sinsTotal: 9 }).notes).toContain('stabilizationNeedsFitness')
  })
  it('a moderately radiosensitive tumour gets cEBRT with low-grade compression but not with high-grade (decompression first if fit)', () => {
    expect(decide({ bilskyGrade: '1b', radiosensitivity: 'moderate', sinsTotal: 3 })).toEqual({ kind: 'treatment', treatment: 'cEBRT', row: 1 })
    expect(decide({ bilskyGrade: '1b', radiosensitivity: 'moderate', sinsTotal: 14 })).toEqual({ kind: 'treatment', treatment: 'stabilizationThenCebrt', row: 2 })
    const fit = run({ bilskyGrade: '2', radiosensitivity: 'moderate', sinsTotal: 3, toleratesSurgery: true })
    expect(fit.decision).toEqual({ kind: 'treatment', treatment: 'separationSurgeryThenSrs', row: 7 })
    expect(fit.notes).toContain('moderateTreatedAsResistant')
    expect(decide({ bilskyGrade: '3', radiosensitivity: 'moderate', sinsTotal: 3, toleratesSurgery: false })).toEqual({ kind: 'treatment', treatment: 'cEBRT', row: 8 })
    expect(decide({ bilskyGrade: '3', radiosensitivity: 'moderate', sinsTotal: 3, toleratesSurgery: null })).toEqual({ kind: 'flag', flag: 'systemicAssessmentRequired' })
  })
})
