// Scores known only as their total ("total known, items not recorded"): revised Tokuhashi and
// SINS from a legacy registry. The total drives bands, completeness, eligibility and NOMS until
// the items are filled in; then the items' sum counts and a difference is named.
import { describe, expect, it } from 'vitest'
import type { PatientRecordInput } from '../../main/contract/patient-record'
import { missingFields } from '../../main/domain/completeness'
import { deriveRecord } from '../../main/domain/derived'
import { evaluateEligibility } from '../../main/domain/eligibility'
import { assessNoms } from '../../main/domain/noms-assessment'
import { scoreSins } from '../../main/domain/scores/sins'
import { scoreTokuhashi } from '../../main/domain/scores/tokuhashi'
import { validateRecord } from '../../main/domain/validation'
import { changed, completeRecord, TODAY } from './records'

const noTokuhashiItems = { kps: null, extraspinalBoneFoci: null, vertebralMetastases: null, visceral: null, histology: null, primaryPointsOverride: null, frankel: null }
const noSinsItems = { location: null, pain: null, boneLesion: null, alignment: null, collapse: null, posterolateral: null }

/**
 * The complete reference record with only the totals kept: the Tokuhashi items are cleared except
 * the other metastases (extraspinal foci 0, no visceral metastases), which the study's exclusion
 * criterion reads and a legacy registry usually records; the SINS components are cleared.
 */
function totalsOnly(tokuhashi: number | null, sinsPreop: number | null, sinsMonth6: number | null = 6): PatientRecordInput {
  return changed(completeRecord(), (r) => {
    Object.assign(r.preop, {
      kps: null,
      tokuhashiVertebralMetastases: null,
      tokuhashiFrankel: null,
      tokuhashiEnteredTotal: tokuhashi,
      sinsLocation: null,
      sinsPain: null,
      sinsBoneLesion: null,
      sinsAlignment: null,
      sinsCollapse: null,
      sinsPosterolateral: null,
      sinsEnteredTotal: sinsPreop,
    })
    Object.assign(r.month6, { sinsLocation: null, sinsPain: null, sinsBoneLesion: null, sinsAlignment: null, sinsCollapse: null, sinsPosterolateral: null, sinsEnteredTotal: sinsMonth6 })
  })
}

describe('a total without items', () => {
  it('gives the Tokuhashi total and band, labelled as entered', () => {
    const r = scoreTokuhashi({ ...noTokuhashiItems, enteredTotal: 10 })
    expect(r).toMatchObject({ total: 10, source: 'entered', fromItems: null, enteredTotal: 10, band: 'atLeast6Months', difference: null })
    expect(r.missing).toHaveLength(6)
    expect(scoreTokuhashi({ ...noTokuhashiItems, enteredTotal: 8 }).band).toBe('under6Months')
    expect(scoreTokuhashi({ ...noTokuhashiItems, enteredTotal: 12 }).band).toBe('atLeast1Year')
  })
  it('gives the SINS total and band; without a total and items the score stays unknown', () => {
    expect(scoreSins({ ...noSinsItems, enteredTotal: 13 })).toMatchObject({ total: 13, source: 'entered', band: 'unstable' })
    expect(scoreSins({ ...noSinsItems, enteredTotal: 6 })).toMatchObject({ total: 6, band: 'stable' })
    expect(scoreSins({ ...noSinsItems, enteredTotal: null })).toMatchObject({ total: null, source: null, band: null })
  })
  it('some items recorded: the entered total still counts, the partial sum is only shown', () => {
    const r = scoreSins({ ...noSinsItems, pain: 'mechanical', enteredTotal: 11 })
    expect(r).toMatchObject({ total: 11, source: 'entered', partialTotal: 3, fromItems: null })
  })
  it('items filled in later: their sum counts, and a different entered total is named with the difference', () => {
    const items = { location: 'semi_rigid', pain: 'mechanical', boneLesion: 'lytic', alignment: 'normal', collapse: 'under_50', posterolateral: 'unilateral' } as const // 9
    expect(scoreSins({ ...items, enteredTotal: 9 })).toMatchObject({ total: 9, source: 'items', fromItems: 9, enteredTotal: 9, difference: null })
    expect(scoreSins({ ...items, enteredTotal: 11 })).toMatchObject({ total: 9, source: 'items', band: 'indeterminate', difference: -2 })
  })
})

describe('a record with totals only', () => {
  it('derives the totals, is complete, and its eligibility reads the Tokuhashi total', () => {
    const r = totalsOnly(10, 9)
    const d = deriveRecord(r)
    expect(d.tokuhashi).toMatchObject({ total: 10, source: 'entered' })
    expect(d.sins.preop).toMatchObject({ total: 9, source: 'entered' })
    expect(missingFields(r, d)).toEqual([])
    const e = evaluateEligibility(r)
    expect(e.criteria.tokuhashi9to11).toBe(true)
    expect(e.criteria.caseDataComplete).toBe(true)
    expect(e.status).toBe('eligible')
    expect(evaluateEligibility(totalsOnly(13, 9)).failed).toEqual(['tokuhashi9to11'])
  })
  it('a total cannot say whether there are other metastases: without them that criterion stays unknown', () => {
    const r = changed(totalsOnly(10, 9), (x) => {
      x.preop.tokuhashiExtraspinalBoneFoci = null
      x.preop.tokuhashiVisceral = null
    })
    const e = evaluateEligibility(r)
    expect(e.unknown).toEqual(['noOtherMetastases'])
    expect(e.status).toBe('unknown')
  })
  it('without totals and items the record is incomplete and the Tokuhashi criterion unknown', () => {
    const r = totalsOnly(null, null, null)
    const paths = missingFields(r).map((m) => m.path)
    expect(paths).toEqual(expect.arrayContaining(['preop.kps', 'preop.tokuhashiFrankel', 'preop.sinsPain', 'month6.sinsPain']))
    expect(evaluateEligibility(r).criteria.tokuhashi9to11).toBeNull()
  })
  it('NOMS reads the SINS total: 13 is unstable, 5 stable', () => {
    const unstable = totalsOnly(10, 13)
    const a = assessNoms(unstable, deriveRecord(unstable))
    expect(a.inputs.sinsTotal).toBe(13)
    expect(a.result.mechanical).toBe('unstable')
    expect(a.rows).toEqual([9]) // high-grade, radioresistant, fit, unstable
    const stable = totalsOnly(10, 5)
    expect(assessNoms(stable, deriveRecord(stable)).rows).toEqual([7])
  })
  it('warns when items filled in later do not add up to the entered total, naming both and the difference', () => {
    // the reference record's items give Tokuhashi 11 and preoperative SINS 9
    const r = changed(completeRecord(), (x) => {
      x.preop.tokuhashiEnteredTotal = 10
      x.preop.sinsEnteredTotal = 9
    })
    const issues = validateRecord(r, TODAY).filter((i) => i.messageKey === 'legacy.issues.totalDiffers')
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ path: 'preop.tokuhashiEnteredTotal', severity: 'warning', params: { score: 'tokuhashi', items: 11, entered: 10, difference: 1 } })
    expect(issues[0]!.message).toContain('add up to 11')
    expect(issues[0]!.message).toContain('1 point higher')
    expect(deriveRecord(r).tokuhashi).toMatchObject({ total: 11, source: 'items' })
    const agree = changed(r, (x) => (x.preop.tokuhashiEnteredTotal = 11))
    expect(validateRecord(agree, TODAY).filter((i) => i.messageKey === 'legacy.issues.totalDiffers')).toEqual([])
  })
})
