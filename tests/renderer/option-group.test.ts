import { afterEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import OptionGroup from '@/components/fields/OptionGroup.vue'
import { mountWithApp, pressKey } from './mount'

afterEach(() => {
  document.body.innerHTML = ''
})

const options = [
  { value: 'a', label: 'Alpha', points: 0 },
  { value: 'b', label: 'Beta', points: 1 },
  { value: 'c', label: 'Gamma', points: 2 },
]

describe('OptionGroup', () => {
  it('number keys pick the n-th option and Delete clears', async () => {
    const w = mountWithApp(OptionGroup, { props: { modelValue: null, options, groupLabel: 'test', 'onUpdate:modelValue': (v: unknown) => w.setProps({ modelValue: v as string | null }) } })
    const radio = w.find('input[type="radio"]').element
    pressKey(radio, '2')
    await nextTick()
    expect(w.emitted('update:modelValue')?.[0]).toEqual(['b'])
    expect(w.props('modelValue')).toBe('b')
    pressKey(radio, 'Delete')
    await nextTick()
    expect(w.emitted('update:modelValue')?.at(-1)).toEqual([null])
  })

  it('clicking an option emits its value', async () => {
    const w = mountWithApp(OptionGroup, { props: { modelValue: null, options, groupLabel: 'test', layout: 'list' } })
    await w.findAll('input[type="radio"]')[2]!.setValue(true)
    expect(w.emitted('update:modelValue')?.[0]).toEqual(['c'])
  })
})
