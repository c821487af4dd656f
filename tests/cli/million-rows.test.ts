// A million rows through the CLI's own code path: no step may spread a data-sized array into a
// function call (Math.max(...cells) overflows V8's call stack near 10^5 arguments). Correctness of
// the numbers at this size is checked against closed forms, not timed (timing is `npm run bench`).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/index'
import { fisherExactTest } from '../../main/engine/fisher-exact-test'

const N = 1_000_000
let tmp: string
let csv: string
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-cli-1m-'))
  csv = path.join(tmp, 'million.csv')
  // Events coded 1/2 (survival::lung style), so the event reader has to find the largest code.
  // Arm a: everyone has the event at t = 1 or 2 (alternating); arm b: everyone is censored at 3.
  const lines = ['time,status,arm']
  for (let i = 0; i < N; i++) lines.push(i % 2 === 0 ? `${1 + ((i >> 1) % 2)},2,a` : '3,1,b')
  fs.writeFileSync(csv, lines.join('\n') + '\n')
})
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

describe('one million rows', () => {
  it('km with a group reads, fits and tests 10^6 rows without overflowing the stack', async () => {
    let out = ''
    let err = ''
    const code = await runCli(['km', '--csv', csv, '--time', 'time', '--event', 'status', '--group', 'arm', '--at', '1,2', '--json'], {
      cwd: tmp,
      stdout: (t) => void (out += t),
      stderr: (t) => void (err += t),
    })
    expect(err).toBe('')
    expect(code).toBe(0)
    const j = JSON.parse(out) as { n: number; groups: { group: string; n: number; events: number; median: number | null; at: { surv: number }[] }[]; logrank: { df: number } }
    expect(j.n).toBe(N)
    expect(j.groups.map((g) => [g.group, g.n, g.events])).toEqual([
      ['a', N / 2, N / 2],
      ['b', N / 2, 0],
    ])
    // Half of arm a dies at t = 1, the rest at t = 2.
    expect(j.groups[0]!.at.map((a) => a.surv)).toEqual([0.5, 0])
    // S(t) = 0.5 exactly on [1, 2): survfit's median is the midpoint of that flat stretch.
    expect(j.groups[0]!.median).toBe(1.5)
    expect(j.logrank.df).toBe(1)
  }, 120_000)

  it('Fisher 2 × 2 with a support of half a million tables', () => {
    const half = N / 4
    const r = fisherExactTest({ table: [[half, half], [half, half]] })
    expect(r.p).toBeCloseTo(1, 12) // the observed table is the mode of a symmetric distribution
  })
})
