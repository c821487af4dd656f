// Finding patients on the demo registry: the search finds the primary histology by name ("lung"),
// the histology filter narrows the list, and the count says how many of the registry's patients
// are shown — "Showing 0 of 215" when nothing matches.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

describe('patient search and filters', () => {
  it('search finds histology names, the histology filter narrows, the count reads "n of all"', async () => {
    app = await launchApp()
    const { page } = app
    await page.getByTestId('start-demo').click()
    await page.getByTestId('patient-list').waitFor()
    await page.locator('.el-table-v2__row').first().waitFor()
    const count = page.getByTestId('patient-count')
    await expect.poll(() => count.innerText()).toBe('Showing 215 of 215')
    const all = (await app.services.handlers['patients.list']({ sortBy: 'studyId', sortDir: 'asc', offset: 0, limit: 500 })).rows

    await page.getByTestId('patient-search').fill('renal cell')
    const renal = all.filter((r) => r.histology === 'kidney').length
    expect(renal).toBeGreaterThan(0)
    await expect.poll(() => count.innerText()).toBe(`Showing ${renal} of 215`)

    await page.getByTestId('patient-search').fill('no such patient')
    await expect.poll(() => count.innerText()).toBe('Showing 0 of 215')

    await page.getByTestId('patient-search').fill('')
    await page.getByTestId('filter-histology').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: 'Thyroid' }).click()
    const thyroid = all.filter((r) => r.histology === 'thyroid').length
    await expect.poll(() => count.innerText()).toBe(`Showing ${thyroid} of 215`)
    const rows = await page.locator('.el-table-v2__row').allInnerTexts()
    expect(rows.length).toBeGreaterThan(0)
    for (const r of rows) expect(r).toContain('Thyroid')
  })
})
