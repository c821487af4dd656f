// Soft limits on the record screen: an SRS dose below 1 Gy is allowed but unusual, so the screen
// asks before saving it — "Change it" keeps the value on screen, unsaved, with the reason; "Save
// it anyway" stores it. A name of only spaces is asked about the same way.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'
import { newPatient, newRegistryByKeyboard, waitSaved, typeIntoField } from './record-helpers'

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

const stored = async (a: E2EApp) => (await a.services.handlers['patients.get']({ id: 1 })).record

const typeInto = (page: Page, fieldPath: string, text: string) => typeIntoField(page, fieldPath, text, 'Tab')

describe('plausibility (soft limits)', () => {
  it('asks before saving an SRS dose under 1 Gy: change keeps it unsaved, save anyway stores it', async () => {
    app = await launchApp()
    await newRegistryByKeyboard(app)
    await newPatient(app)
    const { page } = app
    const dialog = page.locator('.el-message-box')

    await typeInto(page, 'surgery.srsDoseGy', '0.5')
    await dialog.waitFor()
    expect(await dialog.innerText()).toContain('An SRS dose of 0.5 Gy is below 1 Gy')
    await dialog.getByRole('button', { name: 'Change it' }).click()
    await page.locator('[data-path="surgery.srsDoseGy"] [data-role="field-error"]').waitFor()
    expect((await stored(app)).surgery.srsDoseGy).toBeNull()

    await typeInto(page, 'surgery.srsDoseGy', '0.8')
    await dialog.waitFor()
    await dialog.getByRole('button', { name: 'Save it anyway' }).click()
    await waitSaved(page)
    expect((await stored(app)).surgery.srsDoseGy).toBe(0.8)

    // an ordinary dose is saved without a question
    await typeInto(page, 'surgery.srsDoseGy', '24')
    await waitSaved(page)
    expect((await stored(app)).surgery.srsDoseGy).toBe(24)
    expect(await dialog.count()).toBe(0)

    // a name of only spaces
    await typeInto(page, 'identity.fullName', '   ')
    await dialog.waitFor()
    expect(await dialog.innerText()).toContain('contains only spaces')
    await dialog.getByRole('button', { name: 'Change it' }).click()
    await dialog.waitFor({ state: 'hidden' })
    expect((await stored(app)).identity.fullName).toBeNull()
  })
})
