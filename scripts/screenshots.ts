// npm run screenshots: captures the screens shown in the README and docs/ with the e2e harness
// (real renderer, real services, demo registry). Writes docs/screenshots/*.png, one per screen and
// language: start screen, patient list, a record (first screen and in full), each calculator,
// the KPS list, the audit trail, and a refused date with its message; and each tab of the Study
// view at 1366×768. `npm run screenshots -- study` captures only the Study view; `npm run
// screenshots -- sizes` only the patient list, the record and the 6-month visit at 1366×768 and
// 1920×1080.
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { closeBrowser, launchApp } from '../tests/helpers/e2e'

const OUT = path.resolve(__dirname, '../docs/screenshots')
const VIEWPORT = { width: 1280, height: 800 }
/** The two workstation sizes the list, the record and the 6-month visit are also shown at. */
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
]
/** A complete, eligible demo patient with a complication and follow-up events. */
const DEMO_PATIENT = 'SM-004'

const CALCULATORS: [file: string, selector: string][] = [
  ['calculator-tokuhashi', '#sec-preop [data-testid="calc-tokuhashi"]'],
  ['calculator-sins', '#sec-preop [data-testid="calc-sins"]'],
  ['calculator-bilsky', '#sec-preop [data-testid="calc-bilsky"]'],
  ['calculator-asia', '#sec-preop [data-testid="calc-asia"]'],
  ['calculator-ecog', '#sec-preop [data-testid="calc-ecog"]'],
  ['calculator-vas', '#sec-preop [data-testid="calc-vas"]'],
  ['calculator-sosgoq', '#sec-preop [data-testid="calc-sosgoq"]'],
  ['record-side-panel', '[data-testid="record-panel"]'],
  ['record-identity', '#sec-identity'],
  ['record-surgery', '#sec-surgery'],
  ['record-perioperative', '#sec-periop'],
  ['record-month6', '#sec-month6'],
  ['record-follow-up', '#sec-followUp'],
]

async function shot(page: Page, name: string, locale: string, selector?: string): Promise<void> {
  const file = path.join(OUT, `${name}.${locale}.png`)
  if (selector) await page.locator(selector).screenshot({ path: file, animations: 'disabled' })
  else await page.screenshot({ path: file, animations: 'disabled' })
}

/** Waits until the record is drawn whole (the sections below the fold come in the frames after the top). */
async function recordDrawn(page: Page): Promise<void> {
  await page.locator('[data-testid="record-form"][data-drawn="all"]').waitFor()
}

/** Makes the window tall enough that the record form needs no scrolling, so it can be captured whole. */
async function fitRecord(page: Page, width = VIEWPORT.width): Promise<void> {
  const form = page.getByTestId('record-form')
  const { top, height } = await form.evaluate((el) => ({ top: el.getBoundingClientRect().top, height: el.scrollHeight }))
  await page.setViewportSize({ width, height: Math.ceil(top + height + 16) })
  await page.waitForTimeout(300)
}

const STUDY_VIEWPORT = { width: 1366, height: 768 }
const STUDY_TABS = ['flow', 'matching', 'baseline', 'survival', 'outcomes', 'sensitivity'] as const

/** Each tab of the Study view on the demo registry, as a 1366×768 screen shows it. */
async function studyShots(locale: 'en' | 'zh-CN'): Promise<void> {
  const app = await launchApp({ locale, viewport: STUDY_VIEWPORT })
  const { page } = app
  await page.getByTestId('start-demo').click()
  await page.getByTestId('patient-list').waitFor()
  await page.getByTestId('header-study').click()
  await page.getByTestId('study-tabs').waitFor({ timeout: 60_000 })
  await page.mouse.move(0, 0)
  for (const tab of STUDY_TABS) {
    await page.locator(`#tab-${tab}`).click()
    await page.getByTestId(`study-${tab}`).waitFor()
    await page.waitForTimeout(300)
    await shot(page, `study-${tab}`, locale)
  }
  await app.close()
}

