import { afterEach, describe, expect, it } from 'vitest'
import SosgoqForm from '@/components/calculators/SosgoqForm.vue'
import { chooseRadio, mountControlled, pressKey, settle, textOf } from '../mount'

afterEach(() => {
  document.body.innerHTML = ''
})

const empty = { version: null, answers: null, enteredTotal: null }

describe('SosgoqForm (docs/clinical-reference.md §7)', () => {
  it('asks for the version first; items appear only once it is chosen', async () => {
    const w = mountControlled(SosgoqForm, { ...empty })
    expect(w.find('[data-testid="sosgoq-items"]').exists()).toBe(false)
    await chooseRadio(w, '[data-testid="sosgoq-version"]', 0)
    expect(w.props('version')).toBe('1.0')
    expect(w.findAll('[data-testid="sosgoq-items"] li')).toHaveLength(27)
    await chooseRadio(w, '[data-testid="sosgoq-version"]', 1)
    expect(w.props('version')).toBe('2.0')
    expect(w.findAll('[data-testid="sosgoq-items"] li')).toHaveLength(20)
  })

  it('states each version\'s direction and SpineMet\'s UNVERIFIED scoring convention', async () => {
    const w = mountControlled(SosgoqForm, { ...empty, version: '1.0' })
    expect(textOf(w, '[data-testid="sosgoq-version"]')).toContain('as in the reference study (Zheng 2021): lower is better')
    expect(textOf(w, '[data-testid="sosgoq-version"]')).toContain('SOSGOQ 2.0 (Versteeg 2018): higher is better')
    expect(textOf(w, '[data-role="convention"]')).toContain('UNVERIFIED')
    expect(textOf(w, '[data-role="convention"]')).toContain('(answer − 1) / 4 × 100')
    expect(textOf(w, '[data-testid="sosgoq-result"] [data-role="direction"]')).toBe('lower is better')
    expect(textOf(w, '[data-testid="calc-sosgoq"]')).toContain('never pooled')
    await w.setProps({ version: '2.0' })
    await settle()
    expect(textOf(w, '[data-role="convention"]')).toContain('(5 − answer) / 4 × 100')
    expect(textOf(w, '[data-testid="sosgoq-result"] [data-role="direction"]')).toBe('higher is better')
  })

  it('number keys answer an item and move to the next one', async () => {
    const w = mountControlled(SosgoqForm, { ...empty, version: '2.0' })
    const first = w.find('[data-item="1"] input[type="radio"]').element as HTMLInputElement
    first.focus()
    pressKey(first, '3')
    await settle()
    expect(w.props('answers')).toEqual([3, ...Array(19).fill(null)])
    // focus moved to item 2; answer it with the keyboard too
    const active = document.activeElement as HTMLElement
    expect(active.closest('[data-item]')?.getAttribute('data-item')).toBe('2')
    pressKey(active, '5')
    await settle()
    expect((w.props('answers') as number[]).slice(0, 3)).toEqual([3, 5, null])
  })

  it('scores v1.0 over items 1–20 only, lower is better: all answers 1 → 0, all 5 → 100', async () => {
    const w = mountControlled(SosgoqForm, { ...empty, version: '1.0', answers: [...Array(20).fill(1), ...Array(7).fill(5)] })
    expect(textOf(w, '[data-testid="sosgoq-result"] [data-role="total"]')).toBe('0')
    await w.setProps({ answers: Array(27).fill(5) })
    await settle()
    expect(textOf(w, '[data-testid="sosgoq-result"] [data-role="total"]')).toBe('100')
    await w.setProps({ answers: [...Array(10).fill(3), ...Array(17).fill(null)] })
    await settle()
    expect(textOf(w, '[data-testid="sosgoq-result"] [data-role="total"]')).toBe('50')
    expect(textOf(w, '[data-testid="sosgoq-result"] [data-role="interpretation"]')).toContain('10 of 20 scored items answered')
  })

  it('scores v2.0 higher is better: all answers 1 → 100, all 5 → 0; fewer than half answered → no score', async () => {
    const w = mountControlled(SosgoqForm, { ...empty, version: '2.0', answers: Array(20).fill(1) })
    expect(textOf(w, '[data-testid="sosgoq-result"] [data-role="total"]')).toBe('100')
    await w.setProps({ answers: Array(20).fill(5) })
    await settle()
    expect(textOf(w, '[data-testid="sosgoq-result"] [data-role="total"]')).toBe('0')
    await w.setProps({ answers: [2, 2, 2, ...Array(17).fill(null)] })
    await settle()
    expect(textOf(w, '[data-testid="sosgoq-result"] [data-role="total"]')).toBe('—')
  })

  it('accepts a total where only the total is known, labelled as entered', async () => {
    const w = mountControlled(SosgoqForm, { ...empty, version: '1.0' })
    await chooseRadio(w, '[data-testid="sosgoq-mode"]', 1)
    const input = w.find('[data-testid="sosgoq-total-input"] input')
    await input.setValue('64.3')
    await input.trigger('change')
    await settle()
    expect(w.props('enteredTotal')).toBe(64.3)
    expect(textOf(w, '[data-testid="sosgoq-result"] [data-role="total"]')).toBe('64.3')
    expect(textOf(w, '[data-testid="sosgoq-result"] [data-role="interpretation"]')).toContain('(entered total)')
  })
})
