// `study` as a user runs it: on a demo registry, the text summary, --json (the whole result object),
// --dataset (the de-identified analysis dataset R reads) and the options that change the match.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/index'
import type { CliIO } from '../../main/cli/command'
import type { StudyResult } from '../../main/contract/study'

let dir: string
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-cli-study-'))
  expect(await runCli(['demo', '--db', 'demo.sqlite'], captured())).toBe(0)
}, 60_000)
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

function captured(): CliIO & { out: string; err: string } {
  const io = { out: '', err: '', cwd: dir, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) }
  return io
}

describe('cli study', () => {
  it('prints the flow, the match, balance and survival, and writes the analysis dataset', async () => {
    const io = captured()
    expect(await runCli(['study', '--db', 'demo.sqlite', '--dataset', 'analysis.csv', '--no-sensitivity'], io)).toBe(0)
    expect(io.out).toContain('215 screened')
    expect(io.out).toContain('Eligible 157: HT 64, TES 93')
    expect(io.out).toMatch(/Matched pairs \d+ \(HT \d+, TES \d+\)/)
    expect(io.out).toContain('Local progression-free survival (matched): log-rank p =')
    expect(io.out).toContain('stratified by pair')
    const lines = fs.readFileSync(path.join(dir, 'analysis.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines).toHaveLength(216)
    const header = lines[0]!.split(',')
    expect(header).toEqual(['study_id', 'arm', 'eligible', 'exclusion_reason', 'age', 'sex', 'spinal_level', 'histology', 'tokuhashi', 'ecog', 'escc', 'vas', 'sins', 'asia', 'sosgoq', 'sosgoq_version', 'ps', 'logit_ps', 'pair', 'weight', 'lpfs_months', 'lpfs_event', 'os_months', 'os_event'])
    // De-identified: no name or hospital number column, no identity value.
    expect(lines.join('\n')).not.toMatch(/hospital|full_name|date_of_birth/)
    const eligible = lines.slice(1).filter((l) => l.split(',')[2] === '1')
    expect(eligible).toHaveLength(157)
    expect(eligible.every((l) => l.split(',')[3] === 'NA' && l.split(',')[16] !== 'NA')).toBe(true)
  })

  it('prints the whole result object with --json, and the options change the match', async () => {
    const io = captured()
    expect(await runCli(['study', '--db', 'demo.sqlite', '--json', '--caliper-scale', 'logitSd', '--ratio', '2', '--no-sensitivity'], io)).toBe(0)
    const r = JSON.parse(io.out) as StudyResult
    expect(r.provenance.settings.caliper).toEqual({ scale: 'logitSd', width: 0.2 })
    expect(r.provenance.settings.ratio).toBe(2)
    expect(r.flow.screened).toBe(215)
    expect(r.matching.pairs.some((p) => p.controls.length === 2)).toBe(true)
    expect(r.matching.rCall).toContain('link = "linear.logit", ratio = 2')
    expect(r.sensitivity).toEqual([])
    expect(Object.keys(r)).toEqual(['provenance', 'flow', 'propensityModel', 'matching', 'balance', 'propensityDistributions', 'table1', 'table2', 'survival', 'outcomes', 'sensitivity', 'warnings'])
  })

  it('refuses bad options with exit code 2', async () => {
    const io = captured()
    expect(await runCli(['study', '--db', 'demo.sqlite', '--order', 'sideways'], io)).toBe(2)
    expect(io.err).toContain('--order must be one of')
    expect(await runCli(['study', '--db', 'missing.sqlite'], captured())).toBe(2)
  })
})
