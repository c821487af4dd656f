// Patient records through dispatch, as the renderer calls them, against a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppError } from '../../main/contract/result'
import type { AuditEntryView, PatientListPage, PatientView } from '../../main/contract/patients'
import type { PatientRecordInput } from '../../main/contract/patient-record'
import { getPatientRecord } from '../../main/db/repositories/patient-records'
import { readPatientStatus } from '../../main/db/repositories/patient-status'
import { computePatientStatus } from '../../main/domain/patient-status'
import { completeRecord } from '../domain/records'
import { createPatientTestApp, tableCounts, type ExportTestApp } from '../db/harness'

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

const update = (id: number, path: string, value: unknown) => app.call<PatientView>('patients.update', { id, path, value })
const create = (studyId?: string) => app.call<PatientView>('patients.create', studyId === undefined ? {} : { studyId })
const audit = (id: number) => app.call<AuditEntryView[]>('patients.audit', { id })
const list = (q: Record<string, unknown> = {}) => app.call<PatientListPage>('patients.list', q)

/** Every cached status row equals what the domain computes from the stored record now. */
function expectCacheFresh(): void {
  const db = app.db()
  const ids = db.prepare('SELECT id FROM patients').pluck().all() as number[]
  expect(db.prepare('SELECT count(*) FROM patient_status').pluck().get()).toBe(ids.length)
  for (const id of ids) {
    const record = getPatientRecord(db, id)!
    const { patientId: _p, logicVersion: _l, updatedAt, ...cached } = readPatientStatus(db, id)!
    expect(cached).toEqual(computePatientStatus(record))
    expect(updatedAt).toBe(record.updatedAt)
  }
}

/** Enters `record` field by field, then its complications and follow-up, as a nurse would. */
async function enter(record: PatientRecordInput): Promise<PatientView> {
  const created = await create(record.patient.studyId)
  const id = created.record.id
  for (const section of ['patient', 'identity', 'preop', 'surgery', 'month6'] as const) {
    for (const [field, value] of Object.entries(record[section])) {
      if (value === null || (Array.isArray(value) && value.length === 0) || (section === 'patient' && field === 'studyId')) continue
      await update(id, `${section}.${field}`, value)
    }
  }
  for (const c of record.complications) {
    const { id: _id, ...complication } = c
    await app.call('patients.addComplication', { id, complication })
  }
  for (const e of record.followUp) {
    const { id: _id, ...event } = e
    await app.call('patients.addFollowUp', { id, event })
  }
  return app.call<PatientView>('patients.get', { id })
}

const withoutIds = (r: PatientRecordInput) => ({
  ...r,
  id: null,
  complications: r.complications.map((c) => ({ ...c, id: null })),
  followUp: r.followUp.map((e) => ({ ...e, id: null })),
})

describe('create', () => {
  it('gives the next free study id, SM-0001 onwards, and an empty record', async () => {
    const a = await create()
    expect(a.record.patient.studyId).toBe('SM-0001')
    expect(a.record.id).toBe(1)
    expect(a.completeness.filled).toBe(0)
    expect(a.eligibility.status).toBe('unknown')
    expect(a.issues).toEqual([])
    await create('SM-0041')
    await create('IMPORT-9')
    expect((await create()).record.patient.studyId).toBe('SM-0042')
    expectCacheFresh()
  })
  it('refuses a study id already in use', async () => {
    await create('SM-0007')
    const err = await failure('patients.create', { studyId: 'SM-0007' })
    expect(err.code).toBe('DUPLICATE')
    expect(err.message).toContain('SM-0007')
  })
})

