// With --json, a failed command still answers in JSON on stdout ({ok: false, error: {code,
// message}}) with a non-zero exit code, so that scripts need not parse stderr.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/index'

const DATA = path.resolve(__dirname, '../fixtures/data')

async function run(args: string[]) {
  let out = ''
  let err = ''
  const code = await runCli(args, { cwd: DATA, stdout: (t) => void (out += t), stderr: (t) => void (err += t) })
  return { code, out, err }
}

describe('errors with --json', () => {
  it('a usage mistake: exit 2 and {ok: false, error: {code: USAGE}} on stdout', async () => {
    const r = await run(['km', '--csv', 'lung.csv', '--time', 'time', '--json'])
    expect(r.code).toBe(2)
    expect(JSON.parse(r.out)).toEqual({ ok: false, error: { code: 'USAGE', message: 'missing required option --event' } })
    expect(r.err).toContain('missing required option --event')
  })

  it('a failure while running: exit 1 with the error code', async () => {
    const r = await run(['km', '--csv', 'no-such-file.csv', '--time', 'time', '--event', 'status', '--json'])
    expect(r.code).not.toBe(0)
    const j = JSON.parse(r.out) as { ok: boolean; error: { code: string; message: string } }
    expect(j.ok).toBe(false)
    expect(j.error.message).toContain('no-such-file.csv')
  })

  it('without --json, stdout stays empty', async () => {
    const r = await run(['km', '--csv', 'lung.csv', '--time', 'time'])
    expect(r.code).toBe(2)
    expect(r.out).toBe('')
  })

  it('--caliper -1 is a range error in our words, not a parser complaint', async () => {
    const r = await run(['match', '--csv', 'lalonde.csv', '--treat', 'treat', '--covariates', 'age', '--caliper', '-1', '--json'])
    expect(r.code).toBe(2)
    expect(JSON.parse(r.out)).toEqual({ ok: false, error: { code: 'USAGE', message: '--caliper must be a positive number, got -1' } })
  })

  it('--seed without --order random is reported as unused', async () => {
    const r = await run(['match', '--csv', 'lalonde.csv', '--treat', 'treat', '--covariates', 'age', '--seed', '7', '--json'])
    expect(r.code).toBe(0)
    const j = JSON.parse(r.out) as { warnings: { code: string; message: string }[] }
    expect(j.warnings[0]).toEqual({ code: 'SEED_UNUSED', message: '--seed 7 has no effect: only --order random draws random numbers (the order used is "largest").' })
  })
})
