// Dates typed on the record screen follow the same reader as CSV import: year first or the
// Chinese form are stored; an impossible date is refused (never rolled over), a day-first date is
// refused as ambiguous with the import's own sentence, and "NA" gets a message — in every case
// the stored value is left alone and the typed text stays on screen with the message.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { readDate } from '../../main/domain/dates'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'
import { inputValue, newPatient, newRegistryByKeyboard, waitSaved, typeIntoField } from './record-helpers'

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

const stored = async (a: E2EApp) => (await a.services.handlers['patients.get']({ id: 1 })).record

const typeDate = (page: Page, fieldPath: string, text: string) => typeIntoField(page, fieldPath, text, 'Enter')

const fieldError = (page: Page, fieldPath: string) => page.locator(`[data-path="${fieldPath}"] [data-role="field-error"]`)

describe('dates on the record screen', () => {
  it('stores year-first and Chinese dates, refuses impossible, ambiguous and NA with a message, and keeps the stored value', async () => {
    app = await launchApp()
    await newRegistryByKeyboard(app)
    await newPatient(app)
    const { page } = app
    const path = 'patient.diagnosisDate'

    await typeDate(page, path, '2019-01-20')
    await waitSaved(page)
    expect((await stored(app)).patient.diagnosisDate).toBe('2019-01-20')

    // An impossible date is refused, never stored as 2019-03-02.
    await typeDate(page, path, '2019-02-30')
    await expect.poll(() => fieldError(page, path).textContent()).toContain('not a real calendar date')
    expect(await inputValue(page, path)).toBe('2019-02-30')
    expect((await stored(app)).patient.diagnosisDate).toBe('2019-01-20')

    // Day-first: refused as ambiguous, with the same sentence as import.
    await typeDate(page, path, '01/03/2019')
    const ambiguous = readDate('01/03/2019')
    expect(ambiguous.ok).toBe(false)
    await expect.poll(() => fieldError(page, path).textContent()).toBe(ambiguous.ok ? '' : ambiguous.message)
    expect((await stored(app)).patient.diagnosisDate).toBe('2019-01-20')

    // NA is not a date: a message, not a silent no-op.
    await typeDate(page, path, 'NA')
    await expect.poll(() => fieldError(page, path).textContent()).toContain('is not a date')
    expect(await inputValue(page, path)).toBe('NA')
    expect((await stored(app)).patient.diagnosisDate).toBe('2019-01-20')

    // The Chinese form is accepted and shown year first.
    await typeDate(page, path, '2019年3月1日')
    await waitSaved(page)
    await expect.poll(async () => (await stored(app!)).patient.diagnosisDate).toBe('2019-03-01')
    expect(await fieldError(page, path).count()).toBe(0)
    expect(await inputValue(page, path)).toBe('2019-03-01')
  })

  it('refuses an impossible date in a complication row', async () => {
    app = await launchApp()
    await newRegistryByKeyboard(app)
    await newPatient(app)
    await app.services.handlers['patients.addComplication']({ id: 1, complication: { kind: 'deep_wound_infection', grade: 'II', onsetDate: '2019-04-02', description: null } })
    await app.page.reload()
    await app.page.locator('[data-testid="record-form"][data-drawn="all"]').waitFor()
    const row = app.page.getByTestId('complication-row').first()
    // the onset date and the description are labelled; the description has room for a sentence
    expect(await row.getByLabel('Onset date').count()).toBe(1)
    expect(await row.getByLabel('Description').evaluate((el) => el.tagName)).toBe('TEXTAREA')
    const input = row.locator('.sm-c-date input')
    await input.click()
    await input.press('Control+A')
    await input.pressSequentially('2019-04-31')
    await input.press('Enter')
    await expect.poll(() => row.locator('[role="alert"]').textContent()).toContain('not a real calendar date')
    expect((await stored(app)).complications[0]!.onsetDate).toBe('2019-04-02')
  })

  it('warns before leaving a record with a refused value (stay / discard) and computes nothing from the old value next to it', async () => {
    app = await launchApp()
    await newRegistryByKeyboard(app)
    await newPatient(app)
    const { page } = app
    await typeDate(page, 'surgery.surgeryDate', '2019-03-01')
    await typeDate(page, 'surgery.srsDate', '2019-03-23')
    await waitSaved(page)
    expect(await page.getByTestId('derived-srs-interval').innerText()).toContain('22 d')

    // an SRS date before the surgery is refused: no interval is computed from the stored date next to it
    await typeDate(page, 'surgery.srsDate', '2019-02-20')
    await fieldError(page, 'surgery.srsDate').waitFor()
    expect(await page.getByTestId('derived-srs-interval').count()).toBe(0)

    // leaving: a dialog names the field; Stay keeps the record and the typed value
    await page.getByTestId('back-to-list').click()
    const dialog = page.locator('.el-message-box')
    await dialog.waitFor()
    expect(await dialog.innerText()).toContain('SRS date')
    await dialog.getByRole('button', { name: 'Stay on this record' }).click()
    await dialog.waitFor({ state: 'hidden' })
    expect(await page.getByTestId('record-form').isVisible()).toBe(true)
    expect(await inputValue(page, 'surgery.srsDate')).toBe('2019-02-20')

    // Discard: the list opens and the stored value is the one before
    await page.getByTestId('back-to-list').click()
    await dialog.waitFor()
    await dialog.getByRole('button', { name: 'Discard and leave' }).click()
    await page.getByTestId('patient-list').waitFor()
    expect((await stored(app)).surgery.srsDate).toBe('2019-03-23')
  })
})
