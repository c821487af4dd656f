// A registry damaged in a clinical table: opening it is refused with two offers. "Export what can
// be read" writes the readable patients and names the record numbers it could not read; "Open
// read-only" shows the registry under a banner that stays, with editing disabled, and the file
// is not changed by a byte. In Chinese the offers and the banner are in Chinese.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'
import { createRegistryFile } from '../../main/db/connection'
import { seedSyntheticPatients } from '../db/seed-registry'
import { closeCleanly } from '../db/harness'
import { damageTablePage } from '../helpers/damage'

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

const PATIENTS = 300
const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')

/** A registry whose first surgeries page is damaged: the patients on it cannot be read whole. */
function damagedRegistry(dir: string): string {
  const folder = path.join(dir, 'registry')
  fs.mkdirSync(folder)
  const file = path.join(folder, 'ward.sqlite')
  const conn = createRegistryFile(file, { appVersion: 'test' })
  seedSyntheticPatients(conn.db, PATIENTS)
  closeCleanly(conn.db)
  damageTablePage(file, 'surgeries', 0)
  return file
}

describe('a damaged registry', () => {
  it('is refused with two offers: export what can be read, and open read-only under a banner that stays', async () => {
    app = await launchApp()
    const { page } = app
    const file = damagedRegistry(app.dir)
    const hash = sha(file)
    app.dialogs.open.push(file)
    await page.getByTestId('start-open').click()
    const banner = page.getByTestId('error-banner')
    await banner.getByTestId('damaged-actions').waitFor()
    expect(await banner.innerText()).toMatch(/damaged in its clinical data/)

    // Export what can be read: how many were written, and the record numbers that could not be read.
    const out = path.join(app.dir, 'readable.csv')
    app.dialogs.save.push(out)
    await banner.getByTestId('export-readable').click()
    const result = banner.getByTestId('salvage-result')
    await result.waitFor()
    const text = await result.innerText()
    const m = /Exported (\d+) patients that could be read to .*readable\.csv.*?(\d+) patients could not be read \(record numbers: ([\d, …]+)\)/s.exec(text)
    expect(m, text).not.toBeNull()
    const [exported, unreadable] = [Number(m![1]), Number(m![2])]
    expect(exported + unreadable).toBe(PATIENTS)
    expect(unreadable).toBeGreaterThan(0)
    expect(m![3]).toMatch(/^\d+(, \d+)*(, …)?$/)
    expect(fs.readFileSync(out, 'utf8').trim().split(/\r?\n/)).toHaveLength(exported + 1)

    // Open read-only: the list shows, the banner stays, nothing can be added or edited.
    await banner.getByTestId('open-read-only').click()
    const readOnly = page.getByTestId('read-only-banner')
    await readOnly.waitFor()
    expect(await readOnly.innerText()).toMatch(/ward\.sqlite was opened read-only because the file is damaged/)
    await page.getByTestId('patient-count').filter({ hasText: String(PATIENTS) }).waitFor()
    expect(await page.getByTestId('error-banner').count()).toBe(0)
    expect(await page.getByTestId('new-patient').isDisabled()).toBe(true)

    // A patient whose pages are intact opens; its fields cannot be changed.
    await page.evaluate((id) => (location.hash = `#/patients/${id}`), PATIENTS)
    await page.getByTestId('record-title').filter({ hasText: 'SM-000300' }).waitFor()
    const fieldset = page.locator('[data-testid="record-form"] fieldset')
    expect(await fieldset.getAttribute('data-read-only')).toBe('true')
    expect(await page.locator('[data-path="identity.fullName"] input').isDisabled()).toBe(true)
    expect(await readOnly.isVisible()).toBe(true)
    // The service refuses too, in words, whatever the screen does.
    const r = await app.services.handlers['registry.current']({})
    expect(r).toMatchObject({ readOnly: true, readOnlyReason: 'damaged' })

    await app.services.handlers['registry.close']({})
    expect(sha(file)).toBe(hash)
    expect(fs.readdirSync(path.dirname(file))).toEqual(['ward.sqlite'])
    expect(app.pageErrors).toEqual([])
  }, 90_000)

  it('in Chinese, offers both in Chinese and the read-only banner says why', async () => {
    app = await launchApp({ locale: 'zh-CN' })
    const { page } = app
    const file = damagedRegistry(app.dir)
    app.dialogs.open.push(file)
    await page.getByTestId('start-open').click()
    const banner = page.getByTestId('error-banner')
    await banner.getByTestId('damaged-actions').waitFor()
    expect(await banner.getByTestId('open-read-only').innerText()).toBe('以只读方式打开')
    expect(await banner.getByTestId('export-readable').innerText()).toBe('导出可读取的数据')
    await banner.getByTestId('open-read-only').click()
    const readOnly = page.getByTestId('read-only-banner')
    await readOnly.waitFor()
    expect(await readOnly.innerText()).toContain('ward.sqlite 已损坏，因此以只读方式打开。')
  }, 90_000)
})
