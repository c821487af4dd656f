// The contingency-table tests against R: chi-square-test, fisher-exact-test, mcnemar-test,
// symmetry-test.
import { describe, expect, it } from 'vitest'
import { expectClose } from '../helpers/close'
import { chiSquareTest } from '../../main/engine/chi-square-test'
import { fisherExactTest } from '../../main/engine/fisher-exact-test'
import { mcNemarTest } from '../../main/engine/mcnemar-test'
import { symmetryTest } from '../../main/engine/symmetry-test'
import { EngineInputError } from '../../main/engine/errors'
import { expectHtest, loadTestsFixtures } from './tests-fixtures'

const fx = loadTestsFixtures()

describe(`contingency tables against ${fx.meta.R}`, () => {
  for (const c of fx.tables) {
    const dims = `${c.table.length}×${c.table[0]!.length}`
    if (c.chisq) {
      it(`chiSquareTest matches chisq.test(table) (Yates min(0.5, |O − E|), small-E warning) on ${c.name}`, () => {
        const res = chiSquareTest({ table: c.table })
        expectHtest(res, c.chisq!)
        expectClose(res.expected.flat(), c.chisq!.expected.flat(), 1e-12, 'expected')
        expectHtest(chiSquareTest({ table: c.table }, { correct: false }), c.chisqNoCorrection!)
      })
    }
    if (c.fisher) {
      it(`fisherExactTest matches fisher.test(table) on ${c.name} (${dims})`, () => {
        const res = fisherExactTest({ table: c.table })
        expectHtest(res, c.fisher!)
        if (c.fisher_less) expectHtest(fisherExactTest({ table: c.table }, { alternative: 'less' }), c.fisher_less)
        if (c.fisher_greater) expectHtest(fisherExactTest({ table: c.table }, { alternative: 'greater' }), c.fisher_greater)
      })
    }
    if (c.mcnemar) {
      const k = c.table.length
      it(`${k === 2 ? 'mcNemarTest' : 'symmetryTest (Bowker)'} matches mcnemar.test(table) on ${c.name}`, () => {
        if (k === 2) {
          expectHtest(mcNemarTest({ table: c.table }), c.mcnemar!)
          expectHtest(mcNemarTest({ table: c.table }, { correct: false }), c.mcnemarNoCorrection!)
          expectHtest(symmetryTest({ table: c.table }), c.mcnemarNoCorrection!)
        } else {
          const res = symmetryTest({ table: c.table })
          expectHtest(res, c.mcnemar!)
          if (Number.isNaN(res.p)) expect(res.warnings.map((w) => w.code)).toContain('EMPTY_DISCORDANT_PAIR')
        }
      })
    }
  }

  it('builds the table from labels with groups and categories in R factor() order', () => {
    const res = chiSquareTest({ rows: ['b', 'a', 'a', 'b', 'a'], columns: ['y', 'x', 'y', 'y', 'x'] })
    expect(res.groups).toEqual(['a', 'b'])
    expect(res.columnLevels).toEqual(['x', 'y'])
    expect(res.nByGroup).toEqual([3, 2])
  })

  it('McNemar from paired labels uses the same levels on both sides', () => {
    const res = mcNemarTest({ x: ['no', 'no', 'no', 'yes'], y: ['yes', 'yes', 'no', 'yes'] })
    expect(res.groups).toEqual(['no', 'yes'])
    // b = 2 (no→yes), c = 0: (|2 − 0| − 1)² / 2
    expect(res.statistic).toBe(0.5)
  })

  it('refuses an r × c table too large for the exact search quickly, with a clear error', () => {
    const big = [
      [8, 4, 6, 3, 5],
      [3, 7, 5, 9, 6],
      [5, 6, 8, 2, 7],
      [9, 2, 4, 7, 4],
    ]
    expect(() => fisherExactTest({ table: big }, { maxWork: 200_000 })).toThrow(/too large/)
  })

  it('refuses a one-column table, non-integer counts for Fisher, and three categories for McNemar', () => {
    expect(() => chiSquareTest({ table: [[1], [2]] })).toThrow(EngineInputError)
    expect(() => fisherExactTest({ table: [[1.5, 2], [3, 4]] })).toThrow(/whole numbers/)
    expect(() => mcNemarTest({ table: [[1, 2, 3], [4, 5, 6], [7, 8, 9]] })).toThrow(/symmetry test/)
  })
})
