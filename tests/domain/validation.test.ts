import { describe, expect, it } from 'vitest'
import { ageOn, dateInWords, errorsOf, todayIso, validateFieldChange, validateRecord } from '../../main/domain/validation'
import type { ValidationIssue } from '../../main/contract/patients'
import { changed, completeRecord, TODAY } from './records'

const keys = (issues: readonly ValidationIssue[]) => issues.map((i) => i.messageKey).sort()
const only = (issues: readonly ValidationIssue[], key: string) => issues.filter((i) => i.messageKey === key)

describe('validateRecord: a complete, consistent record', () => {
  it('has no issue at all', () => {
    expect(validateRecord(completeRecord(), TODAY)).toEqual([])
  })
  it('an empty draft has no issue', () => {
    const r = changed(completeRecord(), (r) => {
      r.patient = { ...r.patient, histology: null, spinalRegion: null, vertebrae: [], diagnosisDate: null, ageYears: null }
    })
    expect(validateRecord(r, TODAY)).toEqual([])
  })
})

describe('dateInWords', () => {
  it('writes the month in words', () => {
    expect(dateInWords('2021-03-05')).toBe('5 March 2021')
    expect(dateInWords('2019-12-31')).toBe('31 December 2019')
  })
  it('ageOn counts whole years', () => {
    expect(ageOn('1960-02-01', '2018-01-31')).toBe(57)
    expect(ageOn('1960-02-01', '2018-02-01')).toBe(58)
  })
})

