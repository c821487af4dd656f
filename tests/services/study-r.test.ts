// The study analysis of the demo registry against R: glm + MatchIt 4.7.2 + survival on the analysis
// dataset SpineMet writes (tests/fixtures/r/study-fixtures.R → tests/fixtures/r/study-demo.json).
// The propensity model, the pairs, the balance table, the Kaplan–Meier, log-rank and Cox results
// of the matched (and eligible) cohort, and the sensitivity table must equal R's to 1e-6 relative.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StudyResult, SurvivalAnalysis } from '../../main/contract/study'
import { expectClose } from '../helpers/close'
import { demoStudyApp } from './study-helpers'

interface RSurvival {
  at: { arm: string; surv: number[]; lower: number[]; upper: number[]; nRisk: number[] }[]
  median: { arm: string; n: number; events: number; median: number | null; lower: number | null; upper: number | null }[]
  logRank: { chisq: number; p: number }
  coxNaive: { coef: number; se: number; hr: number; lower: number; upper: number; p: number; n: number; events: number }
  coxStratified?: { coef: number; se: number; hr: number; lower: number; upper: number; p: number; n: number; events: number }
}
interface RBalance {
  terms: string[]
  meanTreated: number[]
  meanControl: number[]
  smd: number[]
  varianceRatio: (number | null)[]
}
interface Fixture {
  meta: Record<string, string>
  model: { terms: string[]; estimate: number[]; se: number[]; z: number[]; p: number[]; deviance: number; aic: number; studyIds: string[]; ps: number[] }
  main: {
    nPairs: number
    treated: string[]
    controls: string[][]
    subclassStudyIds: string[]
    subclass: number[]
    balanceBefore: RBalance
    balanceAfter: RBalance
    lpfs: RSurvival
    os: RSurvival
    eligibleLpfs: RSurvival
    eligibleOs: RSurvival
  }
  tables: { variable: string; beforeTest: string; beforeP: number; afterTest: string; afterP: number }[]
  sensitivity: { key: string; nPairs: number; maxAbsSmdAfter: number; hrLpfs: number; hrOs: number }[]
}

const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/r/study-demo.json'), 'utf8')) as Fixture
let app: Awaited<ReturnType<typeof demoStudyApp>>
let result: StudyResult

beforeAll(async () => {
  app = await demoStudyApp()
  result = await app.call<StudyResult>('study.run', {})
}, 60_000)
afterAll(async () => {
  await app.shutdown()
})

function compareSurvival(s: SurvivalAnalysis, r: RSurvival, label: string): void {
  for (const arm of ['HT', 'TES'] as const) {
    const at = r.at.find((a) => a.arm === arm)!
    const c = s.curves[arm]
    expectClose(c.rates.map((x) => x.surv), at.surv, 1e-6, `${label} ${arm} S(t)`)
    expectClose(c.rates.map((x) => x.lower), at.lower, 1e-6, `${label} ${arm} lower`)
    expectClose(c.rates.map((x) => x.upper), at.upper, 1e-6, `${label} ${arm} upper`)
    expect(c.rates.map((x) => x.nRisk), `${label} ${arm} at risk`).toEqual(at.nRisk)
    const med = r.median.find((m) => m.arm === arm)!
    expect([c.n, c.events]).toEqual([med.n, med.events])
    expectClose([c.median.estimate, c.median.lower, c.median.upper], [med.median, med.lower, med.upper], 1e-6, `${label} ${arm} median`)
  }
  expectClose(s.logRank.chisq, r.logRank.chisq, 1e-6, `${label} log-rank`)
  expectClose(s.logRank.p, r.logRank.p, 1e-6, `${label} log-rank p`)
  const cox = (h: SurvivalAnalysis['hazardRatioNaive'], x: RSurvival['coxNaive'], what: string) => {
    expect(h, what).not.toBeNull()
    expectClose([h!.coefficient, h!.standardError, h!.estimate, h!.lower, h!.upper, h!.p], [x.coef, x.se, x.hr, x.lower, x.upper, x.p], 1e-6, `${label} ${what}`)
    expect([h!.n, h!.events]).toEqual([x.n, x.events])
  }
  cox(s.hazardRatioNaive, r.coxNaive, 'naive Cox')
  if (r.coxStratified) cox(s.hazardRatioPaired, r.coxStratified, 'Cox stratified by pair')
}

