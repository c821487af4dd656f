// Design matrices as R's model.matrix() builds them for additive formulas (y ~ a + b + f):
// an intercept, numeric covariates as they are, factors expanded into indicator columns named
// paste0(variable, level) — treatment contrasts (first level is the reference, R's default) for
// model fitting, or one column per level (contrasts = FALSE) for MatchIt's balance tables.
// Factor levels are ordered as R's factor() orders them (sorted unique values).
import { EngineInputError } from './errors'

/** One covariate column. Numeric columns enter as they are; factor columns are expanded. */
export type CovariateColumn =
  | { name: string; type: 'numeric'; values: ArrayLike<number> }
  | {
      name: string
      type: 'factor'
      values: ArrayLike<string | number>
      /** Level order; default R's factor() order (sorted unique values). */
      levels?: readonly string[]
      /** 0-based level codes of `values` when already known (with `levels`); saves a lookup per row. */
      codes?: Int32Array
    }

/** A design matrix as column arrays (no copy of a single big matrix is needed by callers). */
export interface ModelMatrix {
  /** Rows (patients). */
  n: number
  /** One Float64Array per column, each of length n. */
  columns: Float64Array[]
  /** Column names exactly as R's model.matrix() names them: `(Intercept)`, `age`, `racehispan`. */
  names: string[]
  /** Term of each column: 0 for the intercept, k for the k-th covariate (R's "assign", 1-based). */
  assign: number[]
  /** Covariate names in order (R's term labels). */
  terms: string[]
  /** Levels used for each factor covariate. */
  levels: Record<string, string[]>
  /** Whether the first column is the intercept. */
  intercept: boolean
  /** 'treatment' (R's contr.treatment) or 'none' (every level gets a column, contrasts = FALSE). */
  contrasts: 'treatment' | 'none'
}

/** The text R's as.character() gives a factor level (numbers in shortest round-trip form). */
function levelLabel(v: string | number): string {
  return typeof v === 'number' ? String(v) : v
}

/**
 * Levels in R's factor() order: the sorted unique values. Numbers sort numerically (R sorts a
 * numeric vector before turning it into labels, so 2 < 9 < 10); text sorts by UTF-16 code units,
 * which is R's order under LC_COLLATE=C and agrees with R's usual locales for lower-case ASCII
 * labels such as lalonde's `black`, `hispan`, `white`.
 *
 * R: `levels(factor(values))`
 */
export function factorLevels(values: ArrayLike<string | number>): string[] {
  const n = values.length
  if (n === 0) return []
  let allNumbers = true
  for (let i = 0; i < n; i++) if (typeof values[i] !== 'number') allNumbers = false
  if (allNumbers) {
    const uniq = Array.from(new Set(Array.from(values as ArrayLike<number>))).sort((a, b) => a - b)
    return uniq.map((v) => levelLabel(v))
  }
  const uniq = Array.from(new Set(Array.from(values, (v) => levelLabel(v))))
  return uniq.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/** 0-based level code of every value; throws if a value is not among `levels`. */
export function factorCodes(values: ArrayLike<string | number>, levels: readonly string[], name = 'factor'): Int32Array {
  const index = new Map<string | number, number>()
  levels.forEach((l, i) => index.set(l, i))
  const codes = new Int32Array(values.length)
  // Look values up as they are first (one Map probe per row); numbers fall back to their label.
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    let code = index.get(v)
    if (code === undefined && typeof v === 'number') {
      code = index.get(levelLabel(v))
      if (code !== undefined) index.set(v, code)
    }
    if (code === undefined) {
      throw new EngineInputError('UNKNOWN_LEVEL', `Value ${JSON.stringify(v)} of ${name} (row ${i + 1}) is not one of its levels (${levels.join(', ')}).`)
    }
    codes[i] = code
  }
  return codes
}

