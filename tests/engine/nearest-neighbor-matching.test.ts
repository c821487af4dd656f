import { describe, expect, it } from 'vitest'
import { matchNearestNeighbor, matchedPairs } from '../../main/engine/nearest-neighbor-matching'
import { EngineInputError } from '../../main/engine/errors'
import { RRandom } from '../../main/engine/r-random'
import { loadMatchingFixtures, readCsv } from './matching-fixtures'
import { propensityScoreMatching } from '../../main/engine/propensity-score-matching'

const pairsOf = (treat: number[], distance: number[], opts = {}) => matchedPairs(matchNearestNeighbor({ treat, distance }, opts))

describe('matchNearestNeighbor — hand-worked cases', () => {
  it('on an exact distance tie takes the control found first: the left one when both are one step away', () => {
    // sorted: 0.25 (control, row 0) 0.5 (treated, row 1) 0.75 (control, row 2)
    expect(pairsOf([0, 1, 0], [0.25, 0.5, 0.75])).toEqual([[1, 0]])
  })

  it('counts skipped treated units as steps: a right control one place away beats a left one two places away', () => {
    // sorted: 0.25 c(0) | 0.3 t(1) | 0.5 t(2) | 0.75 c(3). Largest first: row 2 sees 0.75 one place
    // to the right and 0.25 two places to the left, both 0.25 away, and takes the right one.
    expect(pairsOf([0, 1, 1, 0], [0.25, 0.3, 0.5, 0.75])).toEqual([
      [1, 0],
      [2, 3],
    ])
  })

  it('accepts a control exactly at the caliper and rejects one beyond it (raw scale)', () => {
    expect(pairsOf([1, 0], [0.5, 0.25], { caliper: 0.25, stdCaliper: false })).toEqual([[0, 1]])
    expect(() => pairsOf([1, 0], [0.5, 0.25], { caliper: 0.125, stdCaliper: false })).toThrow(/No treated patient has a control within the caliper/)
  })

  it('reports treated units left without a control, and the caliper in SDs of the distance (sd over all units)', () => {
    const res = matchNearestNeighbor({ treat: [1, 0, 1, 0], distance: [0.1, 0.12, 0.9, 0.3] }, { caliper: 0.5, order: 'data' })
    const sd = Math.sqrt(((0.1 - 0.355) ** 2 + (0.12 - 0.355) ** 2 + (0.9 - 0.355) ** 2 + (0.3 - 0.355) ** 2) / 3)
    expect(res.options.distanceSd).toBeCloseTo(sd, 15)
    expect(res.options.caliperDistance).toBeCloseTo(0.5 * sd, 15)
    expect(matchedPairs(res)).toEqual([[0, 1]])
    expect(Array.from(res.unmatchedTreated)).toEqual([2])
    expect(res.warnings.map((w) => w.code)).toContain('UNMATCHED_TREATED')
    expect(Array.from(res.weights)).toEqual([1, 1, 0, 0])
  })

  it('uses a control only once without replacement and reuses it with replacement (order forced to data, as MatchIt)', () => {
    expect(pairsOf([1, 1, 0, 0], [0.5, 0.45, 0.48, 0.1])).toEqual([
      [0, 2],
      [1, 3],
    ])
    const res = matchNearestNeighbor({ treat: [1, 1, 0, 0], distance: [0.5, 0.45, 0.48, 0.1] }, { replace: true, order: 'smallest' })
    expect(matchedPairs(res)).toEqual([
      [0, 2],
      [1, 2],
    ])
    expect(res.options.order).toBe('data')
    expect(res.options.requestedOrder).toBe('smallest')
  })

  it('warns as MatchIt when there are fewer controls than treated units', () => {
    const res = matchNearestNeighbor({ treat: [1, 1, 0], distance: [0.5, 0.4, 0.45] })
    expect(res.warnings[0]!.message).toBe('Fewer control units than treated units; not all treated units will get a match.')
  })

  it('refuses an empty group, a non-binary treatment, a random order without seed', () => {
    expect(() => matchNearestNeighbor({ treat: [1, 1], distance: [0.2, 0.3] })).toThrow(EngineInputError)
    expect(() => matchNearestNeighbor({ treat: [0, 0], distance: [0.2, 0.3] })).toThrow(/no treated/)
    expect(() => matchNearestNeighbor({ treat: [0, 2], distance: [0.2, 0.3] })).toThrow(/0 \(control\) or 1/)
    expect(() => matchNearestNeighbor({ treat: [1, 1, 0, 0], distance: [0.2, 0.3, 0.1, 0.4] }, { order: 'random' })).toThrow(/seed/)
    try {
      matchNearestNeighbor({ treat: [1, 1], distance: [0.2, 0.3] })
    } catch (e) {
      expect((e as EngineInputError).code).toBe('EMPTY_GROUP')
    }
  })

  it('stops with NO_MATCHES where MatchIt stops with "No units were matched."', () => {
    const nm = loadMatchingFixtures().noMatch
    const t = readCsv('lalonde')
    const rows = nm.rows.map((r) => r - 1)
    const covariates = ['age', 'educ'].map((c) => ({ name: c, type: 'numeric' as const, values: rows.map((r) => Number(t[c]![r])) }))
    expect(nm.error).toBe('No units were matched.')
    try {
      propensityScoreMatching({ treat: rows.map((r) => Number(t.treat![r])), covariates }, { caliper: nm.caliper, stdCaliper: false })
      expect.unreachable()
    } catch (e) {
      expect((e as EngineInputError).code).toBe('NO_MATCHES')
    }
  })

  it('on 200 000 units uses each control at most once and keeps every pair within the caliper', () => {
    const rng = new RRandom(1)
    const n = 200_000
    const treat = new Uint8Array(n)
    const distance = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      treat[i] = rng.unifRand() < 0.3 ? 1 : 0
      distance[i] = Math.round(rng.unifRand() * 1e4) / 1e4 // many ties
    }
    const res = matchNearestNeighbor({ treat, distance }, { caliper: 0.0005, stdCaliper: false })
    const pairs = matchedPairs(res)
    const used = new Uint8Array(n)
    let bad = 0
    for (const [t, c] of pairs) {
      if (treat[t] !== 1 || treat[c] !== 0 || Math.abs(distance[t]! - distance[c]!) > 0.0005 || used[c]) bad++
      used[c] = 1
    }
    expect(bad).toBe(0)
    expect(pairs.length + res.unmatchedTreated.length).toBe(res.nTreated)
  })
})
