import { describe, expect, it } from 'vitest'
import { convertCell, parseDateCell } from '../../main/services/import/cells'
import { csvField } from '../../main/services/import/fields'

const value = (path: string, raw: string) => {
  const r = convertCell(csvField(path), raw)
  if (!r.ok) throw new Error(`${path} ${JSON.stringify(raw)}: ${r.detail}`)
  return r.value
}
const problem = (path: string, raw: string) => {
  const r = convertCell(csvField(path), raw)
  if (r.ok) throw new Error(`${path} ${JSON.stringify(raw)} was accepted as ${JSON.stringify(r.value)}`)
  return r
}

describe('dates', () => {
  it.each([
    ['2019-04-03', '2019-04-03'],
    ['2019/4/3', '2019-04-03'],
    ['2019.04.03', '2019-04-03'],
    ['2019年4月3日', '2019-04-03'],
    ['２０１９年４月３日', '2019-04-03'],
    ['20190403', '2019-04-03'],
    ['2019-04-03 14:30', '2019-04-03'],
    ['2019-04-03T00:00:00Z', '2019-04-03'],
    ['3 April 2019', '2019-04-03'],
    ['3-Apr-2019', '2019-04-03'],
    ['April 3, 2019', '2019-04-03'],
  ])('accepts %s', (raw, iso) => {
    expect(parseDateCell(raw)).toEqual({ ok: true, value: iso })
  })

  it('refuses 03/04/2019 as ambiguous, naming both readings', () => {
    const r = parseDateCell('03/04/2019')
    expect(r).toMatchObject({ ok: false, code: 'AMBIGUOUS_DATE' })
    if (!r.ok) {
      expect(r.detail).toBe("'03/04/2019' is ambiguous: it could be 3 April 2019 or 4 March 2019. Write dates year first, e.g. 2019-04-03 (YYYY-MM-DD).")
      expect(r.detailZh).toContain('有歧义')
    }
  })

  it('refuses day-first dates even when only one reading exists, suggesting it', () => {
    const r = parseDateCell('25/04/2019')
    expect(r).toMatchObject({ ok: false, code: 'AMBIGUOUS_DATE' })
    if (!r.ok) expect(r.detail).toContain('If you mean 2019-04-25, write it that way.')
  })

  it.each([
    ['2019-02-30', 'WRONG_TYPE', 'not a real calendar date'],
    ['43535', 'WRONG_TYPE', 'Excel date number'],
    ['yesterday', 'WRONG_TYPE', 'is not a date'],
    ['1019-03-05', 'OUT_OF_RANGE', 'before 1900'],
  ])('refuses %s', (raw, code, words) => {
    const r = parseDateCell(raw)
    expect(r).toMatchObject({ ok: false, code })
    if (!r.ok) expect(r.detail).toContain(words)
  })
})

describe('numbers', () => {
  it('reads whole numbers, a decimal point and a unit written after the number', () => {
    expect(value('patient.ageYears', '58')).toBe(58)
    expect(value('patient.ageYears', '58.0')).toBe(58)
    expect(value('patient.ageYears', '58岁')).toBe(58)
    expect(value('preop.kps', '80%')).toBe(80)
    expect(value('preop.vasPain', '7.5')).toBe(7.5)
    expect(value('surgery.bloodLossMl', '800 ml')).toBe(800)
    expect(value('surgery.operativeTimeMin', '185分钟')).toBe(185)
    expect(value('surgery.srsDoseGy', '27 Gy')).toBe(27)
  })

  it('says what is wrong in words a nurse understands', () => {
    expect(problem('patient.ageYears', 'sixty')).toMatchObject({ code: 'WRONG_TYPE', detail: "'sixty' is not a number of years (0–120)." })
    expect(problem('patient.ageYears', '130')).toMatchObject({ code: 'OUT_OF_RANGE', detail: '130 is out of range: Age must be between 0 and 120 years.' })
    expect(problem('patient.ageYears', '58.5').detail).toContain('not a whole number')
    expect(problem('preop.kps', '75')).toMatchObject({ code: 'OUT_OF_RANGE', detail: '75 is not a KPS value: KPS goes in steps of 10 (0, 10, 20, … 100).' })
    expect(problem('preop.vasPain', '7,5').detail).toBe("'7,5' uses a decimal comma. Use a decimal point (7.5).")
    expect(problem('surgery.bloodLossMl', '1,200').detail).toContain('thousands separator')
    expect(problem('preop.vasPain', '7.25').detail).toContain('more than one decimal')
    expect(problem('surgery.srsDoseGy', '0').detail).toContain('above 0 and at most 100 Gy')
  })
})

