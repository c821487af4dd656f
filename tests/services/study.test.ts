// The study service on the demo registry (shaped like the reference study): the patient flow and
// Table 1 as the paper reports them, settings saved with the registry, saved analyses that notice
// a changed registry, CSV tables, cancelling, switching criteria, SOSG-OQ versions never pooled,
// and clear errors.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StudyAnalysisSummary, StudyResult, StudySettingsView, StudyTableCsv, TableRow } from '../../main/contract/study'
import { DEFAULT_STUDY_SETTINGS } from '../../main/contract/study'
import { readMeta } from '../../main/db/repositories/registry-meta'
import { CRITERIA } from '../../main/domain/eligibility'
import { demoStudyApp } from './study-helpers'

let app: Awaited<ReturnType<typeof demoStudyApp>>
let result: StudyResult

beforeAll(async () => {
  app = await demoStudyApp()
  result = await app.call<StudyResult>('study.run', {})
}, 60_000)
afterAll(async () => {
  await app.shutdown()
})

const failure = async (method: string, input: unknown) => {
  const r = await app.dispatch(method, input)
  expect(r.ok, `${method} should fail`).toBe(false)
  return (r as { ok: false; error: { code: string; message: string; field?: string } }).error
}
const categorical = (rows: TableRow[], variable: string) => rows.find((r) => r.variable === variable) as Extract<TableRow, { kind: 'categorical' }>
const counts = (row: Extract<TableRow, { kind: 'categorical' }>, arm: 'HT' | 'TES') => Object.fromEntries(row.levels.map((l, i) => [l, row.counts[arm][i]!.n]))

describe('study flow and Table 1 on the demo registry', () => {
  it('screens 215 patients and keeps 157 (64 HT, 93 TES), each excluded patient under one stated reason', () => {
    const f = result.flow
    expect(f.screened).toBe(215)
    expect(f.eligible).toEqual({ HT: 64, TES: 93 })
    expect(f.excluded.reduce((n, e) => n + e.count, 0)).toBe(215 - 157)
    expect(Object.fromEntries(f.excluded.map((e) => [e.key, e.count]))).toEqual({
      treatmentPeriod: 4,
      solitaryMetastasis: 7,
      thoracicOrLumbar: 5,
      highGradeEscc: 6,
      radioresistantHistology: 7,
      tokuhashi9to11: 8,
      ecogAtMost3: 3,
      treatedWithHtOrTes: 2,
      caseDataComplete: 3,
      noSurgicalContraindication: 2,
      primaryControlled: 3,
      noOtherMetastases: 5,
      noPreviousSpinalResection: 3,
    })
    for (const e of f.excluded) {
      expect(e.studyIds).toHaveLength(e.count)
      expect(e.patientIds).toHaveLength(e.count)
    }
    expect(f.matched.HT + f.unmatched.HT.count).toBe(64)
    expect(f.matched.TES + f.unmatched.TES.count).toBe(93)
    expect(f.matchedPairs).toBe(result.matching.pairs.length)
    expect(result.matching.pairs.every((p) => p.scoreDifferences.every((d) => d <= 0.02))).toBe(true)
  })

  it("gives Table 1's category counts exactly as the reference study reports them", () => {
    const t = result.table1.rows
    expect(result.table1.n).toEqual({ HT: 64, TES: 93 })
    expect(counts(categorical(t, 'sex'), 'HT')).toEqual({ male: 51, female: 13 })
    expect(counts(categorical(t, 'sex'), 'TES')).toEqual({ male: 70, female: 23 })
    expect(counts(categorical(t, 'spinalLevel'), 'HT')).toEqual({ thoracic: 46, lumbar: 18 })
    expect(counts(categorical(t, 'spinalLevel'), 'TES')).toEqual({ thoracic: 66, lumbar: 27 })
    expect(counts(categorical(t, 'histology'), 'HT')).toEqual({ kidney: 24, thyroid: 19, liver: 4, rectum: 4, colon: 10, melanoma: 3 })
    expect(counts(categorical(t, 'histology'), 'TES')).toEqual({ kidney: 34, thyroid: 22, liver: 8, rectum: 9, colon: 13, melanoma: 7 })
    expect(counts(categorical(t, 'ecog'), 'HT')).toEqual({ 1: 10, 2: 33, 3: 21 })
    expect(counts(categorical(t, 'ecog'), 'TES')).toEqual({ 1: 14, 2: 45, 3: 34 })
    expect(counts(categorical(t, 'bilsky'), 'HT')).toEqual({ 2: 45, 3: 19 })
    expect(counts(categorical(t, 'bilsky'), 'TES')).toEqual({ 2: 62, 3: 31 })
    expect(counts(categorical(t, 'asia'), 'HT')).toEqual({ B: 13, C: 24, D: 27 })
    expect(counts(categorical(t, 'asia'), 'TES')).toEqual({ B: 24, C: 33, D: 36 })
    expect(categorical(t, 'sex').counts.HT[0]!.proportion).toBeCloseTo(51 / 64, 12)
  })

  it('names the test of every row by the stated rule, and pairs are respected after matching', () => {
    for (const row of result.table1.rows) expect(row.test?.reason, row.variable).toMatch(/Welch|Mann–Whitney|chi-square|Fisher/)
    for (const row of result.table2.rows) expect(row.test?.reason, row.variable).toMatch(/Paired t|Wilcoxon signed-rank|McNemar|Stuart–Maxwell/)
    const age = result.table1.rows.find((r) => r.variable === 'age') as Extract<TableRow, { kind: 'continuous' }>
    expect(age.normality.HT?.p).not.toBeNull()
    expect(age.display).toBe(age.test!.method.includes('t-test') ? 'mean-sd' : 'median-iqr')
    expect(result.table1.footnotes.join(' ')).toContain("Cochran's rule")
    expect(result.table2.footnotes.join(' ')).toContain('pair differences')
    // Table 2's summaries describe the matched patients only.
    expect(result.table2.n).toEqual(result.flow.matched)
  })

  it('reports provenance: versions, data hash, patient count; the model shows how each covariate enters', () => {
    const p = result.provenance
    expect(p.patientCount).toBe(215)
    expect(p.dataHash).toMatch(/^[0-9a-f]{64}$/)
    expect(p.registryChangedSince).toBe(false)
    expect(p.settings).toEqual(DEFAULT_STUDY_SETTINGS)
    const ecog = result.propensityModel.covariates.find((c) => c.id === 'ecog')!
    expect(ecog).toMatchObject({ entry: 'factor', reference: '1', columns: ['ecog2', 'ecog3'] })
    expect(result.propensityModel.covariates.find((c) => c.id === 'age')).toMatchObject({ entry: 'numeric', columns: ['age'], levels: [] })
    expect(result.propensityModel.covariates).toHaveLength(11)
    expect(result.matching.rCall).toContain('caliper = 0.02, std.caliper = FALSE')
    expect(result.matching.rCall).toContain('m.order = "largest"')
  })
})