describe('validateRecord: errors — dates in order', () => {
  const base = completeRecord()
  it('date of birth must be strictly before the diagnosis', () => {
    const same = validateRecord(changed(base, (r) => (r.patient.diagnosisDate = '1960-02-01')), TODAY)
    const issue = only(same, 'validation.dateOrder.diagnosisBeforeBirth')[0]!
    expect(issue).toMatchObject({ path: 'patient.diagnosisDate', related: ['identity.dateOfBirth'], code: 'DATE_ORDER', severity: 'error' })
    expect(issue.message).toContain('1 February 1960')
    expect(issue.message).toContain('the same day as')
  })
  it('surgery before diagnosis names both dates in words', () => {
    const r = changed(base, (r) => {
      r.surgery.admissionDate = null
      r.patient.diagnosisDate = '2018-05-05'
      r.preop.assessedOn = null
    })
    const issues = errorsOf(validateRecord(r, TODAY))
    const i = only(issues, 'validation.dateOrder.surgeryBeforeDiagnosis')[0]!
    expect(i.path).toBe('surgery.surgeryDate')
    expect(i.related).toEqual(['patient.diagnosisDate'])
    expect(i.message).toBe(
      'The surgery date (10 March 2018) is before the diagnosis date (5 May 2018). The operation cannot come before the admission or the diagnosis. Check both dates against the chart.',
    )
    expect(i.params).toEqual({ date: '2018-03-10', otherDate: '2018-05-05' })
  })
  it('admission after surgery, discharge before surgery', () => {
    expect(keys(errorsOf(validateRecord(changed(base, (r) => (r.surgery.admissionDate = '2018-03-11')), TODAY)))).toEqual([
      'validation.dateOrder.surgeryBeforeAdmission',
    ])
    expect(keys(errorsOf(validateRecord(changed(base, (r) => (r.surgery.dischargeDate = '2018-03-09')), TODAY)))).toEqual([
      'validation.dateOrder.dischargeBeforeSurgery',
    ])
    expect(keys(errorsOf(validateRecord(changed(base, (r) => (r.surgery.admissionDate = '2018-01-01')), TODAY)))).toEqual([
      'validation.dateOrder.admissionBeforeDiagnosis',
    ])
  })
  it('same-day admission, surgery and discharge are allowed', () => {
    const r = changed(base, (r) => {
      r.surgery.admissionDate = '2018-03-10'
      r.surgery.dischargeDate = '2018-03-10'
      r.preop.assessedOn = '2018-03-10'
      r.complications = []
    })
    expect(errorsOf(validateRecord(r, TODAY))).toEqual([])
  })
  it('compares only the dates present (admission missing: diagnosis vs surgery)', () => {
    const r = changed(base, (r) => {
      r.surgery.admissionDate = null
      r.patient.diagnosisDate = '2018-03-10'
    })
    expect(errorsOf(validateRecord(r, TODAY))).toEqual([])
  })
  it('SRS before surgery', () => {
    expect(keys(errorsOf(validateRecord(changed(base, (r) => (r.surgery.srsDate = '2018-03-09')), TODAY)))).toEqual(['validation.dateOrder.srsBeforeSurgery'])
  })
  it('follow-up events before surgery; local progression must be after it', () => {
    expect(
      keys(errorsOf(validateRecord(changed(base, (r) => r.followUp.push({ id: null, kind: 'contact', eventDate: '2018-03-01', note: null })), TODAY))),
    ).toEqual(['validation.dateOrder.followUpContactBeforeSurgery'])
    const sameDay = validateRecord(changed(base, (r) => r.followUp.push({ id: null, kind: 'local_progression', eventDate: '2018-03-10', note: null })), TODAY)
    expect(keys(errorsOf(sameDay))).toEqual(['validation.dateOrder.localProgressionBeforeSurgery'])
    expect(errorsOf(sameDay)[0]!.path).toBe('followUp.2.eventDate')
    const contactSameDay = validateRecord(changed(base, (r) => r.followUp.push({ id: null, kind: 'contact', eventDate: '2018-03-10', note: null })), TODAY)
    expect(errorsOf(contactSameDay)).toEqual([])
  })
  it('complication onset before surgery', () => {
    const issues = errorsOf(validateRecord(changed(base, (r) => (r.complications[0]!.onsetDate = '2018-03-09')), TODAY))
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ path: 'complications.0.onsetDate', messageKey: 'validation.dateOrder.complicationOnsetBeforeSurgery' })
  })
  it('a death date ends follow-up: events, SRS and assessments after death are errors', () => {
    const r = changed(base, (r) => r.followUp.push({ id: null, kind: 'death', eventDate: '2018-12-01', note: null }))
    const issues = errorsOf(validateRecord(r, TODAY))
    expect(issues.map((i) => [i.path, i.messageKey])).toEqual([['followUp.1.eventDate', 'validation.dateOrder.followUpContactAfterDeath']])
    expect(issues[0]!.message).toContain('after the date of death (1 December 2018)')
    const early = changed(base, (r) => r.followUp.push({ id: null, kind: 'death', eventDate: '2018-03-31', note: null }))
    expect(keys(errorsOf(validateRecord(early, TODAY)))).toEqual([
      'validation.dateOrder.followUpContactAfterDeath',
      'validation.dateOrder.followUpContactAfterDeath',
      'validation.dateOrder.month6AssessmentAfterDeath',
      'validation.dateOrder.srsAfterDeath',
    ])
  })
  it('a second death is refused', () => {
    const r = changed(base, (r) => {
      r.followUp = [
        { id: null, kind: 'death', eventDate: '2019-01-01', note: null },
        { id: null, kind: 'death', eventDate: '2019-01-01', note: null },
      ]
    })
    expect(keys(errorsOf(validateRecord(r, TODAY)))).toEqual(['validation.followUp.secondDeath'])
  })
  it('preoperative assessment after surgery; 6-month assessment on or before surgery', () => {
    expect(keys(errorsOf(validateRecord(changed(base, (r) => (r.preop.assessedOn = '2018-03-11')), TODAY)))).toEqual([
      'validation.dateOrder.surgeryBeforePreopAssessment',
    ])
    const m6 = validateRecord(changed(base, (r) => (r.month6.assessedOn = '2018-03-10')), TODAY)
    expect(keys(errorsOf(m6))).toEqual(['validation.dateOrder.month6AssessmentBeforeSurgery'])
  })
  it('no date in the future', () => {
    const issues = errorsOf(validateRecord(changed(base, (r) => r.followUp.push({ id: null, kind: 'contact', eventDate: '2024-06-02', note: null })), TODAY))
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ path: 'followUp.2.eventDate', messageKey: 'validation.dateInFuture', params: { date: '2024-06-02', today: TODAY } })
    expect(issues[0]!.message).toContain('2 June 2024')
    // today itself is fine
    expect(errorsOf(validateRecord(changed(base, (r) => r.followUp.push({ id: null, kind: 'contact', eventDate: TODAY, note: null })), TODAY))).toEqual([])
  })
  it('a future date of birth is an error too', () => {
    expect(keys(errorsOf(validateRecord(changed(base, (r) => (r.identity.dateOfBirth = '2025-01-01')), TODAY)))).toContain('validation.dateInFuture')
  })
})

