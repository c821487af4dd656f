import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import BetterSqlite3 from 'better-sqlite3'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'
import { SPINEMET_APPLICATION_ID } from '../../main/db/connection'
import { LATEST_SCHEMA_VERSION } from '../../main/db/migrations/index'

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

function sha(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')
}

describe('start screen', () => {
  it('opens the demo registry and lists its 215 patients', async () => {
    app = await launchApp()
    const { page } = app
    await page.getByTestId('start-screen').waitFor()
    await page.getByTestId('start-demo').click()
    await page.getByTestId('patient-list').waitFor()
    await page.getByTestId('patient-count').filter({ hasText: 'of 215' }).waitFor()
    expect(await page.getByTestId('registry-title').innerText()).toContain('215 patients')
    // the virtual table renders rows with study ids
    await page.locator('.el-table-v2__row').first().waitFor()
    expect(await page.locator('.el-table-v2__row').count()).toBeGreaterThan(5)
    expect(app.blockedRequests).toEqual([])
    expect(app.pageErrors).toEqual([])
  })

  it('creates a new empty registry through File ▸ New and shows an empty list', async () => {
    app = await launchApp()
    const file = path.join(app.dir, 'ward-7.sqlite')
    app.dialogs.save.push(file)
    await app.page.getByTestId('start-new').click()
    await app.page.getByTestId('patient-count').filter({ hasText: 'of 0' }).waitFor()
    expect(fs.existsSync(file)).toBe(true)
    expect(await app.page.getByText('This registry has no patients yet.').isVisible()).toBe(true)
  })

  it('refuses a registry from a newer SpineMet with a clear message and leaves the file untouched', async () => {
    app = await launchApp()
    const file = path.join(app.dir, 'from-the-future.sqlite')
    const db = new BetterSqlite3(file)
    db.pragma(`application_id = ${SPINEMET_APPLICATION_ID}`)
    db.exec('CREATE TABLE t (x INTEGER)')
    db.pragma('user_version = 99')
    db.close()
    const before = sha(file)
    app.dialogs.open.push(file)
    await app.page.getByTestId('start-open').click()
    const banner = app.page.getByTestId('error-banner')
    await banner.waitFor()
    expect(await banner.innerText()).toContain(`newer SpineMet (registry format 99; this SpineMet reads up to ${LATEST_SCHEMA_VERSION})`)
    expect(await banner.innerText()).toContain('Nothing was changed')
    expect(sha(file)).toBe(before)
    expect(await app.page.getByTestId('start-screen').isVisible()).toBe(true)
  })

  it('refuses a file that is not a registry, in Chinese when the UI is in Chinese', async () => {
    app = await launchApp({ locale: 'zh-CN' })
    const file = path.join(app.dir, 'notes.sqlite')
    fs.writeFileSync(file, 'Patient list, typed in a text editor.\n'.repeat(10))
    const before = sha(file)
    app.dialogs.open.push(file)
    await app.page.getByTestId('start-open').click()
    const banner = app.page.getByTestId('error-banner')
    await banner.waitFor()
    expect(await banner.innerText()).toContain('此文件不是 SpineMet 登记库')
    expect(sha(file)).toBe(before)
  })
})
