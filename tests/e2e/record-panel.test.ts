// The record's side panel and audit trail: a "missing" link takes the keyboard to the field;
// the eligibility checklist and NOMS summary follow the record; the audit trail is exported
// (de-identified by default) through the host's save dialog.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'
import { focusInfo } from './record-helpers'

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

async function openDemoPatient(studyId: string): Promise<E2EApp> {
  const a = await launchApp({ viewport: { width: 1400, height: 900 } })
  await a.page.getByTestId('start-demo').click()
  await a.page.locator('.el-table-v2__row').first().waitFor()
  await a.page.getByTestId('patient-search').fill(studyId)
  await a.page.getByTestId('patient-count').filter({ hasText: 'Showing 1 of' }).waitFor()
  await a.page.getByTestId('patient-search').press('Enter')
  await a.page.locator('[data-testid="record-form"][data-drawn="all"]').waitFor()
  return a
}

describe('record side panel', () => {
  it('a missing-field link moves the keyboard focus into that field', async () => {
    app = await openDemoPatient('SM-007')
    const { page } = app
    const links = page.locator('[data-testid="missing-list"] a')
    expect(await links.count()).toBe(8)
    const target = (await links.first().getAttribute('data-missing'))!
    await links.first().click()
    await page.waitForFunction((p) => document.activeElement?.closest('[data-path]')?.getAttribute('data-path') === p, target)
    expect((await focusInfo(page)).path).toBe(target)
    expect(await page.locator(`[data-path="${target}"] [data-role="missing-marker"]`).count()).toBeGreaterThan(0)
  })

  it('shows the eligibility checklist with the reference study\'s wording and the NOMS summary as decision support', async () => {
    app = await openDemoPatient('SM-004')
    const { page } = app
    const eligibility = page.getByTestId('panel-eligibility')
    expect(await eligibility.locator('[data-role="eligibility-status"]').innerText()).toBe('Eligible')
    expect(await eligibility.locator('[data-status="met"]').count()).toBe(13)
    expect(await eligibility.locator('[data-criterion="highGradeEscc"]').innerText()).toContain(
      'MRI documenting high-grade epidural cord compression (grades 2 and 3) according to the Bilsky criteria',
    )
    const noms = page.getByTestId('panel-noms')
    expect(await noms.innerText()).toContain('Decision support for the multidisciplinary team — not a treatment order.')
    expect(await noms.locator('[data-role="noms-decision"]').innerText()).toMatch(/Separation surgery \(decompression \+ instrumented stabilization\), then SRS — hybrid therapy/)
  })

  it('exports the audit trail, de-identified, through the save dialog', async () => {
    app = await openDemoPatient('SM-004')
    const { page } = app
    const file = path.join(app.dir, 'audit-sm-004.csv')
    app.dialogs.save.push(file)
    await page.getByTestId('open-audit').click()
    await page.getByTestId('audit-table').locator('.el-table__row').first().waitFor()
    await page.getByTestId('audit-export').click()
    await page.getByText('Audit trail exported to audit-sm-004.csv.').waitFor()
    const csv = fs.readFileSync(file, 'utf8')
    expect(csv).toContain('audit_id')
    expect(csv).toContain('SM-004')
    expect(csv).not.toContain('Xu Youcai')
  })
})
