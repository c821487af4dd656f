// "Not saved" messages a nurse can act on: the header names the field and says what to enter,
// fits without being cut off, and the Checks panel names each field once.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'
import { newPatient, newRegistryByKeyboard, tabUntil } from './record-helpers'

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

/** Whether the element's text is cut off (overflows its box). */
const clipped = (page: Page, selector: string) =>
  page.$eval(selector, (el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)

describe('not-saved messages', () => {
  it('name the field and what to enter, in the field, the header and the Checks panel', async () => {
    app = await launchApp({ viewport: { width: 1366, height: 768 } })
    await newRegistryByKeyboard(app)
    await newPatient(app)
    const { page } = app
    await tabUntil(page, (f) => f.path === 'patient.ageYears')
    await page.keyboard.type('62.5')
    await page.keyboard.press('Tab')

    const fieldError = page.locator('[data-path="patient.ageYears"] [data-role="field-error"]')
    await fieldError.waitFor()
    expect(await fieldError.innerText()).toBe('Enter a whole number of years, e.g. 62.')

    const header = page.getByTestId('save-indicator')
    await expect.poll(() => header.getAttribute('data-state')).toBe('error')
    expect(await header.innerText()).toBe('Not saved — Age: enter a whole number of years, e.g. 62.')
    expect(await clipped(page, '[data-testid="save-indicator"]')).toBe(false)

    // a longer one: a VAS out of range, then the Checks panel lists both, each label once
    await tabUntil(page, (f) => f.path === 'preop.vasPain')
    await page.keyboard.type('12')
    await page.keyboard.press('Tab')
    await page.locator('[data-path="preop.vasPain"] [data-role="field-error"], [data-path="preop.vasPain"] .sm-field-error').first().waitFor()
    await expect.poll(() => header.innerText()).toContain('Preop: VAS pain')
    expect(await clipped(page, '[data-testid="save-indicator"]')).toBe(false)
    // the registry's name and count stay on one line beside it
    expect(await page.getByTestId('registry-title').evaluate((el) => el.getBoundingClientRect().height)).toBeLessThan(30)
    const checks = await page.locator('[data-testid="panel-checks"] li').allInnerTexts()
    expect(checks).toContain('Age: enter a whole number of years, e.g. 62.')
    for (const c of checks) {
      const label = c.split(':')[0]!
      expect(c.split(label).length - 1, c).toBe(1)
    }
  })
})
