// A department's legacy registry by the import screen: the demo legacy file (Chinese headers,
// totals only, three deliberate problems) is checked, its problem list saved as CSV, and after a
// confirmation the good rows are imported while the others are written to a file for correction.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'

const LEGACY = path.resolve(__dirname, '../../demo/legacy/spine-registry-2012-2019.csv')

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

describe('import screen: a legacy registry with problems', () => {
  it('saves the problem list, then imports the 9 good rows after a confirmation and writes the 3 others for correction', async () => {
    app = await launchApp()
    const { page } = app
    app.dialogs.save.push(path.join(app.dir, 'ward.sqlite'))
    await page.getByTestId('start-new').click()
    await page.getByTestId('patient-count').filter({ hasText: /\b0 (of|\/) 0$/ }).waitFor()
    await page.getByTestId('file-menu').click()
    await page.getByTestId('menu-import').click()
    await page.getByTestId('import-view').waitFor()

    app.dialogs.open.push(LEGACY)
    await page.getByTestId('import-choose').click()
    await page.getByTestId('import-mapping').waitFor()
    expect(await page.getByTestId('import-file-info').innerText()).toContain('spine-registry-2012-2019.csv: 12 rows')
    await page.getByTestId('import-check').click()
    await page.getByTestId('import-problems').waitFor()
    expect(await page.getByTestId('import-problem-count').innerText()).toBe('3')
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true)

    // the problem list as CSV
    const list = path.join(app.dir, 'problems.csv')
    app.dialogs.save.push(list)
    await page.getByTestId('import-save-problems').click()
    await page.getByTestId('import-problems-saved').waitFor()
    const lines = fs.readFileSync(list, 'utf8').replace(/^\uFEFF/, '').split('\r\n')
    expect(lines[0]).toBe('File,Row,Column,Value,Severity,Problem,Suggestion')
    expect(lines[2]).toContain('spine-registry-2012-2019.csv,7,Tokuhashi总分,16,error,')

    // import the good rows, set the others aside — only after the confirmation
    const rejects = path.join(app.dir, 'to-correct.csv')
    app.dialogs.save.push(rejects)
    await page.getByTestId('import-commit-good').click()
    const confirm = page.locator('.el-message-box')
    await confirm.waitFor()
    expect(await confirm.innerText()).toContain('Import the 9 rows without errors now, and write the 3 rows with problems to a file for correction?')
    await confirm.locator('.el-button--primary').click()
    await page.getByTestId('import-done').waitFor()
    expect(await page.getByTestId('import-rejects').innerText()).toContain(`3 rows with problems were written for correction to ${rejects}`)
    const rejected = fs.readFileSync(rejects, 'utf8').split('\r\n').filter((l) => l !== '')
    expect(rejected).toHaveLength(4)
    expect(rejected[0]).toContain('SpineMet problems')

    await page.getByTestId('import-show-patients').click()
    await page.getByTestId('patient-count').filter({ hasText: /\b9 (of|\/) 9$/ }).waitFor()
  })
})
