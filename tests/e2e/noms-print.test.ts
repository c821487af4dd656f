// The printed NOMS summary as users get it: from a record (button, Ctrl+P), as a batch from the
// patient list (one PDF, one page each), and from the command line (EN and zh-CN, the whole demo
// registry). PDFs are checked with pdfinfo (exactly one page per patient) and pdftotext (content).
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/index'
import type { CliIO } from '../../main/cli/command'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'
import Database from 'better-sqlite3'
import { updateRegistrySettings } from '../../main/services/settings'
import { insertPatientRecord } from '../../main/db/repositories/patient-records'
import { completeRecord } from '../domain/records'

const DISCLAIMER_EN = 'Decision support for a multidisciplinary team, not a substitute for clinical judgement.'
const DISCLAIMER_ZH = '供多学科团队决策参考，不能替代临床判断。'

const pdfPages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1])
/** Text of the PDF, one string per page (pdftotext ends each page with a form feed). */
const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\f').slice(0, -1)
/** pdftotext -layout may spread a long sentence over two lines: compare with whitespace squeezed. */
const squeeze = (s: string) => s.replace(/\s+/g, ' ')

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

async function openDemo(): Promise<E2EApp> {
  const a = await launchApp({ viewport: { width: 1400, height: 900 } })
  await a.page.getByTestId('start-demo').click()
  await a.page.getByTestId('patient-count').filter({ hasText: 'of 215' }).waitFor()
  await a.page.locator('.el-table-v2__row').first().waitFor()
  return a
}

describe('NOMS summary in the app', () => {
  it('prints from a record with Ctrl+P: one identified page, saved where chosen, opened only on request', async () => {
    app = await openDemo()
    const { page } = app
    await page.getByTestId('patient-search').fill('SM-001')
    await page.getByTestId('patient-count').filter({ hasText: /^Showing 1 of/ }).waitFor()
    await page.keyboard.press('Enter')
    await page.locator('[data-testid="record-form"][data-drawn="all"]').waitFor()
    const name = (await page.locator('.sm-record-name').innerText()).trim()
    expect(name.length).toBeGreaterThan(0)

    await page.keyboard.press('Control+P')
    const dialog = page.getByTestId('noms-print-dialog')
    await dialog.waitFor()
    await page.getByTestId('noms-print-identified').click()
    const target = path.join(app.dir, 'board-SM-001.pdf')
    app.dialogs.save.push(target)
    await page.getByTestId('noms-print-run').click()
    await page.getByTestId('noms-print-saved').filter({ hasText: 'board-SM-001.pdf (1 pages)' }).waitFor({ timeout: 30_000 })

    expect(pdfPages(target)).toBe(1)
    const text = squeeze(pdfText(target)[0]!)
    expect(text).toContain('SM-001')
    expect(text).toContain(name)
    expect(text).toMatch(/NOMS row (10|[1-9]) applies|The framework does not decide/)
    expect(text).toContain(DISCLAIMER_EN)
    expect(text).toContain('Decision of the tumour board')
    expect(text).toContain('Page 1 of 1')
    expect(app.openedFiles).toEqual([])
    await page.getByTestId('noms-print-open').click()
    await expect.poll(() => app!.openedFiles).toEqual([target])
    // the header button opens the same dialog
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    await page.getByTestId('print-noms').click()
    await dialog.waitFor()
    expect(app.pageErrors).toEqual([])
  })

  it('the list prints ticked patients to one PDF, one page each, in the order ticked (Chinese, de-identified)', async () => {
    app = await openDemo()
    const { page } = app
    for (const id of ['SM-003', 'SM-001', 'SM-002']) await page.locator(`[data-tick="${id}"]`).click()
    await page.getByTestId('print-noms-batch').filter({ hasText: '(3)' }).click()
    await page.getByTestId('noms-print-dialog').waitFor()
    await page.getByTestId('noms-print-lang').getByText('简体中文').click()
    const target = path.join(app.dir, 'batch.pdf')
    app.dialogs.save.push(target)
    await page.getByTestId('noms-print-run').click()
    await page.getByTestId('noms-print-saved').waitFor({ timeout: 30_000 })
    expect(pdfPages(target)).toBe(3)
    const pages = pdfText(target).map(squeeze)
    expect(pages.map((p) => /SM-\d{3}/.exec(p)?.[0])).toEqual(['SM-003', 'SM-001', 'SM-002'])
    for (const [i, p] of pages.entries()) {
      expect(p).toContain('多学科肿瘤讨论会 NOMS 摘要')
      expect(p).toContain(DISCLAIMER_ZH.replace(/\s+/g, ' '))
      expect(p).toContain('去标识打印')
      expect(p).toContain(`第 ${i + 1} 页，共 3 页`)
    }
  })
})