describe('study analysis of the demo registry equals R (glm + MatchIt + survival on the --dataset file)', () => {
  it('writes the analysis dataset the R fixture was made from (regenerate both when the demo changes)', async () => {
    const run = await app.services.study.runFull({ settings: { sensitivity: false } })
    const committed = fs.readFileSync(path.join(__dirname, '../fixtures/data/study-demo-dataset.csv'), 'utf8')
    expect(app.services.study.datasetCsv(run)).toBe(committed)
  })

  it('was generated with MatchIt >= 4.6', () => {
    expect(fx.meta.MatchIt! >= '4.6').toBe(true)
  })

  it("matches glm's propensity model and fitted scores", () => {
    const m = result.propensityModel
    expect(m.coefficients.map((c) => c.term)).toEqual(fx.model.terms)
    expectClose(m.coefficients.map((c) => c.estimate), fx.model.estimate, 1e-6, 'estimate')
    expectClose(m.coefficients.map((c) => c.standardError), fx.model.se, 1e-6, 'se')
    expectClose(m.coefficients.map((c) => c.p), fx.model.p, 1e-6, 'p')
    expectClose(m.deviance, fx.model.deviance, 1e-6, 'deviance')
    expectClose(m.aic, fx.model.aic, 1e-6, 'aic')
    const psByStudy = new Map<string, number>()
    for (const p of result.matching.pairs) for (const x of [p.treated, ...p.controls]) psByStudy.set(x.studyId, x.propensityScore)
    fx.model.studyIds.forEach((id, i) => {
      if (psByStudy.has(id)) expectClose(psByStudy.get(id)!, fx.model.ps[i]!, 1e-6, `ps ${id}`)
    })
    const before = [...result.propensityDistributions.before.HT, ...result.propensityDistributions.before.TES].sort((a, b) => a - b)
    expectClose(before, [...fx.model.ps].sort((a, b) => a - b), 1e-6, 'all scores')
  })

  it("matches MatchIt's pairs (caliper 0.02 on the propensity score, 1:1, largest first) and subclasses", () => {
    expect(result.flow.matchedPairs).toBe(fx.main.nPairs)
    expect(result.matching.pairs.map((p) => p.treated.studyId)).toEqual(fx.main.treated)
    expect(result.matching.pairs.map((p) => p.controls.map((c) => c.studyId))).toEqual(fx.main.controls)
    const subclassOf = new Map(fx.main.subclassStudyIds.map((id, i) => [id, fx.main.subclass[i]!]))
    for (const p of result.matching.pairs) for (const x of [p.treated, ...p.controls]) expect(subclassOf.get(x.studyId), x.studyId).toBe(p.pairId)
  })

  it("matches MatchIt's balance table before and after matching", () => {
    for (const [side, r] of [
      ['before', fx.main.balanceBefore],
      ['after', fx.main.balanceAfter],
    ] as const) {
      expect(result.balance.rows.map((x) => x.term)).toEqual(r.terms)
      const rows = result.balance.rows.map((x) => x[side])
      expectClose(rows.map((x) => x.meanHT), r.meanTreated, 1e-6, `${side} mean HT`)
      expectClose(rows.map((x) => x.meanTES), r.meanControl, 1e-6, `${side} mean TES`)
      expectClose(rows.map((x) => x.smd), r.smd, 1e-6, `${side} SMD`)
      expectClose(rows.map((x) => x.varianceRatio), r.varianceRatio, 1e-6, `${side} variance ratio`)
    }
  })

  it('matches survfit, survdiff and coxph on the matched cohort (get_matches) and on all eligible', () => {
    compareSurvival(result.survival.matched.lpfs, fx.main.lpfs, 'matched LPFS')
    compareSurvival(result.survival.matched.os, fx.main.os, 'matched OS')
    compareSurvival(result.survival.eligible.lpfs, fx.main.eligibleLpfs, 'eligible LPFS')
    compareSurvival(result.survival.eligible.os, fx.main.eligibleOs, 'eligible OS')
    expect(result.survival.eligible.lpfs.hazardRatioPaired).toBeNull()
  })

  it("chooses Table 1 and Table 2's tests by the stated rule as R does, with R's p-values", () => {
    const variable: Record<string, string> = { spinal_level: 'spinalLevel', escc: 'bilsky', sosgoq: 'sosgoq:1.0' }
    for (const t of fx.tables) {
      const v = variable[t.variable] ?? t.variable
      const before = result.table1.rows.find((r) => r.variable === v)!.test!
      const after = result.table2.rows.find((r) => r.variable === v)!.test!
      expect([before.name, after.name], v).toEqual([t.beforeTest, t.afterTest])
      expectClose(before.p, t.beforeP, 1e-6, `${v} Table 1 p`)
      expectClose(after.p, t.afterP, 1e-6, `${v} Table 2 p`)
    }
  })

  it('matches the sensitivity table re-run in R at each caliper and with 1:2', () => {
    expect(result.sensitivity.map((r) => r.key)).toEqual(fx.sensitivity.map((r) => r.key))
    result.sensitivity.forEach((row, i) => {
      const r = fx.sensitivity[i]!
      expect(row.nPairs, row.key).toBe(r.nPairs)
      expectClose(row.maxAbsSmdAfter, r.maxAbsSmdAfter, 1e-6, `${row.key} max |SMD|`)
      expectClose(row.hazardRatio.lpfs?.estimate ?? null, r.hrLpfs, 1e-6, `${row.key} HR LPFS`)
      expectClose(row.hazardRatio.os?.estimate ?? null, r.hrOs, 1e-6, `${row.key} HR OS`)
    })
    expect(result.sensitivity.filter((r) => r.isMain).map((r) => r.key)).toEqual(['ps-0.02'])
  })
})
