// The patient list by keyboard: Ctrl+F search, ↓ and Enter open a record, filters and sorting
// by completeness and eligibility, Ctrl+Shift+N (or the native menu's New patient) for a new patient.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

async function openDemo(): Promise<E2EApp> {
  const a = await launchApp({ viewport: { width: 1400, height: 900 } })
  await a.page.getByTestId('start-demo').click()
  await a.page.getByTestId('patient-count').filter({ hasText: 'Showing 215 of 215' }).waitFor()
  await a.page.locator('.el-table-v2__row').first().waitFor()
  return a
}

const count = async (a: E2EApp) => Number((await a.page.getByTestId('patient-count').innerText()).match(/Showing (\d+)/)?.[1])

describe('patient list', () => {
  it('Ctrl+F focuses the search; ↓ and Enter open the patient found', async () => {
    app = await openDemo()
    const { page } = app
    await page.keyboard.press('Control+F')
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid'))).toBe('patient-search')
    await page.keyboard.type('SM-017')
    await page.getByTestId('patient-count').filter({ hasText: 'Showing 1 of 215' }).waitFor()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await page.locator('[data-testid="record-form"][data-drawn="all"]').waitFor()
    expect(await page.getByTestId('record-title').innerText()).toContain('SM-017')
    // back to the list, and the native menu's Find lands in the search box
    await page.getByTestId('back-to-list').click()
    await page.getByTestId('patient-list').waitFor()
    app.host.emit('menu.command', { command: 'find' })
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') === 'patient-search')
  })

  it('filters by eligibility, incompleteness and arm, and sorts by completeness', async () => {
    app = await openDemo()
    const { page } = app
    await page.getByTestId('filter-eligibility').click()
    await page.locator('.el-select-dropdown__item', { hasText: /^Eligible$/ }).click()
    await page.waitForFunction(() => !/Showing 215 /.test(document.querySelector('[data-testid="patient-count"]')?.textContent ?? ''))
    const eligible = await count(app)
    expect(eligible).toBeGreaterThan(0)
    expect(eligible).toBeLessThan(215)
    const tags = await page.locator('.el-table-v2__row [data-eligibility]').evaluateAll((els) => els.map((e) => e.getAttribute('data-eligibility')))
    expect(new Set(tags)).toEqual(new Set(['eligible']))

    await page.getByText('Clear filters').click()
    await page.getByTestId('patient-count').filter({ hasText: 'Showing 215 of 215' }).waitFor()
    await page.getByTestId('filter-incomplete').click()
    await page.waitForFunction(() => !/Showing 215 /.test(document.querySelector('[data-testid="patient-count"]')?.textContent ?? ''))
    const missing = await page.locator('.el-table-v2__row [data-missing]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-missing'))))
    expect(missing.length).toBeGreaterThan(0)
    expect(missing.every((n) => n > 0)).toBe(true)

    // sort by completeness: the least complete first
    await page.getByTestId('filter-incomplete').click()
    await page.getByTestId('patient-count').filter({ hasText: 'Showing 215 of 215' }).waitFor()
    await page.locator('.el-table-v2__header-cell', { hasText: 'Completeness' }).click()
    await page.waitForTimeout(300)
    const sorted = await page.locator('.el-table-v2__row [data-missing]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-missing'))))
    expect(sorted[0]).toBeGreaterThanOrEqual(sorted[sorted.length - 1]!)
  })

  it('Ctrl+Shift+N creates a patient and opens its record; double-click opens one', async () => {
    app = await openDemo()
    const { page } = app
    await page.keyboard.press('Control+Shift+N')
    await page.locator('[data-testid="record-form"][data-drawn="all"]').waitFor()
    expect(await page.getByTestId('record-title').innerText()).toMatch(/SM-\d+/)
    await page.getByTestId('back-to-list').click()
    await page.getByTestId('patient-count').filter({ hasText: 'Showing 216 of 216' }).waitFor()
    await page.locator('.el-table-v2__row').nth(2).dblclick()
    await page.locator('[data-testid="record-form"][data-drawn="all"]').waitFor()
    expect(await page.getByTestId('record-title').innerText()).toContain('SM-003')
    // File ▸ New patient in the native menu does the same, from the record screen too
    app.host.emit('menu.command', { command: 'newPatient' })
    await page.getByTestId('record-title').filter({ hasText: 'SM-217' }).waitFor()
    expect(await page.getByTestId('record-title').innerText()).not.toContain('SM-003')
  })
})

describe('find from the record screen', () => {
  it('Ctrl+F on a record goes back to the list with the search box focused', async () => {
    app = await openDemo()
    const { page } = app
    await page.locator('.el-table-v2__row').first().dblclick()
    await page.locator('[data-testid="record-form"][data-drawn="all"]').waitFor()
    await page.keyboard.press('Control+F')
    await page.getByTestId('patient-list').waitFor()
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') === 'patient-search')
  })
})
