// patients.list through dispatch: search, filters (arm, eligibility, incomplete, overdue with a
// fixed clock), sorting with NULLs last, stable paging.
import { afterEach, describe, expect, it } from 'vitest'
import type { PatientListPage, PatientSortKey } from '../../main/contract/patients'
import { emptyPatientRecord } from '../../main/contract/patient-record'
import { insertPatientRecord } from '../../main/db/repositories/patient-records'
import { changed, completeRecord } from '../domain/records'
import { createPatientTestApp, type ExportTestApp } from '../db/harness'

let app: ExportTestApp
afterEach(() => app.close())

/**
 * SM-0001 complete, eligible, HT, last seen 2019-03-10 (next visit 2019-09-09: overdue in 2024);
 * SM-0002 TES, died 2018-06-01; SM-0003 a draft without surgery; SM-0004 HT operated 2023-12-01,
 * seen 2024-05-20 (next visit 2024-11-30).
 */
async function registry(now = '2024-06-01T08:00:00'): Promise<ExportTestApp> {
  app = createPatientTestApp({ now: () => new Date(now) })
  await app.newRegistry()
  const db = app.db()
  const actor = { osUser: 'seed', at: '2024-01-01T00:00:00.000Z' }
  insertPatientRecord(db, completeRecord('SM-0001'), actor)
  insertPatientRecord(
    db,
    changed(completeRecord('SM-0002'), (r) => {
      r.identity = { fullName: '李娜', hospitalNumber: 'ZS-7781', dateOfBirth: '1950-05-05' }
      r.surgery.arm = 'TES'
      r.surgery.surgeryDate = '2018-03-12'
      r.month6 = emptyPatientRecord('x').month6
      r.followUp = [{ id: null, kind: 'death', eventDate: '2018-06-01', note: null }]
    }),
    { ...actor, at: '2024-01-02T00:00:00.000Z' },
  )
  insertPatientRecord(db, changed(emptyPatientRecord('SM-0003'), (r) => (r.identity.fullName = 'Anna Smith')), { ...actor, at: '2024-01-03T00:00:00.000Z' })
  insertPatientRecord(
    db,
    changed(completeRecord('SM-0004'), (r) => {
      r.identity = { fullName: 'Peter Jones', hospitalNumber: 'H-000004', dateOfBirth: '1970-01-01' }
      r.patient.ageYears = 53
      r.patient.diagnosisDate = '2023-10-01'
      r.preop.assessedOn = '2023-11-28'
      r.surgery = { ...r.surgery, admissionDate: '2023-11-27', surgeryDate: '2023-12-01', dischargeDate: '2023-12-10', srsDate: '2023-12-20' }
      r.month6.assessedOn = '2024-05-20'
      r.complications = []
      r.followUp = [{ id: null, kind: 'contact', eventDate: '2024-05-20', note: null }]
    }),
    { ...actor, at: '2024-01-04T00:00:00.000Z' },
  )
  return app
}

const list = (q: Record<string, unknown> = {}) => app.call<PatientListPage>('patients.list', q)
const ids = async (q: Record<string, unknown> = {}) => (await list(q)).rows.map((r) => r.studyId)

