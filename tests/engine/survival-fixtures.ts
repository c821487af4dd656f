// Loads the JSON written by tests/fixtures/r/survival-fixtures.R (R's NA is null; Inf and NaN are strings).
import fs from 'node:fs'
import path from 'node:path'

const dir = path.resolve(__dirname, '../fixtures/r')

export function loadSurvivalFixture<T>(name: 'km' | 'logrank' | 'cox'): { meta: { R: string; survival: string }; cases: T[] } {
  const text = fs.readFileSync(path.join(dir, `survival-${name}.json`), 'utf8')
  return JSON.parse(text, (_k, v: unknown) => (v === 'Inf' ? Infinity : v === '-Inf' ? -Infinity : v === 'NaN' ? NaN : v)) as {
    meta: { R: string; survival: string }
    cases: T[]
  }
}

/** Factor codes for labels given the level order. */
export function codesOf(values: readonly string[], levels: readonly string[]): Int32Array {
  const index = new Map(levels.map((l, i) => [l, i]))
  return Int32Array.from(values, (v) => {
    const k = index.get(v)
    if (k === undefined) throw new Error(`label ${v} not among levels ${levels.join(',')}`)
    return k
  })
}

/** A nullable R vector element (NA → null, possibly NaN). */
export type RNum = number | null
