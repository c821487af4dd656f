// `match` on MatchIt::lalonde, compared with the MatchIt 4.7.2 fixtures made from the same CSV
// (tests/fixtures/r/matching-fixtures.R reads it back with read.csv, as a user's R session would).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/index'
import type { CliIO } from '../../main/cli/command'
import { expectClose } from '../helpers/close'
import { loadMatchingFixtures } from '../engine/matching-fixtures'

const DATA = path.resolve(__dirname, '../fixtures/data')
const fx = loadMatchingFixtures()
const COVS = 'age,educ,race,married,nodegree,re74,re75'
let tmp: string
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-cli-match-'))
})
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

function captured(): CliIO & { out: string; err: string } {
  const io = { out: '', err: '', cwd: DATA, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) }
  return io
}

interface MatchJson {
  n: number
  nDropped: number
  nTreated: number
  nControl: number
  nPairs: number
  pairs: [number, number][]
  unmatched: number[]
  caliperDistance: number | null
  coefficients: { term: string; estimate: number | null; se: number | null }[]
  balance: { term: string; smdBefore: number | null; smdAfter: number | null; varianceRatioBefore: number | null; varianceRatioAfter: number | null }[]
  warnings: { code: string; message: string }[]
  rCall: string
}

async function match(args: string[]): Promise<MatchJson> {
  const io = captured()
  const code = await runCli(['match', ...args, '--json'], io)
  expect(io.err, io.err).toBe('')
  expect(code).toBe(0)
  return JSON.parse(io.out) as MatchJson
}

const caseNamed = (name: string) => fx.matches.find((c) => c.name === name)!

