// The patient list at the two common workstation sizes, in both languages, on the demo registry:
// no header or cell text is cut off (every text box lies inside its cell), no filter's placeholder
// is ellipsized, and at 1920 px the columns use the width instead of leaving it empty.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'
import { clippedTexts } from './layout-helpers'

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

/** Texts of the list (headers and cells) that are cut off. */
const overflowingCells = (page: Page) => clippedTexts(page, '[data-testid="patient-table"]', '.el-table-v2__header-cell, .el-table-v2__row-cell')

async function openDemo(a: E2EApp): Promise<void> {
  await a.page.getByTestId('start-demo').click()
  await a.page.getByTestId('patient-list').waitFor()
  await a.page.locator('.el-table-v2__row').first().waitFor()
  await a.page.waitForTimeout(200)
}

describe('patient list layout', () => {
  for (const locale of ['en', 'zh-CN'] as const) {
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      it(`cuts no text at ${viewport.width}×${viewport.height} (${locale})`, async () => {
        app = await launchApp({ viewport, locale })
        await openDemo(app)
        expect(await overflowingCells(app.page)).toEqual([])
        // the filters' placeholders ("Any treatment", "Any histology" …) are whole, not ellipsized
        expect(await clippedTexts(app.page, '[data-testid="patient-list"] .sm-list-filters .el-select__placeholder')).toEqual([])
        // sorted by each text column the longest values come first: still nothing cut
        for (const key of ['histology', 'fullName']) {
          await app.page.locator(`.el-table-v2__header-cell[data-key="${key}"]`).click()
          await app.page.locator(`.el-table-v2__header-cell[data-key="${key}"]`).click()
          await app.page.waitForTimeout(150)
          expect(await overflowingCells(app.page)).toEqual([])
        }
        // every column is in view without scrolling sideways
        const overhang = await app.page.evaluate(() => {
          const table = document.querySelector('[data-testid="patient-table"]')!.getBoundingClientRect()
          const cells = [...document.querySelectorAll('[data-testid="patient-table"] .el-table-v2__header-cell')].map((c) => c.getBoundingClientRect())
          return Math.max(...cells.map((c) => c.right)) - table.right
        })
        expect(overhang).toBeLessThanOrEqual(0)
        if (viewport.width === 1920) {
          // the columns fill the table: no wide empty band on the right
          const fill = await app.page.evaluate(() => {
            const table = document.querySelector('[data-testid="patient-table"]')!.getBoundingClientRect()
            const cells = [...document.querySelectorAll('[data-testid="patient-table"] .el-table-v2__header-cell')].map((c) => c.getBoundingClientRect())
            return (Math.max(...cells.map((c) => c.right)) - table.left) / table.width
          })
          expect(fill).toBeGreaterThan(0.95)
        }
      })
    }
  }
})
