// npm run screenshots: captures the screens shown in the README and docs/ with the e2e harness
// (real renderer, real services, demo registry). Writes docs/screenshots/*.png.
import fs from 'node:fs'
import path from 'node:path'
import { closeBrowser, launchApp } from '../tests/helpers/e2e'

const OUT = path.resolve(__dirname, '../docs/screenshots')

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true })
  for (const locale of ['en', 'zh-CN'] as const) {
    const app = await launchApp({ locale, viewport: { width: 1280, height: 800 } })
    const { page } = app
    await page.getByTestId('start-screen').waitFor()
    await page.screenshot({ path: path.join(OUT, `start-screen.${locale}.png`) })
    await page.getByTestId('start-demo').click()
    await page.getByTestId('patient-list').waitFor()
    await page.locator('.el-table-v2__row').first().waitFor()
    await page.screenshot({ path: path.join(OUT, `patient-list.${locale}.png`) })
    await app.close()
  }
  await closeBrowser()
  console.log(`screenshots written to ${path.relative(process.cwd(), OUT)}`)
}

void main()
