// The study reads a score known only as its total: the analysis row of a totals-only record has
// the revised Tokuhashi and SINS totals, and its eligibility criteria are evaluated from them.
import { describe, expect, it } from 'vitest'
import { DEFAULT_STUDY_SETTINGS } from '../../main/contract/study'
import type { PatientRecord } from '../../main/contract/patient-record'
import { analysisRow } from '../../main/services/study/dataset'
import { changed, completeRecord } from '../domain/records'

function totalsOnly(tokuhashi: number, sins: number): PatientRecord {
  const r = changed(completeRecord('SM-0009'), (x) => {
    Object.assign(x.preop, { kps: null, tokuhashiVertebralMetastases: null, tokuhashiFrankel: null, tokuhashiEnteredTotal: tokuhashi })
    Object.assign(x.preop, { sinsLocation: null, sinsPain: null, sinsBoneLesion: null, sinsAlignment: null, sinsCollapse: null, sinsPosterolateral: null, sinsEnteredTotal: sins })
  })
  return { ...r, id: 9, createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z' }
}

describe('study analysis rows from entered totals', () => {
  it('carries the entered Tokuhashi and SINS totals and evaluates the Tokuhashi criterion from them', () => {
    const row = analysisRow(totalsOnly(10, 12), DEFAULT_STUDY_SETTINGS)
    expect(row.tokuhashi).toBe(10)
    expect(row.preop.sins).toBe(12)
    expect(row.criteria.tokuhashi9to11).toBe(true)
    expect(row.criteria.caseDataComplete).toBe(true)
    expect(analysisRow(totalsOnly(8, 12), DEFAULT_STUDY_SETTINGS).criteria.tokuhashi9to11).toBe(false)
  })
})