describe('study settings', () => {
  it('are the reference study defaults until saved; saved ones live in the registry and drive the next run', async () => {
    const initial = await app.call<StudySettingsView>('study.settings', {})
    expect(initial.saved).toBe(false)
    expect(initial.settings.caliper).toEqual({ scale: 'propensity', width: 0.02 })
    expect(initial.covariates).toHaveLength(11)
    const saved = await app.call<StudySettingsView>('study.saveSettings', { settings: { caliper: { scale: 'logitSd', width: 0.2 } } })
    expect(saved.saved).toBe(true)
    expect(saved.settings.caliper).toEqual({ scale: 'logitSd', width: 0.2 })
    expect(JSON.parse(readMeta(app.services.session.requireDb())['study.settings']!).caliper).toEqual({ scale: 'logitSd', width: 0.2 })
    const r = await app.call<StudyResult>('study.run', { settings: { sensitivity: false } })
    expect(r.provenance.settings.caliper).toEqual({ scale: 'logitSd', width: 0.2 })
    expect(r.matching.distance).toBe('logit')
    expect(r.matching.caliperLogit).toBeCloseTo(0.2 * r.matching.logitSd, 12)
    expect(r.flow.matchedPairs).toBe(result.sensitivity.find((s) => s.key === 'logit-0.2')!.nPairs)
    const reset = await app.call<StudySettingsView>('study.saveSettings', { reset: true })
    expect(reset.settings).toEqual(DEFAULT_STUDY_SETTINGS)
  })

  it('refuses impossible settings with the field named', async () => {
    const e = await failure('study.saveSettings', { settings: { covariates: [{ id: 'sex', entry: 'numeric' }] } })
    expect(e.code).toBe('INVALID_INPUT')
    expect(e.field).toContain('covariates')
    const e2 = await failure('study.run', { settings: { protocol: { tokuhashiMin: 12, tokuhashiMax: 9 } } })
    expect(e2).toMatchObject({ code: 'INVALID_INPUT', field: 'protocol.tokuhashiMin' })
  })

  it('lets each criterion be switched off: without the Tokuhashi band its 8 patients are eligible or excluded for a later reason', async () => {
    const r = await app.call<StudyResult>('study.run', { settings: { criteria: { tokuhashi9to11: false }, sensitivity: false } })
    const before = result.flow.excluded.find((e) => e.key === 'tokuhashi9to11')!.studyIds
    const laterBox = new Map(r.flow.excluded.flatMap((e) => e.studyIds.map((id) => [id, e.key] as const)))
    const nowEligible = before.filter((id) => !laterBox.has(id))
    expect(nowEligible.length).toBeGreaterThan(0)
    expect(r.flow.eligible.HT + r.flow.eligible.TES).toBe(157 + nowEligible.length)
    const later: string[] = CRITERIA.slice(CRITERIA.indexOf('tokuhashi9to11') + 1)
    for (const id of before.filter((x) => laterBox.has(x))) expect(later).toContain(laterBox.get(id))
    expect(r.flow.excluded.find((e) => e.key === 'tokuhashi9to11')).toBeUndefined()
    expect(r.flow.failingByCriterion.find((c) => c.criterion === 'tokuhashi9to11')).toBeUndefined()
  })
})

