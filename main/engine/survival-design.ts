// Design matrix for the Cox model: numeric columns as they are, factors expanded with treatment
// contrasts (the first level is the reference) and named as R's model.matrix() names them:
// variable name followed by the level label, e.g. `sexfemale`, `raceblack`, `celltypelarge`.
import { EngineInputError } from './errors'

/** A covariate: numeric values (NaN = missing) or a factor (integer codes into `levels`, NaN = missing). */
export type Covariate =
  | { name: string; kind: 'numeric'; values: ArrayLike<number> }
  | { name: string; kind: 'factor'; codes: ArrayLike<number>; levels: readonly string[] }

/** One model term and the design columns it produced (R's `assign`). */
export interface DesignTerm {
  name: string
  kind: 'numeric' | 'factor'
  /** Design-column indices belonging to this term. */
  columns: number[]
  /** Factor levels in order (the first is the reference); empty for numeric terms. */
  levels: string[]
}

export interface DesignMatrix {
  /** Column names as `model.matrix` gives them. */
  names: string[]
  terms: DesignTerm[]
  /** Number of columns. */
  p: number
  /**
   * Returns the value of design column j for row i (NaN when the covariate is missing there).
   * Columns are produced lazily so that callers can fill their own sorted, row-major storage.
   */
  value(i: number, j: number): number
  /** True when row i has a missing value in some covariate. */
  missing(i: number): boolean
}

/**
 * Builds the treatment-contrast design of R's `model.matrix(~ a + b, data)` (no intercept column;
 * Cox models have none). Factors need at least two levels; a level that no row uses gives an
 * all-zero column, which the fit reports as aliased (NA), as R does.
 *
 * @throws EngineInputError LENGTH_MISMATCH, DUPLICATE_COVARIATE, SINGLE_LEVEL_FACTOR, INVALID_GROUP_CODE
 */
export function buildDesign(covariates: readonly Covariate[], n: number): DesignMatrix {
  const names: string[] = []
  const terms: DesignTerm[] = []
  const getters: ((i: number) => number)[] = []
  const seen = new Set<string>()
  for (const c of covariates) {
    if (seen.has(c.name)) throw new EngineInputError('DUPLICATE_COVARIATE', `The covariate "${c.name}" is listed twice.`)
    seen.add(c.name)
    if (c.kind === 'numeric') {
      if (c.values.length !== n) throw new EngineInputError('LENGTH_MISMATCH', `There are ${n} follow-up times but ${c.values.length} values of ${c.name}.`)
      const v = c.values
      for (let i = 0; i < n; i++) {
        if (!Number.isNaN(v[i]!) && !Number.isFinite(v[i]!)) {
          throw new EngineInputError('INFINITE_VALUE', `Covariate ${c.name} is infinite for patient ${i + 1}.`, { index: i })
        }
      }
      terms.push({ name: c.name, kind: 'numeric', columns: [names.length], levels: [] })
      names.push(c.name)
      getters.push((i) => v[i]!)
    } else {
      if (c.codes.length !== n) throw new EngineInputError('LENGTH_MISMATCH', `There are ${n} follow-up times but ${c.codes.length} values of ${c.name}.`)
      if (c.levels.length < 2) {
        throw new EngineInputError(
          'SINGLE_LEVEL_FACTOR',
          `The covariate "${c.name}" has only ${c.levels.length === 1 ? `one value ("${c.levels[0]}")` : 'no values'}, so it cannot be compared with anything (R: "contrasts can be applied only to factors with 2 or more levels"). Leave it out of the model.`,
        )
      }
      const codes = c.codes
      for (let i = 0; i < n; i++) {
        const k = codes[i]!
        if (!Number.isNaN(k) && (!Number.isInteger(k) || k < 0 || k >= c.levels.length)) {
          throw new EngineInputError('INVALID_GROUP_CODE', `Patient ${i + 1} has ${c.name} code ${k}, but ${c.name} has ${c.levels.length} levels.`, { index: i })
        }
      }
      const cols: number[] = []
      for (let l = 1; l < c.levels.length; l++) {
        cols.push(names.length)
        names.push(`${c.name}${c.levels[l]}`)
        getters.push((i) => {
          const k = codes[i]!
          return Number.isNaN(k) ? NaN : k === l ? 1 : 0
        })
      }
      terms.push({ name: c.name, kind: 'factor', columns: cols, levels: [...c.levels] })
    }
  }
  const termGetters = covariates.map((c) => (c.kind === 'numeric' ? c.values : c.codes))
  return {
    names,
    terms,
    p: names.length,
    value: (i, j) => getters[j]!(i),
    missing: (i) => termGetters.some((v) => Number.isNaN(v[i]!)),
  }
}
