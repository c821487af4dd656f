import { describe, expect, it } from 'vitest'
import { coxProportionalHazards } from '@engine/cox-ph'
import type { CovariateColumn } from '@engine/model-matrix'
import { EngineInputError } from '@engine/errors'
import { expectClose } from '../helpers/close'
import { codesOf, loadSurvivalFixture, type RNum } from './survival-fixtures'

interface CoxCase {
  name: string
  rCall: string
  ties: 'efron' | 'breslow'
  control: { eps: number; tolerChol: number; iterMax: number; tolerInf: number }
  data: {
    time: number[]
    event: number[]
    covariates: ({ name: string; kind: 'numeric'; values: number[] } | { name: string; kind: 'factor'; values: string[]; levels: string[] })[]
    strata: string[] | null
  }
  n: number
  events: number
  terms: string[]
  coef: RNum[]
  se: RNum[]
  hr: RNum[]
  lower: RNum[]
  upper: RNum[]
  z: RNum[]
  p: RNum[]
  var: number[][]
  means: number[]
  loglik: number[]
  lrt: { chisq: number; df: number; p: number }
  wald: { chisq: number; df: number; p: number }
  score: { chisq: number; df: number; p: number }
  iter: number
  concordance: { concordant: number; discordant: number; tiedX: number; tiedY: number; tiedXY: number; concordance: number; std: number }
  linearPredictors: number[]
  warnings: string[]
}

const fixture = loadSurvivalFixture<CoxCase>('cox')

function coxInputFromCase(c: CoxCase) {
  const covariates: CovariateColumn[] = c.data.covariates.map((v) =>
    v.kind === 'numeric' ? { name: v.name, type: 'numeric', values: v.values } : { name: v.name, type: 'factor', codes: codesOf(v.values, v.levels), levels: v.levels },
  )
  const strataLevels = c.data.strata ? [...new Set(c.data.strata)].sort() : null
  return {
    time: c.data.time,
    event: c.data.event,
    covariates,
    strata: c.data.strata ? { codes: codesOf(c.data.strata, strataLevels!), levels: strataLevels! } : undefined,
  }
}

describe('coxProportionalHazards against survival::coxph (R fixtures)', () => {
  for (const c of fixture.cases) {
    it(`matches survival::coxph(ties = "${c.ties}") on ${c.name}: ${c.rCall}${c.control.iterMax !== 20 ? ` with iter.max = ${c.control.iterMax}` : ''}`, () => {
      const res = coxProportionalHazards(coxInputFromCase(c), { ties: c.ties, iterMax: c.control.iterMax })
      expect(res.n.used).toBe(c.n)
      expect(res.events).toBe(c.events)
      expect(res.terms.map((t) => t.term)).toEqual(c.terms)
      expect(res.iterations).toBe(c.iter)
      // Even the separated (infinite) coefficient agrees: the Newton path is the same step for step.
      const rel = 1e-6
      expectClose(res.terms.map((t) => t.coefficient), c.coef, rel, 'coef')
      expectClose(res.terms.map((t) => t.standardError), c.se, rel, 'se')
      expectClose(res.terms.map((t) => t.hazardRatio.estimate), c.hr, rel, 'hr')
      expectClose(res.terms.map((t) => t.hazardRatio.lower), c.lower, rel, 'lower')
      expectClose(res.terms.map((t) => t.hazardRatio.upper), c.upper, rel, 'upper')
      expectClose(res.terms.map((t) => t.z), c.z, rel, 'z')
      expectClose(res.terms.map((t) => t.p), c.p, 1e-6, 'p')
      expectClose(res.variance.flat(), c.var.flat(), rel, 'var', 1e-15)
      expectClose(res.means, c.means, 1e-12, 'means')
      expectClose(res.logLikelihood, c.loglik, 1e-10, 'loglik')
      expectClose(res.likelihoodRatioTest.chisq, c.lrt.chisq, 1e-6, 'LRT')
      expect(res.likelihoodRatioTest.df).toBe(c.lrt.df)
      expectClose(res.likelihoodRatioTest.p, c.lrt.p, 1e-6, 'LRT p')
      expectClose(res.waldTest.chisq, c.wald.chisq, rel, 'Wald')
      expectClose(res.waldTest.p, c.wald.p, 1e-6, 'Wald p')
      expectClose(res.scoreTest.chisq, c.score.chisq, 1e-9, 'score')
      expectClose(res.scoreTest.p, c.score.p, 1e-8, 'score p')
      const k = res.concordance
      expect([k.concordant, k.discordant, k.tiedX, k.tiedY, k.tiedXY]).toEqual([
        c.concordance.concordant,
        c.concordance.discordant,
        c.concordance.tiedX,
        c.concordance.tiedY,
        c.concordance.tiedXY,
      ])
      expectClose(k.concordance, c.concordance.concordance, 1e-12, 'concordance')
      expectClose(k.std, c.concordance.std, 1e-8, 'concordance std', 1e-12)
      expectClose(res.linearPredictors, c.linearPredictors, 1e-6, 'lp', 1e-9)
      // every R warning has its counterpart
      const codes = res.warnings.map((w) => w.code)
      for (const w of c.warnings) {
        if (/Ran out of iterations/.test(w)) expect(codes).toContain('NOT_CONVERGED')
        else if (/coefficient may be infinite/.test(w)) expect(codes).toContain('INFINITE_COEFFICIENT')
        else throw new Error(`unmapped R warning: ${w}`)
      }
      if (c.coef.some((b) => b === null)) expect(codes).toContain('SINGULAR_COLUMN')
      if (c.warnings.length === 0 && !c.coef.some((b) => b === null)) expect(res.warnings).toEqual([])
    })
  }
})

