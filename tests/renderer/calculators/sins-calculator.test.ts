import { afterEach, describe, expect, it } from 'vitest'
import SinsCalculator from '@/components/calculators/SinsCalculator.vue'
import { SINS_ALIGNMENT, SINS_BONE_LESION, SINS_COLLAPSE, SINS_LOCATIONS, SINS_PAIN, SINS_POSTEROLATERAL } from '@domain/codes'
import { chooseRadio, mountControlled, pressKey, settle, textOf } from '../mount'

afterEach(() => {
  document.body.innerHTML = ''
})

const empty = { location: null, pain: null, boneLesion: null, alignment: null, collapse: null, posterolateral: null }
const pts = (n: number) => (n === 1 ? '1 pt' : `${n} pts`)

describe('SinsCalculator (Fisher 2010, docs/clinical-reference.md §2)', () => {
  const components: [string, readonly string[], number[]][] = [
    ['location', SINS_LOCATIONS, [3, 2, 1, 0]],
    ['pain', SINS_PAIN, [3, 1, 0]],
    ['boneLesion', SINS_BONE_LESION, [2, 1, 0]],
    ['alignment', SINS_ALIGNMENT, [4, 2, 0]],
    ['collapse', SINS_COLLAPSE, [3, 2, 1, 0]],
    ['posterolateral', SINS_POSTEROLATERAL, [3, 1, 0]],
  ]
  for (const [component, codes, points] of components) {
    it(`scores every ${component} option (${points.join('/')})`, async () => {
      const w = mountControlled(SinsCalculator, { ...empty })
      for (let i = 0; i < codes.length; i++) {
        await chooseRadio(w, `[data-testid="sins-${component}"]`, i)
        expect(w.props(component)).toBe(codes[i])
        expect(textOf(w, `[data-testid="sins-${component}"] [data-role="points"]`)).toBe(pts(points[i]!))
      }
    })
  }

  it('the pain item is 3/1/0, never 3/2/1', async () => {
    const w = mountControlled(SinsCalculator, { ...empty, pain: 'occasional' })
    expect(textOf(w, '[data-testid="sins-pain"] [data-role="points"]')).toBe('1 pt')
  })

  it('number keys pick the n-th option', async () => {
    const w = mountControlled(SinsCalculator, { ...empty })
    pressKey(w.find('[data-testid="sins-alignment"] input[type="radio"]').element, '1')
    await settle()
    expect(w.props('alignment')).toBe('subluxation')
    pressKey(w.find('[data-testid="sins-collapse"] input[type="radio"]').element, '3')
    await settle()
    expect(w.props('collapse')).toBe('involved_over_50')
  })

  const bands: [number, Record<string, string>, string, string][] = [
    [0, { location: 'rigid', pain: 'pain_free', boneLesion: 'blastic', alignment: 'normal', collapse: 'none', posterolateral: 'none' }, '0–6: stable', 'No instability flag.'],
    [6, { location: 'junctional', pain: 'mechanical', boneLesion: 'blastic', alignment: 'normal', collapse: 'none', posterolateral: 'none' }, '0–6: stable', 'No instability flag.'],
    [7, { location: 'junctional', pain: 'mechanical', boneLesion: 'mixed', alignment: 'normal', collapse: 'none', posterolateral: 'none' }, '7–12: indeterminate (potentially unstable)', 'Surgical consultation recommended.'],
    [12, { location: 'junctional', pain: 'mechanical', boneLesion: 'lytic', alignment: 'normal', collapse: 'over_50', posterolateral: 'unilateral' }, '7–12: indeterminate (potentially unstable)', 'Surgical consultation recommended.'],
    [13, { location: 'junctional', pain: 'mechanical', boneLesion: 'lytic', alignment: 'deformity', collapse: 'over_50', posterolateral: 'none' }, '13–18: unstable', 'treated as unstable in NOMS'],
    [18, { location: 'junctional', pain: 'mechanical', boneLesion: 'lytic', alignment: 'subluxation', collapse: 'over_50', posterolateral: 'bilateral' }, '13–18: unstable', 'treated as unstable in NOMS'],
  ]
  for (const [total, input, band, meaning] of bands) {
    it(`total ${total}: ${band}`, () => {
      const w = mountControlled(SinsCalculator, { ...empty, ...input })
      expect(textOf(w, '[data-testid="sins-total"] [data-role="total"]')).toBe(String(total))
      expect(textOf(w, '[data-testid="sins-total"] [data-role="band"]')).toBe(band)
      expect(textOf(w, '[data-testid="sins-total"] [data-role="interpretation"]')).toContain(meaning)
    })
  }

  it('shows the partial total until all six components are chosen', () => {
    const w = mountControlled(SinsCalculator, { ...empty, location: 'mobile', pain: 'mechanical' })
    expect(textOf(w, '[data-testid="sins-total"] [data-role="partial"]')).toBe('Partial total 5 — 4 item(s) missing')
  })

  it('suggests the location from the vertebrae (most unstable class) and applies it on request', async () => {
    const w = mountControlled(SinsCalculator, { ...empty, vertebrae: ['T7', 'T12'] })
    expect(textOf(w, '[data-role="location-suggestion"]')).toContain('Suggested from the involved vertebrae (T7, T12): Junctional')
    expect(w.props('location')).toBeNull()
    await w.find('[data-testid="sins-use-suggestion"]').trigger('click')
    await settle()
    expect(w.props('location')).toBe('junctional')
    expect(w.find('[data-testid="sins-use-suggestion"]').exists()).toBe(false)
    await chooseRadio(w, '[data-testid="sins-location"]', 2)
    expect(textOf(w, '[data-testid="sins-location"]')).toContain('Differs from the location suggested')
  })
})