describe('update: one field at a time', () => {
  it('every section entered field by field reads back exactly, with totals computed as docs/clinical-reference.md defines them', async () => {
    const record = completeRecord('SM-0100')
    const view = await enter(record)
    const { createdAt: _c, updatedAt: _u, ...stored } = view.record
    expect(withoutIds(stored)).toEqual(withoutIds(record))
    expect(view.derived.tokuhashi).toMatchObject({ total: 11, band: 'atLeast6Months', missing: [] })
    expect(view.derived.tokuhashi.points).toEqual({ generalCondition: 1, extraspinalBoneFoci: 2, vertebralMetastases: 2, visceralMetastases: 2, primarySite: 3, palsy: 1 })
    expect(view.derived.sins.preop).toMatchObject({ total: 9, band: 'indeterminate' })
    expect(view.derived.sins.month6).toMatchObject({ total: 6, band: 'stable' })
    expect(view.derived.sosgoq.preop).toMatchObject({ value: 64, source: 'entered', direction: 'lowerIsBetter', profile: 'sosgoq_v1_burden' })
    expect(view.derived.surgeryToSrsDays).toBe(23)
    expect(view.derived.lengthOfStayDays).toBe(15)
    expect(view.derived.radiosensitivity).toEqual({ value: 'resistant', source: 'histology', histologyClass: 'resistant' })
    expect(view.eligibility.status).toBe('eligible')
    expect(view.completeness.filled).toBe(view.completeness.required)
    expect(view.issues).toEqual([])
    const row = (await list()).rows[0]!
    expect(row).toMatchObject({ studyId: 'SM-0100', fullName: 'Test Patient One', eligibility: 'eligible', arm: 'HT', surgeryDate: '2018-03-10' })
    expect(row.completenessFilled).toBe(row.completenessRequired)
    expectCacheFresh()
  })

  it('creates the identity, assessment and surgery rows on their first field', async () => {
    const { record } = await create()
    const counts = () => tableCounts(app.db())
    expect(counts()).toMatchObject({ patient_identities: 0, assessments: 0, surgeries: 0 })
    await update(record.id, 'identity.dateOfBirth', '1960-02-01')
    await update(record.id, 'month6.vasPain', 2.5)
    await update(record.id, 'surgery.bloodLossMl', 300)
    expect(counts()).toMatchObject({ patient_identities: 1, assessments: 1, surgeries: 1 })
    const view = await update(record.id, 'preop.vasPain', 7)
    expect(counts().assessments).toBe(2)
    expect(view.record.month6.vasPain).toBe(2.5)
    expect(view.record.preop.vasPain).toBe(7)
  })

  it('replaces the set of vertebrae (duplicates dropped, in anatomical order)', async () => {
    const { record } = await create()
    await update(record.id, 'patient.vertebrae', ['T9', 'T8', 'T8'])
    const view = await update(record.id, 'patient.vertebrae', ['L2', 'T12'])
    expect(view.record.patient.vertebrae).toEqual(['T12', 'L2'])
    const [last] = await audit(record.id)
    expect(last).toMatchObject({ tableName: 'patient_vertebrae', field: 'patient.vertebrae', oldValue: '["T8","T9"]', newValue: '["T12","L2"]' })
  })

  it('clears a field with null, and records the change', async () => {
    const { record } = await create()
    await update(record.id, 'patient.ageYears', 61)
    const view = await update(record.id, 'patient.ageYears', null)
    expect(view.record.patient.ageYears).toBeNull()
    expect((await audit(record.id))[0]).toMatchObject({ field: 'patient.ageYears', oldValue: '61', newValue: null })
  })

  it('sending the value already stored writes nothing (no audit entry)', async () => {
    const { record } = await create()
    await update(record.id, 'patient.sex', 'female')
    const before = tableCounts(app.db()).audit_log
    await update(record.id, 'patient.sex', 'female')
    expect(tableCounts(app.db()).audit_log).toBe(before)
  })

  it('an invalid value is INVALID_INPUT naming the field, in words', async () => {
    const { record } = await create()
    const cases: [string, unknown, RegExp][] = [
      ['preop.kps', 75, /preoperative KPS was not saved: it must be a multiple of 10 %/],
      ['preop.kps', 110, /at most 100 %/],
      ['patient.ageYears', 'sixty', /age was not saved: expected a number/],
      ['patient.ageYears', 60.5, /expected a whole number/],
      ['surgery.surgeryDate', '2021-02-30', /surgery date was not saved: This date does not exist/],
      ['surgery.surgeryDate', '30/03/2021', /YYYY-MM-DD/],
      ['month6.vasPain', 4.25, /one decimal/],
      ['preop.bilskyGrade', '1d', /choose one of: 0, 1a, 1b, 1c, 2, 3/],
      ['patient.notes', 'x'.repeat(4001), /longer than 4000 characters/],
      ['identity.hospitalNumber', '   ', /empty/],
      ['preop.sosgoqAnswers', [1, 6], /SOSG-OQ answers/],
      ['surgery.srsDoseGy', 0, /more than 0 Gy/],
    ]
    for (const [path, value, message] of cases) {
      const err = await failure('patients.update', { id: record.id, path, value })
      expect(err.code, path).toBe('INVALID_INPUT')
      expect(err.field, path).toBe(path)
      expect(err.message, path).toMatch(message)
    }
    // no value at all is refused by the contract before the service
    expect(await failure('patients.update', { id: record.id, path: 'patient.ageYears' })).toMatchObject({ code: 'INVALID_INPUT', field: 'value' })
    expect(tableCounts(app.db()).audit_log).toBe(1) // the creation only
  })

  it('a date out of order is DATE_ORDER with the issues, and nothing changes on disk', async () => {
    const view = await enter(completeRecord())
    const id = view.record.id
    const before = tableCounts(app.db())
    const row = app.db().prepare('SELECT * FROM patients WHERE id = ?').get(id)
    const status = readPatientStatus(app.db(), id)
    const err = await failure('patients.update', { id, path: 'patient.diagnosisDate', value: '2018-04-01' })
    expect(err.code).toBe('DATE_ORDER')
    expect(err.field).toBe('patient.diagnosisDate')
    expect(err.message).toBe(
      'Not saved: The admission date (5 March 2018) is before the diagnosis date (1 April 2018). The admission cannot come before the diagnosis. Check both dates against the chart.',
    )
    const issues = (err.details as { issues: { messageKey: string; severity: string }[] }).issues
    expect(issues.map((i) => i.messageKey)).toEqual(['validation.dateOrder.admissionBeforeDiagnosis'])
    expect(tableCounts(app.db())).toEqual(before)
    expect(app.db().prepare('SELECT * FROM patients WHERE id = ?').get(id)).toEqual(row)
    expect(readPatientStatus(app.db(), id)).toEqual(status)
  })

  it('a date in the future is refused', async () => {
    const { record } = await create()
    const err = await failure('patients.update', { id: record.id, path: 'surgery.surgeryDate', value: '2024-06-02' })
    expect(err).toMatchObject({ code: 'DATE_ORDER', field: 'surgery.surgeryDate' })
    expect(err.message).toMatch(/in the future \(today is 1 June 2024\)/)
  })

  it('SOSG-OQ answers beyond the version, or without a version, are refused', async () => {
    const { record } = await create()
    let err = await failure('patients.update', { id: record.id, path: 'preop.sosgoqEnteredTotal', value: 50 })
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', field: 'preop.sosgoqEnteredTotal' })
    expect(err.message).toMatch(/no questionnaire version/)
    await update(record.id, 'preop.sosgoqVersion', '2.0')
    err = await failure('patients.update', { id: record.id, path: 'preop.sosgoqAnswers', value: Array(21).fill(3) })
    expect(err).toMatchObject({ code: 'SCORE_OUT_OF_RANGE', field: 'preop.sosgoqAnswers' })
    const ok = await update(record.id, 'preop.sosgoqAnswers', Array(20).fill(1))
    expect(ok.derived.sosgoq.preop).toMatchObject({ value: 100, source: 'items', direction: 'higherIsBetter' })
    // the version cannot be taken away while answers depend on it
    err = await failure('patients.update', { id: record.id, path: 'preop.sosgoqVersion', value: null })
    expect(err.code).toBe('VALIDATION_FAILED')
  })

  it('warnings are saved and returned with the record', async () => {
    const view = await enter(completeRecord())
    const changed = await update(view.record.id, 'preop.asiaGrade', 'B')
    expect(changed.record.preop.asiaGrade).toBe('B')
    expect(changed.issues).toHaveLength(1)
    expect(changed.issues[0]).toMatchObject({ severity: 'warning', path: 'preop.tokuhashiFrankel', messageKey: 'validation.consistency.frankelVsAsia' })
    expect((await app.call<PatientView>('patients.get', { id: view.record.id })).issues).toEqual(changed.issues)
  })

  it('a hospital number of another patient is DUPLICATE naming that patient by study id, never by name', async () => {
    const first = await enter(completeRecord('SM-0001'))
    const { record } = await create()
    const err = await failure('patients.update', { id: record.id, path: 'identity.hospitalNumber', value: 'H-000001' })
    expect(err).toMatchObject({ code: 'DUPLICATE', field: 'identity.hospitalNumber', details: { otherStudyId: 'SM-0001' } })
    expect(err.message).toContain('SM-0001')
    expect(err.message).not.toContain(first.record.identity.fullName!)
    // the patient's own number again is fine
    await update(first.record.id, 'identity.hospitalNumber', 'H-000001')
  })

  it('changing the study id to one in use is DUPLICATE', async () => {
    await create('SM-0001')
    const { record } = await create('SM-0002')
    expect(await failure('patients.update', { id: record.id, path: 'patient.studyId', value: 'SM-0001' })).toMatchObject({ code: 'DUPLICATE', field: 'patient.studyId' })
  })

  it('an unknown patient is NOT_FOUND', async () => {
    expect((await failure('patients.update', { id: 999, path: 'patient.sex', value: 'male' })).code).toBe('NOT_FOUND')
    expect((await failure('patients.get', { id: 999 })).code).toBe('NOT_FOUND')
  })
})

