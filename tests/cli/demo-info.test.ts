// `demo` then `info` as a user runs them: in-process through runCli with a captured io, and once
// as a real process for exit codes and for the refusal to overwrite without --force.
import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/index'
import type { CliIO } from '../../main/cli/command'

const ROOT = path.resolve(__dirname, '../..')
let dir: string
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-cli-demo-'))
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

function captured(): CliIO & { out: string; err: string } {
  const io = { out: '', err: '', cwd: dir, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) }
  return io
}

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex')

describe('cli demo → info (in process)', () => {
  it('writes the demo registry and info reports 215 patients, a demo, integrity ok', async () => {
    const demo = captured()
    expect(await runCli(['demo', '--db', 'demo.sqlite'], demo)).toBe(0)
    expect(demo.err).toBe('')
    expect(demo.out).toContain('Wrote 215 synthetic patients')
    expect(demo.out).toContain('Included in the study: 157 (HT 64, TES 93); screened out: 58.')
    expect(demo.out).toMatch(/HT\s+local control\s+\d+\.\d%/)
    // the reasons are the criteria in words, not internal names (tokuhashi9to11, ecogAtMost3)
    const reasons = demo.out.split('\n').find((l) => l.startsWith('Screened out, by the first criterion not met:'))!
    expect(reasons).toMatch(/Tokuhashi/)
    expect(reasons).not.toMatch(/\b[a-z]+[A-Z0-9][A-Za-z0-9]*\b/)

    const info = captured()
    expect(await runCli(['info', '--db', 'demo.sqlite', '--json'], info)).toBe(0)
    const report = JSON.parse(info.out) as { counts: { patients: number; identities: number }; integrity: { ok: boolean }; isDemo: boolean; upToDate: boolean }
    expect(report.counts.patients).toBe(215)
    expect(report.counts.identities).toBe(215)
    expect(report.integrity.ok).toBe(true)
    expect(report.isDemo).toBe(true)
    expect(report.upToDate).toBe(true)

    const text = captured()
    expect(await runCli(['info', '--db', 'demo.sqlite'], text)).toBe(0)
    expect(text.out).toMatch(/Patients\s+215/)
    expect(text.out).toContain('demo registry')
    expect(text.out).toMatch(/Integrity\s+ok/)
  })

  it('prints the summary as JSON with --json, for a chosen seed', async () => {
    const io = captured()
    expect(await runCli(['demo', '--db', 'seed7.sqlite', '--seed', '7', '--json'], io)).toBe(0)
    const j = JSON.parse(io.out) as Record<string, unknown> & { ineligibleReasons: Record<string, number>; survival: { HT: { overallSurvival: { at12: number } } } }
    expect(j).toMatchObject({ path: path.join(dir, 'seed7.sqlite'), seed: 7, patients: 215, eligible: 157, ineligible: 58, arms: { HT: 64, TES: 93 } })
    expect(Object.values(j.ineligibleReasons).reduce((s, n) => s + n, 0)).toBe(58)
    expect(j.survival.HT.overallSurvival.at12).toBeGreaterThan(0.78)
  })

  it('refuses an existing file without --force (exit 2, file unchanged) and replaces it with --force', async () => {
    const file = path.join(dir, 'demo.sqlite')
    const before = sha(file)
    const io = captured()
    expect(await runCli(['demo', '--db', 'demo.sqlite', '--seed', '3'], io)).toBe(2)
    expect(io.err).toMatch(/already exists; add --force/)
    expect(io.out).toBe('')
    expect(sha(file)).toBe(before)
    expect(await runCli(['demo', '--db', 'demo.sqlite', '--seed', '3', '--force'], captured())).toBe(0)
    expect(sha(file)).not.toBe(before)
  })

  it('rejects a seed that is not a whole number with a usage error', async () => {
    const io = captured()
    expect(await runCli(['demo', '--db', 'x.sqlite', '--seed', '1.5'], io)).toBe(2)
    expect(io.err).toMatch(/--seed must be a whole number/)
    expect(fs.existsSync(path.join(dir, 'x.sqlite'))).toBe(false)
  })
})

describe('cli demo → info (real process)', () => {
  // As `npm run cli` runs it: tsx with the main-process tsconfig (for the @contract/@domain paths).
  const cli = (...args: string[]) =>
    spawnSync('npx', ['tsx', '--tsconfig', 'tsconfig.node.json', 'main/cli/index.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })

  it('exits 0 for demo and info, and 2 leaving the file unchanged when it exists and --force is missing', () => {
    const file = path.join(dir, 'spawned.sqlite')
    const demo = cli('demo', '--db', file)
    expect(demo.status, demo.stderr).toBe(0)
    const info = cli('info', '--db', file, '--json')
    expect(info.status, info.stderr).toBe(0)
    const report = JSON.parse(info.stdout) as { counts: { patients: number }; integrity: { ok: boolean } }
    expect(report.counts.patients).toBe(215)
    expect(report.integrity.ok).toBe(true)

    const before = sha(file)
    const mtime = fs.statSync(file).mtimeMs
    const again = cli('demo', '--db', file)
    expect(again.status).toBe(2)
    expect(again.stderr.trim().split('\n')).toHaveLength(1)
    expect(again.stderr).toContain('already exists')
    expect(sha(file)).toBe(before)
    expect(fs.statSync(file).mtimeMs).toBe(mtime)
  }, 120_000)
})
