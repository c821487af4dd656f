// The printed study report of the demo registry (headless Chromium, as `cli report` prints it):
// pdftotext of the PDF holds the numbers of the result object it was drawn from — Figure 3's
// 215/157/64/93 and pair count, Table 1's and Table 2's counts and p-values, the survival rates,
// medians and hazard ratios, the balance table and the pairs; and the Chinese report is in Chinese.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatCountPercent, formatNumber, formatPValue, formatPercent } from '@domain/number-format'
import { runCli } from '../../main/cli/index'
import { writeStudyReport } from '../../main/cli/commands/report'
import type { StudyResult } from '../../main/contract/study'
import { assertRendererBuilt } from '../helpers/e2e'

let dir = ''
let db = ''
beforeAll(async () => {
  assertRendererBuilt()
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-report-'))
  db = path.join(dir, 'demo.sqlite')
  const io = { cwd: dir, stdout: () => {}, stderr: () => {} }
  expect(await runCli(['demo', '--db', db], io)).toBe(0)
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const pdfText = (file: string): string => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
const pages = (file: string): number => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1])

function shownNumbers(r: StudyResult): string[] {
  const out = [`${r.flow.screened} patients screened`, `${r.flow.eligible.HT + r.flow.eligible.TES} eligible`, `${r.flow.matchedPairs} matched pairs`, `HT (n = ${r.flow.eligible.HT})`, `TES (n = ${r.flow.eligible.TES})`]
  for (const t of [r.table1, r.table2]) {
    for (const row of t.rows) {
      if (row.test?.p != null) out.push(formatPValue(row.test.p, 'en'))
      if (row.kind !== 'categorical') continue
      for (const arm of ['HT', 'TES'] as const) {
        const total = row.counts[arm].reduce((s, c) => s + c.n, 0)
        for (const c of row.counts[arm]) out.push(formatCountPercent(c.n, total, 'en', { digits: 0 }))
      }
    }
  }
  for (const ep of ['lpfs', 'os'] as const) {
    const s = r.survival.matched[ep]
    out.push(formatPValue(s.logRank.p, 'en'))
    for (const arm of ['HT', 'TES'] as const) for (const rate of s.curves[arm].rates) out.push(`${formatPercent(rate.surv, 'en', { digits: 1 })} (${formatPercent(rate.lower, 'en', { digits: 1 })}–${formatPercent(rate.upper, 'en', { digits: 1 })})`)
    const h = s.hazardRatioPaired!
    out.push(`${formatNumber(h.estimate, 'en', { digits: 2 })} (${formatNumber(h.lower, 'en', { digits: 2 })}–${formatNumber(h.upper, 'en', { digits: 2 })})`)
  }
  for (const b of r.balance.rows) out.push(formatNumber(b.after.smd, 'en', { digits: 3 }))
  for (const p of r.matching.pairs) out.push(p.treated.studyId, ...p.controls.map((c) => c.studyId))
  return out
}

describe('study report PDF of the demo registry', () => {
  it('holds the numbers of the result object it shows (Figure 3, Tables 1–2, Figure 4, balance, pairs)', async () => {
    const out = path.join(dir, 'report.pdf')
    const r = await writeStudyReport({ dbFile: db, out, lang: 'en' })
    const result = r.model.result
    expect([result.flow.screened, result.flow.eligible.HT, result.flow.eligible.TES]).toEqual([215, 64, 93])
    const text = pdfText(out)
    const lower = text.toLowerCase()
    const missing = shownNumbers(result).filter((s) => !lower.includes(s.toLowerCase()))
    expect(missing).toEqual([])
    expect(text).toMatch(/Page 1 of \d+/)
    expect(pages(out)).toBe(r.pages)
    // the Methods paragraph says what the settings say
    expect(text).toContain('within a caliper of 0.02 on the propensity score')
  }, 120_000)

  it('prints in Chinese with a narrower caliper when asked, and the Methods follow the setting', async () => {
    const out = path.join(dir, 'report-zh.pdf')
    const r = await writeStudyReport({ dbFile: db, out, lang: 'zh-CN', paperSize: 'Letter', settings: { caliper: { scale: 'logitSd', width: 0.2 } } })
    const text = pdfText(out)
    expect(text).toContain('研究报告')
    expect(text).toContain('卡钳为倾向评分 logit 标准差的 0.2 倍')
    expect(text).toContain(`${r.model.result.flow.matchedPairs} 匹配对`)
    // each table row's test, and why the rule chose it, in Chinese
    expect(text).toContain('（Cochran 规则）')
    expect(text).toMatch(/Shapiro–Wilk 检验/)
    expect(text).not.toMatch(/Cochran's rule|consistent with normality/)
    expect(execFileSync('pdfinfo', [out], { encoding: 'utf8' })).toMatch(/Page size:\s+612 x 792/)
  }, 120_000)
})
