import { describe, expect, it } from 'vitest'
import { buildModelMatrix, factorLevels } from '../../main/engine/model-matrix'
import { EngineInputError } from '../../main/engine/errors'

describe('buildModelMatrix', () => {
  it("names columns as R's model.matrix(~ age + race + married) with treatment contrasts", () => {
    const mm = buildModelMatrix([
      { name: 'age', type: 'numeric', values: [30, 41, 25, 52] },
      { name: 'race', type: 'factor', values: ['white', 'black', 'hispan', 'black'] },
      { name: 'married', type: 'numeric', values: [1, 0, 0, 1] },
    ])
    expect(mm.names).toEqual(['(Intercept)', 'age', 'racehispan', 'racewhite', 'married'])
    expect(mm.assign).toEqual([0, 1, 2, 2, 3])
    expect(mm.levels.race).toEqual(['black', 'hispan', 'white'])
    expect(Array.from(mm.columns[2]!)).toEqual([0, 0, 1, 0])
    expect(Array.from(mm.columns[3]!)).toEqual([1, 0, 0, 0])
  })

  it('expands every level with contrasts = "none" (MatchIt balance terms)', () => {
    const mm = buildModelMatrix([{ name: 'race', type: 'factor', values: ['white', 'black'] }], { intercept: false, contrasts: 'none' })
    expect(mm.names).toEqual(['raceblack', 'racewhite'])
  })

  it("orders numeric factor levels numerically, as R's factor() does (2 < 9 < 10)", () => {
    expect(factorLevels([10, 9, 2, 9])).toEqual(['2', '9', '10'])
    expect(factorLevels(['b', 'a', 'B'])).toEqual(['B', 'a', 'b'])
  })

  it('refuses a one-level factor, a missing value and unequal lengths', () => {
    expect(() => buildModelMatrix([{ name: 'sex', type: 'factor', values: ['f', 'f'] }])).toThrow(EngineInputError)
    expect(() => buildModelMatrix([{ name: 'age', type: 'numeric', values: [1, NaN] }])).toThrow(/row 2/)
    expect(() =>
      buildModelMatrix([
        { name: 'a', type: 'numeric', values: [1, 2] },
        { name: 'b', type: 'numeric', values: [1] },
      ]),
    ).toThrow(/LENGTH|has 1 values/)
  })
})
