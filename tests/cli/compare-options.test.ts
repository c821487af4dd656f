// compare's R options (--alternative, --conf-level, --exact, --correct) against the R fixtures of
// tests/fixtures/r/tests-fixtures.R: the same data written as CSV, run through the CLI.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/index'
import { expectClose } from '../helpers/close'
import { loadTestsFixtures } from '../engine/tests-fixtures'

const fx = loadTestsFixtures()
let tmp: string
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-cli-compare-opts-'))
})
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

async function compare(file: string, args: string[]) {
  let out = ''
  let err = ''
  const code = await runCli(['compare', '--csv', file, '--group', 'g', '--var', 'v', ...args, '--json'], { cwd: tmp, stdout: (t) => void (out += t), stderr: (t) => void (err += t) })
  expect(err).toBe('')
  expect(code).toBe(0)
  return JSON.parse(out) as { p: number; statistic: number; confidenceInterval?: { lower: number | null; upper: number | null } }
}

describe('compare --alternative / --conf-level / --exact / --correct', () => {
  fx.twoGroups.forEach((c, k) => {
    it(`matches R on ${c.name}`, async () => {
      const file = path.join(tmp, `g${k}.csv`)
      fs.writeFileSync(file, ['g,v', ...c.values.map((v, i) => `${c.groups[i]},${v}`)].join('\n') + '\n')
      const wg = await compare(file, ['--test', 'welch', '--alternative', 'greater'])
      expectClose(wg.p, c.welchGreater.p as number, 1e-6, 'welch greater p')
      expectClose(wg.confidenceInterval!.lower, c.welchGreater.confInt![0] as number, 1e-6, 'welch greater CI')
      expect(wg.confidenceInterval!.upper).toBeNull() // R: Inf
      const nc = await compare(file, ['--test', 'mann-whitney', '--correct', 'FALSE'])
      expectClose(nc.p, c.mannWhitneyNoCorrection.p as number, 1e-6, 'no correction p')
      const less = await compare(file, ['--test', 'mann-whitney', '--alternative', 'less'])
      expectClose(less.p, c.mannWhitneyLess.p as number, 1e-6, 'less p')
    })
  })

  it('refuses an option the test does not have', async () => {
    const file = path.join(tmp, 'g0.csv')
    let err = ''
    const code = await runCli(['compare', '--csv', file, '--group', 'g', '--var', 'v', '--test', 'welch', '--exact', 'TRUE'], { cwd: tmp, stdout: () => undefined, stderr: (t) => void (err += t) })
    expect(code).toBe(2)
    expect(err).toContain('--exact applies to the rank tests')
  })
})