describe('coxProportionalHazards edge cases', () => {
  const sep = fixture.cases.find((c) => c.name === 'separation')!
  it('names the separated covariate in the infinite-coefficient warning, as R\'s "Loglik converged before variable 1"', () => {
    const res = coxProportionalHazards(coxInputFromCase(sep))
    const w = res.warnings.find((x) => x.code === 'INFINITE_COEFFICIENT')!
    expect(w.term).toBe('x')
    expect(w.message).toMatch(/Loglik converged before variable 1 \(x\); coefficient may be infinite/)
  })
  it('reports a constant covariate as NA (null) with a SINGULAR_COLUMN warning, like coxph', () => {
    const res = coxProportionalHazards({ time: [5, 3, 8, 2, 9, 4, 7, 6], event: [1, 1, 0, 1, 1, 0, 1, 1], covariates: [
      { name: 'age', type: 'numeric', values: [60, 55, 70, 48, 66, 59, 51, 62] },
      { name: 'k', type: 'numeric', values: [2, 2, 2, 2, 2, 2, 2, 2] },
    ] })
    expect(res.terms[1]).toMatchObject({ term: 'k', coefficient: null, standardError: null, z: null, p: null })
    expect(res.warnings.map((w) => w.code)).toEqual(['SINGULAR_COLUMN'])
    expect(res.likelihoodRatioTest.df).toBe(1)
  })
  it('excludes rows with a missing covariate and counts them', () => {
    const res = coxProportionalHazards({ time: [5, 3, 8, 2, 9, 4, 7], event: [1, 1, 0, 1, 1, 0, 1], covariates: [{ name: 'z', type: 'numeric', values: [1, 0, NaN, 2, 0.5, 1.5, 3] }] })
    expect(res.n).toEqual({ used: 6, excluded: 1 })
    expect(Number.isNaN(res.linearPredictors[2]!)).toBe(true)
  })
  it('names factor columns as model.matrix does and refuses a one-level factor', () => {
    const res = coxProportionalHazards({ time: [5, 3, 8, 2, 9, 4, 7, 6], event: [1, 1, 0, 1, 1, 0, 1, 1], covariates: [
      { name: 'race', type: 'factor', codes: [0, 1, 2, 0, 1, 2, 0, 1], levels: ['asian', 'black', 'white'] },
    ] })
    expect(res.terms.map((t) => t.term)).toEqual(['raceblack', 'racewhite'])
    expect(() => coxProportionalHazards({ time: [1, 2], event: [1, 1], covariates: [{ name: 's', type: 'factor', codes: [0, 0], levels: ['m'] }] })).toThrow(EngineInputError)
  })
})
