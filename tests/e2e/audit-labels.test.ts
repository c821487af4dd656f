// The audit trail speaks the UI language: the values of a new record's rows are listed with the
// field labels ("Study ID: SM-0001 · Age: 62"), never the stored keys (studyId:, ageYears:).
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'
import { newPatient, newRegistryByKeyboard, tabUntil, waitSaved } from './record-helpers'

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

describe('audit trail labels', () => {
  for (const [locale, studyIdLabel] of [
    ['en', 'Study ID: '],
    ['zh-CN', '研究编号：'],
  ] as const) {
    it(`shows field labels, not stored keys (${locale})`, async () => {
      app = await launchApp({ locale })
      await newRegistryByKeyboard(app)
      await newPatient(app)
      const { page } = app
      await tabUntil(page, (f) => f.path === 'patient.ageYears')
      await page.keyboard.type('62')
      await page.keyboard.press('Tab')
      await waitSaved(page)
      await page.getByTestId('open-audit').click()
      const table = page.getByTestId('audit-table')
      await table.locator('.el-table__row').first().waitFor()
      const text = await table.innerText()
      expect(text).toContain(studyIdLabel)
      expect(text.match(/\b[a-z]+[A-Z][A-Za-z]*:/g) ?? []).toEqual([])
      expect(text.match(/\b[a-z]+_[a-z_]+\b/g) ?? []).toEqual([])
    })
  }
})
