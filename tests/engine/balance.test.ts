import { describe, expect, it } from 'vitest'
import { expectClose } from '../helpers/close'
import { balanceTable } from '../../main/engine/balance'
import { EngineInputError } from '../../main/engine/errors'

describe('balanceTable — hand-worked (MatchIt summary() definitions)', () => {
  // treated rows 0-2, control rows 3-6; row 6 is left out by the matching (weight 0).
  const input = {
    treat: [1, 1, 1, 0, 0, 0, 0],
    covariates: [
      { name: 'x', type: 'numeric' as const, values: [1, 2, 3, 2, 4, 4, 6] },
      { name: 'b', type: 'numeric' as const, values: [1, 0, 1, 0, 0, 1, 0] },
      { name: 'g', type: 'factor' as const, values: ['u', 'v', 'u', 'v', 'v', 'u', 'v'] },
    ],
    weights: [1, 1, 1, 1, 1, 1, 0],
  }
  const res = balanceTable(input)

  it('divides by the treated SD of the unmatched sample, before and after matching', () => {
    const x = res.rows[0]!
    expect(x.term).toBe('x')
    expectClose(x.before.standardizedMeanDifference, -2, 1e-12) // (2 − 4) / sd(1, 2, 3)
    expectClose(x.after!.standardizedMeanDifference, -4 / 3, 1e-12) // (2 − 10/3) / 1
    expectClose(x.before.varianceRatio, 1 / (8 / 3), 1e-12)
    expectClose(x.before.ecdfMean, 0.35, 1e-12)
    expectClose(x.before.ecdfMax, 0.75, 1e-12)
  })

  it('uses sqrt(p(1 − p)) for 0/1 terms, which have no variance ratio', () => {
    const b = res.rows[1]!
    expect(b.binary).toBe(true)
    expectClose(b.before.standardizedMeanDifference, (2 / 3 - 1 / 4) / Math.sqrt((2 / 3) * (1 / 3)), 1e-12)
    expectClose(b.after!.standardizedMeanDifference, 1 / Math.SQRT2, 1e-12)
    expect(b.before.varianceRatio).toBeNull()
    expectClose(b.before.ecdfMax, 2 / 3 - 1 / 4, 1e-12)
  })

  it('expands a factor into every level and gives Love-plot points', () => {
    expect(res.rows.map((r) => r.term)).toEqual(['x', 'b', 'gu', 'gv'])
    expect(res.lovePlot.points[0]!.term).toBe('x')
    expectClose(res.lovePlot.points[0]!.absSmdBefore, 2, 1e-12)
    expectClose(res.lovePlot.points[0]!.absSmdAfter, 4 / 3, 1e-12)
    expect(res.lovePlot.thresholds).toEqual([0.05, 0.1])
  })

  it('refuses a single group', () => {
    expect(() => balanceTable({ ...input, treat: [1, 1, 1, 1, 1, 1, 1] })).toThrow(EngineInputError)
  })
})
