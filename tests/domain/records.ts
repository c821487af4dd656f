// A complete, valid and eligible patient record (Zheng 2021 hybrid-therapy arm) for the domain,
// db and service tests, and helpers that change one field of a copy. Synthetic: no real patient.
import { emptyPatientRecord, type PatientRecordInput } from '../../main/contract/patient-record'

export const TODAY = '2024-06-01'

export function completeRecord(studyId = 'SM-0001'): PatientRecordInput {
  const r = emptyPatientRecord(studyId)
  r.patient = {
    ...r.patient,
    ...r.patient,
    ageYears: 58,
    sex: 'male',
    histology: 'kidney',
    diagnosisDate: '2018-01-15',
    spinalRegion: 'thoracic',
    vertebrae: ['T8'],
    primaryControlled: true,
    surgicalContraindication: false,
    previousSpinalResection: false,
  }
  r.identity = { fullName: 'Test Patient One', hospitalNumber: 'H-000001', dateOfBirth: '1960-02-01' }
  r.preop = {
    ...r.preop,
    ...r.preop,
    assessedOn: '2018-03-06',
    kps: 70, // Tokuhashi 1
    ecog: 2,
    tokuhashiExtraspinalBoneFoci: 0, // 2
    tokuhashiVertebralMetastases: 1, // 2
    tokuhashiVisceral: 'none', // 2
    tokuhashiFrankel: 'D', // 1 (+ kidney 3 = 11)
    bilskyGrade: '2',
    sinsLocation: 'semi_rigid', // 1
    sinsPain: 'mechanical', // 3
    sinsBoneLesion: 'lytic', // 2
    sinsAlignment: 'normal', // 0
    sinsCollapse: 'under_50', // 2
    sinsPosterolateral: 'unilateral', // 1 → 9
    asiaGrade: 'D',
    vasPain: 7.2,
    myelopathy: true,
    toleratesSurgery: true,
    sosgoqVersion: '1.0',
    sosgoqAnswers: null,
    sosgoqEnteredTotal: 64,
  }
  r.surgery = {
    ...r.surgery,
    arm: 'HT',
    admissionDate: '2018-03-05',
    surgeryDate: '2018-03-10',
    dischargeDate: '2018-03-20',
    procedureDetail: 'Posterior separation surgery T6–T10',
    fixationLevelsAbove: 2,
    fixationLevelsBelow: 2,
    operativeTimeMin: 240,
    bloodLossMl: 800,
    marginStatus: 'not_assessed',
    srsDate: '2018-04-02',
    srsDoseGy: 24,
    srsFractions: 3,
  }
  r.month6 = {
    ...r.month6,
    ...r.month6,
    assessedOn: '2018-09-12',
    kps: 90,
    ecog: 1,
    asiaGrade: 'E',
    vasPain: 1.1,
    sinsLocation: 'semi_rigid',
    sinsPain: 'pain_free',
    sinsBoneLesion: 'lytic',
    sinsAlignment: 'normal',
    sinsCollapse: 'under_50',
    sinsPosterolateral: 'unilateral',
    sosgoqVersion: '1.0',
    sosgoqEnteredTotal: 42,
  }
  r.complications = [{ id: null, kind: 'superficial_wound_infection', description: null, grade: 'I', onsetDate: '2018-03-15' }]
  r.followUp = [
    { id: null, kind: 'contact', eventDate: '2018-04-10', note: null },
    { id: null, kind: 'contact', eventDate: '2019-03-10', note: null },
  ]
  return r
}

/** A copy of `record` with `mutate` applied. */
export function changed(record: PatientRecordInput, mutate: (r: PatientRecordInput) => void): PatientRecordInput {
  const copy = structuredClone(record)
  mutate(copy)
  return copy
}
