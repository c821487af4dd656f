// The 6-month visit shows every field the record stores for it — the same assessment as before
// surgery (ECOG, KPS and the rest of the Tokuhashi items, Bilsky, SINS, ASIA, VAS, SOSG-OQ and the
// NOMS inputs) — and what is entered there is stored at the 6-month time point, not the preoperative one.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { assessmentSchema } from '../../main/contract/patient-record'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'
import { checkedValue, newPatient, newRegistryByKeyboard, waitSaved } from './record-helpers'

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

describe('6-month visit', () => {
  it('shows every stored 6-month field and stores what is entered there at 6 months', async () => {
    app = await launchApp({ viewport: { width: 1366, height: 768 } })
    await newRegistryByKeyboard(app)
    await newPatient(app)
    const { page } = app
    const set = (path: string, value: unknown) => app!.services.handlers['patients.update']({ id: 1, path: path as never, value: value as never })
    await set('month6.kps', 80)
    await set('month6.ecog', 1)
    await set('month6.bilskyGrade', '1b')
    await set('month6.tokuhashiFrankel', 'E')
    await set('month6.tokuhashiVisceral', 'none')
    await page.reload()
    // the sections below the fold are drawn in the frames after the top: wait for the whole record
    await page.locator('[data-testid="record-form"][data-drawn="all"]').waitFor()
    const section = page.locator('#sec-month6')

    // every assessment field has a place in the 6-month section
    const missing: string[] = []
    for (const f of Object.keys(assessmentSchema.shape)) {
      // the SOSG-OQ version, answers and entered total live in one form
      const n = await section.locator(f.startsWith('sosgoq') ? '[data-path="month6.sosgoq"]' : `[data-path="month6.${f}"]`).count()
      if (n === 0) missing.push(f)
    }
    expect(missing).toEqual([])
    expect(await checkedValue(page, 'month6.ecog')).toBe('1')
    expect(await checkedValue(page, 'month6.bilskyGrade')).toBe('1b')
    expect(await checkedValue(page, 'month6.tokuhashiFrankel')).toBe('E')
    expect(await section.locator('[data-path="month6.kps"]').innerText()).toContain('80')

    // entered at 6 months → stored at 6 months; the preoperative value is untouched
    await section.locator('[data-path="month6.ecog"] input[type="radio"]').first().focus()
    await page.keyboard.press('2')
    await waitSaved(page)
    const rec = (await app.services.handlers['patients.get']({ id: 1 })).record
    expect(rec.month6.ecog).toBe(2)
    expect(rec.preop.ecog).toBeNull()
  })
})
