// The shared date reader (record screen, CSV import, CLI) and the soft limits of the record screen.
import { describe, expect, it } from 'vitest'
import { dateExists, dateInWords, isIsoDate, readDate } from '../../main/domain/dates'
import { isoDate } from '../../main/contract/patient-record'
import { plausibilityWarning } from '../../main/domain/plausibility'

describe('readDate', () => {
  it.each([
    ['2019-03-01', '2019-03-01'],
    ['2019/3/1', '2019-03-01'],
    ['2019.3.1', '2019-03-01'],
    ['2019年3月1日', '2019-03-01'],
    ['２０１９年３月１日', '2019-03-01'],
    ['20190301', '2019-03-01'],
    ['1 March 2019', '2019-03-01'],
    ['March 1, 2019', '2019-03-01'],
    ['2020-02-29', '2020-02-29'],
  ])('reads %s as %s', (raw, iso) => {
    expect(readDate(raw)).toEqual({ ok: true, iso })
  })

  it.each([
    ['2019-02-30', 'WRONG_TYPE', /not a real calendar date/],
    ['2019-02-29', 'WRONG_TYPE', /not a real calendar date/],
    ['2019-13-01', 'WRONG_TYPE', /not a real calendar date/],
    ['01/03/2019', 'AMBIGUOUS_DATE', /could be 1 March 2019 or 3 January 2019/],
    ['25/04/2019', 'AMBIGUOUS_DATE', /If you mean 2019-04-25/],
    ['NA', 'WRONG_TYPE', /is not a date/],
    ['43525', 'WRONG_TYPE', /Excel date number/],
    ['1899-12-31', 'OUT_OF_RANGE', /before 1900/],
  ])('refuses %s (%s), never rolling it over', (raw, code, message) => {
    const r = readDate(raw)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.code).toBe(code)
      expect(r.message).toMatch(message)
      expect(r.messageZh).not.toBe('')
    }
  })

  it('dateExists knows leap years', () => {
    expect(dateExists(2000, 2, 29)).toBe(true)
    expect(dateExists(1900, 2, 29)).toBe(false)
    expect(dateExists(2019, 4, 31)).toBe(false)
  })

  it('the contract accepts a stored date exactly when the reader calls it a day of the calendar', () => {
    for (const s of ['2024-02-29', '2023-02-29', '2021-02-30', '2021-13-01', '2019-04-31', '1999-12-31', '0050-01-01']) {
      expect(isoDate.safeParse(s).success, s).toBe(isIsoDate(s))
    }
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2023-02-29')).toBe(false)
    expect(isIsoDate('0050-01-01')).toBe(true)
    expect(isoDate.safeParse('2019-4-3').success).toBe(false)
  })

  it('dateInWords names the month', () => {
    expect(dateInWords('2021-03-05')).toBe('5 March 2021')
  })
})

describe('plausibilityWarning', () => {
  it('warns about an SRS dose under 1 Gy, not at 1 Gy or above', () => {
    expect(plausibilityWarning('surgery.srsDoseGy', 0.5)?.messageKey).toBe('srsDoseLow')
    expect(plausibilityWarning('surgery.srsDoseGy', 1)).toBeNull()
    expect(plausibilityWarning('surgery.srsDoseGy', 24)).toBeNull()
    expect(plausibilityWarning('surgery.srsDoseGy', null)).toBeNull()
  })

  it('warns about a name or hospital number of only spaces, not an empty or real one', () => {
    expect(plausibilityWarning('identity.fullName', '   ')?.messageKey).toBe('blankText')
    expect(plausibilityWarning('identity.hospitalNumber', ' \t ')?.messageKey).toBe('blankText')
    expect(plausibilityWarning('identity.fullName', '')).toBeNull()
    expect(plausibilityWarning('identity.fullName', 'Wang Min')).toBeNull()
  })
})
