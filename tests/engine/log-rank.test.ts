import { describe, expect, it } from 'vitest'
import { logRankTest } from '@engine/log-rank'
import { type EngineInputError } from '@engine/errors'
import { expectClose } from '../helpers/close'
import { codesOf, loadSurvivalFixture } from './survival-fixtures'

interface LrCase {
  name: string
  rCall: string
  rho: number
  data: { time: number[]; event: number[]; group: string[]; strata: string[] | null }
  levels: string[]
  strataLevels: string[] | null
  n: number[]
  observed: number[]
  expected: number[]
  observedByStratum: number[][] | null
  expectedByStratum: number[][] | null
  variance: number[][]
  chisq: number
  df: number
  p: number
}

const fixture = loadSurvivalFixture<LrCase>('logrank')

describe('logRankTest against survival::survdiff (R fixtures)', () => {
  for (const c of fixture.cases) {
    it(`matches ${c.rCall}`, () => {
      const res = logRankTest(
        {
          time: c.data.time,
          event: c.data.event,
          group: { codes: codesOf(c.data.group, c.levels), levels: c.levels },
          strata: c.data.strata ? { codes: codesOf(c.data.strata, c.strataLevels!), levels: c.strataLevels! } : undefined,
        },
        { rho: c.rho },
      )
      expect(res.groups.map((g) => g.n)).toEqual(c.n)
      expectClose(res.groups.map((g) => g.observed), c.observed, 1e-10, 'observed')
      expectClose(res.groups.map((g) => g.expected), c.expected, 1e-10, 'expected')
      expectClose(res.variance.flat(), c.variance.flat(), 1e-9, 'var', 1e-13)
      expectClose(res.chisq, c.chisq, 1e-9, 'chisq')
      expect(res.df).toBe(c.df)
      expectClose(res.p, c.p, 1e-8, 'p')
      if (c.observedByStratum) {
        expectClose(res.strata!.observed.flat(), c.observedByStratum.flat(), 1e-10, 'observed by stratum')
        expectClose(res.strata!.expected.flat(), c.expectedByStratum!.flat(), 1e-10, 'expected by stratum')
      }
      expect(res.method).toBe(c.rho === 0 ? 'log-rank' : 'g-rho')
    })
  }
})

describe('logRankTest hand-worked cases and errors', () => {
  it('gives the textbook 2-group log-rank statistic on a tiny example with a tie', () => {
    // group a: 1, 3(censored), 4 ; group b: 2, 4, 5 — unsorted on purpose
    const res = logRankTest({ time: [4, 2, 1, 5, 3, 4], event: [1, 1, 1, 1, 0, 1], group: { codes: [0, 1, 0, 1, 0, 1], levels: ['a', 'b'] } })
    // event times 1 (n 6: a3 b3, d1), 2 (n5: a2 b3, d1), 4 (n3: a1 b2, d2), 5 (n1: b1, d1)
    const ea = 3 / 6 + 2 / 5 + (2 * 1) / 3 + 0
    expectClose(res.groups[0]!.expected, ea, 1e-14)
    const v = (3 * 3 * 5) / (36 * 5) + (2 * 3 * 4) / (25 * 4) + (2 * 1 * 2 * 1) / (9 * 2)
    expectClose(res.variance[0]![0]!, v, 1e-14)
    expectClose(res.chisq, (2 - ea) ** 2 / v, 1e-14)
  })
  it('refuses an empty group and a single group', () => {
    const code = (f: () => unknown) => {
      try {
        f()
      } catch (e) {
        return (e as EngineInputError).code
      }
      return 'no error'
    }
    expect(code(() => logRankTest({ time: [1, 2], event: [1, 1], group: { codes: [0, 0], levels: ['a', 'b'] } }))).toBe('EMPTY_GROUP')
    expect(code(() => logRankTest({ time: [1, 2], event: [1, 1], group: { codes: [0, 0], levels: ['a'] } }))).toBe('TOO_FEW_GROUPS')
  })
})
