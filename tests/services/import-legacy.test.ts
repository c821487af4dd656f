// A department's existing registry: the demo legacy file (Chinese headers, revised Tokuhashi and
// SINS totals without items, three deliberate problems) checked, its problem list saved, the good
// rows imported with the others set aside, the rejects corrected and imported; eligibility and
// NOMS then come from the totals.
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ImportDryRun, ImportPreview, ImportSetAsideResult } from '@contract/import-export'
import type { PatientListPage, PatientView } from '@contract/patients'
import type { NomsSummaryModel } from '@contract/reports'
import { readCsv } from '../../main/services/import/csv'
import { createTestApp, type TestApp } from '../helpers/test-host'

const LEGACY = path.resolve(__dirname, '../../demo/legacy/spine-registry-2012-2019.csv')
let app: TestApp | null = null
afterEach(() => {
  app?.close()
  app = null
})

async function appWithRegistry(): Promise<TestApp> {
  // a clock that moves on, so that each import's backup gets its own name
  let tick = 0
  const a = createTestApp({ now: () => new Date(Date.parse('2026-01-01T08:00:00Z') + 60_000 * tick++) })
  a.host.dialogs.save.push(path.join(a.host.dir, 'ward.sqlite'))
  await a.call('registry.create')
  return a
}

async function previewOf(a: TestApp, file: string): Promise<ImportPreview> {
  a.host.dialogs.open.push(file)
  return a.call<ImportPreview>('import.preview', { source: 'dialog' })
}

function csvRows(file: string): string[][] {
  const f = readCsv(fs.readFileSync(file), path.basename(file))
  return [f.header, ...f.rows.map((r) => r.cells)]
}

