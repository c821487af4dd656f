import { describe, expect, it } from 'vitest'
import { RRandom } from '../../main/engine/r-random'

describe("RRandom (R's Mersenne-Twister, Rejection sampling)", () => {
  it('matches R: set.seed(42); sample(10) and runif(2)', () => {
    expect(Array.from(new RRandom(42).samplePermutation(10))).toEqual([1, 5, 10, 8, 2, 4, 6, 9, 7, 3])
    const r = new RRandom(42)
    expect(r.unifRand()).toBe(0.9148060434963554)
    expect(r.unifRand()).toBe(0.9370754132978618)
  })

  it('matches R for negative and large seeds and long permutations: set.seed(-7); sample(100000)', () => {
    const p = new RRandom(-7).samplePermutation(100000)
    expect([p[0], p[1], p[99999]]).toEqual([12885, 75529, 62681])
    const q = new RRandom(2 ** 31 - 1).samplePermutation(70000)
    expect([q[0], q[1], q[69999]]).toEqual([64742, 17768, 38739])
  })
})
