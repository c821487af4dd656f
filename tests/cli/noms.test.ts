// `cli noms --json`: the NOMS assessment, pathway, rule ids and missing inputs of demo patients,
// as a user runs it (in process). The PDF side is tested with Chromium in tests/e2e/noms-print.test.ts.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/index'
import type { CliIO } from '../../main/cli/command'

let dir: string
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-cli-noms-'))
  expect(await runCli(['demo', '--db', 'demo.sqlite'], captured())).toBe(0)
}, 60_000)
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

function captured(): CliIO & { out: string; err: string } {
  const io = { out: '', err: '', cwd: dir, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) }
  return io
}

interface PatientJson {
  studyId: string
  assessment: { neurologic: string | null; oncologic: string | null; mechanical: string | null; systemic: string | null; inputs: Record<string, unknown> }
  pathway: { kind: string; row?: number; treatment?: string; flag?: string }
  ruleIds: string[]
  missingInputs: string[]
  pdf?: unknown
}

describe('cli noms --json', () => {
  it('prints the assessment, pathway, rule id and missing inputs of one patient', async () => {
    const io = captured()
    expect(await runCli(['noms', '--db', 'demo.sqlite', '--patient', 'SM-001', '--json'], io)).toBe(0)
    expect(io.err).toBe('')
    const j = JSON.parse(io.out) as PatientJson
    expect(j.studyId).toBe('SM-001')
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['assessment', 'pathway', 'ruleIds', 'missingInputs']))
    expect(j.assessment.inputs).toHaveProperty('radiosensitivity')
    expect(j.pdf).toBeNull()
    // the rule ids are the rows of the pathway, one per branch
    const rows = j.pathway.kind === 'conditional' ? 2 : j.pathway.kind === 'treatment' ? 1 : 0
    expect(j.ruleIds).toHaveLength(rows)
    for (const id of j.ruleIds) expect(id).toMatch(/^noms-row-(10|[1-9])$/)
  })

  it('for the whole demo registry: every decided patient names its row, every undecided one what is missing or to decide', async () => {
    const io = captured()
    expect(await runCli(['noms', '--db', 'demo.sqlite', '--patient', 'all', '--json'], io)).toBe(0)
    const { patients } = JSON.parse(io.out) as { patients: (PatientJson & { todo: unknown[] })[] }
    expect(patients).toHaveLength(215)
    for (const p of patients) {
      if (p.pathway.kind === 'treatment') expect(p.ruleIds, p.studyId).toEqual([`noms-row-${p.pathway.row}`])
      if (p.pathway.kind === 'flag' && p.pathway.flag === 'missingInput') expect(p.missingInputs.length, p.studyId).toBeGreaterThan(0)
      if (p.pathway.kind !== 'treatment') expect(p.todo.length, p.studyId).toBeGreaterThan(0)
    }
    // the demo cohort is built around high-grade radioresistant lesions treated surgically (rows 7/9)
    expect(patients.filter((p) => p.ruleIds.includes('noms-row-7') || p.ruleIds.includes('noms-row-9')).length).toBeGreaterThan(100)
  })

  it('text output ends with the decision-support sentence; an unknown patient is a clear error', async () => {
    const io = captured()
    expect(await runCli(['noms', '--db', 'demo.sqlite', '--patient', 'SM-002'], io)).toBe(0)
    expect(io.out).toMatch(/^SM-002: /)
    expect(io.out).toContain('Decision support for a multidisciplinary team, not a substitute for clinical judgement.')
    const bad = captured()
    expect(await runCli(['noms', '--db', 'demo.sqlite', '--patient', 'SM-999'], bad)).toBe(1)
    expect(bad.err).toContain('There is no patient "SM-999"')
    const usage = captured()
    expect(await runCli(['noms', '--db', 'demo.sqlite', '--patient', 'SM-001', '--lang', 'fr'], usage)).toBe(2)
  })
})