describe('the demo legacy registry', () => {
  it('maps its Chinese headers, totals included, and finds the three deliberate problems by row', async () => {
    app = await appWithRegistry()
    const preview = await previewOf(app, LEGACY)
    expect(preview.rowCount).toBe(12)
    expect(preview.suggestedMapping).toMatchObject({
      住院号: 'identity.hospitalNumber',
      原发: 'patient.histology',
      病理: 'patient.histologyDetail',
      术式: 'surgery.procedureDetail',
      出血量: 'surgery.bloodLossMl',
      手术时间: 'surgery.operativeTimeMin',
      住院天数: null,
      Tokuhashi总分: 'preop.tokuhashiEnteredTotal',
      SINS总分: 'preop.sinsEnteredTotal',
    })
    const dry = await app.call<ImportDryRun>('import.dryRun', { token: preview.token, mapping: preview.suggestedMapping })
    expect(dry).toMatchObject({ totalRows: 12, okRows: 9, problemCount: 3, canCommit: false })
    expect(dry.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [5, '原发', 'UNKNOWN_CATEGORY'],
      [7, 'Tokuhashi总分', 'OUT_OF_RANGE'],
      [10, '手术日期', 'DATE_ORDER'],
    ])
    expect(dry.warnings.some((w) => w.code === 'IGNORED' && w.detail.includes('住院天数'))).toBe(true)
  })

  it('saves the problem list as CSV in the UI language: row, column, value, problem, suggestion', async () => {
    app = await appWithRegistry()
    const preview = await previewOf(app, LEGACY)
    const request = { token: preview.token, mapping: preview.suggestedMapping }
    const zhFile = path.join(app.host.dir, '问题清单.csv')
    const enFile = path.join(app.host.dir, 'problems.csv')
    app.host.dialogs.save.push(zhFile, enFile)
    expect(await app.call('import.saveProblems', { ...request, language: 'zh-CN' })).toEqual({ path: zhFile, rows: 5 })
    await app.call('import.saveProblems', { ...request, language: 'en' })
    const zh = csvRows(zhFile)
    expect(zh[0]).toEqual(['文件', '行', '列', '值', '级别', '问题', '建议'])
    expect(zh[1]!.slice(0, 5)).toEqual(['spine-registry-2012-2019.csv', '5', '原发', '肺', '错误'])
    expect(zh[1]![6]).toContain('非小细胞肺癌')
    expect(zh[2]!.slice(1, 4)).toEqual(['7', 'Tokuhashi总分', '16'])
    expect(zh[2]![5]).toContain('0 到 15')
    expect(zh[3]![5]).toContain('手术日期')
    const en = csvRows(enFile)
    expect(en[0]).toEqual(['File', 'Row', 'Column', 'Value', 'Severity', 'Problem', 'Suggestion'])
    expect(en[2]!.slice(1, 5)).toEqual(['7', 'Tokuhashi总分', '16', 'error'])
    expect(en[2]![6]).toBe('Enter Preop Revised Tokuhashi total (entered) as a number of points (0–15), as in the chart.')
    // the list does not import anything
    expect((await app.call<PatientListPage>('patients.list', {})).total).toBe(0)
  })

  it('stays all-or-nothing by default; the explicit mode imports the 9 good rows and sets 3 aside, which import once corrected', async () => {
    app = await appWithRegistry()
    const preview = await previewOf(app, LEGACY)
    const request = { token: preview.token, mapping: preview.suggestedMapping }
    const refused = await app.dispatch('import.commit', request)
    expect(refused.ok).toBe(false)
    expect((await app.call<PatientListPage>('patients.list', {})).total).toBe(0)

    const rejects = path.join(app.host.dir, 'rejects.csv')
    app.host.dialogs.save.push(rejects)
    const r = await app.call<ImportSetAsideResult>('import.commitGoodRows', { ...request, language: 'en' })
    expect(r).toMatchObject({ created: 9, rejectedRows: 3, rejectedProblems: 3, rejectsPath: rejects, rejectsFiles: [rejects] })
    expect((await app.call<PatientListPage>('patients.list', {})).total).toBe(9)
    const rows = csvRows(rejects)
    expect(rows[0]!.at(-1)).toBe('SpineMet problems')
    expect(rows.slice(1).map((x) => x[0])).toEqual(['ZY100104', 'ZY100106', 'ZY100109'])
    expect(rows[2]!.at(-1)).toContain('Tokuhashi总分: 16 is out of range')

    // The nurse corrects the three rows from the chart and imports the file like any other.
    const text = fs
      .readFileSync(rejects, 'utf8')
      .replace(',55,肺,腺癌,', ',55,肺腺癌,腺癌,')
      .replace(',0,无,16,10,', ',0,无,12,10,')
      .replace(',2014-07-22,2014-07-20,', ',2014-07-18,2014-07-20,')
    fs.writeFileSync(rejects, text)
    const again = await previewOf(app, rejects)
    expect(again.suggestedMapping['SpineMet problems']).toBeNull()
    const dry = await app.call<ImportDryRun>('import.dryRun', { token: again.token, mapping: again.suggestedMapping })
    expect(dry).toMatchObject({ problemCount: 0, canCommit: true, wouldCreate: 3 })
    expect(await app.call('import.commit', { token: again.token, mapping: again.suggestedMapping })).toMatchObject({ created: 3 })

    const list = await app.call<PatientListPage>('patients.list', { limit: 50 })
    expect(list.total).toBe(12)
    expect(list.rows.map((x) => x.studyId).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `SM-${String(i + 1).padStart(4, '0')}`))

    // Eligibility and NOMS from the totals.
    const byHospital = new Map(list.rows.map((x) => [x.hospitalNumber, x.id]))
    const view = (h: string) => app!.call<PatientView>('patients.get', { id: byHospital.get(h)! })
    const zhang = await view('ZY100101') // Tokuhashi 11, SINS 9
    expect(zhang.derived.tokuhashi).toMatchObject({ total: 11, source: 'entered', band: 'atLeast6Months' })
    expect(zhang.eligibility.criteria.tokuhashi9to11).toBe(true)
    expect((await view('ZY100105')).eligibility.failed).toContain('tokuhashi9to11') // Tokuhashi 13
    expect((await view('ZY100106')).derived.tokuhashi.total).toBe(12) // corrected from 16
    const noms = await app.call<NomsSummaryModel>('reports.nomsSummary', { patientIds: [byHospital.get('ZY100102')!, byHospital.get('ZY100108')!] })
    const [li, huang] = noms.patients
    expect(li!.noms.inputs.sinsTotal).toBe(13) // Bilsky 3, thyroid (resistant), SINS 13 unstable, fit: row 9
    expect(li!.noms.result.mechanical).toBe('unstable')
    expect(li!.noms.rows).toEqual([9])
    expect(huang!.noms.inputs.sinsTotal).toBe(5) // Bilsky 2, melanoma, SINS 5 stable, fit: row 7
    expect(huang!.noms.rows).toEqual([7])
  })

  it('refuses to set rows aside when a problem belongs to no row (a field mapped twice), and writes nothing', async () => {
    app = await appWithRegistry()
    const preview = await previewOf(app, LEGACY)
    const mapping = { ...preview.suggestedMapping, 备注: 'patient.histologyDetail' as const }
    const rejects = path.join(app.host.dir, 'rejects.csv')
    app.host.dialogs.save.push(rejects)
    const r = await app.dispatch('import.commitGoodRows', { token: preview.token, mapping, language: 'en' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toContain('belongs to no single row')
    expect(fs.existsSync(rejects)).toBe(false)
    expect((await app.call<PatientListPage>('patients.list', {})).total).toBe(0)
  })
})