describe('registry settings', () => {
  it('File ▸ Registry settings: counting Bilsky 1c as high-grade changes the summary of a 1c patient', async () => {
    app = await openDemo()
    const { page } = app
    const summary = async () => (await app!.services.handlers['reports.nomsSummary']({ patientIds: [28], identified: false })).patients[0]!
    expect((await summary()).noms.result.neurologic).toBe('lowGrade')
    await page.getByTestId('file-menu').click()
    await page.getByTestId('menu-settings').click()
    await page.getByTestId('registry-settings').waitFor()
    expect(await page.locator('[data-histology="breast"]').innerText()).toContain('Moderately radiosensitive')
    await page.getByTestId('setting-1c').getByText('High-grade (the team').click()
    await expect.poll(async () => (await summary()).noms.result.neurologic).toBe('highGrade')
    expect(app.pageErrors).toEqual([])
  })
})

describe('cli noms → PDF', () => {
  let dir: string
  const io = (): CliIO & { out: string; err: string } => {
    const o = { out: '', err: '', cwd: dir, stdout: (t: string) => void (o.out += t), stderr: (t: string) => void (o.err += t) }
    return o
  }
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-noms-pdf-'))
    expect(await runCli(['demo', '--db', 'demo.sqlite'], io())).toBe(0)
  }, 60_000)
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('one patient, English and Chinese: exactly one page with the scores, the NOMS grid, the pathway and the footer', async () => {
    const en = io()
    expect(await runCli(['noms', '--db', 'demo.sqlite', '--patient', 'SM-001', '--out', 'en.pdf', '--json'], en)).toBe(0)
    const j = JSON.parse(en.out) as { pdf: { pages: number }; ruleIds: string[] }
    expect(j.pdf.pages).toBe(1)
    expect(pdfPages(path.join(dir, 'en.pdf'))).toBe(1)
    const text = squeeze(pdfText(path.join(dir, 'en.pdf'))[0]!)
    for (const s of ['NOMS summary for the multidisciplinary tumour board', 'Study ID', 'SM-001', 'Revised Tokuhashi', 'SINS (0–18)', 'Bilsky ESCC grade', 'ASIA impairment scale', 'ECOG performance status', 'VAS pain', 'SOSG-OQ', 'N — Neurologic', 'O — Oncologic', 'M — Mechanical', 'S — Systemic', 'Class from', 'Reference study criteria', 'Spine surgeon', DISCLAIMER_EN, 'data: demo.sqlite (format', '215 patients)', 'Page 1 of 1']) {
      expect(text, s).toContain(s)
    }
    for (const rule of j.ruleIds) expect(text).toContain(`NOMS row ${rule.replace('noms-row-', '')} applies`)
    const zh = io()
    expect(await runCli(['noms', '--db', 'demo.sqlite', '--patient', 'SM-001', '--out', 'zh.pdf', '--lang', 'zh-CN'], zh)).toBe(0)
    expect(pdfPages(path.join(dir, 'zh.pdf'))).toBe(1)
    const zhText = squeeze(pdfText(path.join(dir, 'zh.pdf'))[0]!)
    for (const s of ['多学科肿瘤讨论会 NOMS 摘要', '研究编号', 'SM-001', '改良 Tokuhashi', 'N——神经', '肿瘤讨论会决定', '第 1 页，共 1 页']) expect(zhText, s).toContain(s)
  })

  it('every one of the 215 demo patients gets a summary of exactly one page', async () => {
    const out = io()
    expect(await runCli(['noms', '--db', 'demo.sqlite', '--patient', 'all', '--out', 'all.pdf', '--json'], out)).toBe(0)
    const { patients } = JSON.parse(out.out) as { patients: { studyId: string }[] }
    expect(pdfPages(path.join(dir, 'all.pdf'))).toBe(215)
    const pages = pdfText(path.join(dir, 'all.pdf'))
    expect(pages).toHaveLength(215)
    // page i is patient i's, whole: its study id at the top and the disclaimer at the bottom
    for (const [i, p] of pages.entries()) {
      const s = squeeze(p)
      expect(/Study ID (SM-\d{3})/.exec(s)?.[1], `page ${i + 1}`).toBe(patients[i]!.studyId)
      expect(s.endsWith(`Page ${i + 1} of 215`) || s.includes(`Page ${i + 1} of 215`), `page ${i + 1}`).toBe(true)
      expect(s.split(DISCLAIMER_EN).length - 1, `page ${i + 1}`).toBe(2)
    }
  })

  it('a Tokuhashi or SINS total recorded without its items says so beside the score, in English and Chinese, on one page', async () => {
    fs.copyFileSync(path.join(dir, 'demo.sqlite'), path.join(dir, 'totals.sqlite'))
    const db = new Database(path.join(dir, 'totals.sqlite'))
    const r = completeRecord('SM-TOTAL')
    // from a legacy chart: both totals known, their items not recorded
    r.preop = {
      ...r.preop,
      ...{ tokuhashiExtraspinalBoneFoci: null, tokuhashiVertebralMetastases: null, tokuhashiVisceral: null, tokuhashiFrankel: null, tokuhashiEnteredTotal: 11 },
      ...{ sinsLocation: null, sinsPain: null, sinsBoneLesion: null, sinsAlignment: null, sinsCollapse: null, sinsPosterolateral: null, sinsEnteredTotal: 9 },
    }
    insertPatientRecord(db, r, { osUser: 'test', at: '2024-01-01T00:00:00.000Z' })
    db.close()
    const print = async (lang: string) => {
      const file = `totals-${lang}.pdf`
      expect(await runCli(['noms', '--db', 'totals.sqlite', '--patient', 'SM-TOTAL,SM-001', '--out', file, '--lang', lang], io())).toBe(0)
      expect(pdfPages(path.join(dir, file))).toBe(2)
      return pdfText(path.join(dir, file))
    }
    const [en, enItems] = (await print('en')).map(squeeze)
    // in the two score rows, after the band, and in the M cell instead of the SINS components
    expect(en).toMatch(/Revised Tokuhashi \(0–15\) 11 \/ 15 9–11: [^—]* — Total known, items not recorded/)
    expect(en).toMatch(/SINS \(0–18\) 9 \/ 18 7–12: [^—]* — Total known, items not recorded/)
    expect(en!.split('Total known, items not recorded').length - 1).toBe(3)
    // a score from its items says nothing of the kind
    expect(enItems).not.toContain('items not recorded')
    const [zh, zhItems] = (await print('zh-CN')).map(squeeze)
    expect(zh).toMatch(/改良 Tokuhashi[^/]* 11 \/ 15 [^—]* — 仅知总分，未记录各项/)
    expect(zh!.split('仅知总分，未记录各项').length - 1).toBe(3)
    expect(zhItems).not.toContain('仅知总分')
  })

  it('on Letter paper (a registry setting), in Chinese, every demo patient still gets exactly one page', async () => {
    fs.copyFileSync(path.join(dir, 'demo.sqlite'), path.join(dir, 'letter.sqlite'))
    const db = new Database(path.join(dir, 'letter.sqlite'))
    updateRegistrySettings(db, { osUser: 'test', at: '2024-01-01T00:00:00.000Z' }, { paperSize: 'Letter' })
    db.close()
    expect(await runCli(['noms', '--db', 'letter.sqlite', '--patient', 'all', '--out', 'letter.pdf', '--lang', 'zh-CN'], io())).toBe(0)
    const info = execFileSync('pdfinfo', [path.join(dir, 'letter.pdf')], { encoding: 'utf8' })
    expect(info).toMatch(/Pages:\s+215\n/)
    expect(info).toMatch(/Page size:\s+612 x 792 pts \(letter\)/)
  })
})
