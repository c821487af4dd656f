import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { usePatientRecord } from '@/composables/usePatientRecord'
import { problemText } from '@/format/issues'
import { i18n } from '@/i18n'
import { installFakeBridge } from './fake-bridge'

let fake: ReturnType<typeof installFakeBridge>
beforeEach(() => {
  fake = installFakeBridge()
  i18n.global.locale.value = 'en'
})
afterEach(() => {
  vi.useRealTimers()
})

const updates = () => fake.calls.filter((c) => c.method === 'patients.update').map((c) => [c.input.path, c.input.value])

/** The record of patient 1 (the fake bridge's), loaded. */
async function openRecord() {
  const r = usePatientRecord()
  await r.load(1)
  return r
}

describe('usePatientRecord: autosave, refusals, undo/redo', () => {
  it('saves typing once after a 400 ms pause, one call per field', async () => {
    vi.useFakeTimers()
    const r = await openRecord()
    r.set('patient.notes', 'P', 'typing')
    r.set('patient.notes', 'Pain', 'typing')
    await vi.advanceTimersByTimeAsync(399)
    expect(updates()).toEqual([])
    expect(r.saving.value).toBe(true)
    expect(r.value('patient.notes')).toBe('Pain')
    await vi.advanceTimersByTimeAsync(1)
    await r.flush()
    expect(updates()).toEqual([['patient.notes', 'Pain']])
    expect(r.saving.value).toBe(false)
    expect(r.stored('patient.notes')).toBe('Pain')
  })

  it('saves selections at once and in the order they were made', async () => {
    const r = await openRecord()
    r.set('patient.sex', 'female')
    r.set('preop.bilskyGrade', '2')
    r.set('preop.asiaGrade', 'D')
    await r.flush()
    expect(updates()).toEqual([
      ['patient.sex', 'female'],
      ['preop.bilskyGrade', '2'],
      ['preop.asiaGrade', 'D'],
    ])
  })

  it('commit (blur/Enter) sends waiting typing at once', async () => {
    vi.useFakeTimers()
    const r = await openRecord()
    r.set('surgery.operativeTimeMin', 245, 'typing')
    r.commit('surgery.operativeTimeMin')
    await r.flush()
    expect(updates()).toEqual([['surgery.operativeTimeMin', 245]])
  })

  it('flush (route change, page hide) sends everything still waiting', async () => {
    vi.useFakeTimers()
    const r = await openRecord()
    r.set('identity.fullName', 'Li Wei', 'typing')
    r.set('patient.histologyDetail', 'clear cell', 'typing')
    await r.flush()
    expect(updates()).toEqual([
      ['identity.fullName', 'Li Wei'],
      ['patient.histologyDetail', 'clear cell'],
    ])
  })

  it('keeps a refused value on screen with its message; the stored value is unchanged', async () => {
    const r = await openRecord()
    fake.refuse.add('surgery.srsDate')
    r.set('surgery.srsDate', '2019-01-01')
    await r.flush()
    expect(r.value('surgery.srsDate')).toBe('2019-01-01')
    expect(r.stored('surgery.srsDate')).toBeNull()
    expect(r.problem('surgery.srsDate')?.code).toBe('DATE_ORDER')
    expect(r.latestProblem.value?.path).toBe('surgery.srsDate')
    // a new value clears the message and is saved
    fake.refuse.delete('surgery.srsDate')
    r.set('surgery.srsDate', '2019-02-01')
    await r.flush()
    expect(r.problem('surgery.srsDate')).toBeNull()
    expect(r.stored('surgery.srsDate')).toBe('2019-02-01')
  })

  it('checks the value against the field schema before sending (no call for an out-of-range VAS)', async () => {
    const r = await openRecord()
    r.set('preop.vasPain', 12)
    await r.flush()
    expect(updates()).toEqual([])
    expect(problemText(r.problem('preop.vasPain')!)).toBe('Enter a score from 0 to 10 with at most one decimal, e.g. 6.5.')
    r.set('preop.vasPain', 7.25)
    await r.flush()
    expect(problemText(r.problem('preop.vasPain')!)).toBe('Enter a score from 0 to 10 with at most one decimal, e.g. 6.5.')
  })

  it('undo sends the previous value, redo the new one (both through patients.update)', async () => {
    const r = await openRecord()
    r.set('preop.ecog', 1)
    await r.flush()
    r.set('preop.ecog', 2)
    await r.flush()
    expect(await r.undo()).toBe('preop.ecog')
    expect(r.stored('preop.ecog')).toBe(1)
    expect(await r.undo()).toBe('preop.ecog')
    expect(r.stored('preop.ecog')).toBeNull()
    expect(await r.undo()).toBeNull()
    expect(await r.redo()).toBe('preop.ecog')
    expect(r.stored('preop.ecog')).toBe(1)
    expect(updates()).toEqual([
      ['preop.ecog', 1],
      ['preop.ecog', 2],
      ['preop.ecog', 1],
      ['preop.ecog', null],
      ['preop.ecog', 1],
    ])
    // a new change clears the redo stack
    r.set('preop.ecog', 3)
    await r.flush()
    expect(r.canRedo.value).toBe(false)
  })

  it('undo first drops a refused value still on screen', async () => {
    const r = await openRecord()
    r.set('surgery.surgeryDate', '2019-03-01')
    await r.flush()
    fake.refuse.add('surgery.srsDate')
    r.set('surgery.srsDate', '2019-01-01')
    await r.flush()
    expect(await r.undo()).toBe('surgery.srsDate')
    expect(r.value('surgery.srsDate')).toBeNull()
    expect(r.stored('surgery.surgeryDate')).toBe('2019-03-01')
  })

  it('undoes and redoes complications; a re-added complication is followed by its new id', async () => {
    const r = await openRecord()
    await r.addItem('complication', { kind: 'pneumonia', grade: 'II', onsetDate: null, description: null })
    expect(fake.record.complications.map((c) => c.id)).toEqual([1])
    r.setItem('complication', 1, { kind: 'pneumonia', grade: 'IIIa', onsetDate: null, description: null })
    await r.flush()
    await r.removeItem('complication', 1)
    expect(fake.record.complications).toEqual([])
    await r.undo() // re-add → id 2
    expect(fake.record.complications.map((c) => [c.id, c.grade])).toEqual([[2, 'IIIa']])
    await r.undo() // grade back to II on the re-added row
    expect(fake.record.complications.map((c) => [c.id, c.grade])).toEqual([[2, 'II']])
    await r.undo() // the addition itself
    expect(fake.record.complications).toEqual([])
    await r.redo()
    await r.redo()
    expect(fake.record.complications.map((c) => c.grade)).toEqual(['IIIa'])
  })
})

describe('usePatientRecord when the page goes away', () => {
  it('sends typing still waiting for its pause at once, without waiting for the queue', async () => {
    vi.useFakeTimers()
    const r = await openRecord()
    r.set('patient.notes', 'Seen in clinic', 'typing')
    r.set('preop.vasPain', 12, 'typing') // invalid: not sent
    r.sendPendingNow()
    expect(updates()).toEqual([['patient.notes', 'Seen in clinic']])
  })
})
