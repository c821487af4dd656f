import { describe, expect, it } from 'vitest'
import { CSV_FIELDS } from '../../main/services/import/fields'
import { suggestMapping } from '../../main/services/import/mapping'

describe('suggested mapping', () => {
  it('maps every column of SpineMet\'s own export one to one and leaves derived columns out', () => {
    const header = [...CSV_FIELDS.map((f) => f.path), 'derived.tokuhashiTotal', 'derived.overallSurvivalMonths']
    const m = suggestMapping(header)
    for (const f of CSV_FIELDS) expect(m[f.path], f.path).toBe(f.path)
    expect(m['derived.tokuhashiTotal']).toBeNull()
    expect(m['derived.overallSurvivalMonths']).toBeNull()
  })

  it('maps common Chinese hospital headers', () => {
    expect(suggestMapping(['住院号', '姓名', '性别', '年龄', '年龄（岁）', '病理类型', '手术日期', '出血量(ml)', '术后6个月VAS评分', '出生日期'])).toEqual({
      住院号: 'identity.hospitalNumber',
      姓名: 'identity.fullName',
      性别: 'patient.sex',
      年龄: 'patient.ageYears',
      '年龄（岁）': null, // age is taken by the first column
      病理类型: 'patient.histology',
      手术日期: 'surgery.surgeryDate',
      '出血量(ml)': 'surgery.bloodLossMl',
      术后6个月VAS评分: 'month6.vasPain',
      出生日期: 'identity.dateOfBirth',
    })
  })

  it('maps English variants, with the preoperative assessment as the default time point', () => {
    expect(
      suggestMapping(['Hospital No.', 'MRN', 'Age (years)', 'Gender', 'KPS', 'KPS 6m', 'Month 6 VAS', 'ESCC grade', 'Operative time (min)', 'EBL', 'Something else']),
    ).toEqual({
      'Hospital No.': 'identity.hospitalNumber',
      MRN: null,
      'Age (years)': 'patient.ageYears',
      Gender: 'patient.sex',
      KPS: 'preop.kps',
      'KPS 6m': 'month6.kps',
      'Month 6 VAS': 'month6.vasPain',
      'ESCC grade': 'preop.bilskyGrade',
      'Operative time (min)': 'surgery.operativeTimeMin',
      EBL: 'surgery.bloodLossMl',
      'Something else': null,
    })
  })

  it('does not take a plain "ID" column as the study ID (it may be a hospital identifier)', () => {
    expect(suggestMapping(['ID'])).toEqual({ ID: null })
  })
})
