// The record screen at 1366×768 (and 1024×768) in both languages, on a complete demo patient: the side panel
// (eligibility, NOMS, checks) cuts no text, and while items of a calculator are being picked its
// running total stays in view.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'
import { clippedTexts } from './layout-helpers'

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

async function openDemoPatient(a: E2EApp, studyId: string): Promise<void> {
  const { page } = a
  await page.getByTestId('start-demo').click()
  await page.getByTestId('patient-list').waitFor()
  await page.getByTestId('patient-search').fill(studyId)
  await page.getByTestId('patient-count').filter({ hasText: /\b1\b/ }).waitFor()
  await page.getByTestId('patient-search').press('Enter')
  await page.locator('[data-testid="record-form"][data-drawn="all"]').waitFor()
  await page.getByTestId('panel-noms').waitFor()
}

const CALCULATORS: [card: string, firstItem: string, total: string][] = [
  ['#sec-preop [data-testid="calc-tokuhashi"]', '[data-testid="tokuhashi-general"]', '[data-testid="tokuhashi-total"]'],
  ['#sec-preop [data-testid="calc-sins"]', '.sm-calc-item, [data-path]', '[data-testid="sins-total"]'],
  ['#sec-preop [data-testid="calc-sosgoq"]', '[data-testid="sosgoq-items"]', '[data-testid="sosgoq-result"]'],
]

describe('record layout at 1366×768 (and 1024×768)', () => {
  for (const locale of ['en', 'zh-CN'] as const) {
    it(`side panel cuts no text; calculator totals stay in view (${locale})`, async () => {
      app = await launchApp({ viewport: { width: 1366, height: 768 }, locale })
      const { page } = app
      await openDemoPatient(app, 'SM-004')
      expect(await clippedTexts(page, '[data-testid="record-panel"] .sm-panel-block')).toEqual([])

      for (const [card, first, total] of CALCULATORS) {
        const inView = await page.evaluate(
          ([c, f, tot]) => {
            const form = document.querySelector('[data-testid="record-form"]')!
            const item = document.querySelector(c!)!.querySelector(f!)!
            item.scrollIntoView({ block: 'start' })
            const box = form.getBoundingClientRect()
            const r = document.querySelector(c!)!.querySelector(tot!)!.getBoundingClientRect()
            return r.top >= box.top - 1 && r.bottom <= box.bottom + 1
          },
          [card, first, total] as const,
        )
        expect(inView, `${total} in view while picking the first items of ${card}`).toBe(true)
      }

      // a smaller window narrows the panel: still nothing cut
      await page.setViewportSize({ width: 1024, height: 768 })
      await page.waitForTimeout(200)
      expect(await clippedTexts(page, '[data-testid="record-panel"] .sm-panel-block')).toEqual([])
    })
  }
})
