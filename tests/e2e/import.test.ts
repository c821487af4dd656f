// Import by the screen, against the real services and SQLite file: choose a CSV through the
// (scripted) open dialog, check the column matching, see a problem by row and column, choose the
// corrected file, match one column by hand, import after the confirmation, find the new patients.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { listPatientAudit } from '../../main/db/repositories/audit'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

const HEADER = 'Study ID,Hospital number,Name,Age,Sex,Primary,Surgery date,Bemerkung'

/** Creates an empty registry from the start screen (the save dialog answers with `name`). */
async function newRegistry(a: E2EApp, name: string): Promise<void> {
  a.dialogs.save.push(path.join(a.dir, name))
  await a.page.getByTestId('start-new').click()
  // 'Showing 0 of 0' / '显示 0 / 0'
  await a.page.getByTestId('patient-count').filter({ hasText: /\b0 (of|\/) 0$/ }).waitFor()
}

/** File ▸ Import patients from CSV… / Export…, and waits for the screen. */
async function openFromFileMenu(a: E2EApp, screen: 'import' | 'export'): Promise<void> {
  await a.page.getByTestId('file-menu').click()
  await a.page.getByTestId(`menu-${screen}`).click()
  await a.page.getByTestId(`${screen}-view`).waitFor()
}