describe('saved analyses', () => {
  it('keep settings, data hash, versions and result, and say when the registry has changed since', async () => {
    const run = await app.call<StudyResult>('study.run', { save: true, label: 'reference settings', settings: { sensitivity: false } })
    const id = run.provenance.analysisId!
    expect(id).toBeGreaterThan(0)
    let list = await app.call<StudyAnalysisSummary[]>('study.analyses', {})
    expect(list[0]).toMatchObject({ id, label: 'reference settings', patientCount: 215, eligible: { HT: 64, TES: 93 }, matchedPairs: run.flow.matchedPairs, registryChangedSince: false })
    const stored = await app.call<StudyResult>('study.analysis', { id })
    expect(stored.table1).toEqual(run.table1)
    expect(stored.provenance.registryChangedSince).toBe(false)

    const someone = run.flow.excluded[0]!.patientIds[0]!
    await app.call('patients.update', { id: someone, path: 'patient.ageYears', value: 61 })
    list = await app.call<StudyAnalysisSummary[]>('study.analyses', {})
    expect(list[0]!.registryChangedSince).toBe(true)
    expect((await app.call<StudyResult>('study.analysis', { id })).provenance.registryChangedSince).toBe(true)

    await app.call('study.deleteAnalysis', { id })
    expect(await app.call<StudyAnalysisSummary[]>('study.analyses', {})).toEqual([])
    expect((await failure('study.analysis', { id })).code).toBe('NOT_FOUND')
  })
})

describe('CSV tables', () => {
  it('exports a table of the last run as CSV with raw numbers, and saves it where the user chooses', async () => {
    await app.call<StudyResult>('study.run', {})
    const t1 = await app.call<StudyTableCsv>('study.exportTable', { table: 'table1' })
    expect(t1.csv.startsWith('\uFEFFvariable,label,level')).toBe(true)
    expect(t1.csv).toContain('histology,Histology,kidney')
    const target = path.join(app.host.dir, 'pairs.csv')
    app.host.dialogs.save.push(target)
    const pairs = await app.call<StudyTableCsv>('study.exportTable', { table: 'pairs', save: true })
    expect(pairs.path).toBe(target)
    expect(pairs.rows).toBe(result.matching.nPairs)
    const lines = fs.readFileSync(target, 'utf8').trim().split('\r\n')
    expect(lines).toHaveLength(result.matching.nPairs + 1)
    const first = result.matching.pairs[0]!
    expect(lines[1]).toBe(`1,${first.treated.studyId},${first.treated.propensityScore},${first.controls[0]!.studyId},${first.controls[0]!.propensityScore},${first.scoreDifferences[0]}`)
  })
})