describe('patients.list', () => {
  it('returns every patient with status columns, sorted by study id by default', async () => {
    await registry()
    const page = await list()
    expect(page.total).toBe(4)
    expect(page.rows.map((r) => r.studyId)).toEqual(['SM-0001', 'SM-0002', 'SM-0003', 'SM-0004'])
    expect(page.rows[0]).toMatchObject({
      fullName: 'Test Patient One',
      hospitalNumber: 'H-000001',
      ageYears: 58,
      sex: 'male',
      histology: 'kidney',
      arm: 'HT',
      surgeryDate: '2018-03-10',
      eligibility: 'eligible',
      nextFollowUpDue: '2019-09-09',
      followUpOverdue: true,
      updatedAt: '2024-01-01T00:00:00.000Z',
    })
    expect(page.rows[1]).toMatchObject({ nextFollowUpDue: null, followUpOverdue: false })
    expect(page.rows[2]).toMatchObject({ arm: null, surgeryDate: null, eligibility: 'unknown', completenessFilled: 0 })
    expect(page.rows[3]).toMatchObject({ nextFollowUpDue: '2024-11-30', followUpOverdue: false, eligibility: 'ineligible' })
  })

  it('searches study id, name and hospital number, anywhere and in any case', async () => {
    await registry()
    expect(await ids({ search: 'patient one' })).toEqual(['SM-0001'])
    expect(await ids({ search: 'SMITH' })).toEqual(['SM-0003'])
    expect(await ids({ search: '李娜' })).toEqual(['SM-0002'])
    expect(await ids({ search: '李' })).toEqual(['SM-0002'])
    expect(await ids({ search: '7781' })).toEqual(['SM-0002'])
    expect(await ids({ search: 'sm-0004' })).toEqual(['SM-0004'])
    expect(await ids({ search: 'h-00000' })).toEqual(['SM-0001', 'SM-0004'])
    expect(await ids({ search: '04' })).toEqual(['SM-0004'])
    expect(await ids({ search: '"quoted" %_' })).toEqual([])
    expect(await ids({ search: '  ' })).toHaveLength(4)
  })

  it('follows renames of names, hospital numbers and study ids', async () => {
    await registry()
    await app.call('patients.update', { id: 3, path: 'identity.fullName', value: 'Anna Müller' })
    await app.call('patients.update', { id: 3, path: 'patient.studyId', value: 'SM-0333' })
    expect(await ids({ search: 'smith' })).toEqual([])
    expect(await ids({ search: 'müller' })).toEqual(['SM-0333'])
    expect(await ids({ search: 'SM-0333' })).toEqual(['SM-0333'])
  })

  it('filters by arm, eligibility, incomplete records and overdue follow-up', async () => {
    await registry()
    expect(await ids({ arm: 'HT' })).toEqual(['SM-0001', 'SM-0004'])
    expect(await ids({ arm: 'TES' })).toEqual(['SM-0002'])
    // SM-0002 died before the 6-month visit: the 6-month section is not required, so the record is complete
    expect(await ids({ eligibility: 'eligible' })).toEqual(['SM-0001', 'SM-0002'])
    expect(await ids({ eligibility: 'ineligible' })).toEqual(['SM-0004'])
    expect(await ids({ eligibility: 'unknown' })).toEqual(['SM-0003'])
    expect(await ids({ incomplete: true })).toEqual(['SM-0003'])
    expect(await ids({ overdue: true })).toEqual(['SM-0001'])
    expect(await ids({ arm: 'HT', overdue: true, search: 'patient' })).toEqual(['SM-0001'])
    expect(await ids({ histology: 'kidney', sex: 'male' })).toEqual(['SM-0001', 'SM-0002', 'SM-0004'])
    expect((await list({ arm: 'other' })).total).toBe(0)
  })

  it('overdue depends on the host clock: 30 days of grace after the due date', async () => {
    await registry('2019-10-09T12:00:00')
    expect(await ids({ overdue: true })).toEqual([])
    app.close()
    await registry('2019-10-10T12:00:00')
    expect(await ids({ overdue: true })).toEqual(['SM-0001'])
  })

  it('sorts by every column, NULLs last in both directions, study id breaking ties', async () => {
    await registry()
    const order = async (sortBy: PatientSortKey, sortDir: 'asc' | 'desc' = 'asc') => ids({ sortBy, sortDir })
    expect(await order('studyId', 'desc')).toEqual(['SM-0004', 'SM-0003', 'SM-0002', 'SM-0001'])
    expect(await order('surgeryDate')).toEqual(['SM-0001', 'SM-0002', 'SM-0004', 'SM-0003'])
    expect(await order('surgeryDate', 'desc')).toEqual(['SM-0004', 'SM-0002', 'SM-0001', 'SM-0003'])
    expect(await order('fullName')).toEqual(['SM-0003', 'SM-0004', 'SM-0001', 'SM-0002'])
    expect(await order('hospitalNumber')).toEqual(['SM-0001', 'SM-0004', 'SM-0002', 'SM-0003'])
    expect(await order('ageYears')).toEqual(['SM-0004', 'SM-0001', 'SM-0002', 'SM-0003'])
    expect(await order('arm')).toEqual(['SM-0001', 'SM-0004', 'SM-0002', 'SM-0003'])
    expect(await order('eligibility')).toEqual(['SM-0001', 'SM-0002', 'SM-0004', 'SM-0003'])
    expect(await order('eligibility', 'desc')).toEqual(['SM-0003', 'SM-0004', 'SM-0002', 'SM-0001'])
    expect(await order('nextFollowUpDue')).toEqual(['SM-0001', 'SM-0004', 'SM-0002', 'SM-0003'])
    expect(await order('nextFollowUpDue', 'desc')).toEqual(['SM-0004', 'SM-0001', 'SM-0003', 'SM-0002'])
    expect(await order('updatedAt', 'desc')).toEqual(['SM-0004', 'SM-0003', 'SM-0002', 'SM-0001'])
    const byCompleteness = await list({ sortBy: 'completeness', sortDir: 'desc' })
    const fractions = byCompleteness.rows.map((r) => r.completenessFilled / r.completenessRequired)
    expect(fractions).toEqual([...fractions].sort((a, b) => b - a))
    expect(byCompleteness.rows.map((r) => r.studyId)).toEqual(['SM-0004', 'SM-0002', 'SM-0001', 'SM-0003'])
  })

  it('pages without gaps or repeats', async () => {
    await registry()
    const pages = [await list({ sortBy: 'histology', limit: 3 }), await list({ sortBy: 'histology', limit: 3, offset: 3 })]
    expect(pages.map((p) => p.total)).toEqual([4, 4])
    expect(pages[1]!.offset).toBe(3)
    const all = pages.flatMap((p) => p.rows.map((r) => r.studyId))
    expect(all.sort()).toEqual(['SM-0001', 'SM-0002', 'SM-0003', 'SM-0004'])
    expect((await list({ offset: 10 })).rows).toEqual([])
  })
})