describe('validateRecord: errors — SOSG-OQ', () => {
  const base = completeRecord()
  it('more answers than the version has items', () => {
    const v2 = changed(base, (r) => {
      r.preop.sosgoqVersion = '2.0'
      r.month6.sosgoqVersion = '2.0'
      r.preop.sosgoqAnswers = Array(21).fill(1)
    })
    const issues = errorsOf(validateRecord(v2, TODAY))
    expect(issues.map((i) => [i.path, i.code, i.messageKey])).toEqual([['preop.sosgoqAnswers', 'SCORE_OUT_OF_RANGE', 'validation.sosgoq.tooManyAnswers']])
    expect(issues[0]!.params).toMatchObject({ count: 21, itemCount: 20, version: '2.0' })
    const v1ok = changed(base, (r) => (r.preop.sosgoqAnswers = Array(27).fill(2)))
    expect(errorsOf(validateRecord(v1ok, TODAY))).toEqual([])
    const v1bad = changed(base, (r) => (r.preop.sosgoqAnswers = Array(28).fill(2)))
    expect(keys(errorsOf(validateRecord(v1bad, TODAY)))).toEqual(['validation.sosgoq.tooManyAnswers'])
  })
  it('answers or a total without a version', () => {
    const r = changed(base, (r) => {
      r.month6.sosgoqVersion = null
      r.month6.sosgoqEnteredTotal = 40
    })
    const issues = errorsOf(validateRecord(r, TODAY))
    expect(issues.map((i) => [i.path, i.related, i.code])).toEqual([['month6.sosgoqVersion', ['month6.sosgoqEnteredTotal'], 'REQUIRED']])
    const answers = changed(base, (r) => {
      r.preop.sosgoqVersion = null
      r.preop.sosgoqEnteredTotal = null
      r.preop.sosgoqAnswers = [1, 2]
    })
    expect(errorsOf(validateRecord(answers, TODAY))[0]!.related).toEqual(['preop.sosgoqAnswers'])
  })
})