describe('audit trail', () => {
  it('one entry per change with user, time, table, field, old and new value, newest first', async () => {
    const { record } = await create()
    await update(record.id, 'preop.kps', 70)
    await update(record.id, 'preop.kps', 80)
    await update(record.id, 'identity.fullName', 'Zhang Wei')
    const entries = await audit(record.id)
    expect(entries.map((e) => [e.tableName, e.field, e.action, e.oldValue, e.newValue])).toEqual([
      ['patient_identities', 'identity.fullName', 'update', null, 'Zhang Wei'],
      ['assessments', 'preop.kps', 'update', '70', '80'],
      ['assessments', 'preop.kps', 'update', null, '70'],
      ['patients', null, 'insert', null, expect.stringContaining('"studyId":"SM-0001"')],
    ])
    for (const e of entries) {
      expect(e.osUser).toBe('test-nurse')
      expect(e.at).toBe(new Date('2024-06-01T08:00:00').toISOString())
    }
  })

  it('undo is the same call with the old value, and is audited too', async () => {
    const { record } = await create()
    await update(record.id, 'surgery.arm', 'HT')
    await update(record.id, 'surgery.arm', 'TES')
    const [last] = await audit(record.id)
    const undone = await update(record.id, last!.field!, last!.oldValue)
    expect(undone.record.surgery.arm).toBe('HT')
    expect((await audit(record.id))[0]).toMatchObject({ field: 'surgery.arm', oldValue: 'TES', newValue: 'HT' })
  })
})

