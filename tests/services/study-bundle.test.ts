// The reproducibility bundle of the demo analysis: reproduce.R recomputes every number it lists
// with R and must agree with SpineMet to 1e-6 relative — through MatchIt where a correct one is
// installed (a library named by SPINEMET_R_LIB, e.g. one built with MatchIt 4.7.2), and through the
// bundle's pair ids where it is not (CI has only r-base-core and r-cran-survival). Skipped, saying so, only when Rscript is absent.
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BUNDLE_FILES, writeStudyBundle } from '../../main/services/study-report/bundle'
import type { StudyResult } from '../../main/contract/study'
import { demoStudyApp } from './study-helpers'

function hasRscript(): boolean {
  try {
    execFileSync('Rscript', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
const R = hasRscript()
if (!R) console.warn('Rscript is not installed: the reproduce.R checks of the study bundle are SKIPPED.')
const MATCHIT_LIB = process.env.SPINEMET_R_LIB ?? ''
const matchitThere =
  R && MATCHIT_LIB !== '' && fs.existsSync(MATCHIT_LIB) && spawnSync('Rscript', ['-e', 'q(status = if (requireNamespace("MatchIt", quietly = TRUE) && packageVersion("MatchIt") >= "4.5.4") 0 else 1)'], { env: { ...process.env, R_LIBS: MATCHIT_LIB } }).status === 0

let dir = ''
let result: StudyResult
beforeAll(async () => {
  const app = await demoStudyApp()
  try {
    const run = await app.services.study.runFull({})
    result = run.result
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-bundle-'))
    writeStudyBundle(dir, run)
  } finally {
    await app.shutdown()
  }
}, 120_000)
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

function reproduce(env: Record<string, string>): { status: number | null; out: string; summary: Record<string, number> } {
  const r = spawnSync('Rscript', [path.join(dir, BUNDLE_FILES.script)], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 300_000 })
  const out = `${r.stdout}${r.stderr}`
  const line = /RESULT (.*)/.exec(out)?.[1] ?? ''
  const summary = Object.fromEntries(line.split(' ').map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]))
  return { status: r.status, out, summary }
}

describe('study reproducibility bundle', () => {
  it('writes a de-identified dataset with one row per screened patient, the result as JSON and reproduce.R', () => {
    const csv = fs.readFileSync(path.join(dir, BUNDLE_FILES.dataset), 'utf8').replace(/^\uFEFF/, '')
    const [header, ...lines] = csv.trim().split(/\r?\n/)
    expect(lines).toHaveLength(result.provenance.patientCount)
    expect(header).toMatch(/^study_id,arm,eligible,/)
    expect(header).not.toMatch(/name|hospital|birth/i)
    expect(JSON.parse(fs.readFileSync(path.join(dir, BUNDLE_FILES.results), 'utf8'))).toEqual(result)
    expect(fs.readFileSync(path.join(dir, BUNDLE_FILES.script), 'utf8')).toContain(result.propensityModel.formula)
  })

  it.skipIf(!R)('reproduce.R agrees within 1e-6 on every number, with the bundle pair ids (no MatchIt)', () => {
    const r = reproduce({ SPINEMET_IGNORE_MATCHIT: '1', R_LIBS: '' })
    expect(r.out).toContain("the analyses after matching use the bundle's pair ids")
    expect(r.summary.differing, r.out).toBe(0)
    expect(r.summary.compared).toBeGreaterThan(800)
    expect(r.status).toBe(0)
  }, 300_000)

  it.skipIf(!matchitThere)('reproduce.R agrees within 1e-6 on every number when MatchIt re-matches (sensitivity rows included)', () => {
    const r = reproduce({ R_LIBS: MATCHIT_LIB })
    expect(r.out).toMatch(/MatchIt [\d.]+ re-matches the cohort/)
    expect(r.summary.differing, r.out).toBe(0)
    expect(r.summary.not_recomputed).toBe(0)
    expect(r.status).toBe(0)
  }, 300_000)
})
