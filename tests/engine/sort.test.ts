import { describe, expect, it } from 'vitest'
import { stableOrder } from '../../main/engine/sort'
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
