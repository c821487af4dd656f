// `km` on the public datasets, compared with the R fixtures made from the same CSV files
// (tests/fixtures/r/survival-fixtures.R reads them back with read.csv, as a user's R session would).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/index'
import type { CliIO } from '../../main/cli/command'
import { expectClose } from '../helpers/close'
import { loadSurvivalFixture, type RNum } from '../engine/survival-fixtures'

const DATA = path.resolve(__dirname, '../fixtures/data')
let tmp: string
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-cli-km-'))
})
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

function captured(): CliIO & { out: string; err: string } {
  const io = { out: '', err: '', cwd: DATA, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) }
  return io
}

async function km(args: string[]): Promise<KmJson> {
  const io = captured()
  const code = await runCli(['km', ...args, '--json'], io)
  expect(io.err, io.err).toBe('')
  expect(code).toBe(0)
  return JSON.parse(io.out) as KmJson
}

interface KmJson {
  n: number
  nDropped: number
  confType: string
  groups: {
    group: string
    n: number
    events: number
    median: RNum
    medianLower: RNum
    medianUpper: RNum
    quantiles: { probability: number; estimate: RNum; lower: RNum; upper: RNum }[]
    at: { time: number; nRisk: number; nEvent: number; nCensor: number; surv: RNum; se: RNum; lower: RNum; upper: RNum }[]
    steps: { time: number; nRisk: number; nEvent: number; nCensor: number; surv: RNum; se: RNum; lower: RNum; upper: RNum }[]
  }[]
  riskTable: { groups: string[]; times: number[]; nRisk: number[][] } | null
  logrank?: { chisq: number; df: number; p: number; observed: number[]; expected: number[] }
  warnings: { code: string; message: string }[]
}

interface RKm {
  name: string
  data: { group: string[] | null }
  levels: string[]
  at: number[] | null
  riskTimes: number[] | null
  fits: Record<string, {
    groups: { group: string; n: number; events: number; median: RNum; medianLower: RNum; medianUpper: RNum; quantiles: { quantile: RNum[]; lower: RNum[]; upper: RNum[] }; steps: Record<string, RNum[]> }[]
    at: Record<string, (number | string | null)[]> | null
    atExtend: Record<string, (number | string | null)[]> | null
    riskTable: Record<string, (number | string | null)[]> | null
  }>
}
interface RLr { name: string; rCall: string; observed: number[]; expected: number[]; chisq: number; df: number; p: number }

const kmFixture = loadSurvivalFixture<RKm>('km')
const lrFixture = loadSurvivalFixture<RLr>('logrank')
const fixtureFor = (name: string, levels: string[]) => kmFixture.cases.find((c) => c.name === name && c.levels.join() === levels.join())!

function compareWithR(j: KmJson, r: RKm, confType: string) {
  const fit = r.fits[confType]!
  expect(j.groups.map((g) => g.group)).toEqual(fit.groups.map((g) => g.group))
  j.groups.forEach((g, k) => {
    const rg = fit.groups[k]!
    expect([g.n, g.events]).toEqual([rg.n, rg.events])
    expectClose([g.median, g.medianLower, g.medianUpper], [rg.median, rg.medianLower, rg.medianUpper], 1e-12, `${g.group} median`)
    expectClose(g.quantiles.map((q) => q.estimate), rg.quantiles.quantile, 1e-12, `${g.group} quantiles`)
    for (const key of ['time', 'nRisk', 'nEvent', 'nCensor', 'surv', 'se', 'lower', 'upper'] as const) {
      expectClose(g.steps.map((s) => s[key]), rg.steps[key]!, 1e-10, `${g.group} steps.${key}`)
    }
    if (fit.at) {
      const rows = fit.at.group!.map((x, i) => (x === g.group ? i : -1)).filter((i) => i >= 0)
      for (const key of ['time', 'nRisk', 'nEvent', 'nCensor', 'surv', 'se', 'lower', 'upper'] as const) {
        expectClose(g.at.map((a) => a[key]), rows.map((i) => fit.at![key]![i] as RNum), 1e-10, `${g.group} at.${key}`)
      }
    }
  })
}