describe('complications and follow-up', () => {
  it('add, change and remove a complication, each audited; the onset must not precede surgery', async () => {
    const view = await enter(completeRecord())
    const id = view.record.id
    const added = await app.call<PatientView>('patients.addComplication', {
      id,
      complication: { kind: 'pneumonia', description: 'right lower lobe', grade: 'II', onsetDate: '2018-03-12' },
    })
    const c = added.record.complications.find((x) => x.kind === 'pneumonia')!
    expect(c).toMatchObject({ grade: 'II', onsetDate: '2018-03-12' })
    const changed = await app.call<PatientView>('patients.updateComplication', {
      id,
      complicationId: c.id,
      complication: { kind: 'pneumonia', description: 'right lower lobe', grade: 'IIIa', onsetDate: '2018-03-12' },
    })
    expect(changed.record.complications.find((x) => x.id === c.id)!.grade).toBe('IIIa')
    const err = await failure('patients.updateComplication', {
      id,
      complicationId: c.id,
      complication: { kind: 'pneumonia', description: null, grade: 'IIIa', onsetDate: '2018-03-01' },
    })
    expect(err).toMatchObject({ code: 'DATE_ORDER', field: 'complication.onsetDate' })
    expect(err.message).toMatch(/complication onset date \(1 March 2018\) is before the surgery date \(10 March 2018\)/)
    const removed = await app.call<PatientView>('patients.removeComplication', { id, complicationId: c.id })
    expect(removed.record.complications.map((x) => x.kind)).toEqual(['superficial_wound_infection'])
    const trail = (await audit(id)).filter((e) => e.tableName === 'complications').slice(0, 3)
    expect(trail.map((e) => [e.action, e.field, e.oldValue, e.newValue])).toEqual([
      ['delete', null, expect.stringContaining('"grade":"IIIa"'), null],
      ['update', 'complications.grade', 'II', 'IIIa'],
      ['insert', null, null, expect.stringContaining('"kind":"pneumonia"')],
    ])
    expect((await failure('patients.removeComplication', { id, complicationId: c.id })).code).toBe('NOT_FOUND')
    expectCacheFresh()
  })

  it('follow-up events: death ends follow-up, one death only, and the status follows', async () => {
    const view = await enter(completeRecord())
    const id = view.record.id
    expect((await list()).rows[0]!.nextFollowUpDue).toBe('2019-09-09')
    const dead = await app.call<PatientView>('patients.addFollowUp', { id, event: { kind: 'death', eventDate: '2020-01-15', note: null } })
    expect(dead.derived.overallSurvival).toMatchObject({ event: 1, endDate: '2020-01-15' })
    expect((await list()).rows[0]).toMatchObject({ nextFollowUpDue: null, followUpOverdue: false })
    let err = await failure('patients.addFollowUp', { id, event: { kind: 'contact', eventDate: '2020-02-01', note: null } })
    expect(err).toMatchObject({ code: 'DATE_ORDER', field: 'event.eventDate' })
    expect(err.message).toMatch(/after the date of death \(15 January 2020\)/)
    err = await failure('patients.addFollowUp', { id, event: { kind: 'death', eventDate: '2020-01-16', note: null } })
    expect(err.code).toBe('DUPLICATE')
    const deathId = dead.record.followUp.find((e) => e.kind === 'death')!.id
    const moved = await app.call<PatientView>('patients.updateFollowUp', { id, eventId: deathId, event: { kind: 'death', eventDate: '2020-03-01', note: 'hospice' } })
    expect(moved.derived.deathDate).toBe('2020-03-01')
    const alive = await app.call<PatientView>('patients.removeFollowUp', { id, eventId: deathId })
    expect(alive.derived.deathDate).toBeNull()
    expect((await failure('patients.updateFollowUp', { id, eventId: 9999, event: { kind: 'contact', eventDate: '2020-01-01', note: null } })).code).toBe('NOT_FOUND')
    expectCacheFresh()
  })

  it('an item of another patient cannot be changed through this one', async () => {
    const a = await enter(completeRecord('SM-0001'))
    const b = await create()
    const err = await failure('patients.removeFollowUp', { id: b.record.id, eventId: a.record.followUp[0]!.id })
    expect(err.code).toBe('NOT_FOUND')
    expect((await app.call<PatientView>('patients.get', { id: a.record.id })).record.followUp).toHaveLength(2)
  })
})

