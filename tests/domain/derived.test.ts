// Endpoints and intervals computed from a record, and the follow-up schedule (1, 3, 6, 12 months,
// then every 6 months; Zheng 2021).
import { describe, expect, it } from 'vitest'
import { DAYS_PER_MONTH, addDays, daysBetween, monthsBetween } from '../../main/domain/dates'
import { FOLLOW_UP_GRACE_DAYS, deriveRecord, isFollowUpOverdue, nextFollowUpDue } from '../../main/domain/derived'
import { changed, completeRecord } from './records'

describe('dates', () => {
  it('days and months (days / (365.25 / 12)) in UTC, across a leap day', () => {
    expect(daysBetween('2020-02-28', '2020-03-01')).toBe(2)
    expect(daysBetween('2020-03-01', '2020-02-28')).toBe(-2)
    expect(monthsBetween('2018-01-01', '2019-01-01')).toBeCloseTo(365 / DAYS_PER_MONTH, 12)
    expect(addDays('2019-12-31', 1)).toBe('2020-01-01')
  })
})

describe('deriveRecord: intervals and endpoints', () => {
  const base = completeRecord()
  it('surgery → SRS and length of stay in days', () => {
    const d = deriveRecord(base)
    expect(d.surgeryToSrsDays).toBe(23)
    expect(d.lengthOfStayDays).toBe(15)
  })
  it('no progression and alive: local control and survival censored at the last follow-up', () => {
    const d = deriveRecord(base)
    expect(d.lastFollowUpDate).toBe('2019-03-10')
    expect(d.localControl).toEqual({ months: monthsBetween('2018-03-10', '2019-03-10'), event: 0, endDate: '2019-03-10' })
    expect(d.overallSurvival).toEqual({ months: monthsBetween('2018-03-10', '2019-03-10'), event: 0, endDate: '2019-03-10' })
    expect(d.followUpMonths).toBeCloseTo(365 / DAYS_PER_MONTH, 12)
  })
  it('local progression is an event at the first progression; survival continues to death', () => {
    const r = changed(base, (r) => {
      r.followUp.push({ id: null, kind: 'local_progression', eventDate: '2018-11-01', note: null })
      r.followUp.push({ id: null, kind: 'local_progression', eventDate: '2018-09-01', note: null })
      r.followUp.push({ id: null, kind: 'death', eventDate: '2019-06-01', note: null })
    })
    const d = deriveRecord(r)
    expect(d.localProgressionDate).toBe('2018-09-01')
    expect(d.localControl).toMatchObject({ event: 1, endDate: '2018-09-01' })
    expect(d.overallSurvival).toMatchObject({ event: 1, endDate: '2019-06-01' })
    expect(d.deathDate).toBe('2019-06-01')
    expect(d.lastFollowUpDate).toBe('2019-06-01')
  })
  it('death without progression: local control censored at death', () => {
    const d = deriveRecord(changed(base, (r) => (r.followUp = [{ id: null, kind: 'death', eventDate: '2018-08-01', note: null }])))
    expect(d.localControl).toMatchObject({ event: 0, endDate: '2018-08-01' })
    expect(d.overallSurvival).toMatchObject({ event: 1, endDate: '2018-08-01' })
  })
  it('no endpoint without a surgery date or without any follow-up', () => {
    expect(deriveRecord(changed(base, (r) => (r.surgery.surgeryDate = null))).overallSurvival).toBeNull()
    const none = deriveRecord(changed(base, (r) => (r.followUp = [])))
    expect(none).toMatchObject({ localControl: null, overallSurvival: null, lastFollowUpDate: null, followUpMonths: null })
  })
  it('scores of both time points', () => {
    const d = deriveRecord(base)
    expect(d.tokuhashi.total).toBe(11)
    expect(d.sins.preop.total).toBe(9)
    expect(d.sins.month6.total).toBe(6)
    expect(d.sosgoq.preop?.value).toBe(64)
    expect(d.sosgoq.month6?.value).toBe(42)
    expect(deriveRecord(changed(base, (r) => (r.month6.sosgoqVersion = null))).sosgoq.month6).toBeNull()
  })
})

describe('follow-up schedule', () => {
  const s = '2020-01-01'
  const visit = (months: number) => addDays(s, Math.round(months * DAYS_PER_MONTH))
  it('the first visit is at 1 month; then 3, 6, 12 months and every 6 months', () => {
    expect(nextFollowUpDue(s, null)).toBe(visit(1))
    expect(nextFollowUpDue(s, visit(1))).toBe(visit(3))
    expect(nextFollowUpDue(s, visit(3))).toBe(visit(6))
    expect(nextFollowUpDue(s, visit(6))).toBe(visit(12))
    expect(nextFollowUpDue(s, visit(12))).toBe(visit(18))
    expect(nextFollowUpDue(s, visit(18))).toBe(visit(24))
    expect(nextFollowUpDue(s, visit(60))).toBe(visit(66))
  })
  it('a visit a little early counts for it (from 30 days before, or half-way from the previous visit)', () => {
    expect(nextFollowUpDue(s, addDays(visit(1), -15))).toBe(visit(3)) // day 15 counts for the 1-month visit
    expect(nextFollowUpDue(s, addDays(visit(1), -16))).toBe(visit(1)) // day 14 does not
    expect(nextFollowUpDue(s, addDays(visit(6), -FOLLOW_UP_GRACE_DAYS))).toBe(visit(12))
    expect(nextFollowUpDue(s, addDays(visit(6), -FOLLOW_UP_GRACE_DAYS - 1))).toBe(visit(6))
    // a late visit still counts for the visit it was meant for
    expect(nextFollowUpDue(s, addDays(visit(12), 40))).toBe(visit(18))
  })
  it('overdue: a living operated patient more than 30 days past the next visit', () => {
    const alive = { deathDate: null, lastFollowUpDate: null }
    expect(isFollowUpOverdue(alive, s, addDays(visit(1), 30))).toBe(false)
    expect(isFollowUpOverdue(alive, s, addDays(visit(1), 31))).toBe(true)
    expect(isFollowUpOverdue({ deathDate: '2020-01-20', lastFollowUpDate: '2020-01-20' }, s, '2024-01-01')).toBe(false)
    expect(isFollowUpOverdue(alive, null, '2024-01-01')).toBe(false)
  })
})