/** Levels in R's factor() order and the 0-based code of every value, in one pass over the data. */
export function factorize(values: ArrayLike<string | number>, levels?: readonly string[], name = 'factor'): { levels: string[]; codes: Int32Array } {
  if (levels) return { levels: [...levels], codes: factorCodes(values, levels, name) }
  const first = new Map<string | number, number>()
  const uniq: (string | number)[] = []
  const tmp = new Int32Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    let c = first.get(v)
    if (c === undefined) {
      c = uniq.length
      first.set(v, c)
      uniq.push(v)
    }
    tmp[i] = c
  }
  const lv = factorLevels(uniq)
  const pos = new Map<string, number>()
  lv.forEach((l, i) => pos.set(l, i))
  const remap = Int32Array.from(uniq, (u) => pos.get(levelLabel(u))!)
  for (let i = 0; i < tmp.length; i++) tmp[i] = remap[tmp[i]!]!
  return { levels: lv, codes: tmp }
}

/**
 * Builds the design matrix of an additive model, as R's model.matrix() does.
 *
 * @param covariates the covariates in formula order (at least one unless `intercept` is true)
 * @param options.intercept add the `(Intercept)` column (default true)
 * @param options.contrasts `'treatment'` (default; R's contr.treatment, reference = first level) or
 *   `'none'` (a column for every level, as MatchIt's summary() expands factors)
 * @throws EngineInputError LENGTH_MISMATCH, NON_FINITE_VALUE, SINGLE_LEVEL_FACTOR, NO_ROWS
 *
 * R: `model.matrix(~ age + educ + race, data)` (treatment) or
 * `model.matrix(~ age + race, data, contrasts.arg = list(race = contrasts(data$race, contrasts = FALSE)))` (none)
 */
export function buildModelMatrix(covariates: readonly CovariateColumn[], options: { intercept?: boolean; contrasts?: 'treatment' | 'none' } = {}): ModelMatrix {
  const intercept = options.intercept ?? true
  const contrasts = options.contrasts ?? 'treatment'
  if (covariates.length === 0 && !intercept) throw new EngineInputError('NO_COVARIATES', 'At least one covariate is needed.')
  const n = covariates.length > 0 ? covariates[0]!.values.length : 0
  const columns: Float64Array[] = []
  const names: string[] = []
  const assign: number[] = []
  const levels: Record<string, string[]> = {}
  if (intercept) {
    const one = new Float64Array(n)
    one.fill(1)
    columns.push(one)
    names.push('(Intercept)')
    assign.push(0)
  }
  const seen = new Set<string>()
  covariates.forEach((cov, k) => {
    if (seen.has(cov.name)) throw new EngineInputError('DUPLICATE_COVARIATE', `Covariate "${cov.name}" is listed twice.`)
    seen.add(cov.name)
    if (cov.values.length !== n) {
      throw new EngineInputError('LENGTH_MISMATCH', `Covariate "${cov.name}" has ${cov.values.length} values but "${covariates[0]!.name}" has ${n}.`)
    }
    if (cov.type === 'numeric') {
      const col = Float64Array.from(cov.values)
      for (let i = 0; i < n; i++) {
        if (!Number.isFinite(col[i]!)) throw new EngineInputError('NON_FINITE_VALUE', `Covariate "${cov.name}" has a missing or infinite value in row ${i + 1}.`)
      }
      columns.push(col)
      names.push(cov.name)
      assign.push(k + 1)
      return
    }
    const { levels: lv, codes } = cov.codes && cov.levels && cov.codes.length === n ? { levels: [...cov.levels], codes: cov.codes } : factorize(cov.values, cov.levels, cov.name)
    if (contrasts === 'treatment' && lv.length < 2) {
      throw new EngineInputError('SINGLE_LEVEL_FACTOR', `Covariate "${cov.name}" has only one category (${lv[0] ?? 'none'}); R refuses it too ("contrasts can be applied only to factors with 2 or more levels"). Leave it out of the model.`)
    }
    levels[cov.name] = lv
    const first = contrasts === 'treatment' ? 1 : 0
    for (let l = first; l < lv.length; l++) {
      const col = new Float64Array(n)
      for (let i = 0; i < n; i++) col[i] = codes[i] === l ? 1 : 0
      columns.push(col)
      names.push(cov.name + lv[l])
      assign.push(k + 1)
    }
  })
  return { n, columns, names, assign, terms: covariates.map((c) => c.name), levels, intercept, contrasts }
}
