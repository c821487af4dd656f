import { describe, expect, it } from 'vitest'
import { rankTimes } from '@engine/survival-shared'

describe('survival-shared follow-up time ranks', () => {
  it('timefix merges 0.1 + 0.2 with 0.3 as survival::aeqSurv does, and leaves 0.3 vs 0.31 alone', () => {
    const t = [0.1 + 0.2, 0.3, 0.31, 1]
    const keep = new Uint8Array(4).fill(1)
    const fixed = rankTimes(t, keep, 4, true)
    expect(Array.from(fixed.rank)).toEqual([0, 0, 1, 2])
    expect(Array.from(fixed.times)).toEqual([0.3, 0.31, 1])
    expect(Array.from(rankTimes(t, keep, 4, false).rank)).toEqual([1, 0, 2, 3])
  })
})
