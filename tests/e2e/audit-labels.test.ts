// The audit trail speaks the UI language: the values of a new record's rows are listed with the
// field labels ("Study ID: SM-0001 · Age: 62"), never the stored keys (studyId:, ageYears:).
import path from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { ImportPreview } from '@contract/import-export'
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

  for (const [locale, expected] of [
    ['en', 'Imported from: clean.csv · Row in the file: 3 · File fingerprint (SHA-256): '],
    ['zh-CN', '导入自：clean.csv · 文件中的行：3 · 文件指纹（SHA-256）：'],
  ] as const) {
    it(`names the file and row an imported patient came from (${locale})`, async () => {
      app = await launchApp({ locale })
      await newRegistryByKeyboard(app)
      // Imported through the services the Import screen calls; the record then shows where the patient came from.
      app.dialogs.open.push(path.resolve(__dirname, '../fixtures/import/clean.csv'))
      const h = app.services.handlers
      const preview = (await h['import.preview']({ source: 'dialog' })) as ImportPreview
      const request = { token: preview.token, mapping: preview.suggestedMapping, onDuplicate: 'refuse' as const, includeLinked: false }
      await h['import.dryRun'](request)
      await h['import.commit'](request)
      const id = app.services.session.requireDb().prepare("SELECT id FROM patients WHERE study_id = 'IMP-002'").pluck().get() as number
      const { page } = app
      await page.evaluate((n) => (location.hash = `#/patients/${n}`), id)
      await page.getByTestId('open-audit').click()
      const table = page.getByTestId('audit-table')
      await table.locator('.el-table__row').first().waitFor()
      const text = await table.innerText()
      expect(text).toContain(expected)
      expect(text).not.toMatch(/importedFrom|sha256|\brow:/)
    })
  }
})
