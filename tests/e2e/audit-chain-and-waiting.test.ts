// The audit drawer says whether the audit trail's hash chain is intact and, after an entry was
// edited by hand, where it breaks. While another process holds the registry's write lock (an
// import from the command line), the save indicator says "Waiting for the import to finish…"
// instead of looking frozen, and the typed value is saved once the lock is released.
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'
import { newPatient, newRegistryByKeyboard, tabUntil, waitSaved } from './record-helpers'
import { holdWriteLock } from '../helpers/write-lock'

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

describe('the audit drawer checks the hash chain', () => {
  it('says intact, then names the entry changed by hand', async () => {
    app = await launchApp()
    const file = await newRegistryByKeyboard(app)
    await newPatient(app)
    const { page } = app
    await tabUntil(page, (f) => f.path === 'patient.ageYears')
    await page.keyboard.type('62')
    await page.keyboard.press('Tab')
    await waitSaved(page)

    await page.getByTestId('open-audit').click()
    const chain = page.getByTestId('audit-chain')
    await page.locator('[data-testid="audit-chain"][data-intact="true"]').waitFor()
    expect(await chain.innerText()).toMatch(/Audit trail intact: the hash chain of all \d+ entries in this registry is unbroken/)

    // Someone edits the trail with an SQLite editor while SpineMet is open.
    const db = new BetterSqlite3(file)
    const id = db.prepare("SELECT id FROM audit_log WHERE field = 'patient.ageYears'").pluck().get() as number
    db.prepare("UPDATE audit_log SET new_value = '26' WHERE id = ?").run(id)
    db.close()
    await page.getByTestId('audit-refresh').click()
    await page.locator('[data-testid="audit-chain"][data-intact="false"]').waitFor()
    const text = await chain.innerText()
    expect(text).toContain(`broken at entry ${id}`)
    expect(text).toContain('this patient’s record')
    expect(text).toContain('this entry was changed after it was written')
  }, 60_000)
})

describe('a save while an import holds the registry', () => {
  it('shows "Waiting for the import to finish…" and saves once the import is done', async () => {
    app = await launchApp()
    const file = await newRegistryByKeyboard(app)
    await newPatient(app)
    const { page } = app
    const lock = await holdWriteLock(file, 4000)
    await page.keyboard.type('Typed While Importing')
    await page.keyboard.press('Tab')
    const indicator = page.getByTestId('save-indicator')
    await page.locator('[data-testid="save-indicator"][data-state="waiting"]').waitFor({ timeout: 5_000 })
    expect(await indicator.innerText()).toBe('Waiting for the import to finish…')
    await lock.released
    await waitSaved(page)
    const row = app.services.session.requireDb().prepare('SELECT full_name FROM patient_identities').pluck().get()
    expect(row).toBe('Typed While Importing')
    expect(app.pageErrors).toEqual([])
  }, 60_000)

  it('in Chinese, says it in Chinese', async () => {
    app = await launchApp({ locale: 'zh-CN' })
    const file = await newRegistryByKeyboard(app)
    await newPatient(app)
    const { page } = app
    const lock = await holdWriteLock(file, 3000)
    await page.keyboard.type('王伟')
    await page.keyboard.press('Tab')
    await page.locator('[data-testid="save-indicator"][data-state="waiting"]').waitFor({ timeout: 5_000 })
    expect(await page.getByTestId('save-indicator').innerText()).toBe('正在等待导入完成…')
    await lock.released
    await waitSaved(page)
  }, 60_000)
})
