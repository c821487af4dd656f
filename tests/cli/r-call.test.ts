// The rCall each command prints reproduces its run: pasted into R it reads the same file (full
// path, the same missing-value spellings) and fits the same model, with the terms named as the
// JSON names them. Needs Rscript with survival and jsonlite; skipped without them.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/index'
import { expectClose } from '../helpers/close'

const DATA = path.resolve(__dirname, '../fixtures/data')
const hasR = spawnSync('Rscript', ['-e', 'library(survival); library(jsonlite)']).status === 0

async function cli(args: string[]): Promise<Record<string, unknown>> {
  let out = ''
  const code = await runCli([...args, '--json'], { cwd: DATA, stdout: (t) => void (out += t), stderr: () => undefined })
  expect(code).toBe(0)
  return JSON.parse(out) as Record<string, unknown>
}

function r(code: string): unknown {
  const res = spawnSync('Rscript', ['-e', `suppressPackageStartupMessages({library(survival); library(jsonlite)}); ${code}`], { cwd: '/', encoding: 'utf8' })
  expect(res.status, res.stderr).toBe(0)
  return JSON.parse(res.stdout)
}

describe.skipIf(!hasR)('the printed rCall, run in R from another directory', () => {
  it('cox: same terms and coefficients (lung.csv with its NA cells)', async () => {
    const j = (await cli(['cox', '--csv', 'lung.csv', '--time', 'time', '--event', 'status', '--covariates', 'age,sex,ph.ecog,wt.loss'])) as { n: number; rCall: string; terms: { term: string; coef: number }[] }
    const out = r(`${j.rCall.replace('; coxph(', '; fit <- coxph(')}; cat(toJSON(list(terms = names(coef(fit)), coef = unname(coef(fit)), n = fit$n), digits = NA, auto_unbox = TRUE))`) as { terms: string[]; coef: number[]; n: number }
    expect(j.terms.map((t) => t.term)).toEqual(out.terms)
    expectClose(j.terms.map((t) => t.coef), out.coef, 1e-6, 'coef')
    expect(j.n).toBe(out.n)
  }, 30_000)

  it('km: same medians per group', async () => {
    const j = (await cli(['km', '--csv', 'lung.csv', '--time', 'time', '--event', 'status', '--group', 'ph.ecog'])) as { rCall: string; groups: { median: number | null }[] }
    const out = r(`${j.rCall}; cat(toJSON(unname(summary(fit)$table[, "median"]), digits = NA))`) as (number | null)[]
    expect(j.groups.map((g) => g.median)).toEqual(out.map((m) => (m === null || m === undefined ? null : m)))
  })
})