describe('categories', () => {
  it.each([
    ['patient.sex', 'Male', 'male'],
    ['patient.sex', 'M', 'male'],
    ['patient.sex', '男', 'male'],
    ['patient.sex', '女性', 'female'],
    ['patient.histology', 'Renal cell carcinoma', 'kidney'],
    ['patient.histology', 'RCC', 'kidney'],
    ['patient.histology', '肝癌', 'liver'],
    ['patient.histology', 'lung nsclc', 'lung_nsclc'],
    ['patient.histology', 'UNKNOWN_PRIMARY', 'unknown_primary'],
    ['preop.bilskyGrade', '1C', '1c'],
    ['preop.bilskyGrade', '2级', '2'],
    ['preop.asiaGrade', 'AIS D', 'D'],
    ['preop.sinsCollapse', 'under-50', 'under_50'],
    ['preop.sosgoqVersion', '1', '1.0'],
    ['preop.sosgoqVersion', '2.0', '2.0'],
    ['preop.tokuhashiVisceral', '无', 'none'],
    ['surgery.arm', '混合治疗', 'HT'],
    ['surgery.arm', 'en bloc', 'TES'],
    ['surgery.marginStatus', 'R0', 'negative'],
  ])('%s: %s → %s', (path, raw, code) => {
    expect(value(path, raw)).toBe(code)
  })

  it('refuses an unknown value, listing the codes', () => {
    const r = problem('patient.sex', 'X')
    expect(r.code).toBe('UNKNOWN_CATEGORY')
    expect(r.detail).toBe("'X' is not one of the values SpineMet knows for Sex. Use one of: male, female (or their English or Chinese labels in the data dictionary).")
  })

  it('explains that lung cancer needs its type', () => {
    expect(problem('patient.histology', 'Lung').detail).toContain('lung_nsclc (non-small-cell) or lung_sclc (small-cell)')
  })

  it('reads yes/no in several ways and refuses anything else', () => {
    for (const yes of ['1', 'yes', 'Y', 'TRUE', '是', '有']) expect(value('preop.myelopathy', yes)).toBe(true)
    for (const no of ['0', 'no', 'false', '否', '无']) expect(value('preop.myelopathy', no)).toBe(false)
    expect(problem('preop.myelopathy', 'maybe').code).toBe('UNKNOWN_CATEGORY')
  })
})

describe('lists and text', () => {
  it('reads vertebrae as lists and ranges, in spinal order', () => {
    expect(value('patient.vertebrae', 'T12;T11')).toEqual(['T11', 'T12'])
    expect(value('patient.vertebrae', 'T11-L1')).toEqual(['T11', 'T12', 'L1'])
    expect(value('patient.vertebrae', 't11–12')).toEqual(['T11', 'T12'])
    expect(value('patient.vertebrae', '胸11、胸12')).toEqual(['T11', 'T12'])
    expect(value('patient.vertebrae', 'NA')).toEqual([])
    expect(problem('patient.vertebrae', 'T13').detail).toContain("'T13' is not a vertebra")
  })

  it('reads SOSG-OQ answers with NA for unanswered items', () => {
    expect(value('preop.sosgoqAnswers', '1;2;NA;4')).toEqual([1, 2, null, 4])
    expect(value('preop.sosgoqAnswers', '1;2;;4')).toEqual([1, 2, null, 4])
    expect(problem('preop.sosgoqAnswers', '1;7').detail).toContain('answer 2 is')
  })

  it('treats empty, NA, N/A, #N/A and NULL as not recorded', () => {
    for (const m of ['', '  ', 'NA', 'n/a', '#N/A', 'NULL']) expect(value('patient.ageYears', m)).toBeNull()
  })

  it('removes the apostrophe the export puts before formula-like text, and refuses text that is too long', () => {
    expect(value('patient.notes', "'=SUM(A1)")).toBe('=SUM(A1)')
    expect(value('patient.notes', "'\t=1+1")).toBe('\t=1+1')
    expect(value('patient.notes', "'\r=1+1")).toBe('\r=1+1')
    expect(value('patient.notes', "'@SUM(A1)")).toBe('@SUM(A1)')
    expect(value('patient.notes', "it's fine")).toBe("it's fine")
    expect(problem('identity.hospitalNumber', 'H'.repeat(41)).detail).toBe('the text is 41 characters long; Hospital number takes at most 40.')
  })
})
