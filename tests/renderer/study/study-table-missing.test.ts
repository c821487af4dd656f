// A baseline or outcome table says why values are missing: under each arm's missing count, the
// missing-data codes the study result carries ("Not done 2, Unknown 1"), in the UI language.
import { afterEach, describe, expect, it } from 'vitest'
import type { ContinuousSummary, StudyTable } from '@contract/study'
import StudyTableView from '@/components/study/StudyTableView.vue'
import { mountWithApp } from '../mount'

afterEach(() => {
  document.body.innerHTML = ''
})

const summary = (n: number, missing: number): ContinuousSummary => ({ n, missing, mean: 5, sd: 1, median: 5, q1: 4, q3: 6, min: 2, max: 8 })

const table: StudyTable = {
  id: 'table1',
  cohort: 'eligible',
  n: { HT: 10, TES: 8 },
  footnotes: [],
  rows: [
    {
      kind: 'continuous',
      variable: 'vas',
      label: 'VAS',
      unit: 'points',
      display: 'mean-sd',
      arms: { HT: summary(7, 3), TES: summary(8, 0) },
      normality: { HT: null, TES: null, differences: null },
      test: null,
      smd: 0.1,
      note: null,
      missingReasons: { HT: { notDone: 2, unknown: 1 }, TES: {} },
    },
    {
      kind: 'categorical',
      variable: 'asia',
      label: 'ASIA',
      levels: ['D', 'E'],
      counts: { HT: [{ n: 4, proportion: 0.4 }, { n: 6, proportion: 0.6 }], TES: [{ n: 3, proportion: 3 / 7 }, { n: 4, proportion: 4 / 7 }] },
      missing: { HT: 0, TES: 1 },
      test: null,
      smd: 0.2,
      levelSmd: [0.2, 0.2],
      note: null,
      missingReasons: { HT: {}, TES: { notEntered: 1 } },
    },
    {
      kind: 'continuous',
      variable: 'age',
      label: 'Age',
      unit: 'years',
      display: 'mean-sd',
      arms: { HT: summary(10, 0), TES: summary(8, 0) },
      normality: { HT: null, TES: null, differences: null },
      test: null,
      smd: 0,
      note: null,
      missingReasons: { HT: {}, TES: {} },
    },
  ],
}

const cell = (w: ReturnType<typeof mountWithApp>, variable: string, arm: string) => w.find(`[data-missing-of="${variable}"] [data-arm="${arm}"]`)

describe('StudyTableView: why values are missing', () => {
  it('shows each arm’s missing count with its reasons (continuous and categorical rows)', () => {
    const w = mountWithApp(StudyTableView, { props: { table } })
    expect(cell(w, 'vas', 'HT').text().replace(/\s+/g, ' ')).toBe('3 Not done 2, Unknown 1')
    expect(cell(w, 'vas', 'TES').text().trim()).toBe('0')
    expect(cell(w, 'asia', 'TES').text().replace(/\s+/g, ' ')).toBe('1 Not entered 1')
    // a row with nothing missing has no missing line
    expect(w.find('[data-missing-of="age"]').exists()).toBe(false)
  })

  it('says it in Chinese', () => {
    const w = mountWithApp(StudyTableView, { props: { table } }, 'zh-CN')
    expect(cell(w, 'vas', 'HT').text().replace(/\s+/g, ' ')).toBe('3 未做 2，不详 1')
    expect(cell(w, 'asia', 'TES').text().replace(/\s+/g, ' ')).toBe('1 未录入 1')
  })
})