describe('running the analysis', () => {
  it('can be cancelled while it runs', async () => {
    const running = app.dispatch('study.run', {})
    let settled = false
    void running.then(() => (settled = true))
    // The demo analysis takes tens of milliseconds: ask to cancel every millisecond until it is taken.
    let cancelled = false
    while (!settled && !cancelled) {
      cancelled = await app.call<boolean>('study.cancel', {})
      if (!cancelled) await new Promise((resolve) => setTimeout(resolve, 1))
    }
    expect(cancelled).toBe(true)
    const r = await running
    expect(r.ok).toBe(false)
    expect((r as { ok: false; error: { code: string } }).error.code).toBe('CANCELLED')
    expect(await app.call<boolean>('study.cancel', {})).toBe(false)
    // The next run works (a fresh worker takes the cancelled one's place).
    expect((await app.call<StudyResult>('study.run', { settings: { sensitivity: false } })).flow.screened).toBe(215)
  })

  it('reports progress as job.progress events', async () => {
    app.host.events.length = 0
    await app.call<StudyResult>('study.run', { settings: { sensitivity: false } })
    const labels = app.host.events.filter((e) => e.event === 'job.progress').map((e) => (e.payload as { label: string }).label)
    expect(labels).toContain('Study analysis: Propensity model and matching')
    expect(labels[labels.length - 1]).toBe('Study analysis: done')
  })

  it('reads the registry again only after it changed (a re-run with another caliper reuses the rows)', async () => {
    const labels = () => app.host.events.filter((e) => e.event === 'job.progress').map((e) => (e.payload as { label: string }).label)
    const someone = result.flow.excluded[0]!.patientIds[0]!
    await app.call('patients.update', { id: someone, path: 'patient.ageYears', value: 62 })
    app.host.events.length = 0
    const first = await app.call<StudyResult>('study.run', { settings: { sensitivity: false } })
    expect(labels()).toContain('Study analysis: reading the registry')
    app.host.events.length = 0
    const again = await app.call<StudyResult>('study.run', { settings: { sensitivity: false, caliper: { scale: 'propensity', width: 0.05 } } })
    expect(labels()).not.toContain('Study analysis: reading the registry')
    expect(again.provenance.dataHash).toBe(first.provenance.dataHash)
    await app.call('patients.update', { id: someone, path: 'patient.ageYears', value: 63 })
    const changed = await app.call<StudyResult>('study.run', { settings: { sensitivity: false } })
    expect(changed.provenance.dataHash).not.toBe(first.provenance.dataHash)
  })

  it('never pools SOSG-OQ versions: a mixed cohort drops it from the model and shows one row per version', async () => {
    const id = result.matching.pairs[0]!.treated.patientId
    await app.call('patients.update', { id, path: 'preop.sosgoqAnswers', value: null })
    await app.call('patients.update', { id, path: 'preop.sosgoqEnteredTotal', value: 55 })
    await app.call('patients.update', { id, path: 'preop.sosgoqVersion', value: '2.0' })
    const r = await app.call<StudyResult>('study.run', { settings: { sensitivity: false } })
    expect(r.warnings.map((w) => w.code)).toContain('SOSGOQ_MIXED_VERSIONS')
    expect(r.propensityModel.covariates.map((c) => c.id)).not.toContain('sosgoq')
    expect(r.table1.rows.map((x) => x.variable).filter((v) => v.startsWith('sosgoq'))).toEqual(['sosgoq:1.0', 'sosgoq:2.0'])
    const v2 = r.table1.rows.find((x) => x.variable === 'sosgoq:2.0') as Extract<TableRow, { kind: 'continuous' }>
    expect(v2.arms.HT.n + v2.arms.TES.n).toBe(1)
    expect(v2.note).toContain('never pooled')
  })

  it("reads the registry's radiosensitivity setting, as the NOMS summary does: a histology set to moderately sensitive leaves the study", async () => {
    const before = await app.call<StudyResult>('study.run', { settings: { sensitivity: false } })
    const kidney = categorical(before.table1.rows, 'histology')
    const kidneyEligible = counts(kidney, 'HT').kidney! + counts(kidney, 'TES').kidney!
    expect(kidneyEligible).toBeGreaterThan(0)
    const radioresistantExcluded = (r: StudyResult) => r.flow.excluded.find((e) => e.key === 'radioresistantHistology')?.count ?? 0

    await app.call('settings.update', { radiosensitivity: { kidney: 'moderate' } })
    const after = await app.call<StudyResult>('study.run', { settings: { sensitivity: false } })
    expect(after.flow.eligible.HT + after.flow.eligible.TES).toBe(before.flow.eligible.HT + before.flow.eligible.TES - kidneyEligible)
    expect(radioresistantExcluded(after)).toBeGreaterThanOrEqual(radioresistantExcluded(before) + kidneyEligible)
    expect(categorical(after.table1.rows, 'histology').levels).not.toContain('kidney')
    expect(after.provenance.dataHash).not.toBe(before.provenance.dataHash)
    // The record view and the patient list's cached status say the same.
    const someone = after.flow.excluded.find((e) => e.key === 'radioresistantHistology')!.patientIds.find((id) => !before.flow.excluded.some((e) => e.patientIds.includes(id)))!
    const view = await app.call<{ eligibility: { criteria: Record<string, boolean | null>; status: string }; derived: { radiosensitivity: unknown } }>('patients.get', { id: someone })
    expect(view.eligibility.criteria.radioresistantHistology).toBe(false)
    expect(view.derived.radiosensitivity).toEqual({ value: 'sensitive', source: 'registrySetting', histologyClass: 'moderate' })
    const page = await app.call<{ rows: { id: number; eligibility: string }[] }>('patients.list', { eligibility: 'eligible', limit: 1000 })
    expect(page.rows.map((r) => r.id)).not.toContain(someone)

    await app.call('settings.update', { radiosensitivity: { kidney: null } })
    const reset = await app.call<StudyResult>('study.run', { settings: { sensitivity: false } })
    expect(reset.flow.eligible).toEqual(before.flow.eligible)
    expect(reset.provenance.dataHash).toBe(before.provenance.dataHash)
    const list = await app.call<{ rows: { id: number }[] }>('patients.list', { eligibility: 'eligible', limit: 1000 })
    expect(list.rows.map((r) => r.id)).toContain(someone)
  })

  it('says clearly when an arm has no eligible patient', async () => {
    const e = await failure('study.run', { settings: { protocol: { treatmentFrom: '2030-01-01', treatmentTo: '2030-12-31' } } })
    expect(e.code).toBe('ENGINE_INPUT')
    expect(e.message).toContain('no HT patient is eligible')
  })
})