describe(`match CLI against MatchIt ${fx.meta.MatchIt} on lalonde.csv`, () => {
  const cases: [string, string[]][] = [
    ['lalonde_caliper_0.02_raw', ['--caliper', '0.02']],
    ['lalonde_caliper_0.2_sd_logit', ['--caliper', '0.2', '--caliper-scale', 'logit-sd']],
    ['lalonde_caliper_0.2_sd_ps', ['--caliper', '0.2', '--caliper-scale', 'ps-sd']],
    ['lalonde_no_caliper', []],
    ['lalonde_ratio2', ['--ratio', '2']],
    ['lalonde_replace', ['--replace']],
    ['lalonde_replace_ratio3_caliper', ['--replace', '--ratio', '3', '--caliper', '0.02']],
    ['lalonde_smallest', ['--order', 'smallest', '--caliper', '0.02']],
    ['lalonde_data', ['--order', 'data']],
    ['lalonde_random_42', ['--order', 'random', '--seed', '42']],
  ]
  for (const [name, args] of cases) {
    const r = caseNamed(name)
    it(`matches MatchIt::${r.rCall.replace(/^.*?matchit/, 'matchit')} pairs (CLI ${args.join(' ') || 'defaults'})`, async () => {
      const j = await match(['--csv', 'lalonde.csv', '--treat', 'treat', '--covariates', COVS, ...args])
      expect(j.nTreated).toBe(r.nTreated)
      expect(j.nControl).toBe(r.nControl)
      expect(j.nPairs).toBe(r.nPairs)
      expect(j.pairs).toEqual(r.pairs)
      expect(j.unmatched).toEqual(r.unmatched)
      if (r.caliper !== null) expectClose(j.caliperDistance, r.caliper, 1e-6, 'caliper')
      if (r.balanceBefore && r.balanceAfter) {
        expect(j.balance.map((b) => b.term)).toEqual(r.balanceBefore.term)
        expectClose(j.balance.map((b) => b.smdBefore), r.balanceBefore.smd, 1e-6, 'smd before', 1e-10)
        expectClose(j.balance.map((b) => b.smdAfter), r.balanceAfter.smd, 1e-6, 'smd after', 1e-10)
        expectClose(j.balance.map((b) => b.varianceRatioBefore), r.balanceBefore.varianceRatio, 1e-6, 'vr before')
        expectClose(j.balance.map((b) => b.varianceRatioAfter), r.balanceAfter.varianceRatio, 1e-6, 'vr after')
      }
    })
  }

  it('reports the propensity model as R glm() does (terms, estimates, SEs)', async () => {
    const j = await match(['--csv', 'lalonde.csv', '--treat', 'treat', '--covariates', COVS])
    const g = fx.glm.find((c) => c.name === 'lalonde')!
    expect(j.coefficients.map((c) => c.term)).toEqual(g.terms)
    expectClose(j.coefficients.map((c) => c.estimate), g.estimate, 1e-6, 'estimate')
    expectClose(j.coefficients.map((c) => c.se), g.se, 1e-6, 'se')
    expect(j.rCall).toContain(`d <- read.csv(${JSON.stringify(path.join(DATA, 'lalonde.csv'))}, na.strings = c("", "NA", "."), strip.white = TRUE, stringsAsFactors = TRUE)`)
    expect(j.rCall).toContain('MatchIt::matchit(treat ~ age + educ + race + married + nodegree + re74 + re75, data = d,')
  })

  it('drops rows with a missing cell, counts them, and keeps 1-based CSV row numbers in pairs', async () => {
    const lines = fs.readFileSync(path.join(DATA, 'lalonde.csv'), 'utf8').trimEnd().split('\n')
    const header = lines[0]!.split(',')
    const ageCol = header.indexOf('"age"')
    const withGap = lines.map((l, i) => {
      if (i !== 3) return l
      const cells = l.split(',')
      cells[ageCol] = ''
      return cells.join(',')
    })
    fs.writeFileSync(path.join(tmp, 'gap.csv'), withGap.join('\n') + '\n')
    const j = await match(['--csv', path.join(tmp, 'gap.csv'), '--treat', 'treat', '--covariates', COVS, '--caliper', '0.02'])
    expect(j.nDropped).toBe(1)
    expect(j.n).toBe(613)
    const rows = j.pairs.flat()
    expect(rows).not.toContain(3)
    expect(Math.max(...rows)).toBeLessThanOrEqual(614)
  })

  it('gives clear usage errors: no covariates, a three-valued treatment, random order without seed', async () => {
    const cases: string[][] = [
      ['--csv', 'lalonde.csv', '--treat', 'treat'],
      ['--csv', 'lalonde.csv', '--treat', 'race', '--covariates', 'age'],
      ['--csv', 'lalonde.csv', '--treat', 'treat', '--covariates', 'age', '--order', 'random'],
      ['--csv', 'lalonde.csv', '--treat', 'treat', '--covariates', 'age', '--caliper', '-1'],
    ]
    for (const args of cases) {
      const io = captured()
      expect(await runCli(['match', ...args], io)).toBe(2)
      expect(io.err).toMatch(/spinemet match: /)
    }
  })

  it('fails with NO_MATCHES (exit 1) when no control lies within the caliper', async () => {
    fs.writeFileSync(path.join(tmp, 'far.csv'), 'treat,x\n1,1\n0,2\n1,3\n0,4\n1,5\n0,7\n')
    const io = captured()
    expect(await runCli(['match', '--csv', path.join(tmp, 'far.csv'), '--treat', 'treat', '--covariates', 'x', '--caliper', '1e-6'], io)).toBe(1)
    expect(io.err).toMatch(/NO_MATCHES/)
  })

  for (const [name, args] of [
    ['histology_caliper_0.02_raw', ['--caliper', '0.02']],
    ['histology_no_caliper', []],
  ] as [string, string[]][]) {
    it(`reads a text treatment and mixed-case factors in R's order (TES treated, colorectal the reference) and matches MatchIt on histology.csv (${args.join(' ') || 'no caliper'})`, async () => {
      const r = caseNamed(name)
      const j = await match(['--csv', 'histology.csv', '--treat', 'arm', '--covariates', 'age,sex,histology,tokuhashi', ...args])
      expect([j.nTreated, j.nControl]).toEqual([r.nTreated, r.nControl])
      expect(j.pairs).toEqual(r.pairs)
      expect(j.unmatched).toEqual(r.unmatched)
      const g = fx.glm.find((c) => c.name === 'histology')!
      expect(j.coefficients.map((c) => c.term)).toEqual(g.terms)
      expectClose(j.coefficients.map((c) => c.estimate), g.estimate, 1e-6, 'estimate')
      expect(j.balance.map((b) => b.term)).toEqual(r.balanceBefore!.term)
      expectClose(j.balance.map((b) => b.smdBefore), r.balanceBefore!.smd, 1e-6, 'smd before', 1e-10)
      expectClose(j.balance.map((b) => b.smdAfter), r.balanceAfter!.smd, 1e-6, 'smd after', 1e-10)
    })
  }

  it('--help documents every JSON field of the contract', async () => {
    const io = captured()
    await runCli(['match', '--help'], io)
    for (const f of ['nTreated', 'nControl', 'nPairs', 'pairs', 'unmatched', 'coefficients', 'balance', 'smdBefore', 'varianceRatioAfter']) expect(io.out).toContain(f)
    expect(io.out).toContain('(colorectal, liver, Melanoma, RCC, rectal, thyroid)') // the level-order convention
  })
})
