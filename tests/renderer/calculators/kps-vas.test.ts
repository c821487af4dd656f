import { afterEach, describe, expect, it } from 'vitest'
import KpsSelect from '@/components/calculators/KpsSelect.vue'
import VasInput from '@/components/calculators/VasInput.vue'
import { kpsOptionsFor } from '@/components/calculators/kps'
import { KPS_VALUES } from '@domain/codes'
import { mountControlled, settle, textOf } from '../mount'

afterEach(() => {
  document.body.innerHTML = ''
})

describe('KpsSelect (Karnofsky, 0–100 in steps of 10)', () => {
  it('finds the typed value first: "8" → 80, "10" → 10 then 100, "1" → 10 then 100', () => {
    expect(kpsOptionsFor('8')).toEqual([80])
    expect(kpsOptionsFor('10')).toEqual([10, 100])
    expect(kpsOptionsFor('100')).toEqual([100])
    expect(kpsOptionsFor('1')).toEqual([10, 100])
    expect(kpsOptionsFor('0')).toEqual([0])
    expect(kpsOptionsFor('')).toEqual([...KPS_VALUES].reverse())
    expect(kpsOptionsFor('55')).toEqual([])
  })

  it('describes every KPS level once chosen', async () => {
    const w = mountControlled(KpsSelect, { modelValue: null })
    const words: Record<number, string> = {
      100: 'Normal; no complaints',
      90: 'Able to carry on normal activity',
      80: 'Normal activity with effort',
      70: 'Cares for self',
      60: 'Requires occasional assistance',
      50: 'Requires considerable assistance',
      40: 'Disabled',
      30: 'Severely disabled',
      20: 'Very sick',
      10: 'Moribund',
      0: 'Dead',
    }
    for (const v of KPS_VALUES) {
      await w.setProps({ modelValue: v })
      await settle()
      expect(textOf(w, '[data-role="kps-description"]')).toContain(words[v])
    }
  })

  it('emits the option picked in the dropdown', async () => {
    const w = mountControlled(KpsSelect, { modelValue: null })
    await w.find('input').trigger('click')
    await settle()
    const item = Array.from(document.querySelectorAll<HTMLElement>('.el-select-dropdown__item')).find((el) => el.textContent?.startsWith('70 %'))
    expect(item).toBeTruthy()
    item!.click()
    await settle()
    expect(w.emitted('update:modelValue')?.at(-1)).toEqual([70])
  })
})

describe('VasInput (0–10, one decimal; SpineMet band convention)', () => {
  const cases: [number, string][] = [
    [0, 'No pain'],
    [0.1, 'Mild'],
    [4, 'Mild'],
    [4.1, 'Moderate'],
    [6.9, 'Moderate'],
    [7, 'Severe'],
    [10, 'Severe'],
  ]
  for (const [vas, band] of cases) {
    it(`VAS ${vas} is "${band}"`, () => {
      const w = mountControlled(VasInput, { modelValue: vas })
      expect(textOf(w, '[data-role="band"]')).toBe(band)
    })
  }

  it('shows no band outside 0–10 and states the convention', () => {
    const w = mountControlled(VasInput, { modelValue: 11 })
    expect(w.find('[data-role="band"]').exists()).toBe(false)
    expect(textOf(w, '[data-role="convention"]')).toContain('none 0; mild > 0 to 4.0; moderate > 4.0 to < 7.0; severe ≥ 7.0')
    // said once: not "SpineMet convention: SpineMet band convention"
    expect(textOf(w, '[data-role="convention"]').match(/convention/gi)?.length).toBe(1)
  })

  it('emits while typing (debounced save) and at once on change', async () => {
    const w = mountControlled(VasInput, { modelValue: null })
    const input = w.find('[data-testid="vas-input"] input')
    await input.setValue('7.5')
    await settle()
    expect(w.emitted('update:modelValue')?.[0]).toEqual([7.5, 'typing'])
    await input.trigger('change')
    await settle()
    expect(w.emitted('update:modelValue')?.at(-1)).toEqual([7.5, 'now'])
    expect(textOf(w, '[data-role="band"]')).toBe('Severe')
  })
})
