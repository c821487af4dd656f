// File ▸ Restore from backup…: the dialog lists the open registry's backups with date, reason and
// patient count; restoring one (after a confirmation) brings back that state, and the state it
// replaced appears in the list as a backup of its own. Also: a registry whose search index was
// damaged opens with a one-time notice that it was rebuilt.
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'
import { createRegistryFile } from '../../main/db/connection'
import { seedSyntheticPatients } from '../db/seed-registry'
import { closeCleanly } from '../db/harness'

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

function registryWith(dir: string, n: number): string {
  const file = path.join(dir, 'ward.sqlite')
  const conn = createRegistryFile(file, { appVersion: 'test' })
  seedSyntheticPatients(conn.db, n)
  closeCleanly(conn.db)
  return file
}

describe('restore from backup', () => {
  it('lists the backups and restores the chosen one after backing up the current state', async () => {
    app = await launchApp()
    const { page } = app
    const file = registryWith(app.dir, 20)
    app.dialogs.open.push(file)
    await page.getByTestId('start-open').click()
    await page.getByTestId('patient-count').filter({ hasText: 'of 20' }).waitFor()

    // A change after the daily backup taken at opening (made through the same services).
    const created = await app.services.handlers['patients.create']({})
    expect(created.record.id).toBe(21)

    app.host.emit('menu.command', { command: 'restoreBackup' })
    const dialog = page.getByTestId('restore-dialog')
    await dialog.getByText('Daily, at opening').waitFor()
    const rows = dialog.locator('.el-table__body tr')
    expect(await rows.count()).toBe(1)
    expect(await rows.first().innerText()).toMatch(/Daily, at opening\s+20\b/)

    await rows.first().getByTestId('restore-pick').click()
    const confirm = page.getByTestId('restore-confirm')
    expect(await confirm.innerText()).toContain('(20 patients)')
    await page.getByTestId('restore-confirm-button').click()
    await page.getByTestId('restore-done').filter({ hasText: '20 patients' }).waitFor()

    // The replaced state (21 patients) is now a backup of its own.
    await dialog.getByText('Before a restore').waitFor()
    const list = await dialog.locator('.el-table__body').innerText()
    expect(list).toMatch(/Before a restore\s+21\b/)
    expect(list).toMatch(/Daily, at opening\s+20\b/)
    expect((await app.services.handlers['registry.current']({}))?.counts.patients).toBe(20)
    await page.getByTestId('restore-dialog').getByRole('button', { name: 'Close' }).last().click()
    await page.getByTestId('patient-count').filter({ hasText: 'of 20' }).waitFor()
    expect(app.pageErrors).toEqual([])
  })

  it('in Chinese, names the reasons in Chinese', async () => {
    app = await launchApp({ locale: 'zh-CN' })
    const file = registryWith(app.dir, 3)
    app.dialogs.open.push(file)
    await app.page.getByTestId('start-open').click()
    await app.page.getByTestId('patient-count').filter({ hasText: '3' }).waitFor()
    app.host.emit('menu.command', { command: 'restoreBackup' })
    await app.page.getByTestId('restore-dialog').getByText('每日（打开时）').waitFor()
    await app.page.getByTestId('backup-now').click()
    await app.page.getByTestId('restore-dialog').getByText('手动备份').waitFor()
    expect(app.pageErrors).toEqual([])
  })
})

describe('a damaged search index', () => {
  it('is rebuilt when the registry opens, and the user is told once', async () => {
    app = await launchApp()
    const file = registryWith(app.dir, 12)
    const db = new BetterSqlite3(file)
    db.unsafeMode(true)
    db.prepare("UPDATE patient_search_content SET c0 = 'nobody' WHERE id = 7").run()
    closeCleanly(db)
    app.dialogs.open.push(file)
    await app.page.getByTestId('start-open').click()
    const notice = app.page.getByTestId('repair-notice')
    await notice.waitFor()
    expect(await notice.innerText()).toContain('search index')
    expect(await notice.innerText()).toContain('nothing you entered changed')
    await notice.getByRole('button').click()
    await notice.waitFor({ state: 'detached' })
    await app.page.getByTestId('patient-count').filter({ hasText: 'of 12' }).waitFor()
  })
})
