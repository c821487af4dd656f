// Missing-data codes and form status through dispatch, against a real SQLite file: a coded field
// is complete-but-missing (not "to enter"), eligibility treats it as final, a value replaces its
// code, every change is audited, and the list filters by form status.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppError } from '../../main/contract/result'
import type { AuditEntryView, PatientListPage, PatientView } from '../../main/contract/patients'
import { completeRecord } from '../domain/records'
import { createPatientTestApp, type ExportTestApp } from '../db/harness'
import { insertPatientRecord } from '../../main/db/repositories/patient-records'

let app: ExportTestApp
beforeEach(async () => {
  app = createPatientTestApp()
  await app.newRegistry()
})
afterEach(() => app.close())

async function failure(method: string, input: unknown): Promise<AppError> {
  const r = await app.dispatch(method, input)
  if (r.ok) throw new Error(`${method} succeeded but should have failed`)
  return r.error
}
const get = (id: number) => app.call<PatientView>('patients.get', { id })
const update = (id: number, path: string, value: unknown) => app.call<PatientView>('patients.update', { id, path, value })
const code = (id: number, path: string, c: string | null) => app.call<PatientView>('patients.setMissingCode', { id, path, code: c })
const status = (id: number, section: string, s: string) => app.call<PatientView>('patients.setFormStatus', { id, section, status: s })
const audit = (id: number) => app.call<AuditEntryView[]>('patients.audit', { id })
const list = (q: Record<string, unknown> = {}) => app.call<PatientListPage>('patients.list', q)

/** A complete, eligible patient with one field emptied. */
function seed(studyId: string, mutate: (r: ReturnType<typeof completeRecord>) => void = () => undefined): number {
  const r = completeRecord(studyId)
  r.identity.hospitalNumber = `H-${studyId}`
  mutate(r)
  return insertPatientRecord(app.db(), r, { osUser: 'seed', at: '2024-01-01T00:00:00.000Z' })
}

describe('missing-data codes', () => {
  it('a coded field no longer nags "to enter", counts as filled, and is listed with its code', async () => {
    const id = seed('SM-0001', (r) => (r.preop.vasPain = null))
    const before = await get(id)
    expect(before.completeness.missing.map((m) => m.path)).toEqual(['preop.vasPain'])
    expect(before.eligibility.status).toBe('unknown')

    const after = await code(id, 'preop.vasPain', 'notDone')
    expect(after.completeness.missing).toEqual([])
    expect(after.completeness.coded).toEqual([{ section: 'preop', path: 'preop.vasPain', code: 'notDone' }])
    expect(after.completeness.filled).toBe(after.completeness.required)
    expect(after.record.missingCodes).toEqual({ 'preop.vasPain': 'notDone' })
    // the value will not come: exclusion (1) "case data not intact" is final
    expect(after.eligibility.criteria.caseDataComplete).toBe(false)
    expect(after.eligibility.status).toBe('ineligible')
    // the list's cached status agrees
    const row = (await list()).rows.find((r) => r.id === id)!
    expect(row.completenessFilled).toBe(row.completenessRequired)
    expect(row.eligibility).toBe('ineligible')
  })

  it('"not applicable" is not missing data: the record stays complete and eligible', async () => {
    const id = seed('SM-0001', (r) => (r.preop.vasPain = null))
    const v = await code(id, 'preop.vasPain', 'notApplicable')
    expect(v.eligibility.criteria.caseDataComplete).toBe(true)
    expect(v.eligibility.status).toBe('eligible')
  })

  it('composite study fields take codes too (SOSG-OQ, last contact), and lost to follow-up only follow-up fields', async () => {
    const id = seed('SM-0001', (r) => {
      r.month6.sosgoqVersion = null
      r.month6.sosgoqAnswers = null
      r.month6.sosgoqEnteredTotal = null
    })
    expect((await code(id, 'month6.sosgoq', 'lostToFollowUp')).completeness.coded.map((c) => c.path)).toEqual(['month6.sosgoq'])
    const e = await failure('patients.setMissingCode', { id, path: 'preop.kps', code: 'lostToFollowUp' })
    expect(e.code).toBe('INVALID_INPUT')
    expect(e.message).toMatch(/follow-up fields only/)
    const notStudy = await failure('patients.setMissingCode', { id, path: 'patient.notes', code: 'unknown' })
    expect(notStudy.message).toMatch(/field the study needs/)
  })

  it('a field with a value is refused a code; entering a value replaces the code; both audited', async () => {
    const id = seed('SM-0001', (r) => (r.preop.kps = null))
    const refused = await failure('patients.setMissingCode', { id, path: 'preop.ecog', code: 'unknown' })
    expect(refused.code).toBe('VALIDATION_FAILED')
    expect(refused.message).toMatch(/has a value/)

    await code(id, 'preop.kps', 'unknown')
    const filled = await update(id, 'preop.kps', 70)
    expect(filled.record.missingCodes).toBeUndefined()
    expect(filled.completeness.coded).toEqual([])
    const trail = (await audit(id)).filter((a) => a.tableName === 'missing_codes')
    expect(trail.map((a) => [a.field, a.action, a.oldValue, a.newValue])).toEqual([
      ['preop.kps', 'delete', 'unknown', null],
      ['preop.kps', 'insert', null, 'unknown'],
    ])
  })

  it('clearing a code makes the field "to enter" again', async () => {
    const id = seed('SM-0001', (r) => (r.surgery.bloodLossMl = null))
    await code(id, 'surgery.bloodLossMl', 'unknown')
    const cleared = await code(id, 'surgery.bloodLossMl', null)
    expect(cleared.completeness.missing.map((m) => m.path)).toEqual(['surgery.bloodLossMl'])
  })
})

