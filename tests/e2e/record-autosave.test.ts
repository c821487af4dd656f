// Autosave, undo/redo and refused values on the record screen, against the real services and
// SQLite file: a page closed mid-entry keeps everything but the field being typed; undo and redo
// go through patients.update (so the audit trail shows them); a date out of order stays on screen
// with its message while the stored value is unchanged.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'
import { checkedValue, expectFocusIn, inputValue, newPatient, newRegistryByKeyboard, tabUntil, waitSaved } from './record-helpers'

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

/** A fresh registry made from the start screen, with a new patient's record open. */
async function appWithNewPatient(): Promise<E2EApp> {
  const a = await launchApp()
  await newRegistryByKeyboard(a)
  await newPatient(a)
  return a
}

const stored = async (a: E2EApp, id = 1) => (await a.services.handlers['patients.get']({ id })).record

describe('autosave', () => {
  it('a page closed mid-entry loses nothing but the field being typed', async () => {
    app = await launchApp()
    const file = await newRegistryByKeyboard(app)
    await newPatient(app)
    const { page } = app
    const k = page.keyboard
    await k.type('Zhao Lei')
    await k.press('Tab')
    await k.type('H-77812')
    await k.press('Tab')
    await k.type('1961-07-19')
    await k.press('Tab')
    await k.press('Tab') // study id kept
    await k.type('57')
    await k.press('Tab')
    await k.press('2') // female
    await k.press('Tab')
    await k.type('Thyro')
    await k.press('Enter')
    await k.press('Tab')
    await expectFocusIn(page, 'patient.histologyDetail')
    await k.type('Follicular carcin') // still typing when the window goes away
    const dir = app.dir
    await page.close({ runBeforeUnload: false })
    await app.close()
    app = null

    // Reopen SpineMet on the same registry and the same patient.
    app = await launchApp({ dir })
    app.dialogs.open.push(file)
    await app.page.getByTestId('start-open').click()
    await app.page.getByTestId('patient-list').waitFor()
    await app.page.locator('.el-table-v2__row').first().dblclick()
    await app.page.locator('[data-testid="record-form"][data-drawn="all"]').waitFor()
    expect(await inputValue(app.page, 'identity.fullName')).toBe('Zhao Lei')
    expect(await inputValue(app.page, 'identity.hospitalNumber')).toBe('H-77812')
    expect(await inputValue(app.page, 'identity.dateOfBirth')).toBe('1961-07-19')
    expect(await inputValue(app.page, 'patient.ageYears')).toBe('57')
    expect(await checkedValue(app.page, 'patient.sex')).toBe('female')

    const rec = await stored(app)
    expect(rec.identity).toEqual({ fullName: 'Zhao Lei', hospitalNumber: 'H-77812', dateOfBirth: '1961-07-19' })
    expect(rec.patient).toMatchObject({ ageYears: 57, sex: 'female', histology: 'thyroid' })
    // the field being typed may have been saved up to its last pause, never as anything else
    expect(rec.patient.histologyDetail === null || 'Follicular carcin'.startsWith(rec.patient.histologyDetail)).toBe(true)
  })

  it('shows "Saving…" then "All changes saved" in the header and the window title', async () => {
    app = await appWithNewPatient()
    const { page } = app
    await page.keyboard.type('Sun Yi')
    expect(await page.getByTestId('save-indicator').getAttribute('data-state')).toBe('saving')
    expect(await page.title()).toMatch(/^Saving… — SM-\d+ — SpineMet$/)
    await waitSaved(page)
    expect(await page.title()).toMatch(/^All changes saved — SM-\d+ — SpineMet$/)
    // Ctrl+S is harmless: it only says that saving is automatic
    await page.keyboard.press('Control+S')
    await page.getByText('All changes are saved automatically.').waitFor()
    expect((await stored(app)).identity.fullName).toBe('Sun Yi')
  })

  it('undo and redo per record (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y, and the menu), each audited', async () => {
    app = await appWithNewPatient()
    const { page } = app
    await tabUntil(page, (f) => f.path === 'patient.ageYears')
    await page.keyboard.type('50')
    await page.keyboard.press('Tab')
    await page.keyboard.press('1') // male
    await waitSaved(page)
    expect((await stored(app)).patient).toMatchObject({ ageYears: 50, sex: 'male' })

    await page.keyboard.press('Control+Z')
    await page.getByText('Undone: Sex').waitFor()
    expect((await stored(app)).patient.sex).toBeNull()
    expect(await checkedValue(page, 'patient.sex')).toBe('')
    await page.keyboard.press('Control+Z')
    await page.getByText('Undone: Age').waitFor()
    expect((await stored(app)).patient.ageYears).toBeNull()
    expect(await inputValue(page, 'patient.ageYears')).toBe('')

    await page.keyboard.press('Control+Shift+Z')
    await page.getByText('Redone: Age').waitFor()
    expect(await inputValue(page, 'patient.ageYears')).toBe('50')
    await page.keyboard.press('Control+Y')
    await page.getByText('Redone: Sex').waitFor()
    expect(await checkedValue(page, 'patient.sex')).toBe('male')
    expect((await stored(app)).patient).toMatchObject({ ageYears: 50, sex: 'male' })

    // The native menu's Undo arrives as a menu.command event.
    app.host.emit('menu.command', { command: 'undo' })
    await page.getByText('Undone: Sex').waitFor()
    await waitSaved(page)
    expect((await stored(app)).patient.sex).toBeNull()

    // Every step is in the audit trail: set, undo, redo, undo.
    const audit = await app.services.handlers['patients.audit']({ id: 1 })
    const sexChanges = audit.filter((e) => e.field === 'patient.sex' || e.field === 'sex').map((e) => [e.oldValue, e.newValue])
    expect(sexChanges.reverse()).toEqual([
      [null, 'male'],
      ['male', null],
      [null, 'male'],
      ['male', null],
    ])
    await page.getByTestId('open-audit').click()
    await page.getByTestId('audit-table').locator('.el-table__row').first().waitFor()
    expect(await page.getByTestId('audit-table').locator('.el-table__row').count()).toBeGreaterThanOrEqual(6)
    expect(await page.getByTestId('audit-table').innerText()).toContain('e2e-nurse')
  })
})

