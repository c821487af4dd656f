// How long opening takes, measured in the page with performance marks: from the click that opens
// the demo registry file (already written) until its patient list is on screen, and from Enter on
// a found patient until the record is on screen. The figures are printed, never asserted (the
// machine running the tests decides them); the test checks that each measure was taken.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

const mark = (page: Page, name: string) => page.evaluate((n) => performance.mark(n), name)
/** Milliseconds from `start` to the last `end` mark the app set, once it is set. */
async function measure(page: Page, start: string, end: string): Promise<number> {
  await page.waitForFunction((e) => performance.getEntriesByName(e, 'mark').length > 0, end)
  return page.evaluate(([s, e]) => {
    const m = performance.measure(`${s}→${e}`, s!, e!)
    return m.duration
  }, [start, end] as const)
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

describe('open timing (performance marks)', () => {
  it('measures registry open and record open', async () => {
    app = await launchApp({ viewport: { width: 1366, height: 768 } })
    const { page } = app
    await page.getByTestId('start-demo').click()
    await page.getByTestId('patient-list').waitFor()
    const file = (await app.services.handlers['registry.current']({}))!.path
    const registryOpen: number[] = []
    const recordOpen: number[] = []
    const recordDrawn: number[] = []
    for (let i = 0; i < 3; i++) {
      // back to the start screen, then File ▸ Open the demo registry
      app.host.emit('menu.command', { command: 'close' })
      await page.getByTestId('start-screen').waitFor()
      await page.evaluate(() => performance.clearMarks())
      app.dialogs.open.push(file)
      await mark(page, 'test:open-click')
      await page.getByTestId('start-open').click()
      registryOpen.push(await measure(page, 'test:open-click', 'spinemet:list-shown'))
      await page.locator('.el-table-v2__row').first().waitFor()

      await page.getByTestId('patient-search').fill(`SM-0${String(10 + i * 7).padStart(2, '0')}`)
      await page.getByTestId('patient-count').filter({ hasText: /Showing 1 of/ }).waitFor()
      await mark(page, 'test:record-enter')
      await page.getByTestId('patient-search').press('Enter')
      recordOpen.push(await measure(page, 'test:record-enter', 'spinemet:record-shown'))
      recordDrawn.push(await measure(page, 'test:record-enter', 'spinemet:record-drawn'))
      await page.getByTestId('back-to-list').click()
      await page.getByTestId('patient-list').waitFor()
    }
    console.log(
      `[timing] registry open: ${registryOpen.map((x) => x.toFixed(0)).join(', ')} ms (median ${median(registryOpen).toFixed(0)}); ` +
        `record open: ${recordOpen.map((x) => x.toFixed(0)).join(', ')} ms (median ${median(recordOpen).toFixed(0)}); ` +
        `every section drawn: ${recordDrawn.map((x) => x.toFixed(0)).join(', ')} ms (median ${median(recordDrawn).toFixed(0)})`,
    )
    expect(registryOpen.every((x) => x > 0)).toBe(true)
    expect(recordOpen.every((x) => x > 0)).toBe(true)
    expect(recordDrawn.every((x, i) => x >= recordOpen[i]!)).toBe(true)
  })
})
