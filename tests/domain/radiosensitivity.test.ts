// Radiosensitivity to conventional radiotherapy (NOMS "O"), domain.md §9 and §13.
import { describe, expect, it } from 'vitest'
import { HISTOLOGIES, type Histology, type Radiosensitivity } from '../../main/domain/codes'
import { defaultRadiosensitivity, effectiveRadiosensitivity } from '../../main/domain/radiosensitivity'

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
