// Radiosensitivity to conventional radiotherapy (NOMS "O"), domain.md §9 and §13.
import { describe, expect, it } from 'vitest'
import { HISTOLOGIES, type Histology, type Radiosensitivity } from '../../main/domain/codes'
import { DEFAULT_RADIOSENSITIVITY_CLASSES, RADIOSENSITIVITY_SOURCES, defaultRadiosensitivity, effectiveRadiosensitivity, resolveRadiosensitivityClass } from '../../main/domain/radiosensitivity'

describe('defaultRadiosensitivity', () => {
  it('follows §9/§13 for every histology; UNVERIFIED ones have no default (a clinician choice)', () => {
    const expected: Record<Histology, Radiosensitivity | null> = {
      lymphoma: 'sensitive',
      myeloma: 'sensitive',
      seminoma: 'sensitive',
      breast: 'sensitive',
      prostate: 'sensitive',
      ovary: 'sensitive',
      carcinoid: 'sensitive',
      lung_sclc: 'sensitive',
      kidney: 'resistant',
      thyroid: 'resistant',
      melanoma: 'resistant',
      colon: 'resistant',
      rectum: 'resistant',
      liver: 'resistant',
      lung_nsclc: 'resistant',
      osteosarcoma: 'resistant',
      sarcoma_other: 'resistant',
      // UNVERIFIED in §9/§13
      stomach: null,
      esophagus: null,
      pancreas: null,
      bladder: null,
      uterus: null,
      gallbladder: null,
      unknown_primary: null,
      other: null,
    }
    for (const h of HISTOLOGIES) expect(defaultRadiosensitivity(h), h).toBe(expected[h])
  })
  it("the reference study's radioresistant histologies are all resistant by default", () => {
    for (const h of ['kidney', 'thyroid', 'liver', 'rectum', 'colon', 'melanoma'] as const) expect(defaultRadiosensitivity(h)).toBe('resistant')
  })
  it("the clinician's entry overrides the default; no histology and no entry is unknown", () => {
    expect(effectiveRadiosensitivity('kidney', 'sensitive')).toBe('sensitive')
    expect(effectiveRadiosensitivity('stomach', 'resistant')).toBe('resistant')
    expect(effectiveRadiosensitivity('stomach', null)).toBeNull()
    expect(effectiveRadiosensitivity(null, null)).toBeNull()
    expect(effectiveRadiosensitivity(null, 'resistant')).toBe('resistant')
  })
})

describe('resolveRadiosensitivityClass (NOMS "O")', () => {
  it('moderately sensitive primaries are not highly radiosensitive by default; each default names its source', () => {
    for (const h of ['breast', 'prostate', 'ovary', 'carcinoid'] as const) {
      expect(resolveRadiosensitivityClass(h, null)).toEqual({ class: 'moderate', origin: { kind: 'default', source: 'bilsky' } })
    }
    for (const h of ['lymphoma', 'myeloma', 'seminoma'] as const) expect(resolveRadiosensitivityClass(h, null)).toMatchObject({ class: 'high', origin: { source: 'ao' } })
    expect(resolveRadiosensitivityClass('kidney', null)).toMatchObject({ class: 'resistant', origin: { source: 'ao' } })
    for (const [h, def] of Object.entries(DEFAULT_RADIOSENSITIVITY_CLASSES)) expect(RADIOSENSITIVITY_SOURCES[def.source], h).toMatch(/\d{4}|AO/)
  })
  it('the record entry wins, then the registry setting, then the default; unclassified histologies stay missing', () => {
    expect(resolveRadiosensitivityClass('breast', 'sensitive', { breast: 'moderate' })).toEqual({ class: 'high', origin: { kind: 'record' } })
    expect(resolveRadiosensitivityClass('breast', null, { breast: 'high' })).toEqual({ class: 'high', origin: { kind: 'registrySetting' } })
    expect(resolveRadiosensitivityClass('stomach', null)).toEqual({ class: null, origin: null })
    expect(resolveRadiosensitivityClass('stomach', null, { stomach: 'resistant' })).toEqual({ class: 'resistant', origin: { kind: 'registrySetting' } })
    expect(resolveRadiosensitivityClass(null, null)).toEqual({ class: null, origin: null })
  })
  it('the two-level study class counts moderately sensitive as sensitive (not radioresistant)', () => {
    for (const h of HISTOLOGIES) {
      const c = DEFAULT_RADIOSENSITIVITY_CLASSES[h]?.class
      expect(defaultRadiosensitivity(h), h).toBe(c === undefined ? null : c === 'resistant' ? 'resistant' : 'sensitive')
    }
  })
})