describe('refused values', () => {
  it('a date out of order stays in the field with the message next to it; the stored value is unchanged', async () => {
    app = await appWithNewPatient()
    const { page } = app
    await tabUntil(page, (f) => f.path === 'surgery.surgeryDate')
    await page.keyboard.type('2019-03-01')
    await page.keyboard.press('Tab')
    await tabUntil(page, (f) => f.path === 'surgery.srsDate')
    await page.keyboard.type('2019-02-01')
    await page.keyboard.press('Tab')

    const error = page.locator('[data-path="surgery.srsDate"] [data-role="field-error"]')
    await error.waitFor()
    expect(await error.innerText()).toBe('SRS date (first fraction) (1 Feb 2019) is out of order with Surgery date (1 Mar 2019). Check both dates against the chart.')
    expect(await inputValue(page, 'surgery.srsDate')).toBe('2019-02-01')
    expect((await stored(app)).surgery).toMatchObject({ surgeryDate: '2019-03-01', srsDate: null })
    const indicator = page.getByTestId('save-indicator')
    expect(await indicator.getAttribute('data-state')).toBe('error')
    expect(await indicator.innerText()).toContain('Not saved — SRS date (first fraction) (1 Feb 2019) is out of order')
    expect(await page.title()).toMatch(/^Not saved — /)

    // The same message in Chinese, without leaving the record.
    await page.getByTestId('language-select').click()
    await page.locator('.el-select-dropdown__item', { hasText: '简体中文' }).click()
    await page.getByText('身份与诊断').first().waitFor()
    expect(await error.innerText()).toBe('SRS 日期（首次分次）（2019年2月1日）与手术日期（2019年3月1日）的先后顺序不对。请对照病历核对这两个日期。')

    // A corrected date is saved and the message goes away.
    await page.locator('[data-path="surgery.srsDate"] input').click()
    await page.keyboard.press('Control+A')
    await page.keyboard.type('2019-03-20')
    await page.keyboard.press('Enter')
    await error.waitFor({ state: 'detached' })
    await waitSaved(page)
    expect((await stored(app)).surgery.srsDate).toBe('2019-03-20')
    expect(await page.getByTestId('derived-srs-interval').innerText()).toContain('19 天')
  })

  it('an out-of-range value is kept on screen with its message and not sent', async () => {
    app = await appWithNewPatient()
    const { page } = app
    await tabUntil(page, (f) => f.path === 'preop.vasPain')
    await page.keyboard.type('12')
    await page.keyboard.press('Tab')
    const error = page.locator('[data-path="preop.vasPain"] .sm-field-error')
    await error.waitFor()
    expect(await error.innerText()).toBe('Enter a score from 0 to 10 with at most one decimal, e.g. 6.5.')
    expect(await inputValue(page, 'preop.vasPain')).toBe('12')
    expect((await stored(app)).preop.vasPain).toBeNull()
  })
})
