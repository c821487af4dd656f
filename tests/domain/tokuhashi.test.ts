// Revised Tokuhashi score (Tokuhashi 2005), against the table in docs/clinical-reference.md §1.
import { describe, expect, it } from 'vitest'
import { HISTOLOGIES, type Histology } from '../../main/domain/codes'
import {
  scoreTokuhashi,
  tokuhashiBand,
  tokuhashiExtraspinalPoints,
  tokuhashiGeneralConditionPoints,
  tokuhashiPalsyPoints,
  tokuhashiPrimarySitePoints,
  tokuhashiVertebralPoints,
  tokuhashiVisceralPoints,
  type TokuhashiInput,
} from '../../main/domain/scores/tokuhashi'

describe('revised Tokuhashi items (docs/clinical-reference.md §1)', () => {
  it('general condition from KPS: 10–40 % poor 0, 50–70 % moderate 1, 80–100 % good 2', () => {
    const expected: Record<number, number> = { 0: 0, 10: 0, 20: 0, 30: 0, 40: 0, 50: 1, 60: 1, 70: 1, 80: 2, 90: 2, 100: 2 }
    for (const [kps, points] of Object.entries(expected)) expect(tokuhashiGeneralConditionPoints(Number(kps)), `KPS ${kps}`).toBe(points)
  })
  it('extraspinal bone foci: ≥ 3 → 0, 1–2 → 1, 0 → 2', () => {
    expect([0, 1, 2, 3, 4, 200].map(tokuhashiExtraspinalPoints)).toEqual([2, 1, 1, 0, 0, 0])
  })
  it('vertebral-body metastases: ≥ 3 → 0, 2 → 1, 1 → 2 (not the miscopied ≥3 / 1–2 / 0)', () => {
    expect(tokuhashiVertebralPoints(1)).toBe(2)
    expect(tokuhashiVertebralPoints(2)).toBe(1)
    expect(tokuhashiVertebralPoints(3)).toBe(0)
    expect(tokuhashiVertebralPoints(29)).toBe(0)
  })
  it('metastases to the major internal organs: unremovable 0, removable 1, none 2', () => {
    expect(tokuhashiVisceralPoints('unremovable')).toBe(0)
    expect(tokuhashiVisceralPoints('removable')).toBe(1)
    expect(tokuhashiVisceralPoints('none')).toBe(2)
  })
  it('palsy (Frankel): A or B 0, C or D 1, E 2', () => {
    expect((['A', 'B', 'C', 'D', 'E'] as const).map(tokuhashiPalsyPoints)).toEqual([0, 0, 1, 1, 2])
  })
  it('primary site: every histology code in its group (§1 primary-site table, §13 cross-walk)', () => {
    const expected: Record<Histology, number | null> = {
      lung_nsclc: 0,
      lung_sclc: 0,
      osteosarcoma: 0,
      stomach: 0,
      bladder: 0,
      esophagus: 0,
      pancreas: 0,
      liver: 1,
      gallbladder: 1,
      unknown_primary: 1,
      colon: 2,
      melanoma: 2,
      myeloma: 2,
      lymphoma: 2,
      ovary: 2,
      sarcoma_other: 2,
      seminoma: 2,
      kidney: 3,
      uterus: 3,
      rectum: 4,
      thyroid: 5,
      breast: 5,
      prostate: 5,
      carcinoid: 5,
      other: null,
    }
    expect(Object.keys(expected).sort()).toEqual([...HISTOLOGIES].sort())
    for (const h of HISTOLOGIES) expect(tokuhashiPrimarySitePoints(h), h).toBe(expected[h])
  })
})

describe('revised Tokuhashi total and bands', () => {
  it('bands 0–8 < 6 months, 9–11 ≥ 6 months, 12–15 ≥ 1 year, at every boundary', () => {
    expect([0, 8, 9, 11, 12, 15].map(tokuhashiBand)).toEqual(['under6Months', 'under6Months', 'atLeast6Months', 'atLeast6Months', 'atLeast1Year', 'atLeast1Year'])
  })
  const full: TokuhashiInput = { kps: 90, extraspinalBoneFoci: 0, vertebralMetastases: 1, visceral: 'none', histology: 'thyroid', primaryPointsOverride: null, frankel: 'E' }
  it('best case 15, worst case 0', () => {
    expect(scoreTokuhashi(full)).toMatchObject({ total: 15, band: 'atLeast1Year', missing: [] })
    const worst = scoreTokuhashi({ kps: 10, extraspinalBoneFoci: 5, vertebralMetastases: 4, visceral: 'unremovable', histology: 'lung_nsclc', primaryPointsOverride: null, frankel: 'A' })
    expect(worst).toMatchObject({ total: 0, band: 'under6Months' })
  })
  it('a two-vertebra lesion costs exactly one point against a solitary one', () => {
    expect(scoreTokuhashi({ ...full, vertebralMetastases: 2 }).total).toBe(14)
    expect(scoreTokuhashi({ ...full, vertebralMetastases: 3 }).total).toBe(13)
  })
  it('the reference-study example: KPS 70, no other foci, one vertebra, no organ metastases, kidney, Frankel D = 11', () => {
    const r = scoreTokuhashi({ kps: 70, extraspinalBoneFoci: 0, vertebralMetastases: 1, visceral: 'none', histology: 'kidney', primaryPointsOverride: null, frankel: 'D' })
    expect(r.points).toEqual({ generalCondition: 1, extraspinalBoneFoci: 2, vertebralMetastases: 2, visceralMetastases: 2, primarySite: 3, palsy: 1 })
    expect(r).toMatchObject({ total: 11, band: 'atLeast6Months' })
  })
  it('the total stays empty until every item is recorded; the partial total is shown meanwhile', () => {
    const r = scoreTokuhashi({ ...full, kps: null, frankel: null })
    expect(r).toMatchObject({ total: null, band: null, partialTotal: 11, missing: ['generalCondition', 'palsy'] })
  })
  it("histology 'other' uses the clinician's points; without them the item is missing", () => {
    expect(scoreTokuhashi({ ...full, histology: 'other', primaryPointsOverride: 3 }).total).toBe(13)
    expect(scoreTokuhashi({ ...full, histology: 'other', primaryPointsOverride: null }).missing).toEqual(['primarySite'])
    // the override is ignored for a listed histology
    expect(scoreTokuhashi({ ...full, histology: 'thyroid', primaryPointsOverride: 0 }).total).toBe(15)
  })
})
