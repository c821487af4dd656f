// What the study needs of a record (domain/completeness.ts): drafts are normal, the list shows what is missing.
import { describe, expect, it } from 'vitest'
import { emptyPatientRecord } from '../../main/contract/patient-record'
import { completeness, missingFields } from '../../main/domain/completeness'
import { addDays } from '../../main/domain/dates'
import { deriveRecord } from '../../main/domain/derived'
import { computePatientStatus } from '../../main/domain/patient-status'
import { changed, completeRecord } from './records'

const base = completeRecord()
const paths = (r: Parameters<typeof missingFields>[0]) => missingFields(r).map((m) => m.path)

describe('completeness', () => {
  it('the complete reference record misses nothing', () => {
    const c = completeness(base)
    expect(c.missing).toEqual([])
    expect(c.filled).toBe(c.required)
    expect(c.fraction).toBe(1)
    expect(c.required).toBe(45)
  })
  it('an empty draft misses every required field, section by section', () => {
    const c = completeness(emptyPatientRecord('SM-1'))
    expect(c.filled).toBe(0)
    expect(c.required).toBe(46) // + radiosensitivity: no histology yet, so no default
    expect(new Set(c.missing.map((m) => m.section))).toEqual(new Set(['patient', 'preop', 'surgery', 'month6', 'followUp']))
  })
  it('a missing field is named by its path', () => {
    expect(paths(changed(base, (r) => (r.preop.sinsPain = null)))).toEqual(['preop.sinsPain'])
    expect(paths(changed(base, (r) => (r.patient.vertebrae = [])))).toEqual(['patient.vertebrae'])
    expect(paths(changed(base, (r) => (r.followUp = [])))).toEqual(['followUp.lastContact'])
    expect(paths(changed(base, (r) => (r.preop.sosgoqEnteredTotal = null)))).toEqual(['preop.sosgoq'])
  })
  it('the 6-month section is not required after a death before the 6-month visit window closes (183 + 30 days)', () => {
    const early = changed(base, (r) => {
      r.month6 = emptyPatientRecord('x').month6
      r.followUp = [{ id: null, kind: 'death', eventDate: addDays('2018-03-10', 182), note: null }]
    })
    expect(completeness(early)).toMatchObject({ missing: [], required: 36 })
    // died within the visit window (day 185, visit due on day 183 with 30 days' grace): not required
    expect(paths(changed(early, (r) => (r.followUp[0]!.eventDate = addDays('2018-03-10', 185))))).toEqual([])
    // ...unless 6-month values were recorded anyway: then the section must be complete
    expect(paths(changed(early, (r) => { r.followUp[0]!.eventDate = addDays('2018-03-10', 185); r.month6.vasPain = 2 }))).toContain('month6.asiaGrade')
    const at6Months = changed(early, (r) => (r.followUp[0]!.eventDate = addDays('2018-03-10', 214)))
    expect(paths(at6Months)).toEqual([
      'month6.vasPain',
      'month6.asiaGrade',
      'month6.sinsLocation',
      'month6.sinsPain',
      'month6.sinsBoneLesion',
      'month6.sinsAlignment',
      'month6.sinsCollapse',
      'month6.sinsPosterolateral',
      'month6.sosgoq',
    ])
  })
  it("the record need not name a class when the registry's setting gives its histology one", () => {
    const stomach = changed(base, (r) => (r.patient.histology = 'stomach'))
    expect(paths(stomach)).toEqual(['patient.radiosensitivity'])
    expect(missingFields(stomach, deriveRecord(stomach, { stomach: 'resistant' }))).toEqual([])
    expect(completeness(stomach, deriveRecord(stomach, { stomach: 'moderate' })).fraction).toBe(1)
    const status = computePatientStatus(stomach)
    expect(status.completenessRequired - status.completenessFilled).toBe(1)
    const set = computePatientStatus(stomach, { stomach: 'resistant' })
    expect(set.completenessFilled).toBe(set.completenessRequired)
  })
  it('SRS fields are not required for the "other" arm; primary-site points and radiosensitivity only where needed', () => {
    const other = changed(base, (r) => {
      r.surgery.arm = 'other'
      r.surgery.srsDate = null
      r.surgery.srsDoseGy = null
      r.surgery.srsFractions = null
    })
    expect(paths(other)).toEqual([])
    expect(paths(changed(base, (r) => (r.patient.histology = 'other')))).toEqual(['patient.tokuhashiPrimaryPoints', 'patient.radiosensitivity'])
    expect(paths(changed(base, (r) => (r.patient.histology = 'bladder')))).toEqual(['patient.radiosensitivity'])
  })
})

describe('computePatientStatus (the list cache)', () => {
  it('summarises eligibility, completeness and the next visit', () => {
    expect(computePatientStatus(base)).toEqual({
      eligibility: 'eligible',
      completenessFilled: 45,
      completenessRequired: 45,
      nextFollowUpDue: '2019-09-09',
      deceased: false,
      surgeryDate: '2018-03-10',
      arm: 'HT',
    })
  })
  it('no next visit for the dead or the not operated', () => {
    expect(computePatientStatus(changed(base, (r) => r.followUp.push({ id: null, kind: 'death', eventDate: '2019-04-01', note: null })))).toMatchObject({
      deceased: true,
      nextFollowUpDue: null,
    })
    expect(computePatientStatus(emptyPatientRecord('SM-1'))).toMatchObject({ nextFollowUpDue: null, surgeryDate: null, arm: null, eligibility: 'unknown' })
  })
})
