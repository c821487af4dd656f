// `cox` on the public datasets, compared with coxph fitted by R on the same CSV files.
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
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-cli-cox-'))
})
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

function captured(): CliIO & { out: string; err: string } {
  const io = { out: '', err: '', cwd: DATA, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) }
  return io
}

interface CoxJson {
  n: number
  nDropped: number
  events: number
  ties: string
  terms: { term: string; coef: RNum; se: RNum; hr: RNum; lower: RNum; upper: RNum; z: RNum; p: RNum }[]
  lrt: { chisq: number; df: number; p: number }
  wald: { chisq: number; df: number; p: number }
  score: { chisq: number; df: number; p: number }
  concordance: number
  concordanceSe: number
  iterations: number
  converged: boolean
  warnings: { code: string; message: string; term?: string }[]
}
interface RCox {
  name: string
  rCall: string
  ties: string
  n: number
  events: number
  terms: string[]
  coef: RNum[]
  se: RNum[]
  hr: RNum[]
  lower: RNum[]
  upper: RNum[]
  z: RNum[]
  p: RNum[]
  lrt: { chisq: number; df: number; p: number }
  wald: { chisq: number; df: number; p: number }
  score: { chisq: number; df: number; p: number }
  concordance: { concordance: number; std: number }
  control: { iterMax: number }
}

const fixture = loadSurvivalFixture<RCox>('cox')

async function cox(args: string[]): Promise<CoxJson> {
  const io = captured()
  const code = await runCli(['cox', ...args, '--json'], io)
  expect(io.err, io.err).toBe('')
  expect(code).toBe(0)
  return JSON.parse(io.out) as CoxJson
}

function compareWithR(j: CoxJson, r: RCox) {
  expect(j.n).toBe(r.n)
  expect(j.events).toBe(r.events)
  expect(j.terms.map((t) => t.term)).toEqual(r.terms)
  for (const key of ['coef', 'se', 'hr', 'lower', 'upper', 'z', 'p'] as const) {
    // JSON has no Infinity: R's Inf (e.g. the upper HR limit under separation) arrives as null
    expectClose(j.terms.map((t) => t[key]), r[key].map((v) => (v === null || Number.isFinite(v) ? v : null)), 1e-6, key)
  }
  expectClose([j.lrt.chisq, j.lrt.p, j.wald.chisq, j.wald.p, j.score.chisq, j.score.p], [r.lrt.chisq, r.lrt.p, r.wald.chisq, r.wald.p, r.score.chisq, r.score.p], 1e-6, 'tests')
  expect([j.lrt.df, j.wald.df, j.score.df]).toEqual([r.lrt.df, r.wald.df, r.score.df])
  expectClose([j.concordance, j.concordanceSe], [r.concordance.concordance, r.concordance.std], 1e-8, 'concordance')
}

const find = (name: string, ties: string, terms: string[]) => fixture.cases.find((c) => c.name === name && c.ties === ties && c.terms.join() === terms.join() && c.control.iterMax === 20)!

