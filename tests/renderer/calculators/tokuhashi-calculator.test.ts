import { afterEach, describe, expect, it } from 'vitest'
import TokuhashiCalculator from '@/components/calculators/TokuhashiCalculator.vue'
import { HISTOLOGIES, KPS_VALUES } from '@domain/codes'
import { tokuhashiPrimarySitePoints } from '@domain/scores/tokuhashi'
import { chooseRadio, mountControlled, pressKey, settle, textOf } from '../mount'

afterEach(() => {
  document.body.innerHTML = ''
})

const empty = {
  kps: null,
  extraspinalBoneFoci: null,
  vertebralMetastases: null,
  visceral: null,
  frankel: null,
  histology: null,
  primaryPoints: null,
}
/** A complete input scoring 2+2+2+2+primary+2 with kidney (3 points) = 13. */
const full = { kps: 90, extraspinalBoneFoci: 0, vertebralMetastases: 1, visceral: 'none', frankel: 'E', histology: 'kidney', primaryPoints: null }

const points = (w: ReturnType<typeof mountControlled>, item: string) => textOf(w, `[data-testid="tokuhashi-${item}"] [data-role="points"]`)

describe('TokuhashiCalculator (revised Tokuhashi 2005, domain.md §1)', () => {
  it('scores the general-condition item from the KPS: 10–40 poor 0, 50–70 moderate 1, 80–100 good 2', async () => {
    const w = mountControlled(TokuhashiCalculator, { ...empty })
    const expected: Record<number, string> = { 0: '0 pts', 10: '0 pts', 20: '0 pts', 30: '0 pts', 40: '0 pts', 50: '1 pt', 60: '1 pt', 70: '1 pt', 80: '2 pts', 90: '2 pts', 100: '2 pts' }
    for (const kps of KPS_VALUES) {
      await w.setProps({ kps })
      await settle()
      expect(points(w, 'general'), `KPS ${kps}`).toBe(expected[kps])
    }
    expect(textOf(w, '[data-role="kps-description"]')).toContain('Normal; no complaints')
  })

  it('scores extraspinal bone foci ≥3 → 0, 1–2 → 1, 0 → 2, typed into the number field', async () => {
    const w = mountControlled(TokuhashiCalculator, { ...empty })
    const input = w.find('[data-testid="tokuhashi-extraspinal-input"] input')
    for (const [foci, pts] of [
      [0, '2 pts'],
      [1, '1 pt'],
      [2, '1 pt'],
      [3, '0 pts'],
      [7, '0 pts'],
    ] as const) {
      await input.setValue(String(foci))
      await input.trigger('change')
      await settle()
      expect(points(w, 'extraspinal'), `${foci} foci`).toBe(pts)
    }
    const emitted = w.emitted('update:extraspinalBoneFoci') as [number, string][]
    expect(emitted.some(([, mode]) => mode === 'typing')).toBe(true)
    expect(emitted.at(-1)).toEqual([7, 'now'])
  })

  it('scores vertebral-body metastases ≥3 → 0, 2 → 1, 1 → 2 (not the ≥3 / 1–2 / 0 copying error)', async () => {
    const w = mountControlled(TokuhashiCalculator, { ...empty })
    for (const [n, pts] of [
      [1, '2 pts'],
      [2, '1 pt'],
      [3, '0 pts'],
      [5, '0 pts'],
    ] as const) {
      await w.setProps({ vertebralMetastases: n })
      await settle()
      expect(points(w, 'vertebral'), `${n} vertebrae`).toBe(pts)
    }
  })

  it('scores major-organ metastases by clicking each option: unremovable 0, removable 1, none 2', async () => {
    const w = mountControlled(TokuhashiCalculator, { ...empty })
    for (const [i, value, pts] of [
      [0, 'unremovable', '0 pts'],
      [1, 'removable', '1 pt'],
      [2, 'none', '2 pts'],
    ] as const) {
      await chooseRadio(w, '[data-testid="tokuhashi-visceral"]', i)
      expect(w.props('visceral')).toBe(value)
      expect(points(w, 'visceral')).toBe(pts)
    }
  })

  it('number keys pick the n-th option of an item (2 → removable); letter keys pick the Frankel grade (d → D)', async () => {
    const w = mountControlled(TokuhashiCalculator, { ...empty })
    pressKey(w.find('[data-testid="tokuhashi-visceral"] input[type="radio"]').element, '2')
    await settle()
    expect(w.props('visceral')).toBe('removable')
    pressKey(w.find('[data-testid="tokuhashi-palsy"] input[type="radio"]').element, 'd')
    await settle()
    expect(w.props('frankel')).toBe('D')
    expect(points(w, 'palsy')).toBe('1 pt')
  })

  it('scores palsy by Frankel grade: A, B → 0; C, D → 1; E → 2', async () => {
    const w = mountControlled(TokuhashiCalculator, { ...empty })
    const expected = ['0 pts', '0 pts', '1 pt', '1 pt', '2 pts']
    for (let i = 0; i < 5; i++) {
      await chooseRadio(w, '[data-testid="tokuhashi-palsy"]', i)
      expect(w.props('frankel')).toBe('ABCDE'[i])
      expect(points(w, 'palsy')).toBe(expected[i])
    }
  })

  it('derives primary-site points from every histology, and lets the clinician choose for "other"', async () => {
    const w = mountControlled(TokuhashiCalculator, { ...empty })
    for (const h of HISTOLOGIES.filter((x) => x !== 'other')) {
      await w.setProps({ histology: h })
      await settle()
      const p = tokuhashiPrimarySitePoints(h)!
      expect(points(w, 'primary'), h).toBe(p === 1 ? '1 pt' : `${p} pts`)
      expect(w.find('[data-testid="tokuhashi-primary"] input[type="radio"]').exists()).toBe(false)
    }
    await w.setProps({ histology: 'other' })
    await settle()
    expect(points(w, 'primary')).toBe('—')
    for (let p = 0; p <= 5; p++) {
      await chooseRadio(w, '[data-testid="tokuhashi-primary"]', p)
      expect(w.props('primaryPoints')).toBe(p)
      expect(points(w, 'primary')).toBe(p === 1 ? '1 pt' : `${p} pts`)
    }
    // number key d picks d points
    pressKey(w.find('[data-testid="tokuhashi-primary"] input[type="radio"]').element, '3')
    await settle()
    expect(w.props('primaryPoints')).toBe(3)
  })

  it('shows a partial total while items are missing', async () => {
    const w = mountControlled(TokuhashiCalculator, { ...empty, kps: 80, visceral: 'removable' })
    expect(textOf(w, '[data-testid="tokuhashi-total"] [data-role="total"]')).toBe('—')
    expect(textOf(w, '[data-testid="tokuhashi-total"] [data-role="partial"]')).toBe('Partial total 3 — 4 item(s) missing')
  })

  // Band boundaries 0, 8 | 9, 11 | 12, 15 with the treatment Tokuhashi 2005 states for each.
  const cases: [string, Record<string, unknown>, number, string, string][] = [
    ['0', { kps: 30, extraspinalBoneFoci: 4, vertebralMetastases: 3, visceral: 'unremovable', frankel: 'A', histology: 'lung_nsclc' }, 0, '0–8: predicted survival < 6 months', 'Conservative treatment or palliative procedures.'],
    ['8', { kps: 80, extraspinalBoneFoci: 0, vertebralMetastases: 1, visceral: 'none', frankel: 'A', histology: 'lung_nsclc' }, 8, '0–8: predicted survival < 6 months', 'Conservative treatment or palliative procedures.'],
    ['9', { kps: 80, extraspinalBoneFoci: 0, vertebralMetastases: 1, visceral: 'none', frankel: 'C', histology: 'lung_nsclc' }, 9, '9–11: predicted survival ≥ 6 months', 'excisional surgery if the metastasis is in a single vertebra'],
    ['11', { kps: 80, extraspinalBoneFoci: 0, vertebralMetastases: 1, visceral: 'removable', frankel: 'E', histology: 'colon' }, 11, '9–11: predicted survival ≥ 6 months', 'Palliative procedures'],
    ['12', { kps: 80, extraspinalBoneFoci: 0, vertebralMetastases: 1, visceral: 'none', frankel: 'E', histology: 'colon' }, 12, '12–15: predicted survival ≥ 1 year', 'Excisional surgery.'],
    ['15', { kps: 100, extraspinalBoneFoci: 0, vertebralMetastases: 1, visceral: 'none', frankel: 'E', histology: 'breast' }, 15, '12–15: predicted survival ≥ 1 year', 'Excisional surgery.'],
  ]
  for (const [name, input, total, band, treatment] of cases) {
    it(`total ${name}: band "${band}"`, async () => {
      const w = mountControlled(TokuhashiCalculator, { ...empty, ...input })
      await settle()
      expect(textOf(w, '[data-testid="tokuhashi-total"] [data-role="total"]')).toBe(String(total))
      expect(textOf(w, '[data-testid="tokuhashi-total"] [data-role="band"]')).toBe(band)
      expect(textOf(w, '[data-testid="tokuhashi-total"] [data-role="interpretation"]')).toContain(treatment)
      expect(textOf(w, '[data-testid="tokuhashi-total"] [data-role="interpretation"]')).not.toMatch(/reproductions add:/)
      expect(textOf(w, '[data-testid="tokuhashi-total"] [data-role="interpretation"]')).toContain('Decision support')
    })
  }

  it('0–8 shows both "conservative treatment or palliative procedures"', async () => {
    const w = mountControlled(TokuhashiCalculator, { ...empty, ...cases[1]![1] })
    expect(textOf(w, '[data-testid="tokuhashi-total"]')).toContain('Conservative treatment or palliative procedures')
  })

  it('flags "MDT decision" for a total ≥ 12 with multiple vertebral metastases', async () => {
    const w = mountControlled(TokuhashiCalculator, { ...empty, kps: 100, extraspinalBoneFoci: 0, vertebralMetastases: 2, visceral: 'none', frankel: 'E', histology: 'breast' })
    expect(textOf(w, '[data-testid="tokuhashi-total"] [data-role="total"]')).toBe('14')
    expect(textOf(w, '[data-role="mdt-flag"]')).toContain('MDT decision')
    await w.setProps({ vertebralMetastases: 1 })
    await settle()
    expect(w.find('[data-role="mdt-flag"]').exists()).toBe(false)
  })

  it('warns when the Frankel grade and the ASIA grade disagree (approximate mapping)', async () => {
    const w = mountControlled(TokuhashiCalculator, { ...full, asiaGrade: 'D' })
    expect(textOf(w, '[data-testid="tokuhashi-palsy"]')).toContain('Frankel E; the ASIA grade of the same assessment is D')
    await w.setProps({ asiaGrade: 'E' })
    await settle()
    expect(textOf(w, '[data-testid="tokuhashi-palsy"]')).not.toContain('ASIA grade of the same assessment')
  })

  it('states that KPS is recorded directly and ECOG separately', () => {
    const w = mountControlled(TokuhashiCalculator, { ...full })
    expect(textOf(w, '[data-testid="tokuhashi-general"]')).toContain('ECOG is recorded separately and never converted to KPS')
  })

  it('speaks Chinese when the UI is in Chinese', () => {
    const w = mountControlled(TokuhashiCalculator, { ...full }, 'zh-CN')
    expect(textOf(w, '[data-testid="calc-tokuhashi"] h3')).toBe('修订版 Tokuhashi 评分（Tokuhashi 2005）')
    expect(textOf(w, '[data-testid="tokuhashi-total"] [data-role="band"]')).toBe('12–15 分：预计生存期 ≥ 1 年')
  })
})
