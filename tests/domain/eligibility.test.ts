// Eligibility against the reference study's criteria (Zheng 2021 Methods; docs/clinical-reference.md §1, §3, §5, §9).
import { describe, expect, it } from 'vitest'
import { emptyPatientRecord, type PatientRecordInput } from '../../main/contract/patient-record'
import { CRITERIA, CRITERION_KIND, evaluateEligibility, ZHENG_2021_PROTOCOL, type CriterionId } from '../../main/domain/eligibility'
import { deriveRecord } from '../../main/domain/derived'
import { changed, completeRecord } from './records'

const base = completeRecord()
const criterion = (r: PatientRecordInput, c: CriterionId) => evaluateEligibility(r).criteria[c]

describe('evaluateEligibility: the complete reference patient', () => {
  it('meets every criterion and is eligible', () => {
    const e = evaluateEligibility(base)
    expect(e.status).toBe('eligible')
    expect(e.failed).toEqual([])
    expect(e.unknown).toEqual([])
    for (const c of CRITERIA) expect(e.criteria[c], c).toBe(true)
  })
  it('has eight inclusion and five exclusion criteria', () => {
    expect(CRITERIA.filter((c) => CRITERION_KIND[c] === 'inclusion')).toHaveLength(8)
    expect(CRITERIA.filter((c) => CRITERION_KIND[c] === 'exclusion')).toHaveLength(5)
    expect(ZHENG_2021_PROTOCOL).toMatchObject({ treatmentFrom: '2012-01-01', treatmentTo: '2019-05-31', tokuhashiMin: 9, tokuhashiMax: 11, ecogMax: 3 })
  })
})

describe('each criterion passes, fails, or is unknown', () => {
  type Case = [CriterionId, (r: PatientRecordInput) => void, boolean | null]
  const cases: Case[] = [
    ['treatmentPeriod', (r) => (r.surgery.surgeryDate = '2012-01-01'), true],
    ['treatmentPeriod', (r) => (r.surgery.surgeryDate = '2019-05-31'), true],
    ['treatmentPeriod', (r) => (r.surgery.surgeryDate = '2011-12-31'), false],
    ['treatmentPeriod', (r) => (r.surgery.surgeryDate = '2019-06-01'), false],
    ['treatmentPeriod', (r) => (r.surgery.surgeryDate = null), null],
    ['solitaryMetastasis', (r) => (r.preop.tokuhashiVertebralMetastases = 2), false],
    ['solitaryMetastasis', (r) => {
      r.preop.tokuhashiVertebralMetastases = null
      r.patient.vertebrae = ['T8']
    }, true],
    ['solitaryMetastasis', (r) => {
      r.preop.tokuhashiVertebralMetastases = null
      r.patient.vertebrae = []
    }, null],
    ['thoracicOrLumbar', (r) => (r.patient.spinalRegion = 'lumbar'), true],
    ['thoracicOrLumbar', (r) => (r.patient.spinalRegion = 'cervical'), false],
    ['thoracicOrLumbar', (r) => (r.patient.spinalRegion = 'sacral'), false],
    ['thoracicOrLumbar', (r) => {
      r.patient.spinalRegion = null
      r.patient.vertebrae = ['C5']
    }, false],
    ['thoracicOrLumbar', (r) => {
      r.patient.spinalRegion = null
      r.patient.vertebrae = []
    }, null],
    ['highGradeEscc', (r) => (r.preop.bilskyGrade = '3'), true],
    ['highGradeEscc', (r) => (r.preop.bilskyGrade = '1c'), false],
    ['highGradeEscc', (r) => (r.preop.bilskyGrade = null), null],
    ['radioresistantHistology', (r) => (r.patient.histology = 'breast'), false],
    ['radioresistantHistology', (r) => (r.patient.histology = 'stomach'), null],
    ['radioresistantHistology', (r) => {
      r.patient.histology = 'stomach'
      r.patient.radiosensitivity = 'resistant'
    }, true],
    ['radioresistantHistology', (r) => (r.patient.radiosensitivity = 'sensitive'), false],
    ['tokuhashi9to11', (r) => (r.preop.tokuhashiFrankel = 'A'), true], // 10
    ['tokuhashi9to11', (r) => (r.preop.kps = 40), true], // 10
    ['tokuhashi9to11', (r) => (r.preop.tokuhashiFrankel = 'E'), false], // 12
    ['tokuhashi9to11', (r) => {
      r.preop.kps = 40
      r.preop.tokuhashiFrankel = 'A'
      r.preop.tokuhashiVisceral = 'removable'
    }, false], // 8
    ['tokuhashi9to11', (r) => (r.preop.kps = null), null],
    ['ecogAtMost3', (r) => (r.preop.ecog = 3), true],
    ['ecogAtMost3', (r) => (r.preop.ecog = 4), false],
    ['ecogAtMost3', (r) => (r.preop.ecog = null), null],
    ['treatedWithHtOrTes', (r) => (r.surgery.arm = 'TES'), true],
    ['treatedWithHtOrTes', (r) => (r.surgery.arm = 'other'), false],
    ['treatedWithHtOrTes', (r) => (r.surgery.arm = null), null],
    ['caseDataComplete', (r) => (r.preop.vasPain = null), false],
    ['noSurgicalContraindication', (r) => (r.patient.surgicalContraindication = true), false],
    ['noSurgicalContraindication', (r) => (r.patient.surgicalContraindication = null), null],
    ['primaryControlled', (r) => (r.patient.primaryControlled = false), false],
    ['primaryControlled', (r) => (r.patient.primaryControlled = null), null],
    ['noOtherMetastases', (r) => (r.preop.tokuhashiExtraspinalBoneFoci = 1), false],
    ['noOtherMetastases', (r) => (r.preop.tokuhashiVisceral = 'removable'), false],
    ['noOtherMetastases', (r) => {
      r.preop.tokuhashiVisceral = null
      r.preop.tokuhashiExtraspinalBoneFoci = 2
    }, false], // known to fail even with the other item missing
    ['noOtherMetastases', (r) => (r.preop.tokuhashiVisceral = null), null],
    ['noPreviousSpinalResection', (r) => (r.patient.previousSpinalResection = true), false],
    ['noPreviousSpinalResection', (r) => (r.patient.previousSpinalResection = null), null],
  ]
  it.each(cases.map(([c, mutate, expected], i) => [`${c} #${i}`, c, mutate, expected] as const))('%s', (_name, c, mutate, expected) => {
    expect(criterion(changed(base, mutate), c)).toBe(expected)
  })
})

