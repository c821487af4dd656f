import { describe, expect, it } from 'vitest'
import { buildModelMatrix, designColumn, fillRows, linearPredictor } from '../../main/engine/model-matrix'
import { factorLevels } from '../../main/engine/factor'
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
    expect(Array.from(designColumn(mm, 2))).toEqual([0, 0, 1, 0])
    expect(Array.from(designColumn(mm, 3))).toEqual([1, 0, 0, 0])
  })

  it('expands every level with contrasts = "none" (MatchIt balance terms)', () => {
    const mm = buildModelMatrix([{ name: 'race', type: 'factor', values: ['white', 'black'] }], { intercept: false, contrasts: 'none' })
    expect(mm.names).toEqual(['raceblack', 'racewhite'])
  })

  it("orders numeric factor levels numerically, as R's factor() does (2 < 9 < 10)", () => {
    expect(factorLevels([10, 9, 2, 9])).toEqual(['2', '9', '10'])
    expect(factorLevels(['b', 'a', 'B'])).toEqual(['a', 'b', 'B']) // R with ICU (C.UTF-8, en_US.UTF-8); see factor.test.ts
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

  it('fills Cox\'s view: rows in a given order, row-major, numeric columns centred and scaled, dummies as they are', () => {
    const d = buildModelMatrix(
      [
        { name: 'age', type: 'numeric', values: [50, 60, 70] },
        { name: 'race', type: 'factor', codes: [0, 1, 2], levels: ['asian', 'black', 'white'] },
      ],
      { intercept: false },
    )
    expect(d.names).toEqual(['age', 'raceblack', 'racewhite'])
    const out = new Float64Array(9)
    fillRows(d, Int32Array.from([2, 0, 1]), out, new Float64Array(3), new Float64Array(3).fill(1))
    expect(Array.from(out)).toEqual([70, 0, 1, 50, 0, 0, 60, 1, 0])
    fillRows(d, Int32Array.from([2, 0, 1]), out, Float64Array.from([60, 0, 0]), Float64Array.from([0.5, 1, 1]))
    expect(Array.from(out)).toEqual([5, 0, 1, -5, 0, 0, 0, 1, 0])
    expect(Array.from(linearPredictor(d, Float64Array.from([1, 10, 100])))).toEqual([50, 70, 170])
  })

  it('keeps missing values as NaN when allowed (Cox drops those rows), refuses infinity and bad codes', () => {
    const d = buildModelMatrix([{ name: 'z', type: 'numeric', values: [1, NaN] }], { intercept: false, missing: 'allow' })
    expect(Number.isNaN(d.terms[0]!.values[1]!)).toBe(true)
    expect(() => buildModelMatrix([{ name: 'z', type: 'numeric', values: [1, Infinity] }], { missing: 'allow' })).toThrow(/infinite/)
    expect(() => buildModelMatrix([{ name: 'g', type: 'factor', codes: [0, 3], levels: ['a', 'b'] }])).toThrow(EngineInputError)
    expect(() => buildModelMatrix([{ name: 'a', type: 'numeric', values: [1] }, { name: 'a', type: 'numeric', values: [1] }])).toThrow(/listed twice/)
  })
})
