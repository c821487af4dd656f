import { afterEach, describe, expect, it } from 'vitest'
import AsiaGradeSelect from '@/components/calculators/AsiaGradeSelect.vue'
import BilskyGradeSelect from '@/components/calculators/BilskyGradeSelect.vue'
import EcogSelect from '@/components/calculators/EcogSelect.vue'
import { chooseRadio, mountControlled, pressKey, settle, textOf } from '../mount'

afterEach(() => {
  document.body.innerHTML = ''
})

describe('BilskyGradeSelect (Bilsky 2010, domain.md §3)', () => {
  const grades: [string, string, boolean][] = [
    ['0', 'Disease confined to bone', false],
    ['1a', 'Epidural tumour, thecal sac not deformed', false],
    ['1b', 'Thecal sac deformed, spinal cord not touched', false],
    ['1c', 'Thecal sac deformed and tumour abuts the cord, but the cord is not compressed', false],
    ['2', 'Cord compressed, CSF still visible around the cord', true],
    ['3', 'Cord compressed, no CSF visible around the cord', true],
  ]
  it('offers the six grades with their one-line definitions; 2 and 3 are high-grade', async () => {
    const w = mountControlled(BilskyGradeSelect, { modelValue: null })
    for (let i = 0; i < grades.length; i++) {
      const [grade, definition, high] = grades[i]!
      await chooseRadio(w, '[data-testid="calc-bilsky"]', i)
      expect(w.props('modelValue')).toBe(grade)
      expect(textOf(w, '[data-testid="bilsky-result"] [data-role="interpretation"]')).toBe(definition)
      expect(textOf(w, '[data-testid="bilsky-result"] [data-role="band"]')).toBe(high ? 'High-grade ESCC' : 'Low-grade ESCC')
      expect(w.find('[data-role="borderline"]').exists()).toBe(grade === '1c')
    }
  })

  it('keys follow the grade names: 0, 1 then a/b/c, 2, 3 — shown on the options', async () => {
    const w = mountControlled(BilskyGradeSelect, { modelValue: null })
    const radio = () => w.find('input[type="radio"]').element
    const press = async (...keys: string[]) => {
      for (const k of keys) pressKey(radio(), k)
      await settle()
    }
    await press('2')
    expect(w.props('modelValue')).toBe('2')
    await press('0')
    expect(w.props('modelValue')).toBe('0')
    await press('1', 'b')
    expect(w.props('modelValue')).toBe('1b')
    await press('1', 'C')
    expect(w.props('modelValue')).toBe('1c')
    await press('3')
    expect(w.props('modelValue')).toBe('3')
    // "1" alone waits for a/b/c; a digit after it starts over
    await press('1', '2')
    expect(w.props('modelValue')).toBe('2')
    const shown = w.findAll('[data-testid="calc-bilsky"] .sm-key').map((k) => k.text())
    expect(shown).toEqual(['0', '1a', '1b', '1c', '2', '3'])
  })
})

describe('AsiaGradeSelect (ISNCSCI AIS, domain.md §4)', () => {
  it('offers A–E with definitions and labels SpineMet\'s loose use of E', async () => {
    const w = mountControlled(AsiaGradeSelect, { modelValue: null })
    const names = ['Complete', 'Sensory incomplete', 'Motor incomplete', 'Motor incomplete', 'Normal']
    for (let i = 0; i < 5; i++) {
      await chooseRadio(w, '[data-testid="calc-asia"]', i)
      expect(w.props('modelValue')).toBe('ABCDE'[i])
      expect(textOf(w, `[data-value="${'ABCDE'[i]}"]`)).toContain(names[i])
    }
    expect(textOf(w, '[data-value="C"]')).toContain('more than half of key muscle functions')
    expect(textOf(w, '[data-value="D"]')).toContain('at least half of key muscle functions')
    expect(textOf(w, '[data-role="e-note"]')).toContain('use E loosely for "neurologically intact"')
    expect(w.find('[data-role="e-note"]').classes()).toContain('sm-flag')
  })

  it('letter keys pick the grade of that letter (a or A → A … e → E), shown on the options', async () => {
    const w = mountControlled(AsiaGradeSelect, { modelValue: null })
    pressKey(w.find('input[type="radio"]').element, 'd')
    await settle()
    expect(w.props('modelValue')).toBe('D')
    pressKey(w.find('input[type="radio"]').element, 'B')
    await settle()
    expect(w.props('modelValue')).toBe('B')
    pressKey(w.find('input[type="radio"]').element, '4')
    await settle()
    expect(w.props('modelValue')).toBe('B')
    expect(w.findAll('[data-testid="calc-asia"] .sm-key').map((k) => k.text())).toEqual(['A', 'B', 'C', 'D', 'E'])
  })
})

describe('EcogSelect (Oken 1982, domain.md §5)', () => {
  const descriptions = [
    'Fully active',
    'Restricted in strenuous activity',
    'Walks and manages all self-care but cannot work',
    'Only limited self-care',
    'Completely disabled',
    'Dead.',
  ]
  it('offers ECOG 0–5 with their descriptions, clicked one by one', async () => {
    const w = mountControlled(EcogSelect, { modelValue: null })
    for (let g = 0; g <= 5; g++) {
      await chooseRadio(w, '[data-testid="calc-ecog"]', g)
      expect(w.props('modelValue')).toBe(g)
      expect(textOf(w, `[data-value="${g}"]`)).toContain(descriptions[g])
    }
  })

  it('number key d picks ECOG d (0 included)', async () => {
    const w = mountControlled(EcogSelect, { modelValue: null })
    for (const d of [3, 0, 5, 1]) {
      pressKey(w.find('input[type="radio"]').element, String(d))
      await settle()
      expect(w.props('modelValue')).toBe(d)
    }
  })

  it('points out an implausible ECOG/KPS pair without changing either', async () => {
    const w = mountControlled(EcogSelect, { modelValue: 1, kps: 40 })
    expect(textOf(w, '[data-role="kps-mismatch"]')).toContain('ECOG 1 and KPS 40 %')
    await w.setProps({ kps: 80 })
    await settle()
    expect(w.find('[data-role="kps-mismatch"]').exists()).toBe(false)
    expect(w.props('modelValue')).toBe(1)
  })
})