describe('validateRecord: warnings', () => {
  const base = completeRecord()
  const warningKeys = (r: ReturnType<typeof completeRecord>) => keys(validateRecord(r, TODAY).filter((i) => i.severity === 'warning'))

  it('Tokuhashi palsy (Frankel) vs ASIA grade, naming the approximation', () => {
    const issues = validateRecord(changed(base, (r) => (r.preop.asiaGrade = 'B')), TODAY)
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ path: 'preop.tokuhashiFrankel', related: ['preop.asiaGrade'], code: 'INCONSISTENT', severity: 'warning', params: { frankel: 'D', asia: 'B' } })
    expect(issues[0]!.message).toContain('approximation')
  })
  it('region vs vertebrae; a lesion across a junction is fine', () => {
    expect(warningKeys(changed(base, (r) => (r.patient.spinalRegion = 'lumbar')))).toEqual(['validation.consistency.regionVsVertebrae'])
    expect(warningKeys(changed(base, (r) => {
      r.patient.vertebrae = ['T12', 'L1']
      r.preop.sinsLocation = 'junctional'
      r.month6.sinsLocation = 'junctional'
    }))).toEqual([])
  })
  it('SINS location vs vertebrae, at each time point', () => {
    const issues = validateRecord(changed(base, (r) => (r.preop.sinsLocation = 'junctional')), TODAY)
    expect(issues.map((i) => [i.path, i.messageKey])).toEqual([['preop.sinsLocation', 'validation.consistency.sinsLocationVsVertebrae']])
    expect(issues[0]!.params).toMatchObject({ location: 'junctional', expected: 'semi_rigid', vertebrae: 'T8' })
    expect(warningKeys(changed(base, (r) => (r.month6.sinsLocation = 'mobile')))).toEqual(['validation.consistency.sinsLocationVsVertebrae'])
  })
  it('ECOG vs KPS', () => {
    const issues = validateRecord(changed(base, (r) => (r.preop.kps = 100)), TODAY)
    expect(issues.map((i) => i.messageKey)).toEqual(['validation.consistency.ecogVsKps'])
    expect(issues[0]!.params).toMatchObject({ ecog: 2, kps: 100, kpsMin: 50, kpsMax: 70 })
  })
  it('KPS 0 and ECOG 5 before surgery (= dead)', () => {
    expect(warningKeys(changed(base, (r) => {
      r.preop.kps = 0
      r.preop.ecog = 5
    }))).toEqual(['validation.consistency.preopEcogFive', 'validation.consistency.preopKpsZero'])
    // at 6 months KPS 0 with ECOG 5 is consistent, and no preoperative warning
    expect(warningKeys(changed(base, (r) => {
      r.month6.kps = 0
      r.month6.ecog = 5
    }))).toEqual([])
  })
  it('age vs date of birth (tolerance one year, at the surgery date)', () => {
    expect(warningKeys(changed(base, (r) => (r.patient.ageYears = 57)))).toEqual([])
    expect(warningKeys(changed(base, (r) => (r.patient.ageYears = 59)))).toEqual([])
    const issues = validateRecord(changed(base, (r) => (r.patient.ageYears = 60)), TODAY)
    expect(issues[0]).toMatchObject({ path: 'patient.ageYears', related: ['identity.dateOfBirth'], params: { age: 60, computedAge: 58, referenceDate: '2018-03-10' } })
  })
  it('6-month assessment outside 4–8 months after surgery', () => {
    expect(warningKeys(changed(base, (r) => (r.month6.assessedOn = '2018-07-15')))).toEqual([]) // ≈ 4.2 months
    expect(warningKeys(changed(base, (r) => (r.month6.assessedOn = '2018-07-01')))).toEqual(['validation.consistency.month6Timing'])
    expect(warningKeys(changed(base, (r) => (r.month6.assessedOn = '2018-11-20')))).toEqual(['validation.consistency.month6Timing'])
  })
  it('SRS dose or fractions missing for hybrid therapy', () => {
    const issues = validateRecord(changed(base, (r) => (r.surgery.srsFractions = null)), TODAY)
    expect(issues.map((i) => [i.path, i.messageKey])).toEqual([['surgery.srsFractions', 'validation.required.srsDoseForHybrid']])
    expect(issues[0]!.message).toContain('number of fractions is missing')
    expect(warningKeys(changed(base, (r) => {
      r.surgery.srsFractions = null
      r.surgery.arm = 'TES'
    }))).toEqual([])
  })
  it('histology other without primary-site points; points entered for a listed histology', () => {
    expect(warningKeys(changed(base, (r) => {
      r.patient.histology = 'other'
      r.patient.radiosensitivity = 'resistant'
    }))).toEqual(['validation.required.tokuhashiPrimaryPointsForOther'])
    expect(warningKeys(changed(base, (r) => (r.patient.tokuhashiPrimaryPoints = 2)))).toEqual(['validation.consistency.tokuhashiPrimaryPointsIgnored'])
  })
  it('radiosensitivity must be chosen where the histology has no default (docs/clinical-reference.md §13)', () => {
    const issues = validateRecord(changed(base, (r) => (r.patient.histology = 'stomach')), TODAY)
    expect(issues.map((i) => i.messageKey)).toEqual(['validation.required.radiosensitivityChoice'])
    expect(warningKeys(changed(base, (r) => {
      r.patient.histology = 'stomach'
      r.patient.radiosensitivity = 'resistant'
    }))).toEqual([])
  })
  it('6-month SOSG-OQ of another version than the preoperative one', () => {
    expect(warningKeys(changed(base, (r) => (r.month6.sosgoqVersion = '2.0')))).toEqual(['validation.consistency.sosgoqVersionMismatch'])
  })
  it('every issue has an English message, a messageKey under validation. and a known code', () => {
    const messy = changed(base, (r) => {
      r.patient.spinalRegion = 'lumbar'
      r.preop.kps = 0
      r.surgery.srsDate = '2018-03-01'
      r.month6.sosgoqVersion = '2.0'
    })
    for (const i of validateRecord(messy, TODAY)) {
      expect(i.message.length).toBeGreaterThan(20)
      expect(i.messageKey).toMatch(/^validation\.[a-zA-Z]+(\.[a-zA-Z0-9]+)?$/)
      expect(['DATE_ORDER', 'SCORE_OUT_OF_RANGE', 'INCONSISTENT', 'REQUIRED', 'DUPLICATE']).toContain(i.code)
    }
  })
})

