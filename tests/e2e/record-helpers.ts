// Keyboard helpers for the record-screen e2e tests: where the focus is (by the data-path of the
// field around it), Tab until a condition holds, and a fresh registry opened from the start screen.
import path from 'node:path'
import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import type { E2EApp } from '../helpers/e2e'

export interface FocusInfo {
  path: string | null
  testid: string | null
  tag: string
  type: string | null
  value: string
}

export async function focusInfo(page: Page): Promise<FocusInfo> {
  return page.evaluate(() => {
    const a = document.activeElement as HTMLInputElement | null
    return {
      path: a?.closest('[data-path]')?.getAttribute('data-path') ?? null,
      testid: a?.closest('[data-testid]')?.getAttribute('data-testid') ?? null,
      tag: a?.tagName.toLowerCase() ?? '',
      type: a?.getAttribute('type') ?? null,
      value: a?.value ?? '',
    }
  })
}

/** Asserts that the keyboard focus is in the field with this data-path. */
export async function expectFocusIn(page: Page, fieldPath: string): Promise<void> {
  const f = await focusInfo(page)
  expect(f.path, `focus should be in ${fieldPath}, is in ${f.path} (${f.tag} ${f.testid})`).toBe(fieldPath)
}

/** Presses Tab until `done` holds for the focused element (at most `max` times). */
export async function tabUntil(page: Page, done: (f: FocusInfo) => boolean, max = 40): Promise<FocusInfo> {
  for (let i = 0; i < max; i++) {
    const f = await focusInfo(page)
    if (done(f)) return f
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab did not reach the element within ${max} presses (now at ${JSON.stringify(await focusInfo(page))})`)
}

/** Creates a registry file from the start screen, by keyboard, and waits for the empty list. */
export async function newRegistryByKeyboard(app: E2EApp, name = 'ward.sqlite'): Promise<string> {
  const file = path.join(app.dir, name)
  app.dialogs.save.push(file)
  await app.page.getByTestId('start-screen').waitFor()
  await tabUntil(app.page, (f) => f.testid === 'start-new')
  await app.page.keyboard.press('Enter')
  await app.page.getByTestId('patient-list').waitFor()
  return file
}

/** Ctrl+Shift+N on the patient list: a new record opens with the focus in its first field. */
export async function newPatient(app: E2EApp): Promise<void> {
  await app.page.keyboard.press('Control+Shift+N')
  await app.page.locator('[data-testid="record-form"][data-drawn="all"]').waitFor()
  await expectFocusIn(app.page, 'identity.fullName')
}

/** Waits until the header says every change is saved. */
export async function waitSaved(page: Page): Promise<void> {
  await page.locator('[data-testid="save-indicator"][data-state="saved"]').waitFor({ timeout: 10_000 })
}

/** The value shown by the input inside the field with this data-path. */
export async function inputValue(page: Page, fieldPath: string, nth = 0): Promise<string> {
  return page.locator(`[data-path="${fieldPath}"] input:not([type="radio"])`).nth(nth).inputValue()
}

/** The value of the checked radio inside the field with this data-path ('' when none). */
export async function checkedValue(page: Page, fieldPath: string): Promise<string> {
  return page.evaluate((p) => {
    const r = document.querySelector<HTMLInputElement>(`[data-path="${p}"] input[type="radio"]:checked`)
    return r ? r.value : ''
  }, fieldPath)
}

/** Replaces a record field's text as a user does (click, select all, type) and commits it with `commitKey`. */
export async function typeIntoField(page: Page, fieldPath: string, text: string, commitKey: 'Enter' | 'Tab'): Promise<void> {
  const input = page.locator(`[data-path="${fieldPath}"] input`).first()
  await input.click()
  await input.press('Control+A')
  await input.pressSequentially(text)
  await input.press(commitKey)
}