describe('why covariates are missing', () => {
  it('counts, per missing covariate of the excluded patients, the missing-data codes of its fields', async () => {
    const [a, b, c] = result.matching.pairs.slice(0, 3).map((p) => p.treated.patientId)
    await app.call('patients.update', { id: a, path: 'preop.sinsLocation', value: null })
    await app.call('patients.setMissingCode', { id: a, path: 'preop.sinsLocation', code: 'notDone' })
    await app.call('patients.update', { id: b, path: 'preop.sinsPain', value: null })
    await app.call('patients.setMissingCode', { id: b, path: 'preop.sinsPain', code: 'notDone' })
    await app.call('patients.update', { id: c, path: 'preop.vasPain', value: null })
    await app.call('patients.setMissingCode', { id: c, path: 'preop.vasPain', code: 'unknown' })
    const r = await app.call<StudyResult>('study.run', { settings: { sensitivity: false } })
    // a coded field leaves the case data not intact: the box says which covariates, and why
    const box = r.flow.excluded.find((e) => e.key === 'caseDataComplete')!
    expect(box.count).toBe(result.flow.excluded.find((e) => e.key === 'caseDataComplete')!.count + 3)
    expect(box.missingReasons).toEqual(expect.arrayContaining([
      { covariate: 'sins', reasons: { notDone: 2 } },
      { covariate: 'vas', reasons: { unknown: 1 } },
    ]))
    // with that criterion off, they are excluded for the missing covariates, with the same reasons
    const off = await app.call<StudyResult>('study.run', { settings: { sensitivity: false, criteria: { caseDataComplete: false } } })
    const missing = off.flow.excluded.find((e) => e.key === 'missingCovariate')!
    expect(box.patientIds).toEqual(expect.arrayContaining([a, b, c]))
    expect(missing.patientIds).toEqual(expect.arrayContaining([a, b, c]))
    expect(missing.missingReasons).toEqual(expect.arrayContaining([
      { covariate: 'sins', reasons: { notDone: 2 } },
      { covariate: 'vas', reasons: { unknown: 1 } },
    ]))
  })
})