describe('form status per section', () => {
  it('records who and when, is audited, and an edit of a verified section resets it to complete', async () => {
    const id = seed('SM-0001')
    const v = await status(id, 'preop', 'verified')
    expect(v.record.formStatus?.preop).toMatchObject({ status: 'verified' })
    expect(v.record.formStatus?.preop?.by).toBeTruthy()
    expect(v.record.formStatus?.preop?.at).toMatch(/^\d{4}-\d{2}-\d{2}T/)

    const edited = await update(id, 'preop.kps', 80)
    expect(edited.record.formStatus?.preop?.status).toBe('complete')
    // another section's status is untouched by the edit
    await status(id, 'surgery', 'verified')
    expect((await update(id, 'preop.kps', 70)).record.formStatus?.surgery?.status).toBe('verified')

    const trail = (await audit(id)).filter((a) => a.tableName === 'form_status').map((a) => [a.field, a.oldValue, a.newValue])
    expect(trail).toEqual([
      ['formStatus.surgery', 'incomplete', 'verified'],
      ['formStatus.preop', 'verified', 'complete'],
      ['formStatus.preop', 'incomplete', 'verified'],
    ])
  })

  it('the list filters by the status of one section or of the whole record', async () => {
    const a = seed('SM-0001')
    const b = seed('SM-0002')
    seed('SM-0003')
    for (const s of ['identity', 'preop', 'surgery', 'periop', 'month6', 'followUp']) {
      await status(a, s, 'verified')
      await status(b, s, s === 'month6' ? 'complete' : 'verified')
    }
    const ids = async (q: Record<string, unknown>) => (await list(q)).rows.map((r) => r.studyId)
    expect(await ids({ formStatus: 'verified' })).toEqual(['SM-0001'])
    expect(await ids({ formStatus: 'complete' })).toEqual(['SM-0002'])
    expect(await ids({ formStatus: 'incomplete' })).toEqual(['SM-0003'])
    expect(await ids({ formStatus: 'verified', formSection: 'month6' })).toEqual(['SM-0001'])
    expect(await ids({ formStatus: 'complete', formSection: 'month6' })).toEqual(['SM-0002'])
    expect(await ids({ formStatus: 'incomplete', formSection: 'preop' })).toEqual(['SM-0003'])
    expect((await list({ formStatus: 'verified' })).registryTotal).toBe(3)
  })
})
