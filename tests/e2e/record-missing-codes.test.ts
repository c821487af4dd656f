// Missing-data codes and form status on the record screen, by keyboard where a nurse would use it:
// Alt+M inside a field opens its missing-data menu; the side panel's entries reach fields drawn by
// a calculator; a coded field leaves "to enter" and shows its code; a value replaces the code; a
// verified section asks before an edit or a missing-data code (stay keeps the verified value, edit
// resets to complete).
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'
import { newPatient, newRegistryByKeyboard, typeIntoField, waitSaved } from './record-helpers'

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

const stored = async (a: E2EApp) => (await a.services.handlers['patients.get']({ id: 1 })).record

/** Picks a menu entry of the open missing-data dropdown by keyboard: arrows to the entry, then Enter. */
async function pickByKeyboard(page: Page, label: string): Promise<void> {
  const menu = page.locator('.el-dropdown-menu:visible')
  await menu.waitFor()
  const items = (await menu.locator('.el-dropdown-menu__item:not(.is-disabled)').allInnerTexts()).map((s) => s.trim())
  const index = items.indexOf(label)
  expect(index, `menu entries: ${items.join(', ')}`).toBeGreaterThanOrEqual(0)
  // the opened menu has the focus on its first entry
  for (let i = 0; i < index; i++) {
    await page.keyboard.press('ArrowDown')
  }
  await page.keyboard.press('Enter')
  await menu.waitFor({ state: 'hidden' })
}

