import { describe, expect, it } from 'vitest'
import { denseRanks, orderByKeys, stableOrder } from '../../main/engine/sort'
import { RRandom } from '../../main/engine/r-random'

const reference = (x: number[], desc: boolean) =>
  x
    .map((v, i) => i)
    .sort((a, b) => (desc ? x[b]! + 0 - (x[a]! + 0) : x[a]! + 0 - (x[b]! + 0)) || a - b)

describe('stableOrder', () => {
  it("matches R's order() on ties, -0 and decreasing = TRUE (ties keep row order)", () => {
    expect(Array.from(stableOrder([1, 2, 2, 1, 3, 2]))).toEqual([0, 3, 1, 2, 5, 4])
    expect(Array.from(stableOrder([1, 2, 2, 1, 3, 2], true))).toEqual([4, 1, 2, 5, 0, 3])
    expect(Array.from(stableOrder([0, -0, 0]))).toEqual([0, 1, 2])
  })

  it('radix path agrees with a comparison sort on 50 000 keys with ties and negative values', () => {
    const r = new RRandom(3)
    const x = Array.from({ length: 50_000 }, () => Math.round((r.unifRand() - 0.5) * 2000) / 7)
    x[10] = -0
    x[11] = 0
    for (const desc of [false, true]) expect(Array.from(stableOrder(x, desc))).toEqual(reference(x, desc))
  })
})

describe('ranks and counting sort (the survival methods\' time ranks)', () => {
  it('orders a subset of rows with negative, zero, fractional and huge doubles and keeps ties stable', () => {
    const v = [3.5, -1, 0, 1e300, -1e-300, 3.5, -0, 2, -7.25, 3.5]
    const rows = Int32Array.from(v.keys())
    const order = Array.from(stableOrder(v, false, rows))
    const expected = [...v.keys()].sort((a, b) => v[a]! - v[b]! || a - b)
    // -0 and 0 are equal numbers, so either order of the two is a stable order of ties
    expect(order.map((k) => v[k]! + 0)).toEqual(expected.map((k) => v[k]! + 0))
    expect(order.filter((k) => v[k] === 3.5)).toEqual([0, 5, 9])
  })

  it('orders a subset of rows on the radix path as a comparison sort does, ascending and descending', () => {
    const r = new RRandom(5)
    const v = Array.from({ length: 3000 }, () => Math.round((r.unifRand() - 0.5) * 400) / 3)
    v.splice(0, 6, 1e300, -1e-300, -0, 0, -7.25, Infinity)
    const rows = Int32Array.from({ length: 1500 }, (_, k) => (k * 7) % 3000)
    const sub = Array.from(rows, (i) => v[i]!)
    for (const desc of [false, true]) expect(Array.from(stableOrder(v, desc, rows))).toEqual(reference(sub, desc))
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

  it('counting sort orders by stratum, then by key, stably, leaving out rows with key −1', () => {
    const key = Int32Array.from([2, 0, 1, 0, -1, 2])
    const strata = Int32Array.from([1, 1, 0, 0, 0, 0])
    expect(Array.from(orderByKeys(key, 3, { key: strata, nKeys: 2 }))).toEqual([3, 2, 5, 1, 0])
  })
})
