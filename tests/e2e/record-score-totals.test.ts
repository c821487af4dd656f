// "Total known, items not recorded" on the record screen: the revised Tokuhashi recorded as its
// total alone (a legacy chart), shown plainly as such with its band; the items filled in later;
// and a difference between their sum and the stored total named.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { PatientView } from '@contract/patients'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'
import { newPatient, newRegistryByKeyboard, waitSaved } from './record-helpers'

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

describe('score recorded as its total', () => {
  it('switches the Tokuhashi to its total, stores it, and names the difference once the items are filled in', async () => {
    app = await launchApp({ viewport: { width: 1366, height: 900 } })
    await newRegistryByKeyboard(app)
    await newPatient(app)
    const { page } = app
    const card = page.locator('#sec-preop [data-testid="calc-tokuhashi"]')
    expect(await card.locator('[data-testid="tokuhashi-general"]').count()).toBe(1)

    // the switch: total known, items not recorded
    await card.locator('[data-testid="calc-tokuhashi-entered-mode"] [data-value="total"]').click()
    expect(await card.locator('[data-testid="tokuhashi-general"]').count()).toBe(0)
    const input = card.locator('[data-testid="calc-tokuhashi-entered-input"] input')
    await input.click()
    await page.keyboard.type('10')
    await page.keyboard.press('Enter')
    await waitSaved(page)
    const stored = await app.services.handlers['patients.get']({ id: 1 })
    expect((stored as PatientView).record.preop.tokuhashiEnteredTotal).toBe(10)
    expect((stored as PatientView).derived.tokuhashi).toMatchObject({ total: 10, source: 'entered' })
    expect(await card.locator('[data-testid="tokuhashi-total"] [data-role="total"]').innerText()).toBe('10')
    expect(await card.locator('[data-testid="tokuhashi-total"] [data-role="band"]').innerText()).toContain('6 months')
    const note = card.locator('[data-role="items-missing"]')
    expect(await note.innerText()).toMatch(/^Items not recorded: the .*Tokuhashi.* total 10 from the chart is used\./)

    // the items are filled in later: they add up to 11, one more than the stored total
    await card.locator('[data-testid="calc-tokuhashi-entered-fill-items"]').click()
    expect(await card.locator('[data-testid="tokuhashi-general"]').count()).toBe(1)
    const set = (path: string, value: unknown) => app!.services.handlers['patients.update']({ id: 1, path: path as never, value: value as never })
    await set('patient.histology', 'kidney') // 3
    await set('preop.kps', 70) // 1
    await set('preop.tokuhashiExtraspinalBoneFoci', 0) // 2
    await set('preop.tokuhashiVertebralMetastases', 1) // 2
    await set('preop.tokuhashiVisceral', 'none') // 2
    await set('preop.tokuhashiFrankel', 'D') // 1 → 11
    await page.reload()
    await page.locator('[data-testid="record-form"][data-drawn="all"]').waitFor()
    const differs = page.locator('#sec-preop [data-testid="calc-tokuhashi"] [data-role="total-differs"]')
    await differs.waitFor()
    expect(await differs.innerText()).toContain('The items add up to 11, but the total recorded without them is 10: they differ by 1 point.')
    expect(await page.locator('#sec-preop [data-testid="tokuhashi-total"] [data-role="total"]').innerText()).toBe('11')
    // the record's warning list names it too
    const view = (await app.services.handlers['patients.get']({ id: 1 })) as PatientView
    expect(view.issues.find((i) => i.messageKey === 'legacy.issues.totalDiffers')).toMatchObject({ params: { items: 11, entered: 10, difference: 1 } })
  })
})
