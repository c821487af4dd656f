// `compare` on CSV files, compared with R 4.2.2 (tests/fixtures/r/tests-fixtures.R, cli section).
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/index'
import type { CliIO } from '../../main/cli/command'
import { expectClose } from '../helpers/close'
import { loadTestsFixtures, type HtestFixture } from '../engine/tests-fixtures'

const DATA = path.resolve(__dirname, '../fixtures/data')
const fx = loadTestsFixtures()

function captured(): CliIO & { out: string; err: string } {
  const io = { out: '', err: '', cwd: DATA, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) }
  return io
}

interface CompareJson {
  test: string
  testId: string
  statistic: number | null
  df: number | null
  p: number | null
  n: number
  nDropped: number
  nIncompletePairs?: number
  groups: string[]
  warnings: { code: string; message: string }[]
  rCall: string
}

async function compare(args: string[]): Promise<CompareJson> {
  const io = captured()
  const code = await runCli(['compare', ...args, '--json'], io)
  expect(io.err, io.err).toBe('')
  expect(code).toBe(0)
  return JSON.parse(io.out) as CompareJson
}

function expectR(j: CompareJson, r: HtestFixture): void {
  expect(j.test).toBe(r.method.trim())
  expectClose(j.statistic, r.statistic as number | null, 1e-6, 'statistic')
  expectClose(j.df, r.df, 1e-6, 'df')
  expectClose(j.p, r.p as number, 1e-6, 'p')
  // The fixture ran R without conf.int = TRUE; the interval's own warnings are checked in compare-estimates.test.ts.
  expect(j.warnings.map((w) => w.message).filter((m) => !/confidence interval|conf\.level/.test(m))).toEqual(r.warnings)
}

describe(`compare CLI against ${fx.meta.R}`, () => {
  it('welch matches t.test(age ~ sex, data = lung)', async () => {
    const j = await compare(['--csv', 'lung.csv', '--group', 'sex', '--var', 'age', '--test', 'welch'])
    expectR(j, fx.cli.lungWelch!)
    expect(j.n).toBe(228)
    expect(j.groups).toEqual(['1', '2'])
  })

  it('mann-whitney matches wilcox.test(age ~ sex, data = lung)', async () => {
    expectR(await compare(['--csv', 'lung.csv', '--group', 'sex', '--var', 'age', '--test', 'mann-whitney']), fx.cli.lungMannWhitney!)
  })

  it('chisq matches chisq.test(table(lung$sex, lung$status)) (Yates)', async () => {
    expectR(await compare(['--csv', 'lung.csv', '--group', 'sex', '--var', 'status', '--test', 'chisq']), fx.cli.lungChisq!)
  })

  it('fisher matches fisher.test(table(lung$sex, lung$ph.ecog)) and drops the row with missing ph.ecog', async () => {
    const j = await compare(['--csv', 'lung.csv', '--group', 'sex', '--var', 'ph.ecog', '--test', 'fisher'])
    expectR(j, fx.cli.lungFisherEcog!)
    expect(j.nDropped).toBe(1)
    expect(j.statistic).toBeNull()
  })

  it('fisher and chisq match R on the reference-study-like 2 × 6 histology table (n = 157)', async () => {
    expectR(await compare(['--csv', 'compare-tables.csv', '--group', 'arm', '--var', 'histology', '--test', 'fisher']), fx.cli.tablesFisher!)
    expectR(await compare(['--csv', 'compare-tables.csv', '--group', 'arm', '--var', 'histology', '--test', 'chisq']), fx.cli.tablesChisq!)
  })

  it('orders mixed-case groups as R with ICU (radiotherapy before TES; female before Male) and matches R on histology.csv', async () => {
    const base = ['--csv', 'histology.csv', '--group', 'arm']
    const w = await compare([...base, '--var', 'age', '--test', 'welch'])
    expect(w.groups).toEqual(['radiotherapy', 'TES'])
    expectR(w, fx.cli.histologyWelch!)
    const s = await compare(['--csv', 'histology.csv', '--group', 'sex', '--var', 'age', '--test', 'student'])
    expect(s.groups).toEqual(['female', 'Male'])
    expectR(s, fx.cli.histologyStudent!)
    expectR(await compare([...base, '--var', 'tokuhashi', '--test', 'mann-whitney']), fx.cli.histologyMannWhitney!)
    expectR(await compare([...base, '--var', 'histology', '--test', 'fisher']), fx.cli.histologyFisher!)
    expectR(await compare(['--csv', 'histology.csv', '--group', 'sex', '--var', 'histology', '--test', 'chisq']), fx.cli.histologyChisq!)
  })

  it('paired-t and wilcoxon-signed-rank match t.test / wilcox.test(x, y, paired = TRUE) with pairs found by --pair', async () => {
    const base = ['--csv', 'compare-paired.csv', '--group', 'arm', '--var', 'extra', '--pair', 'pair']
    const t = await compare([...base, '--test', 'paired-t'])
    expectR(t, fx.cli.pairedT!)
    expect(t.n).toBe(10)
    expectR(await compare([...base, '--test', 'wilcoxon-signed-rank']), fx.cli.signedRank!)
  })

  it('mcnemar and symmetry match mcnemar.test(table(factor(x, levels = L), factor(y, levels = L)))', async () => {
    const base = ['--csv', 'compare-paired.csv', '--group', 'arm', '--pair', 'pair']
    expectR(await compare([...base, '--var', 'improved', '--test', 'mcnemar']), fx.cli.mcnemar!)
    expectR(await compare([...base, '--var', 'grade', '--test', 'symmetry']), fx.cli.symmetry!)
  })

  it('gives clear usage errors: paired test without --pair, three groups, unknown test', async () => {
    const cases: string[][] = [
      ['--csv', 'compare-paired.csv', '--group', 'arm', '--var', 'extra', '--test', 'paired-t'],
      ['--csv', 'lung.csv', '--group', 'ph.ecog', '--var', 'age', '--test', 'welch'],
      ['--csv', 'lung.csv', '--group', 'sex', '--var', 'age', '--test', 'anova'],
      ['--csv', 'compare-paired.csv', '--group', 'arm', '--var', 'grade', '--test', 'mcnemar', '--pair', 'pair'],
    ]
    for (const args of cases) {
      const io = captured()
      expect(await runCli(['compare', ...args], io)).toBe(2)
      expect(io.err).toMatch(/spinemet compare: /)
    }
  })

  it('--help documents the contract fields', async () => {
    const io = captured()
    await runCli(['compare', '--help'], io)
    for (const f of ['test', 'statistic', 'df', 'p', 'n', 'nDropped']) expect(io.out).toContain(f)
    expect(io.out).toContain('(colorectal, liver, Melanoma, RCC, rectal, thyroid)') // the level-order convention
  })
})