describe('nothing half-written', () => {
  it('a failure inside the transaction (after the field is written) rolls back the field, the cache and updated_at', async () => {
    const view = await enter(completeRecord())
    const id = view.record.id
    const db = app.db()
    const before = tableCounts(db)
    const row = db.prepare('SELECT * FROM assessments WHERE patient_id = ?').all(id)
    const patient = db.prepare('SELECT * FROM patients WHERE id = ?').get(id)
    const status = readPatientStatus(db, id)
    // The audit entry is written after the field: make that insert fail.
    db.exec("CREATE TEMP TRIGGER fail_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk trouble'); END")
    const err = await failure('patients.update', { id, path: 'preop.kps', value: 40 })
    expect(err.code).toBe('DB_CONSTRAINT')
    expect(err.message).toMatch(/nothing was saved/)
    const err2 = await failure('patients.addFollowUp', { id, event: { kind: 'contact', eventDate: '2020-01-01', note: null } })
    expect(err2.code).toBe('DB_CONSTRAINT')
    const err3 = await failure('patients.delete', { id })
    expect(err3.code).toBe('DB_CONSTRAINT')
    db.exec('DROP TRIGGER fail_audit')
    expect(tableCounts(db)).toEqual(before)
    expect(db.prepare('SELECT * FROM assessments WHERE patient_id = ?').all(id)).toEqual(row)
    expect(db.prepare('SELECT * FROM patients WHERE id = ?').get(id)).toEqual(patient)
    expect(readPatientStatus(db, id)).toEqual(status)
  })
})

describe('delete', () => {
  it('removes the record, keeps its audit trail, and never hands its id to a new patient', async () => {
    const view = await enter(completeRecord())
    const id = view.record.id
    const auditBefore = (await audit(id)).length
    expect(await app.call('patients.delete', { id })).toBeNull()
    expect((await failure('patients.get', { id })).code).toBe('NOT_FOUND')
    const counts = tableCounts(app.db())
    expect(counts).toMatchObject({ patients: 0, patient_identities: 0, assessments: 0, surgeries: 0, complications: 0, follow_up_events: 0, patient_status: 0 })
    const trail = await audit(id)
    expect(trail).toHaveLength(auditBefore + 2)
    expect(trail.slice(0, 2).map((e) => [e.tableName, e.action])).toEqual([
      ['patient_identities', 'delete'],
      ['patients', 'delete'],
    ])
    expect(trail[1]!.oldValue).not.toContain('Test Patient One')
    expect((await list({ search: 'Test Patient' })).total).toBe(0)
    const next = await create()
    expect(next.record.id).not.toBe(id)
    expect(await audit(next.record.id)).toHaveLength(1)
    expect((await failure('patients.delete', { id })).code).toBe('NOT_FOUND')
  })
})
