// cox and km when no patient has the event, against survival's coxph and survdiff on the same rows
// (tests/fixtures/r/zero-events-fixtures.R): NA coefficients and 0-df tests; p = NA for the log-rank.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/index'

interface ZeroFixture {
  data: { time: number[]; status: number[]; x: number[]; age: number[]; g: string[] }
  cox: { coef: (number | null)[]; se: number[]; iter: number; loglik: number[]; logtest: number[]; waldtest: number[]; sctest: number[] }
  logrank: { chisq: number; df: number; p: string | null; observed: number[]; expected: number[] }
}
const fx = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../fixtures/r/zero-events.json'), 'utf8')) as ZeroFixture

let tmp: string
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-cli-zero-'))
  const d = fx.data
  fs.writeFileSync(path.join(tmp, 'censored.csv'), ['time,status,x,age,g', ...d.time.map((t, i) => `${t},${d.status[i]},${d.x[i]},${d.age[i]},${d.g[i]}`)].join('\n') + '\n')
})
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

async function run(args: string[]): Promise<{ code: number; json: Record<string, unknown> }> {
  let out = ''
  let err = ''
  const code = await runCli([...args, '--csv', 'censored.csv', '--time', 'time', '--event', 'status', '--json'], { cwd: tmp, stdout: (t) => void (out += t), stderr: (t) => void (err += t) })
  expect(err).toBe('')
  return { code, json: JSON.parse(out) as Record<string, unknown> }
}

describe('no events (every patient censored)', () => {
  it('cox: NA coefficients, no iterations, each test 0 on 0 df with p = 1, and a NO_EVENTS warning — as coxph', async () => {
    const { code, json } = await run(['cox', '--covariates', 'x,age'])
    expect(code).toBe(0)
    const j = json as { terms: { coef: number | null; se: number | null; hr: number | null }[]; iterations: number; logLikelihood: number[]; lrt: object; wald: object; score: object; warnings: { code: string }[] }
    expect(j.terms.map((t) => t.coef)).toEqual(fx.cox.coef)
    expect(j.terms.map((t) => t.se)).toEqual(fx.cox.se)
    expect(j.terms.map((t) => t.hr)).toEqual([null, null])
    expect(j.iterations).toBe(fx.cox.iter)
    expect(j.logLikelihood).toEqual(fx.cox.loglik)
    const t3 = (v: number[]) => ({ chisq: v[0], df: v[1], p: v[2] })
    expect(j.lrt).toEqual(t3(fx.cox.logtest))
    expect(j.wald).toEqual(t3(fx.cox.waldtest))
    expect(j.score).toEqual(t3(fx.cox.sctest))
    expect(j.warnings.map((w) => w.code)).toEqual(['NO_EVENTS'])
  })

  it('km: the log-rank test is 0 on −1 df with p = NA (null), with a NO_EVENTS warning — as survdiff', async () => {
    const { code, json } = await run(['km', '--group', 'g'])
    expect(code).toBe(0)
    const j = json as { logrank: { chisq: number; df: number; p: number | null; observed: number[]; expected: number[] }; warnings: { code: string }[] }
    expect(fx.logrank.p).toBe('NaN')
    expect(j.logrank).toMatchObject({ chisq: fx.logrank.chisq, df: fx.logrank.df, p: null, observed: fx.logrank.observed, expected: fx.logrank.expected })
    expect(j.warnings.map((w) => w.code)).toContain('NO_EVENTS')
  })
})