describe('cli km against R', () => {
  it('matches survfit(Surv(time, status) ~ sex, lung) and survdiff on lung.csv (status coded 1/2)', async () => {
    const r = fixtureFor('lung', ['1', '2'])
    const j = await km(['--csv', 'lung.csv', '--time', 'time', '--event', 'status', '--group', 'sex', '--at', r.at!.join(','), '--risk-times', r.riskTimes!.join(',')])
    expect(j.n).toBe(228)
    expect(j.nDropped).toBe(0)
    expect(j.confType).toBe('log')
    compareWithR(j, r, 'log')
    const lr = lrFixture.cases.find((c) => c.rCall === 'survdiff(Surv(time, status) ~ sex, data = lung, rho = 0)')!
    expectClose(j.logrank!.chisq, lr.chisq, 1e-9, 'chisq')
    expect(j.logrank!.df).toBe(lr.df)
    expectClose(j.logrank!.p, lr.p, 1e-8, 'p')
    expectClose(j.logrank!.expected, lr.expected, 1e-10, 'expected')
    const rt = r.fits.log!.riskTable!
    expect(j.riskTable!.nRisk.flat()).toEqual(rt.nRisk)
  })

  it('drops the row with a missing ph.ecog (nDropped = 1), keeps the one-patient group 3, and matches R', async () => {
    const r = fixtureFor('lung', ['0', '1', '2', '3'])
    const j = await km(['--csv', 'lung.csv', '--time', 'time', '--event', 'status', '--group', 'ph.ecog', '--conf-type', 'log-log', '--at', r.at!.join(',')])
    expect(j.nDropped).toBe(1)
    expect(j.groups.find((g) => g.group === '3')!.n).toBe(1)
    compareWithR(j, r, 'log-log')
    const lr = lrFixture.cases.find((c) => c.rCall === 'survdiff(Surv(time, status) ~ ph.ecog, data = lung, rho = 0)')!
    expectClose(j.logrank!.chisq, lr.chisq, 1e-9, 'chisq')
    expect(j.logrank!.df).toBe(3)
  })

  it('orders text groups as factor() does and matches survfit(conf.type = "plain") on aml.csv', async () => {
    const r = fixtureFor('aml', ['Maintained', 'Nonmaintained'])
    const j = await km(['--csv', 'aml.csv', '--time', 'time', '--event', 'status', '--group', 'x', '--conf-type', 'plain', '--at', r.at!.join(',')])
    compareWithR(j, r, 'plain')
    // 161 and 200 are after the Nonmaintained group's last time (45): left out, with a warning
    expect(j.groups[1]!.at.map((a) => a.time)).not.toContain(161)
    expect(j.warnings.map((w) => w.code)).toContain('TIMES_BEYOND_FOLLOW_UP')
  })

  it('orders mixed-case text groups as R with ICU does (radiotherapy before TES) and matches survfit and survdiff on histology.csv', async () => {
    const r = fixtureFor('histology', ['radiotherapy', 'TES'])
    const j = await km(['--csv', 'histology.csv', '--time', 'time', '--event', 'status', '--group', 'arm', '--at', r.at!.join(','), '--risk-times', r.riskTimes!.join(',')])
    expect(j.groups.map((g) => g.group)).toEqual(['radiotherapy', 'TES'])
    compareWithR(j, r, 'log')
    expect(j.riskTable!.nRisk.flat()).toEqual(r.fits.log!.riskTable!.nRisk)
    const lr = lrFixture.cases.find((c) => c.rCall === 'survdiff(Surv(time, status) ~ arm, data = histology, rho = 0)')!
    expectClose(j.logrank!.chisq, lr.chisq, 1e-9, 'chisq')
    expectClose(j.logrank!.observed, lr.observed, 0, 'observed')
    expectClose(j.logrank!.expected, lr.expected, 1e-10, 'expected')
  })

  it('orders the reference study\'s histology labels (mixed case, Chinese) as R does: colorectal, liver, Melanoma, RCC, …', async () => {
    const r = fixtureFor('histology', ['colorectal', 'liver', 'Melanoma', 'RCC', 'rectal', 'thyroid', '肺癌'])
    const j = await km(['--csv', 'histology.csv', '--time', 'time', '--event', 'status', '--group', 'histology', '--conf-type', 'log-log', '--at', r.at!.join(',')])
    expect(j.groups.map((g) => g.group)).toEqual(r.levels)
    compareWithR(j, r, 'log-log')
    const lr = lrFixture.cases.find((c) => c.rCall === 'survdiff(Surv(time, status) ~ histology, data = histology, rho = 0)')!
    expectClose(j.logrank!.chisq, lr.chisq, 1e-9, 'chisq')
    expectClose(j.logrank!.expected, lr.expected, 1e-10, 'expected')
  })

  it('matches summary(survfit(Surv(time, status) ~ 1, lung), times, extend = TRUE) with --extend', async () => {
    const r = fixtureFor('lung', ['all'])
    const j = await km(['--csv', 'lung.csv', '--time', 'time', '--event', 'status', '--at', r.at!.join(','), '--extend'])
    const ext = r.fits.log!.atExtend! as Record<string, RNum[]>
    expect(j.groups).toHaveLength(1)
    expectClose(j.groups[0]!.at.map((a) => a.surv), ext.surv!, 1e-10, 'surv')
    expectClose(j.groups[0]!.at.map((a) => a.nRisk), ext.nRisk!, 0, 'n.risk')
    expect(j.logrank).toBeUndefined()
  })

  it('orders numeric-looking groups numerically (2 before 10), as read.csv + factor() would', async () => {
    const file = path.join(tmp, 'num-groups.csv')
    fs.writeFileSync(file, 'months,dead,arm\n5,1,10\n8,0,2\n3,1,2\n10,1,10\n4,1,2\n')
    const j = await km(['--csv', file, '--time', 'months', '--event', 'dead', '--group', 'arm'])
    expect(j.groups.map((g) => g.group)).toEqual(['2', '10'])
  })

  it('prints a readable table without --json', async () => {
    const io = captured()
    expect(await runCli(['km', '--csv', 'lung.csv', '--time', 'time', '--event', 'status', '--group', 'sex'], io)).toBe(0)
    expect(io.out).toMatch(/^1\s+138\s+112\s+270\s+212 – 310$/m)
    expect(io.out).toMatch(/Log-rank test: chi-square = 10\.33 on 1 df, p = 0\.0013/)
  })

  it('documents the JSON fields in --help', async () => {
    const io = captured()
    expect(await runCli(['km', '--help'], io)).toBe(0)
    for (const field of ['nDropped', 'medianLower', 'steps[]', 'nRisk', 'logrank', 'standard error of S(t)']) expect(io.out).toContain(field)
    expect(io.out).toContain('(colorectal, liver, Melanoma, RCC, rectal, thyroid)') // the level-order convention
  })
})

describe('cli km errors', () => {
  it('refuses an unknown column and an invalid event code as usage errors (exit 2)', async () => {
    const io = captured()
    expect(await runCli(['km', '--csv', 'lung.csv', '--time', 'nope', '--event', 'status'], io)).toBe(2)
    expect(io.err).toContain('no column "nope"')
    const file = path.join(tmp, 'bad-event.csv')
    fs.writeFileSync(file, 't,e\n1,1\n2,3\n')
    const io2 = captured()
    expect(await runCli(['km', '--csv', file, '--time', 't', '--event', 'e'], io2)).toBe(2)
    expect(io2.err).toContain('row 2 column "e"')
  })
  it('reports a negative time as an engine input error (exit 1, code shown)', async () => {
    const file = path.join(tmp, 'neg.csv')
    fs.writeFileSync(file, 't,e\n1,1\n-2,0\n')
    const io = captured()
    expect(await runCli(['km', '--csv', file, '--time', 't', '--event', 'e'], io)).toBe(1)
    expect(io.err).toContain('[NEGATIVE_TIME]')
  })
})
