// Header matching for other departments' files: common English and Chinese clinical headers and
// the usual abbreviations; computed columns recognised as computed; the row counts of the mapping
// screen and of the check agree.
import { afterEach, describe, expect, it } from 'vitest'
import { suggestMapping, isDerivedColumn } from '../../main/services/import/mapping'
import { fixture, newRegistry, planFile, type TestRegistry } from './import-helpers'
import { loadImportSource, previewOf } from '../../main/services/import/source'

let reg: TestRegistry | null = null
afterEach(() => {
  reg?.close()
  reg = null
})

describe('header matching', () => {
  it('maps the Chinese headers of a spine unit\'s registry', () => {
    const one = (h: string) => suggestMapping([h])[h]
    expect(one('原发')).toBe('patient.histology')
    expect(one('原发灶')).toBe('patient.histology')
    expect(one('病理')).toBe('patient.histology')
    expect(one('术式')).toBe('surgery.procedureDetail')
    expect(one('出血量')).toBe('surgery.bloodLossMl')
    expect(one('手术时间')).toBe('surgery.operativeTimeMin')
    expect(one('病变节段')).toBe('patient.vertebrae')
    expect(one('组别')).toBe('surgery.arm')
    expect(one('年龄/岁')).toBe('patient.ageYears')
    expect(one('Tokuhashi评分')).toBe('preop.tokuhashiEnteredTotal')
    expect(one('修正Tokuhashi评分')).toBe('preop.tokuhashiEnteredTotal')
    expect(one('SINS总分')).toBe('preop.sinsEnteredTotal')
    expect(one('术后6个月SINS总分')).toBe('month6.sinsEnteredTotal')
  })
  it('maps the usual English abbreviations', () => {
    expect(suggestMapping(['Pt ID', 'Dx', 'Histology type', 'Adm date', 'OP date', 'DC date', 'OR time', 'IBL', 'Tokuhashi', 'SINS', 'SINS 6m', 'Fx'])).toEqual({
      'Pt ID': 'patient.studyId',
      Dx: 'patient.diagnosisDate',
      'Histology type': 'patient.histology',
      'Adm date': 'surgery.admissionDate',
      'OP date': 'surgery.surgeryDate',
      'DC date': 'surgery.dischargeDate',
      'OR time': 'surgery.operativeTimeMin',
      IBL: 'surgery.bloodLossMl',
      Tokuhashi: 'preop.tokuhashiEnteredTotal',
      SINS: 'preop.sinsEnteredTotal',
      'SINS 6m': 'month6.sinsEnteredTotal',
      Fx: 'surgery.srsFractions',
    })
  })
  it('keeps a second primary/pathology column as the histology detail', () => {
    expect(suggestMapping(['原发', '病理'])).toEqual({ 原发: 'patient.histology', 病理: 'patient.histologyDetail' })
    expect(suggestMapping(['Primary', 'Pathology'])).toEqual({ Primary: 'patient.histology', Pathology: 'patient.histologyDetail' })
  })
  it('recognises computed columns (length of stay, follow-up, bands) and a rejects file\'s problems column, and maps none of them', () => {
    for (const h of ['住院天数', 'LOS', '随访时间（月）', 'Tokuhashi分级', 'derived.tokuhashiTotal', 'SpineMet problems', 'SpineMet 问题']) {
      expect(isDerivedColumn(h), h).toBe(true)
      expect(suggestMapping([h])[h], h).toBeNull()
    }
    expect(isDerivedColumn('住院号')).toBe(false)
  })
})

describe('row counts', () => {
  it('the mapping screen counts the rows the check counts, a broken row included', () => {
    reg = newRegistry()
    const source = loadImportSource(fixture('ragged.csv'))
    const preview = previewOf(source, 't')
    const { dry } = planFile(reg.db, fixture('ragged.csv'))
    expect(preview.rowCount).toBe(dry.totalRows)
    expect(preview.rowCount).toBeGreaterThan(source.patients.rows.length)
  })
})
