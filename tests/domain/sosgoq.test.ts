// SOSG-OQ scoring profiles (docs/clinical-reference.md §7): versions never pooled, direction per profile, item
// answers 1 (best) … 5 (worst), at least half of the scored items, entered total accepted.
import { describe, expect, it } from 'vitest'
import { SOSGOQ_PROFILES, scoreSosgoq, sosgoqImprovement, sosgoqItemScore } from '../../main/domain/scores/sosgoq'

describe('SOSG-OQ profiles', () => {
  it('v1.0 is the burden profile (lower is better, the reference study); v2.0 is quality of life (higher is better)', () => {
    expect(SOSGOQ_PROFILES['1.0']).toEqual({ version: '1.0', profile: 'sosgoq_v1_burden', itemCount: 27, scoredItems: 20, direction: 'lowerIsBetter' })
    expect(SOSGOQ_PROFILES['2.0']).toEqual({ version: '2.0', profile: 'sosgoq2_qol', itemCount: 20, scoredItems: 20, direction: 'higherIsBetter' })
  })
  it('item scores: v1 best answer 0, worst 100; v2 best 100, worst 0', () => {
    expect([1, 2, 3, 4, 5].map((l) => sosgoqItemScore('1.0', l))).toEqual([0, 25, 50, 75, 100])
    expect([1, 2, 3, 4, 5].map((l) => sosgoqItemScore('2.0', l))).toEqual([100, 75, 50, 25, 0])
  })
})

describe('scoreSosgoq', () => {
  it('all best answers: v1 0 (best), v2 100 (best)', () => {
    expect(scoreSosgoq('1.0', Array(20).fill(1), null)).toMatchObject({ value: 0, source: 'items', direction: 'lowerIsBetter' })
    expect(scoreSosgoq('2.0', Array(20).fill(1), null)).toMatchObject({ value: 100, source: 'items', direction: 'higherIsBetter' })
  })
  it('mean over the answered scored items', () => {
    const answers = [...Array(10).fill(1), ...Array(10).fill(5)]
    expect(scoreSosgoq('1.0', answers, null).value).toBe(50)
    expect(scoreSosgoq('1.0', [2, 3, ...Array(18).fill(null)], null).value).toBeNull()
  })
  it('half-answered rule: 10 of 20 scored items give a score, 9 do not', () => {
    const ten = [...Array(10).fill(3), ...Array(10).fill(null)]
    expect(scoreSosgoq('2.0', ten, null)).toMatchObject({ value: 50, answeredScoredItems: 10 })
    const nine = [...Array(9).fill(3), ...Array(11).fill(null)]
    expect(scoreSosgoq('2.0', nine, null)).toMatchObject({ value: null, source: null, answeredScoredItems: 9 })
  })
  it('v1 post-therapy items 21–27 are recorded but not scored', () => {
    const answers = [...Array(20).fill(1), ...Array(7).fill(5)]
    expect(scoreSosgoq('1.0', answers, null)).toMatchObject({ value: 0, answeredScoredItems: 20 })
    // they do not count towards the half-answered rule either
    expect(scoreSosgoq('1.0', [...Array(20).fill(null), ...Array(7).fill(1)], null).value).toBeNull()
  })
  it('an entered total is used when the items are not enough, and labelled as entered', () => {
    expect(scoreSosgoq('1.0', null, 64.3)).toMatchObject({ value: 64.3, source: 'entered', fromItems: null, enteredTotal: 64.3 })
    expect(scoreSosgoq('1.0', [1, 1], 42)).toMatchObject({ value: 42, source: 'entered' })
  })
  it('items win over an entered total; both are kept so the screen can show a difference', () => {
    expect(scoreSosgoq('1.0', Array(20).fill(2), 40)).toMatchObject({ value: 25, source: 'items', fromItems: 25, enteredTotal: 40 })
  })
  it('improvement is signed in the direction of the profile (positive = better)', () => {
    // Zheng 2021: 64 → 42 on v1 is an improvement of 22
    expect(sosgoqImprovement('lowerIsBetter', 64, 42)).toBe(22)
    expect(sosgoqImprovement('higherIsBetter', 40, 52.7)).toBeCloseTo(12.7, 10)
    expect(sosgoqImprovement('higherIsBetter', 60, 50)).toBe(-10)
  })
})