describe('cli cox against R', () => {
  for (const ties of ['efron', 'breslow']) {
    it(`matches survival::coxph(Surv(time, status) ~ age + sex + ph.ecog, lung, ties = "${ties}") with one row dropped for a missing ph.ecog`, async () => {
      const j = await cox(['--csv', 'lung.csv', '--time', 'time', '--event', 'status', '--covariates', 'age,sex,ph.ecog', ...(ties === 'breslow' ? ['--ties', 'breslow'] : [])])
      expect(j.nDropped).toBe(1)
      expect(j.ties).toBe(ties)
      compareWithR(j, find('lung', ties, ['age', 'sex', 'ph.ecog']))
    })
  }

  it('expands the text covariate celltype into model.matrix terms and matches survival::coxph on veteran', async () => {
    const j = await cox(['--csv', 'veteran.csv', '--time', 'time', '--event', 'status', '--covariates', 'trt,celltype,karno,diagtime,age,prior'])
    const r = find('veteran', 'efron', ['trt', 'celltypelarge', 'celltypesmallcell', 'celltypesquamous', 'karno', 'diagtime', 'age', 'prior'])
    compareWithR(j, r)
  })

  it('names the aml factor term xNonmaintained and matches survival::coxph(ties = "breslow") on aml', async () => {
    const j = await cox(['--csv', 'aml.csv', '--time', 'time', '--event', 'status', '--covariates', 'x', '--ties', 'breslow'])
    compareWithR(j, find('aml', 'breslow', ['xNonmaintained']))
  })

  it('takes colorectal as the reference histology and radiotherapy as the reference arm, as R with ICU, and matches survival::coxph on histology.csv', async () => {
    const j = await cox(['--csv', 'histology.csv', '--time', 'time', '--event', 'status', '--covariates', 'arm,age,sex,histology,tokuhashi'])
    const r = fixture.cases.find((c) => c.name === 'histology')!
    expect(r.terms).toEqual(['armTES', 'age', 'sexMale', 'histologyliver', 'histologyMelanoma', 'histologyRCC', 'histologyrectal', 'histologythyroid', 'histology肺癌', 'tokuhashi'])
    compareWithR(j, r)
  })

  it('reports a constant covariate as null terms with a SINGULAR_COLUMN warning (R: NA)', async () => {
    const file = path.join(tmp, 'const.csv')
    fs.writeFileSync(file, 'time,status,age,k\n5,1,60,2\n3,1,55,2\n8,0,70,2\n2,1,48,2\n9,1,66,2\n4,0,59,2\n7,1,51,2\n6,1,62,2\n')
    const j = await cox(['--csv', file, '--time', 'time', '--event', 'status', '--covariates', 'age,k'])
    const r = fixture.cases.find((c) => c.name === 'constant_covariate')!
    compareWithR(j, r)
    expect(j.terms[1]).toEqual({ term: 'k', coef: null, se: null, hr: null, lower: null, upper: null, z: null, p: null })
    expect(j.warnings.map((w) => w.code)).toEqual(['SINGULAR_COLUMN'])
  })

  it('warns that a coefficient may be infinite under perfect separation, naming the term', async () => {
    const file = path.join(tmp, 'sep.csv')
    fs.writeFileSync(file, 'time,status,x,age\n1,1,1,50\n2,1,1,61\n3,1,1,47\n4,1,1,70\n5,1,0,58\n6,1,0,66\n7,1,0,52\n8,1,0,49\n')
    const j = await cox(['--csv', file, '--time', 'time', '--event', 'status', '--covariates', 'x,age'])
    compareWithR(j, fixture.cases.find((c) => c.name === 'separation')!)
    expect(j.warnings).toEqual([expect.objectContaining({ code: 'INFINITE_COEFFICIENT', term: 'x' })])
  })

  it('prints a readable coefficient table without --json', async () => {
    const io = captured()
    expect(await runCli(['cox', '--csv', 'lung.csv', '--time', 'time', '--event', 'status', '--covariates', 'age,sex'], io)).toBe(0)
    expect(io.out).toMatch(/^sex\s+-0\.5132\s+0\.1675\s+0\.599/m)
    expect(io.out).toContain('Likelihood ratio test')
  })

  it('documents the JSON fields in --help and refuses a missing --covariates (exit 2)', async () => {
    const help = captured()
    expect(await runCli(['cox', '--help'], help)).toBe(0)
    for (const field of ['nDropped', 'terms[]', 'lrt', 'concordance', 'hazard ratio', 'model.matrix']) expect(help.out).toContain(field)
    expect(help.out).toContain('(colorectal, liver, Melanoma, RCC, rectal, thyroid)') // the level-order convention
    const io = captured()
    expect(await runCli(['cox', '--csv', 'lung.csv', '--time', 'time', '--event', 'status'], io)).toBe(2)
    expect(io.err).toContain('--covariates')
  })
})