describe('missing-data codes and form status', () => {
  it('codes a field by keyboard, shows it as complete-but-missing, and a typed value replaces the code', async () => {
    app = await launchApp({ viewport: { width: 1366, height: 768 } })
    await newRegistryByKeyboard(app)
    await newPatient(app)
    const { page } = app
    const panel = page.getByTestId('record-panel')

    // Alt+M from inside the age field: its menu, "Unknown"
    await page.locator('[data-path="patient.ageYears"] input').first().focus()
    await page.keyboard.press('Alt+M')
    await pickByKeyboard(page, 'Unknown')
    await page.locator('[data-path="patient.ageYears"] [data-role="missing-code-trigger"]', { hasText: 'Missing: Unknown' }).waitFor()
    await waitSaved(page)
    expect((await stored(app)).missingCodes).toEqual({ 'patient.ageYears': 'unknown' })
    // no longer "to enter": out of the missing list, into the coded list; no missing marker on the field
    expect(await panel.locator('[data-missing="patient.ageYears"]').count()).toBe(0)
    expect(await panel.locator('[data-coded="patient.ageYears"]').getAttribute('data-code')).toBe('unknown')
    expect(await page.locator('[data-path="patient.ageYears"] [data-role="missing-marker"]').count()).toBe(0)

    // a field drawn by a calculator (preop ECOG) is coded from the side panel's entry, by keyboard
    const ecogTrigger = panel.locator('[data-testid="missing-list"] [data-missing-code="preop.ecog"] [data-role="missing-code-trigger"]')
    await ecogTrigger.focus()
    await page.keyboard.press('Enter')
    await pickByKeyboard(page, 'Not done')
    await panel.locator('[data-coded="preop.ecog"]').waitFor()
    await waitSaved(page)
    expect((await stored(app)).missingCodes).toEqual({ 'patient.ageYears': 'unknown', 'preop.ecog': 'notDone' })
    // lost to follow-up is offered for follow-up fields only
    await panel.locator('[data-missing-code="month6.vasPain"] [data-role="missing-code-trigger"]').click()
    await page.locator('.el-dropdown-menu:visible').waitFor()
    expect(await page.locator('.el-dropdown-menu:visible .el-dropdown-menu__item').allInnerTexts()).toContain('Lost to follow-up')
    await page.keyboard.press('Escape')
    await page.locator('.el-dropdown-menu:visible').waitFor({ state: 'hidden' })

    // typing a value replaces the code
    await typeIntoField(page, 'patient.ageYears', '61', 'Tab')
    await waitSaved(page)
    const after = await stored(app)
    expect(after.patient.ageYears).toBe(61)
    expect(after.missingCodes).toEqual({ 'preop.ecog': 'notDone' })
    expect(await panel.locator('[data-coded="patient.ageYears"]').count()).toBe(0)

    // the audit trail names the code in words
    await page.getByTestId('open-audit').click()
    const drawer = page.getByTestId('audit-drawer')
    await drawer.getByText('Missing-data code: Age').first().waitFor()
    expect(await drawer.innerText()).toContain('Not done')
  })

  it('a verified section asks before an edit or a missing-data code: stay keeps it verified, edit resets it to complete', async () => {
    app = await launchApp({ viewport: { width: 1366, height: 768 } })
    await newRegistryByKeyboard(app)
    await newPatient(app)
    const { page } = app
    await typeIntoField(page, 'patient.ageYears', '58', 'Tab')
    await waitSaved(page)

    const identity = page.locator('[data-form-status="identity"]')
    await identity.locator('[data-status-option="verified"]').click()
    await page.locator('[data-form-status="identity"][data-status="verified"]').waitFor()
    expect(await identity.getByText(/, /).count()).toBeGreaterThan(0) // who, when
    await page.locator('#sec-identity [data-role="section-form-status"][data-status="verified"]').waitFor()

    const dialog = page.locator('.el-message-box')
    await typeIntoField(page, 'patient.ageYears', '59', 'Tab')
    await dialog.waitFor()
    expect(await dialog.innerText()).toContain('This section is verified')
    await dialog.getByRole('button', { name: 'Stay, keep the verified value' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await waitSaved(page)
    expect((await stored(app)).patient.ageYears).toBe(58)
    expect(await page.locator('[data-path="patient.ageYears"] input').first().inputValue()).toBe('58')

    await typeIntoField(page, 'patient.ageYears', '59', 'Tab')
    await dialog.waitFor()
    await dialog.getByRole('button', { name: 'Edit and reset to complete' }).click()
    await waitSaved(page)
    const r = await stored(app)
    expect(r.patient.ageYears).toBe(59)
    expect(r.formStatus?.identity?.status).toBe('complete')
    await page.locator('[data-form-status="identity"][data-status="complete"]').waitFor()

    // coding a missing field of a verified section asks the same way (Alt+M and the side panel)
    await identity.locator('[data-status-option="verified"]').click()
    await page.locator('[data-form-status="identity"][data-status="verified"]').waitFor()
    await page.locator('[data-path="patient.diagnosisDate"] input').first().focus()
    await page.keyboard.press('Alt+M')
    await pickByKeyboard(page, 'Unknown')
    await dialog.waitFor()
    expect(await dialog.innerText()).toContain('This section is verified')
    expect(await dialog.innerText()).toContain('Diagnosis date')
    await dialog.getByRole('button', { name: 'Stay, keep the verified value' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await waitSaved(page)
    expect((await stored(app)).missingCodes ?? {}).toEqual({})
    expect((await stored(app)).formStatus?.identity?.status).toBe('verified')
    expect(await page.locator('[data-path="patient.diagnosisDate"] [data-role="missing-code-trigger"]').innerText()).not.toContain('Missing:')

    const panelTrigger = page.locator('[data-testid="missing-list"] [data-missing-code="patient.diagnosisDate"] [data-role="missing-code-trigger"]')
    await panelTrigger.focus()
    await page.keyboard.press('Enter')
    await pickByKeyboard(page, 'Unknown')
    await dialog.waitFor()
    await dialog.getByRole('button', { name: 'Edit and reset to complete' }).click()
    await waitSaved(page)
    const coded = await stored(app)
    expect(coded.missingCodes).toEqual({ 'patient.diagnosisDate': 'unknown' })
    expect(coded.formStatus?.identity?.status).toBe('complete')
    await page.locator('[data-form-status="identity"][data-status="complete"]').waitFor()

    // the list filters by it
    await page.getByTestId('back-to-list').click()
    await page.getByTestId('patient-list').waitFor()
    const filter = page.getByTestId('filter-form-status')
    await filter.click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: 'Identity & diagnosis: Verified' }).click()
    await page.getByText(/Showing 0 of 1/).waitFor()
  })
})
