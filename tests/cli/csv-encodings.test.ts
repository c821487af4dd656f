// km, cox, compare and match read CSV files with the import's reader: survival::lung exported as a
// Chinese hospital's Excel would (GB18030, semicolons, Chinese names and labels; made by
// tests/fixtures/data/make-lung-gb18030.sh) gives the numbers the UTF-8 comma file gives.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/index'

const DATA = path.resolve(__dirname, '../fixtures/data')

async function json(args: string[]): Promise<Record<string, unknown>> {
  let out = ''
  let err = ''
  const code = await runCli([...args, '--json'], { cwd: DATA, stdout: (t) => void (out += t), stderr: (t) => void (err += t) })
  expect(err).toBe('')
  expect(code).toBe(0)
  return JSON.parse(out) as Record<string, unknown>
}

const UTF8 = ['--csv', 'lung.csv']
const GB = ['--csv', 'lung-zh-gb18030.csv']

describe('a GB18030, semicolon-separated export works in every statistics command', () => {
  it('km', async () => {
    const a = (await json(['km', ...UTF8, '--time', 'time', '--event', 'status', '--group', 'sex'])) as { groups: { n: number; median: number }[]; logrank: { chisq: number } }
    const b = (await json(['km', ...GB, '--time', '随访月', '--event', '状态', '--group', '性别'])) as { rCall: string; groups: { group: string; n: number; median: number }[]; logrank: { chisq: number } }
    // 男 (sex = 1) sorts after 女 in R's collation, so the groups come in the other order.
    expect(b.groups.map((g) => g.group)).toEqual(['女', '男'])
    expect(b.groups.map((g) => [g.n, g.median])).toEqual([...a.groups].reverse().map((g) => [g.n, g.median]))
    expect(b.logrank.chisq).toBeCloseTo(a.logrank.chisq, 10)
    expect(b.rCall).toContain('sep = ";"')
    expect(b.rCall).toContain('fileEncoding = "GB18030"')
  })

  it('cox, compare and match', async () => {
    const ca = (await json(['cox', ...UTF8, '--time', 'time', '--event', 'status', '--covariates', 'age,ph.ecog'])) as { terms: { coef: number }[] }
    const cb = (await json(['cox', ...GB, '--time', '随访月', '--event', '状态', '--covariates', 'age,ph.ecog'])) as typeof ca
    expect(cb.terms.map((t) => t.coef)).toEqual(ca.terms.map((t) => t.coef))
    const ta = (await json(['compare', ...UTF8, '--group', 'sex', '--var', 'age', '--test', 'welch'])) as { statistic: number; p: number }
    const tb = (await json(['compare', ...GB, '--group', '性别', '--var', 'age', '--test', 'welch'])) as typeof ta
    expect(tb.p).toBeCloseTo(ta.p, 12)
    expect(Math.abs(tb.statistic)).toBeCloseTo(Math.abs(ta.statistic), 10)
    const m = (await json(['match', ...GB, '--treat', '性别', '--covariates', 'age,ph.ecog'])) as { n: number; nTreated: number; nControl: number }
    expect([m.n, m.nTreated + m.nControl]).toEqual([227, 227])
  })
})
