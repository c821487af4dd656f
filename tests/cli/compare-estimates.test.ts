// compare prints the estimates R reports beside the p-value — the Hodges–Lehmann shift or
// pseudomedian with its interval for the rank tests (R's conf.int = TRUE) and the conditional MLE
// odds ratio with its interval for 2 × 2 Fisher — checked against
// tests/fixtures/r/compare-estimates.json through the CLI, on the same data written as CSV.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/index'
import { expectClose } from '../helpers/close'
import { loadEstimatesFixtures, rNumber, type EstimateRun } from '../engine/compare-estimates-fixtures'

const fx = loadEstimatesFixtures()
let tmp: string
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-cli-estimates-'))
})
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

interface CompareJson {
  p: number
  estimate: (number | null)[]
  estimateNames: string[]
  confidenceInterval: { lower: number | null; upper: number | null; level: number }
  warnings: { message: string }[]
  rCall: string
}

async function compare(file: string, args: string[], json = true): Promise<{ out: string; json: CompareJson | null }> {
  let out = ''
  let err = ''
  const code = await runCli(['compare', '--csv', file, '--group', 'g', '--var', 'v', ...args, ...(json ? ['--json'] : [])], { cwd: tmp, stdout: (t) => void (out += t), stderr: (t) => void (err += t) })
  expect(err).toBe('')
  expect(code).toBe(0)
  return { out, json: json ? (JSON.parse(out) as CompareJson) : null }
}

/** The CLI's options for an R run (only the non-defaults, as a user would type them). */
function optionArgs(run: EstimateRun): string[] {
  const o = run.options
  return [
    ...(o.alternative !== 'two.sided' ? ['--alternative', o.alternative] : []),
    ...(o.confLevel !== 0.95 ? ['--conf-level', String(o.confLevel)] : []),
    ...(o.correct === false ? ['--correct', 'FALSE'] : []),
    ...(o.exact != null ? ['--exact', o.exact ? 'TRUE' : 'FALSE'] : []),
  ]
}

/** JSON writes ±Inf as null (as the t tests' one-sided intervals). */
const jsonOf = (v: number): number | null => (Number.isFinite(v) || Number.isNaN(v) ? v : null)

function expectRun(j: CompareJson, run: EstimateRun, label: string): void {
  expectClose(j.p, run.p, 1e-6, `${label} p`)
  expectClose(j.estimate[0], jsonOf(rNumber(run.estimate)), 1e-6, `${label} estimate`)
  expect(j.estimateNames).toEqual([run.estimateName])
  expectClose([j.confidenceInterval.lower, j.confidenceInterval.upper], run.confInt.map((v) => jsonOf(rNumber(v))), 1e-6, `${label} CI`)
  expectClose(j.confidenceInterval.level, run.confLevel, 1e-12, `${label} level`)
  expect(j.warnings.map((w) => w.message)).toEqual(run.warnings)
  expect(j.rCall.endsWith(run.rCall.replace('values ~ group', 'v ~ g').replace('d$group', 'd$g').replace('d$var', 'd$v'))).toBe(true)
}

describe('compare estimates and intervals as R', () => {
  it('mann-whitney: the location shift and its CI, exact and normal, every option', async () => {
    for (const [k, c] of fx.rankSum.entries()) {
      const file = path.join(tmp, `rs${k}.csv`)
      fs.writeFileSync(file, ['g,v', ...c.x.map((v) => `x,${v}`), ...c.y.map((v) => `y,${v}`)].join('\n') + '\n')
      for (const run of c.runs) expectRun((await compare(file, ['--test', 'mann-whitney', ...optionArgs(run)])).json!, run, `${c.name} ${optionArgs(run).join(' ')}`)
    }
  })

  it('wilcoxon-signed-rank: the pseudomedian of the pairs and its CI', async () => {
    for (const [k, c] of fx.signedRank.entries()) {
      const file = path.join(tmp, `sr${k}.csv`)
      const id = (i: number): string => String(i).padStart(3, '0')
      fs.writeFileSync(file, ['pair,g,v', ...c.x.map((v, i) => `${id(i)},a,${v}`), ...c.y.map((v, i) => `${id(i)},b,${v}`)].join('\n') + '\n')
      for (const run of c.runs) {
        const j = (await compare(file, ['--test', 'wilcoxon-signed-rank', '--pair', 'pair', ...optionArgs(run)])).json!
        expectRun({ ...j, rCall: j.rCall.replace(/.*; /, '') }, run, `${c.name} ${optionArgs(run).join(' ')}`)
      }
    }
  })

  it('fisher 2 × 2: the conditional MLE odds ratio and its CI, zero cells included', async () => {
    for (const [k, c] of fx.fisher.entries()) {
      const file = path.join(tmp, `f${k}.csv`)
      const rows = ['g,v']
      c.table.forEach((r, i) => r.forEach((count, j) => rows.push(...Array.from({ length: count }, () => `r${i + 1},c${j + 1}`))))
      fs.writeFileSync(file, rows.join('\n') + '\n')
      for (const run of c.runs) expectRun((await compare(file, ['--test', 'fisher', ...optionArgs(run)])).json!, run, `${c.name} ${optionArgs(run).join(' ')}`)
    }
  })

  it('fisher --simulate B --seed N gives R\'s simulated p-value exactly', async () => {
    for (const [k, c] of fx.fisherSimulated.entries()) {
      const file = path.join(tmp, `sim${k}.csv`)
      const rows = ['g,v']
      c.table.forEach((r, i) => r.forEach((count, j) => rows.push(...Array.from({ length: count }, () => `r${i + 1},c${j + 1}`))))
      fs.writeFileSync(file, rows.join('\n') + '\n')
      const j = (await compare(file, ['--test', 'fisher', '--simulate', String(c.B), '--seed', String(c.seed)])).json!
      // The same number of simulated tables at most as probable as the observed one (the JSON has 16 digits).
      expect(Math.round(j.p * (c.B + 1))).toBe(Math.round(c.p * (c.B + 1)))
      expectClose(j.p, c.p, 1e-14)
      expect(j.rCall.endsWith(c.rCall.replace('d$group', 'd$g').replace('d$var', 'd$v'))).toBe(true)
    }
  })

  it('--simulate needs --seed; --seed alone is reported as unused', async () => {
    const file = path.join(tmp, 'sim0.csv')
    let err = ''
    const code = await runCli(['compare', '--csv', file, '--group', 'g', '--var', 'v', '--test', 'fisher', '--simulate', '1000'], { cwd: tmp, stdout: () => undefined, stderr: (t) => void (err += t) })
    expect(code).toBe(2)
    expect(err).toContain('--simulate B needs --seed N')
    const j = (await compare(file, ['--test', 'fisher', '--seed', '5'])).json!
    expect(j.warnings.map((w) => w.message)).toContain('--seed 5 has no effect: only --simulate draws random numbers.')
  })

  it('prints the estimate by R\'s name and the interval with Inf in the text output', async () => {
    const c = fx.fisher.find((f) => f.name.includes('Inf'))!
    const file = path.join(tmp, 'text.csv')
    const rows = ['g,v']
    c.table.forEach((r, i) => r.forEach((count, j) => rows.push(...Array.from({ length: count }, () => `r${i + 1},c${j + 1}`))))
    fs.writeFileSync(file, rows.join('\n') + '\n')
    const { out } = await compare(file, ['--test', 'fisher'], false)
    expect(out).toContain('estimate odds ratio Inf\n')
    expect(out).toMatch(/95% CI 2\.90266 to Inf/)
  })
})