describe('import screen', () => {
  it('shows a problem by row and column, then imports the corrected file and lists the new patients', async () => {
    app = await launchApp()
    const { page } = app
    await newRegistry(app, 'ward-7.sqlite')

    // File ▸ Import patients from CSV…
    await openFromFileMenu(app, 'import')

    const bad = path.join(app.dir, 'ward.csv')
    fs.writeFileSync(bad, `${HEADER}\r\nW-001,H001,Wang Fang,58,female,breast,2019-03-01,\r\nW-002,H002,Li Wei,sixty,male,thyroid,2019-03-02,\r\n`)
    app.dialogs.open.push(bad)
    await page.getByTestId('import-choose').click()
    await page.getByTestId('import-mapping').waitFor()
    expect(await page.getByTestId('import-file-info').innerText()).toBe('ward.csv: 2 rows, UTF-8, comma-separated')
    expect(await page.getByTestId('map-column-3').innerText()).toBe('Age')
    expect(await page.getByTestId('map-field-3').locator('.el-select__placeholder').innerText()).toContain('Age (patient.ageYears)')

    // Check: the wrong age is reported at row 3, column 'Age'; nothing can be imported.
    await page.getByTestId('import-check').click()
    await page.getByTestId('import-problems').waitFor()
    expect(await page.getByTestId('import-problem-count').innerText()).toBe('1')
    expect(await page.getByTestId('problem-row').first().innerText()).toBe('3')
    expect(await page.getByTestId('problem-column').first().innerText()).toBe('Age')
    expect(await page.getByTestId('problem-text').first().innerText()).toBe("'sixty' is not a number of years (0–120).")
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true)
    await page.getByTestId('import-not-ready').waitFor()

    // Choose the corrected file; match the German "Bemerkung" column to Notes by hand.
    const fixed = path.join(app.dir, 'ward-corrected.csv')
    fs.writeFileSync(fixed, `${HEADER}\r\nW-001,H001,Wang Fang,58,female,breast,2019-03-01,seen by Dr Chen\r\nW-002,H002,Li Wei,60,male,thyroid,2019-03-02,\r\n`)
    app.dialogs.open.push(fixed)
    await page.getByTestId('import-choose-another').click()
    await page.getByTestId('import-file-info').filter({ hasText: 'ward-corrected.csv' }).waitFor()
    await page.getByTestId('map-field-7').click()
    await page.keyboard.type('Notes')
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: 'patient.notes' }).first().click()
    expect(await page.getByTestId('map-field-7').locator('.el-select__placeholder').innerText()).toContain('patient.notes')

    await page.getByTestId('import-check').click()
    await page.getByTestId('import-ready').waitFor()
    expect(await page.getByTestId('import-would-create').innerText()).toBe('2')
    await page.getByTestId('import-commit').click()
    const confirm = page.locator('.el-message-box')
    await confirm.waitFor()
    expect(await confirm.innerText()).toContain('2 patients will be created in ward-7.sqlite')
    await confirm.locator('.el-button--primary').click()
    await page.getByTestId('import-done').waitFor()
    expect(await page.getByTestId('import-done').innerText()).toContain('Imported 2 patients')

    await page.getByTestId('import-show-patients').click()
    await page.getByTestId('patient-count').filter({ hasText: 'of 2' }).waitFor()
    await page.getByTestId('registry-title').filter({ hasText: '2 patients' }).waitFor()
    await page.locator('.el-table-v2__row').filter({ hasText: 'W-002' }).waitFor()

    const db = app.services.session.requireDb()
    expect(db.prepare("SELECT notes FROM patients WHERE study_id = 'W-001'").pluck().get()).toBe('seen by Dr Chen')
    // One audit entry for the import, by the nurse, naming the file; each patient's trail shows its row.
    const entry = db.prepare("SELECT new_value FROM audit_log WHERE os_user = 'e2e-nurse' AND action = 'insert' AND table_name = 'imports'").pluck().all() as string[]
    expect(entry.map((v) => JSON.parse(v) as unknown)).toEqual([expect.objectContaining({ importedFrom: 'ward-corrected.csv', patients: 2 })])
    const w2 = db.prepare("SELECT id FROM patients WHERE study_id = 'W-002'").pluck().get() as number
    expect(listPatientAudit(db, w2).map((e) => JSON.parse(e.newValue ?? '{}') as unknown)).toContainEqual(expect.objectContaining({ importedFrom: 'ward-corrected.csv', row: 3 }))
    expect(app.blockedRequests).toEqual([])
    expect(app.pageErrors).toEqual([])
  })

  it('in Chinese, a date-order problem names both fields and dates, as the record screen does', async () => {
    app = await launchApp({ locale: 'zh-CN' })
    const { page } = app
    await newRegistry(app, 'ward-9.sqlite')
    await openFromFileMenu(app, 'import')
    const file = path.join(app.dir, 'dates.csv')
    fs.writeFileSync(file, 'Study ID,Hospital number,Admission date,Surgery date\r\nDO-002,H4002,2019-04-10,2019-04-02\r\n')
    app.dialogs.open.push(file)
    await page.getByTestId('import-choose').click()
    await page.getByTestId('import-mapping').waitFor()
    await page.getByTestId('import-check').click()
    await page.getByTestId('import-problems').waitFor()
    expect(await page.getByTestId('problem-column').first().innerText()).toBe('Surgery date')
    expect(await page.getByTestId('problem-text').first().innerText()).toBe('手术日期（2019年4月2日）与入院日期（2019年4月10日）的先后顺序不对。请对照病历核对这两个日期。')
    expect(app.pageErrors).toEqual([])
  })

  it('exports the registry de-identified by default, and shows where the files went', async () => {
    app = await launchApp()
    const { page } = app
    await newRegistry(app, 'ward-8.sqlite')
    await openFromFileMenu(app, 'export')
    await page.getByTestId('export-identified').click()
    await page.getByTestId('export-identified-warning').waitFor()
    await page.getByTestId('export-identified').click()
    const target = path.join(app.dir, 'out', 'study.csv')
    app.dialogs.save.push(target)
    await page.getByTestId('export-run').click()
    await page.getByTestId('export-result').waitFor()
    expect(await page.getByTestId('export-path').innerText()).toBe(target)
    expect(await page.getByTestId('export-result').innerText()).toContain('Exported 0 patients (de-identified).')
    expect(fs.existsSync(path.join(app.dir, 'out', 'study_dictionary.csv'))).toBe(true)
    expect(app.pageErrors).toEqual([])
  })

  it('in Chinese, exports a REDCap dictionary and data-import file and says how to load them', async () => {
    app = await launchApp({ locale: 'zh-CN' })
    const { page } = app
    await newRegistry(app, 'ward-11.sqlite')
    await openFromFileMenu(app, 'export')
    await page.getByTestId('export-format-redcap').click()
    expect(await page.getByTestId('export-redcap-intro').innerText()).toContain('选项写作"1, Male | 2, Female"')
    const target = path.join(app.dir, 'out', 'pool.csv')
    app.dialogs.save.push(target)
    await page.getByTestId('export-run').click()
    await page.getByTestId('export-redcap-result').waitFor()
    expect(await page.getByTestId('export-redcap-result').innerText()).toMatch(/已写出 0 条 REDCap 记录（去标识化），\d+ 个字段/)
    expect(await page.getByTestId('export-redcap-result').innerText()).toContain('将 complications, follow_up 设为重复表单')
    const dictionary = path.join(app.dir, 'out', 'pool_redcap_dictionary.csv')
    expect(await page.getByTestId('export-redcap-dictionary').innerText()).toBe(dictionary)
    expect(fs.readFileSync(dictionary, 'utf8').split('\r\n')[1]).toMatch(/^pt_study_id,patient,Patient and tumour,text,Study ID,/)
    expect(fs.readFileSync(path.join(app.dir, 'out', 'pool_redcap_data.csv'), 'utf8')).toMatch(/^pt_study_id,redcap_repeat_instrument,redcap_repeat_instance,pt_age_years,/)
    expect(app.pageErrors).toEqual([])
  })
})