describe('validateFieldChange', () => {
  const base = completeRecord()
  it('returns the error the new value causes, with the field involved', () => {
    const issues = validateFieldChange(base, 'surgery.surgeryDate', '2018-01-01', TODAY)
    expect(keys(errorsOf(issues))).toEqual(['validation.dateOrder.surgeryBeforeAdmission', 'validation.dateOrder.surgeryBeforePreopAssessment'])
    expect(errorsOf(issues).every((i) => i.path === 'surgery.surgeryDate')).toBe(true)
  })
  it('returns the error when the other date of the pair changes (related field)', () => {
    const issues = validateFieldChange(base, 'patient.diagnosisDate', '2018-04-01', TODAY)
    expect(keys(errorsOf(issues))).toEqual(['validation.dateOrder.admissionBeforeDiagnosis'])
  })
  it('returns new issues on other fields caused by the change', () => {
    const issues = validateFieldChange(base, 'patient.histology', 'other', TODAY)
    expect(keys(issues)).toEqual(['validation.required.radiosensitivityChoice', 'validation.required.tokuhashiPrimaryPointsForOther'])
  })
  it('leaves out a stored problem unrelated to the field', () => {
    const stored = changed(base, (r) => (r.surgery.srsDate = '2018-03-01'))
    expect(errorsOf(validateRecord(stored, TODAY))).toHaveLength(1)
    expect(validateFieldChange(stored, 'patient.notes', 'seen in clinic', TODAY)).toEqual([])
    // fixing it leaves nothing
    expect(validateFieldChange(stored, 'surgery.srsDate', '2018-04-02', TODAY)).toEqual([])
  })
  it('clearing a date never causes a date-order error', () => {
    for (const path of ['patient.diagnosisDate', 'surgery.admissionDate', 'surgery.surgeryDate', 'surgery.dischargeDate', 'surgery.srsDate', 'identity.dateOfBirth']) {
      expect(errorsOf(validateFieldChange(base, path, null, TODAY))).toEqual([])
    }
  })
  it('vertebrae replace the set and are checked against region and SINS location', () => {
    expect(keys(validateFieldChange(base, 'patient.vertebrae', ['L3'], TODAY))).toEqual([
      'validation.consistency.regionVsVertebrae',
      'validation.consistency.sinsLocationVsVertebrae',
      'validation.consistency.sinsLocationVsVertebrae',
    ])
  })
})

describe('todayIso', () => {
  it("is the local calendar date (an operation entered today is never 'in the future')", () => {
    const late = new Date(2024, 5, 1, 23, 30) // 23:30 local time on 1 June
    const early = new Date(2024, 5, 1, 0, 30)
    expect(todayIso(late)).toBe('2024-06-01')
    expect(todayIso(early)).toBe('2024-06-01')
  })
})
