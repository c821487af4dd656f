// Import problems in the UI language: a problem found by the domain rules (date order,
// consistency) is translated from its messageKey in Chinese, as on the record screen; every other
// problem shows the import's own sentence in the chosen language.
import { afterEach, describe, expect, it } from 'vitest'
import type { ImportProblem } from '@contract/import-export'
import ImportProblemList from '@/components/import/ImportProblemList.vue'
import { importProblemText } from '@/format/issues'
import { i18n } from '@/i18n'
import { mountWithApp, settle, textOf } from './mount'

afterEach(() => {
  document.body.innerHTML = ''
  i18n.global.locale.value = 'en'
})

/** A problem of the patients file as the dry run reports it; `message` is not shown in the table. */
const problem = (p: Pick<ImportProblem, 'severity' | 'code' | 'row' | 'column' | 'field' | 'value' | 'detail' | 'detailZh'> & Partial<ImportProblem>): ImportProblem => ({
  file: 'patients',
  fileName: 'ward.csv',
  message: `Row ${p.row}, column '${p.column}': ${p.detail}`,
  ...p,
})

/** Row 3 of tests/fixtures/import/date-order.csv. */
const dateOrder = problem({
  severity: 'error',
  code: 'DATE_ORDER',
  row: 3,
  column: 'Surgery date',
  field: 'surgery.surgeryDate',
  value: null,
  detail:
    'the surgery date (2 April 2019) is before the admission date (10 April 2019). The operation cannot come before the admission or the diagnosis. Check both dates against the chart.',
  detailZh: '手术日期（2019-04-02）与入院日期（2019-04-10）的先后顺序不可能。请对照病历核对这两个日期。',
  messageKey: 'validation.dateOrder.surgeryBeforeAdmission',
  params: { date: '2019-04-02', otherDate: '2019-04-10' },
  related: ['surgery.admissionDate'],
})

const frankelVsAsia = problem({
  severity: 'warning',
  code: 'INCONSISTENT',
  row: 5,
  column: 'Frankel',
  field: 'preop.tokuhashiFrankel',
  value: null,
  detail: 'the Tokuhashi palsy item is Frankel D but the ASIA grade is C.',
  detailZh: '术前：Tokuhashi 瘫痪条目与术前：ASIA 分级不一致，请核对。（The Tokuhashi palsy item is Frankel D but the ASIA grade is C.）',
  messageKey: 'validation.consistency.frankelVsAsia',
  params: { frankel: 'D', asia: 'C' },
  related: ['preop.asiaGrade'],
})

const ageOutOfRange = problem({
  severity: 'error',
  code: 'OUT_OF_RANGE',
  row: 4,
  column: 'Age',
  field: 'patient.ageYears',
  value: '130',
  detail: '130 is out of range: Age must be between 0 and 120 years.',
  detailZh: '130 超出范围：年龄须在 0 至 120 岁之间。',
})

describe('import problems in the UI language', () => {
  it('English: the import’s own sentence, capitalised', () => {
    i18n.global.locale.value = 'en'
    expect(importProblemText(dateOrder)).toBe(dateOrder.detail.charAt(0).toUpperCase() + dateOrder.detail.slice(1))
  })

  it('Chinese: a date-order problem names both fields and dates, as on the record screen', () => {
    i18n.global.locale.value = 'zh-CN'
    expect(importProblemText(dateOrder)).toBe('手术日期（2019年4月2日）与入院日期（2019年4月10日）的先后顺序不对。请对照病历核对这两个日期。')
  })

  it('Chinese: a consistency warning gets its specific message, not the generic sentence', () => {
    i18n.global.locale.value = 'zh-CN'
    expect(importProblemText(frankelVsAsia)).toBe(
      'Tokuhashi 瘫痪条目为 Frankel D，但 ASIA 分级为 C。ASIA 字母与 Frankel 字母只能近似对应——请确认两者描述的是同一次检查。',
    )
  })

  it('Chinese: a problem of the file itself keeps the import’s Chinese sentence', () => {
    i18n.global.locale.value = 'zh-CN'
    expect(importProblemText(ageOutOfRange)).toBe(ageOutOfRange.detailZh)
  })

  it('the problem list shows the translated text', async () => {
    const w = mountWithApp(ImportProblemList, { props: { problems: [dateOrder], warnings: [frankelVsAsia], problemCount: 1, warningCount: 1 } }, 'zh-CN')
    await settle()
    expect(textOf(w, '[data-testid="problem-text"]')).toBe('手术日期（2019年4月2日）与入院日期（2019年4月10日）的先后顺序不对。请对照病历核对这两个日期。')
  })
})
