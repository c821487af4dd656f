// The Study view on the demo registry: the flow shows the reference study's counts, and a narrower
// caliper, run from the settings panel, changes the pairs, the balance table and the survival tables
// on screen to what the study service computes for that caliper.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { formatNumber } from '@domain/number-format'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

async function openStudy(a: E2EApp): Promise<void> {
  const { page } = a
  await page.getByTestId('start-demo').click()
  await page.getByTestId('patient-list').waitFor()
  await page.getByTestId('header-study').click()
  await page.getByTestId('study-tabs').waitFor({ timeout: 60_000 })
}

async function tab(a: E2EApp, name: string): Promise<void> {
  await a.page.locator(`#tab-${name}`).click()
  await a.page.getByTestId(`study-${name}`).waitFor()
}

describe('Study view', () => {
  it('shows Figure 3 of the demo registry: 215 screened, 64 HT and 93 TES eligible, the pairs of the analysis', async () => {
    app = await launchApp({ viewport: { width: 1366, height: 768 } })
    await openStudy(app)
    const { page } = app
    const expected = await app.services.study.run({})
    expect(await page.getByTestId('flow-screened').innerText()).toContain('215')
    expect(await page.getByTestId('flow-eligible-HT').innerText()).toContain('64')
    expect(await page.getByTestId('flow-eligible-TES').innerText()).toContain('93')
    expect(await page.getByTestId('flow-pair-count').innerText()).toBe(String(expected.flow.matchedPairs))
    // the patient list behind an exclusion box is one click away
    const first = expected.flow.excluded[0]!
    await page.getByTestId(`flow-excluded-${first.key}`).click()
    const dialog = page.getByTestId('flow-patient-list')
    await dialog.getByText(first.studyIds[0]!, { exact: true }).waitFor()
    expect(await dialog.locator('li').count()).toBe(first.count)
    expect(app.pageErrors).toEqual([])
  })

  it('names each row\'s test and why it was chosen in Chinese in the Chinese Baseline tables', async () => {
    app = await launchApp({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } })
    await openStudy(app)
    await tab(app, 'baseline')
    const notes = await app.page.getByTestId('study-baseline').locator('ol.sm-footnotes li').allInnerTexts()
    expect(notes.length).toBeGreaterThan(3)
    const text = notes.join('\n')
    // Table 1 (independent arms) and Table 2 (pairs): each sentence names the test and the rule's numbers in Chinese.
    expect(text).toMatch(/(Welch 两样本 t 检验|Mann–Whitney U 检验)：Shapiro–Wilk 检验 HT p/)
    expect(text).toMatch(/(Pearson 卡方检验|Fisher 精确检验)：\d+ 个期望频数中有 \d+ 个小于 5/)
    expect(text).toMatch(/(配对 t 检验|Wilcoxon 符号秩检验)：配对差值（HT − TES）的 Shapiro–Wilk 检验/)
    expect(text).toMatch(/(McNemar 检验|Stuart–Maxwell 检验)：基于每个匹配对中 HT 成员 × TES 成员的列联表/)
    expect(text).not.toMatch(/consistent with normality|expected counts|member of each pair/)
    expect(app.pageErrors).toEqual([])
  })

  it('re-runs with a narrower caliper and updates the pair count, the balance table and the survival tables', async () => {
    app = await launchApp({ viewport: { width: 1366, height: 768 } })
    await openStudy(app)
    const { page } = app
    const pairsBefore = await page.getByTestId('flow-pair-count').innerText()

    await tab(app, 'matching')
    const balanceBefore = await page.getByTestId('study-balance').innerText()
    await tab(app, 'survival')
    const ratesBefore = await page.getByTestId('survival-rates').innerText()
    const hrBefore = await page.getByTestId('survival-hr').innerText()

    const width = page.locator('[data-testid="study-caliper-width"] input')
    await width.fill('0.005')
    await width.press('Enter')
    await page.getByTestId('study-settings-changed').waitFor()
    await page.getByTestId('study-run').click()
    await page.getByTestId('study-settings-changed').waitFor({ state: 'detached', timeout: 60_000 })
    await page.locator('[data-testid="study-run"]:not(.is-loading)').waitFor()

    const expected = await app.services.study.run({ settings: { caliper: { scale: 'propensity', width: 0.005 } } })
    expect(expected.matching.nPairs).not.toBe(Number(pairsBefore))

    // survival tab is still open: its tables now show the new cohort
    const rates = page.getByTestId('survival-rates')
    expect(await rates.innerText()).not.toBe(ratesBefore)
    const lpfsHT = expected.survival.matched.lpfs.curves.HT
    expect(await rates.locator('[data-row="lpfs-HT"] td').nth(2).innerText()).toBe(String(lpfsHT.n))
    expect(await page.getByTestId('survival-hr').innerText()).not.toBe(hrBefore)

    await tab(app, 'matching')
    expect(await page.getByTestId('matching-pairs').innerText()).toBe(String(expected.matching.nPairs))
    const balance = await page.getByTestId('study-balance').innerText()
    expect(balance).not.toBe(balanceBefore)
    const ageAfter = expected.balance.rows.find((r) => r.term === 'age')!.after.smd!
    expect(await page.locator('[data-testid="study-balance"] tr[data-term="age"] [data-role="smd-after"]').innerText()).toBe(formatNumber(ageAfter, 'en', { digits: 3 }))

    await tab(app, 'flow')
    expect(await page.getByTestId('flow-pair-count').innerText()).toBe(String(expected.flow.matchedPairs))
    expect(app.pageErrors).toEqual([])
  })

  it('exports the study report from the Study view as a PDF with the bundle, and opens it only when asked', async () => {
    app = await launchApp({ viewport: { width: 1366, height: 768 } })
    await openStudy(app)
    const { page } = app
    const pairs = await page.getByTestId('flow-pair-count').innerText()
    const file = path.join(app.dir, 'study-report.pdf')
    app.dialogs.save.push(file)
    await page.getByTestId('study-export-report').click()
    await page.getByTestId('study-export-bundle').click()
    await page.getByTestId('study-export-run').click()
    await page.getByTestId('study-export-done').waitFor({ timeout: 90_000 })
    expect(fs.existsSync(file)).toBe(true)
    expect(app.openedFiles).toEqual([])
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    expect(text).toContain('Study report')
    expect(text.toLowerCase()).toContain(`${pairs} matched pairs`)
    expect(fs.existsSync(path.join(app.dir, 'study-report-bundle', 'reproduce.R'))).toBe(true)
    await page.getByTestId('study-export-open').click()
    await expect.poll(() => app!.openedFiles).toEqual([file])
    expect(app.pageErrors).toEqual([])
  }, 120_000)
})
