// The two tests the study tables added: Shapiro–Wilk (R's shapiro.test) and Stuart–Maxwell, against
// tests/fixtures/r/study-tests.json (made by tests/fixtures/r/study-tests-fixtures.R).
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { shapiroWilk } from '../../main/engine/shapiro-wilk'
import { stuartMaxwellTest } from '../../main/engine/stuart-maxwell-test'
import { mcNemarTest } from '../../main/engine/mcnemar-test'
import { isEngineInputError } from '../../main/engine/errors'
import { describe as describeSample } from '../../main/engine/descriptive'
import { expectClose } from '../helpers/close'

interface Fixtures {
  shapiroWilk: { name: string; x: (number | null)[]; w: number; p: number }[]
  descriptive: { name: string; x: (number | null)[]; mean: number | null; sd: number | null; q1: number | null; median: number | null; q3: number | null }[]
  stuartMaxwell: { name: string; table: number[][]; statistic: number; df: number; p: number | string; mcnemarNoCorrection?: number }[]
}
const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/r/study-tests.json'), 'utf8')) as Fixtures

describe('Shapiro–Wilk', () => {
  for (const c of fx.shapiroWilk) {
    it(`matches R's shapiro.test: ${c.name}`, () => {
      const r = shapiroWilk(c.x.map((v) => (v === null ? Number.NaN : v)))
      expectClose(r.statistic, c.w, 1e-6, 'W')
      expectClose(r.p, c.p, 1e-6, 'p')
      expect(r.n).toBe(c.x.filter((v) => v !== null).length)
    })
  }

  it('refuses fewer than 3 values, more than 5000 and constant samples, as R does', () => {
    const code = (f: () => unknown): string | null => {
      try {
        f()
        return null
      } catch (e) {
        return isEngineInputError(e) ? e.code : 'other'
      }
    }
    expect(code(() => shapiroWilk([1, 2]))).toBe('TOO_FEW_VALUES')
    expect(code(() => shapiroWilk([1, Number.NaN, 2]))).toBe('TOO_FEW_VALUES')
    expect(code(() => shapiroWilk(Array.from({ length: 5001 }, (_, i) => i)))).toBe('TOO_MANY_VALUES')
    expect(code(() => shapiroWilk([4, 4, 4, 4]))).toBe('CONSTANT_VALUES')
    expect(code(() => shapiroWilk([1, 2, Number.POSITIVE_INFINITY]))).toBe('NON_FINITE_VALUE')
  })
})

describe('Stuart–Maxwell', () => {
  for (const c of fx.stuartMaxwell) {
    it(`matches the textbook statistic computed in R: ${c.name}`, () => {
      const r = stuartMaxwellTest({ table: c.table })
      expectClose(r.statistic, c.statistic, 1e-6, 'statistic')
      expect(r.df).toBe(c.df)
      if (c.df === 0) {
        expect(Number.isNaN(r.p)).toBe(true)
        expect(r.warnings.map((w) => w.code)).toEqual(['NO_DISCORDANT_PAIRS'])
      } else {
        expectClose(r.p, c.p as number, 1e-6, 'p')
      }
      if (c.mcnemarNoCorrection !== undefined) {
        expectClose(r.statistic, c.mcnemarNoCorrection, 1e-12, 'McNemar')
        expectClose(r.statistic, mcNemarTest({ table: c.table }, { correct: false }).statistic, 1e-12, 'engine McNemar')
      }
    })
  }

  it('takes paired labels and orders the categories as factor()', () => {
    const r = stuartMaxwellTest({ x: ['B', 'C', 'C', 'D', 'B', 'D'], y: ['C', 'C', 'D', 'D', 'D', 'C'] })
    expect(r.groups).toEqual(['B', 'C', 'D'])
    expect(r.n).toBe(6)
  })
})

describe('descriptive statistics', () => {
  for (const c of fx.descriptive) {
    it(`matches R's mean, sd and quantile(type = 7): ${c.name}`, () => {
      const r = describeSample(c.x.map((v) => (v === null ? Number.NaN : v)))
      expectClose(r.mean, c.mean, 1e-12, 'mean')
      expectClose(r.sd, c.sd, 1e-12, 'sd')
      expectClose([r.q1, r.median, r.q3], [c.q1, c.median, c.q3], 1e-12, 'quartiles')
      expect(r.missing).toBe(c.x.filter((v) => v === null).length)
    })
  }
  it('gives nulls for an empty sample', () => {
    expect(describeSample([Number.NaN])).toMatchObject({ n: 0, missing: 1, mean: null, sd: null, median: null })
  })
})
