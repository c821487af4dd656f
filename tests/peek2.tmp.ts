import { closeBrowser, launchApp } from './helpers/e2e'
async function main() {
  const locale = (process.env.LOC ?? 'en') as 'en' | 'zh-CN'
  const app = await launchApp({ locale, viewport: { width: 1366, height: 768 } })
  const { page } = app
  await page.getByTestId('start-demo').click()
  await page.getByTestId('patient-list').waitFor()
  await page.getByTestId('header-study').click()
  await page.getByTestId('study-tabs').waitFor({ timeout: 60000 })
  await page.getByTestId('study-toggle-settings').click()
  for (const tab of (process.env.TABS ?? 'matching').split(',')) {
    await page.locator(`#tab-${tab}`).click()
    await page.waitForTimeout(400)
    const h = await page.locator('.sm-content').evaluate((el) => el.scrollHeight)
    await page.setViewportSize({ width: 1366, height: Math.min(h + 60, 4000) })
    await page.waitForTimeout(400)
    await page.screenshot({ path: `/tmp/shots/full-${tab}.${locale}.png` })
    await page.setViewportSize({ width: 1366, height: 768 })
  }
  console.log(app.pageErrors)
  await app.close()
  await closeBrowser()
}
void main()