describe('overall status', () => {
  it('any failed criterion makes the patient ineligible, listing the failures in order', () => {
    const e = evaluateEligibility(changed(base, (r) => {
      r.preop.ecog = 4
      r.patient.spinalRegion = 'cervical'
      r.patient.vertebrae = ['C5']
      r.preop.sinsLocation = 'mobile'
      r.month6.sinsLocation = 'mobile'
    }))
    expect(e.status).toBe('ineligible')
    expect(e.failed).toEqual(['thoracicOrLumbar', 'ecogAtMost3'])
  })
  it('a criterion not known yet, or an incomplete record, leaves the status unknown', () => {
    expect(evaluateEligibility(changed(base, (r) => (r.preop.bilskyGrade = null))).status).toBe('unknown')
    const incomplete = evaluateEligibility(changed(base, (r) => (r.month6.vasPain = null)))
    expect(incomplete.status).toBe('unknown')
    expect(incomplete.failed).toEqual(['caseDataComplete'])
  })
  it('an empty draft is unknown, not ineligible', () => {
    expect(evaluateEligibility(emptyPatientRecord('SM-1')).status).toBe('unknown')
  })
})

describe("the registry's radiosensitivity setting (the class per histology the NOMS summary reads)", () => {
  const withClasses = (r: PatientRecordInput, classes: Parameters<typeof deriveRecord>[1]) => evaluateEligibility(r, undefined, deriveRecord(r, classes)).criteria.radioresistantHistology
  it('a histology the team sets to resistant is radioresistant; moderately or highly sensitive is not', () => {
    expect(withClasses(changed(base, (r) => (r.patient.histology = 'breast')), {})).toBe(false)
    expect(withClasses(changed(base, (r) => (r.patient.histology = 'breast')), { breast: 'resistant' })).toBe(true)
    expect(withClasses(base, { kidney: 'moderate' })).toBe(false)
    expect(withClasses(base, { kidney: 'high' })).toBe(false)
    expect(withClasses(changed(base, (r) => (r.patient.histology = 'stomach')), { stomach: 'resistant' })).toBe(true)
  })
  it("the record's own class wins over the registry's setting", () => {
    expect(withClasses(changed(base, (r) => (r.patient.radiosensitivity = 'resistant')), { kidney: 'moderate' })).toBe(true)
    expect(deriveRecord(changed(base, (r) => (r.patient.radiosensitivity = 'resistant')), { kidney: 'moderate' }).radiosensitivity).toEqual({ value: 'resistant', source: 'entered', histologyClass: 'moderate' })
  })
  it('says where the class came from', () => {
    expect(deriveRecord(base).radiosensitivity).toEqual({ value: 'resistant', source: 'histology', histologyClass: 'resistant' })
    expect(deriveRecord(base, { kidney: 'moderate' }).radiosensitivity).toEqual({ value: 'sensitive', source: 'registrySetting', histologyClass: 'moderate' })
    expect(deriveRecord(changed(base, (r) => (r.patient.histology = 'stomach'))).radiosensitivity).toEqual({ value: null, source: null, histologyClass: null })
  })
})
