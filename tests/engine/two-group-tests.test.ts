// The independent-groups tests against R: welch-t-test, student-t-test, mann-whitney-u.
import { describe, expect, it } from 'vitest'
import { welchTTest } from '../../main/engine/welch-t-test'
import { studentTTest } from '../../main/engine/student-t-test'
import { mannWhitneyU } from '../../main/engine/mann-whitney-u'
import { EngineInputError } from '../../main/engine/errors'
import { expectHtest, groupLabels, loadTestsFixtures } from './tests-fixtures'

const fx = loadTestsFixtures()

describe(`two independent groups against ${fx.meta.R}`, () => {
  for (const c of fx.twoGroups) {
    const input = { values: c.values, groups: groupLabels(c.groups) }
    it(`welchTTest matches t.test(values ~ group) on ${c.name}`, () => {
      const res = welchTTest(input)
      expect(res.groups).toEqual(c.levels)
      expectHtest(res, c.welch)
      expectHtest(welchTTest(input, { alternative: 'greater' }), c.welchGreater)
    })
    it(`studentTTest matches t.test(values ~ group, var.equal = TRUE) on ${c.name}`, () => {
      expectHtest(studentTTest(input), c.student)
    })
    it(`mannWhitneyU matches wilcox.test(values ~ group) (W, exact/normal switch, ties) on ${c.name}`, () => {
      expectHtest(mannWhitneyU(input), c.mannWhitney)
      expectHtest(mannWhitneyU(input, { correct: false }), c.mannWhitneyNoCorrection)
      expectHtest(mannWhitneyU(input, { alternative: 'less' }), c.mannWhitneyLess)
    })
  }

  it('hand-worked: W is the rank sum of the first (sorted) group minus n1(n1 + 1)/2, with average ranks for a tie', () => {
    // groups "a" < "b"; values of a: 3, 1, 5 → ranks among {1, 2, 3, 3, 5, 7}: 3.5, 1, 5 → W = 9.5 − 6
    const res = mannWhitneyU({ values: [3, 7, 1, 2, 5, 3], groups: ['a', 'b', 'a', 'b', 'a', 'b'] })
    expect(res.statistic).toBe(3.5)
    expect(res.test).toBe('Wilcoxon rank sum test with continuity correction')
    expect(res.warnings[0]!.code).toBe('EXACT_P_WITH_TIES')
  })

  it('refuses one group only, three groups, and a constant variable (clear errors)', () => {
    expect(() => welchTTest({ values: [1, 2, 3], groups: ['a', 'a', 'a'] })).toThrow(EngineInputError)
    expect(() => welchTTest({ values: [1, 2, 3], groups: ['a', 'b', 'c'] })).toThrow(/exactly two groups/)
    expect(() => welchTTest({ values: [1, 2, 3, 4], groups: ['a', 'b', 'b', 'b'] })).toThrow(/at least 2 per group/)
    expect(() => studentTTest({ values: [5, 5, 5, 5], groups: ['a', 'a', 'b', 'b'] })).toThrow(/constant/)
    expect(() => mannWhitneyU({ values: [], groups: [] })).toThrow(EngineInputError)
  })
})
