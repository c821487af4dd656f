import { describe, expect, it } from 'vitest'
import { argsortFloat64, denseRanks, orderByKeys, rankTimes } from '@engine/survival-shared'

describe('survival-shared sorting helpers', () => {
  it('radix argsort orders negative, zero, fractional and huge doubles and keeps ties stable', () => {
    const v = [3.5, -1, 0, 1e300, -1e-300, 3.5, -0, 2, -7.25, 3.5]
    const rows = Int32Array.from(v.keys())
    const order = Array.from(argsortFloat64(v, rows))
    const expected = [...v.keys()].sort((a, b) => v[a]! - v[b]! || a - b)
    // -0 and 0 are equal numbers; radix puts -0 first, a comparator keeps input order: both are ties
    expect(order.map((k) => v[k]! + 0)).toEqual(expected.map((k) => v[k]! + 0))
    expect(order.filter((k) => v[k] === 3.5)).toEqual([0, 5, 9])
  })

  it('dense ranks share a rank between equal values', () => {
    const { ranks, distinct } = denseRanks([5, 1, 5, 3], Int32Array.from([0, 1, 2, 3]))
    expect(Array.from(ranks)).toEqual([2, 0, 2, 1])
    expect(Array.from(distinct)).toEqual([1, 3, 5])
  })

  it('dense ranks agree between the small-input path and the radix path (40 000 values, many ties)', () => {
    let seed = 7
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
    const v = Float64Array.from({ length: 40000 }, () => Math.round((rnd() - 0.3) * 5000) / 10)
    const rows = Int32Array.from(v.keys())
    const { ranks, distinct } = denseRanks(v, rows)
    const expectedDistinct = [...new Set(v)].sort((a, b) => a - b)
    expect(Array.from(distinct)).toEqual(expectedDistinct)
    const pos = new Map(expectedDistinct.map((x, k) => [x, k]))
    expect(Array.from(ranks)).toEqual(Array.from(v, (x) => pos.get(x)))
    const small = denseRanks(v, rows.subarray(0, 1000))
    expect(Array.from(small.ranks)).toEqual(Array.from(v.subarray(0, 1000), (x) => small.distinct.indexOf(x)))
  })

  it('timefix merges 0.1 + 0.2 with 0.3 as survival::aeqSurv does, and leaves 0.3 vs 0.31 alone', () => {
    const t = [0.1 + 0.2, 0.3, 0.31, 1]
    const keep = new Uint8Array(4).fill(1)
    const fixed = rankTimes(t, keep, 4, true)
    expect(Array.from(fixed.rank)).toEqual([0, 0, 1, 2])
    expect(Array.from(fixed.times)).toEqual([0.3, 0.31, 1])
    expect(Array.from(rankTimes(t, keep, 4, false).rank)).toEqual([1, 0, 2, 3])
  })

  it('counting sort orders by stratum, then by key, stably, leaving out rows with key −1', () => {
    const key = Int32Array.from([2, 0, 1, 0, -1, 2])
    const strata = Int32Array.from([1, 1, 0, 0, 0, 0])
    expect(Array.from(orderByKeys(key, 3, { key: strata, nKeys: 2 }))).toEqual([3, 2, 5, 1, 0])
  })
})
