// Import at scale by the screen: a file of 20,000 patients (15 MB, read in chunks) shows a progress bar (rows checked, rows written, time left) while it is
// written, and Cancel during the writing leaves the registry file byte for byte as it was (hashed before and after, each time
// after folding SQLite's write-ahead log into the file).
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'
import { writeImportCsv } from '../helpers/import-csv'

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

const ROWS = 20_000

/** SHA-256 of the registry file once everything committed is in it (not in the -wal beside it). */
function registryHash(a: E2EApp): string {
  const conn = a.services.session.current!
  conn.db.pragma('wal_checkpoint(TRUNCATE)')
  return crypto.createHash('sha256').update(fs.readFileSync(conn.path)).digest('hex')
}

describe('import at scale', () => {
  it('shows the rows checked and written and the time left, and Cancel leaves the registry byte-identical', async () => {
    app = await launchApp()
    const { page } = app
    app.dialogs.save.push(path.join(app.dir, 'ward-big.sqlite'))
    await page.getByTestId('start-new').click()
    await page.getByTestId('patient-count').filter({ hasText: /\b0 of 0$/ }).waitFor()

    await page.getByTestId('file-menu').click()
    await page.getByTestId('menu-import').click()
    await page.getByTestId('import-view').waitFor()
    const files = writeImportCsv(path.join(app.dir, 'csv'), ROWS, 7)
    app.dialogs.open.push(files.patients)
    await page.getByTestId('import-choose').click()
    await page.getByTestId('import-mapping').waitFor()
    expect(await page.getByTestId('import-file-info').innerText()).toContain(`${ROWS} rows`)

    // Without the complications and follow-up files beside it.
    await page.getByTestId('import-include-linked').click()
    await page.getByTestId('import-check').click()
    await page.getByTestId('import-ready').waitFor({ timeout: 120_000 })

    const before = registryHash(app)
    await page.getByTestId('import-commit').click()
    const confirm = page.locator('.el-message-box')
    await confirm.waitFor()
    await confirm.locator('.el-button--primary').click()

    // Writing: rows checked and written, and the time left, then Cancel once some rows are written.
    const counts = page.getByTestId('import-progress-counts')
    await counts.filter({ hasText: /written [1-9]\d*/ }).waitFor({ timeout: 60_000 })
    const shown = await counts.innerText()
    const bar = await page.getByTestId('import-progress-bar').locator('.el-progress__text').innerText()
    await page.getByTestId('import-cancel').click()
    expect(shown).toMatch(new RegExp(`Checked \\d+ of ${ROWS} rows`))
    expect(shown).toMatch(/about \d+ s left/)
    expect(Number(bar.replace('%', ''))).toBeLessThan(100)
    await page.getByTestId('import-cancelled').waitFor({ timeout: 60_000 })
    expect(await page.getByTestId('import-cancelled').innerText()).toContain('Nothing was imported')
    await expect.poll(() => page.getByTestId('import-progress').count()).toBe(0)

    // Nothing of the import is left: not in the file, not in the log beside it.
    expect(registryHash(app)).toBe(before)
    const db = app.services.session.requireDb()
    expect(db.prepare('SELECT count(*) FROM patients').pluck().get()).toBe(0)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    // The indexes and search triggers dropped for the bulk write are back.
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name IN ('patients_histology', 'patient_search_patient_insert')").pluck().get()).toBe(2)
    // The screen is still on the check step: the import can be started again.
    expect(await page.getByTestId('import-commit').isEnabled()).toBe(true)
    expect(app.pageErrors).toEqual([])
  }, 300_000)
})