/** The patient list, the record (first screen and whole) and the 6-month visit at one window size. */
async function atSize(page: Page, locale: string, size: { width: number; height: number }): Promise<void> {
  const tag = `${size.width}x${size.height}`
  await page.setViewportSize(size)
  await page.getByTestId('back-to-list').click()
  await page.getByTestId('patient-list').waitFor()
  await page.getByTestId('patient-search').fill('')
  await page.getByTestId('patient-count').filter({ hasText: /215\D+215/ }).waitFor()
  await page.mouse.move(0, 0)
  await page.waitForTimeout(400)
  await shot(page, `patient-list.${tag}`, locale)
  await page.getByTestId('patient-search').fill(DEMO_PATIENT)
  await page.getByTestId('patient-count').filter({ hasText: /\b1\b/ }).waitFor()
  await page.getByTestId('patient-search').press('Enter')
  await recordDrawn(page)
  await page.locator('[data-testid="save-indicator"][data-state="saved"]').waitFor()
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  await page.waitForTimeout(300)
  await shot(page, `record.${tag}`, locale)
  // the 6-month visit as the nurse scrolls to it
  await page.locator('#sec-month6').evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await page.waitForTimeout(300)
  await shot(page, `record-month6-screen.${tag}`, locale)
  await fitRecord(page, size.width)
  await shot(page, `record-full.${tag}`, locale)
  await shot(page, `record-month6.${tag}`, locale, '#sec-month6')
  await page.setViewportSize(VIEWPORT)
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true })
  if (process.argv.includes('study')) {
    for (const locale of ['en', 'zh-CN'] as const) await studyShots(locale)
    await closeBrowser()
    return
  }
  if (process.argv.includes('sizes')) {
    for (const locale of ['en', 'zh-CN'] as const) {
      const app = await launchApp({ locale, viewport: VIEWPORT })
      await app.page.getByTestId('start-demo').click()
      await app.page.locator('.el-table-v2__row').first().waitFor()
      await app.page.getByTestId('patient-search').fill(DEMO_PATIENT)
      await app.page.getByTestId('patient-count').filter({ hasText: /\b1\b/ }).waitFor()
      await app.page.getByTestId('patient-search').press('Enter')
      await recordDrawn(app.page)
      for (const size of SIZES) await atSize(app.page, locale, size)
      await app.close()
    }
    await closeBrowser()
    return
  }
  for (const locale of ['en', 'zh-CN'] as const) {
    await studyShots(locale)
    const app = await launchApp({ locale, viewport: VIEWPORT })
    const { page } = app
    await page.getByTestId('start-screen').waitFor()
    await shot(page, 'start-screen', locale)
    await page.getByTestId('start-demo').click()
    await page.getByTestId('patient-list').waitFor()
    await page.locator('.el-table-v2__row').first().waitFor()
    await page.mouse.move(0, 0)
    await page.waitForTimeout(300)
    await shot(page, 'patient-list', locale)

    // the record of one demo patient
    await page.getByTestId('patient-search').fill(DEMO_PATIENT)
    await page.getByTestId('patient-count').filter({ hasText: /\b1\b/ }).waitFor()
    await page.getByTestId('patient-search').press('Enter')
    await recordDrawn(page)
    await page.locator('[data-testid="save-indicator"][data-state="saved"]').waitFor()
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await shot(page, 'record', locale)

    await fitRecord(page)
    await shot(page, 'record-full', locale)
    for (const [name, selector] of CALCULATORS) await shot(page, name, locale, selector)

    // the KPS list, opened as the user sees it while typing
    await page.setViewportSize(VIEWPORT)
    await page.locator('#sec-preop [data-testid="kps-select"]').scrollIntoViewIfNeeded()
    await page.locator('#sec-preop [data-testid="kps-select"]').click()
    await page.locator('.el-select-dropdown__item:visible').first().waitFor()
    await page.waitForTimeout(300)
    await shot(page, 'calculator-kps', locale)
    await page.keyboard.press('Escape')

    for (const size of SIZES) await atSize(page, locale, size)

    // the audit trail
    await page.getByTestId('open-audit').click()
    await page.getByTestId('audit-table').locator('.el-table__row').first().waitFor()
    await page.waitForTimeout(400)
    await shot(page, 'audit-trail', locale)
    await page.keyboard.press('Escape')
    await page.waitForTimeout(400)

    // a date out of order: kept on screen with its message, not saved
    const srs = page.locator('[data-path="surgery.srsDate"] input')
    await srs.scrollIntoViewIfNeeded()
    await srs.click()
    await page.keyboard.press('Control+A')
    await page.keyboard.type('2010-01-01')
    await page.keyboard.press('Enter')
    await page.locator('[data-path="surgery.srsDate"] [data-role="field-error"]').waitFor()
    await page.locator('[data-path="surgery.srsDate"]').evaluate((el) => el.scrollIntoView({ block: 'center' }))
    await page.waitForTimeout(300)
    await shot(page, 'record-date-refused', locale)
    await app.close()
  }
  await closeBrowser()
  console.log(`screenshots written to ${path.relative(process.cwd(), OUT)}`)
}

void main()
