// The design matrix of an additive model, as R's model.matrix() builds it for `y ~ a + b + f`, shared
// by every model in the engine: logistic regression (propensity scores; with an intercept), Cox
// regression (no intercept), and MatchIt's balance table (every level of a factor, no intercept).
//
// Numeric covariates enter as they are; factors (coded once, by factor.ts, in R's level order) are
// expanded into indicator columns named paste0(variable, level): treatment contrasts (R's default
// contr.treatment: the first level is the reference and gets no column) for model fitting, or one
// column per level (contrasts = FALSE) for balance. The matrix is kept as its terms — each
// covariate's values or level codes once — and read through views: one column at a time
// (designColumn), column-major for the QR of glm (fillColumnMajor), or row by row in a given order,
// centred and scaled, for Cox (fillRows). No view but designColumn allocates, so a million-row Cox
// model never holds its factor dummies twice.
import { EngineInputError } from './errors'
import { factorize } from './factor'

/**
 * One covariate column. Numeric columns enter as they are; factor columns are expanded. A factor is
 * given by its `values` (labels or numbers; levels then default to R's factor() order), or by
 * `codes` (0-based, into `levels`) when it is already coded.
 */
export type CovariateColumn =
  | { name: string; type: 'numeric'; values: ArrayLike<number> }
  | {
      name: string
      type: 'factor'
      values?: ArrayLike<string | number>
      /** Level order (the first is the reference); default R's factor() order of `values`. */
      levels?: readonly string[]
      /** 0-based level codes, with `levels`, when already known (NaN = missing where allowed); saves a lookup per row. */
      codes?: ArrayLike<number>
    }

/** One model term (covariate) and the design columns it produced. Plain data. */
export interface ModelTerm {
  name: string
  type: 'numeric' | 'factor'
  /** Indices of this term's design columns (R's `assign`). */
  columns: number[]
  /** Factor levels in order (the first is the reference); empty for numeric terms. */
  levels: string[]
  /** Numeric values, or 0-based level codes of a factor, one per row, as doubles; NaN = missing. */
  values: Float64Array
}

/** A design matrix, held as its terms; read it through designColumn, fillColumnMajor or fillRows. */
export interface ModelMatrix {
  /** Rows (patients). */
  n: number
  /** Column names exactly as R's model.matrix() names them: `(Intercept)`, `age`, `racehispan`. */
  names: string[]
  /** Term of each column: 0 for the intercept, k for the k-th covariate (R's "assign", 1-based). */
  assign: number[]
  /** The covariates in formula order with their columns. */
  terms: ModelTerm[]
  /** Levels used for each factor covariate. */
  levels: Record<string, string[]>
  /** Whether the first column is the intercept. */
  intercept: boolean
  /** 'treatment' (R's contr.treatment) or 'none' (every level gets a column, contrasts = FALSE). */
  contrasts: 'treatment' | 'none'
}

export interface ModelMatrixOptions {
  /** Add the `(Intercept)` column (default true; Cox models have none). */
  intercept?: boolean
  /** 'treatment' (default) or 'none' (a column for every level, as MatchIt's summary() expands factors). */
  contrasts?: 'treatment' | 'none'
  /** Number of rows; default the length of the first covariate. */
  rows?: number
  /**
   * 'refuse' (default): a missing or infinite value throws NON_FINITE_VALUE. 'allow': NaN marks a
   * missing value (the caller leaves such rows out, as coxph's na.omit) and only ±Infinity throws
   * (INFINITE_VALUE).
   */
  missing?: 'refuse' | 'allow'
}

/**
 * Builds the design matrix of an additive model, as R's model.matrix() does.
 *
 * @param covariates the covariates in formula order (at least one unless `intercept` is true)
 * @param options intercept (true), contrasts ('treatment'), rows, missing ('refuse')
 * @throws EngineInputError NO_COVARIATES, DUPLICATE_COVARIATE, LENGTH_MISMATCH, NON_FINITE_VALUE,
 *   INFINITE_VALUE, INVALID_GROUP_CODE, UNKNOWN_LEVEL, SINGLE_LEVEL_FACTOR (R: "contrasts can be
 *   applied only to factors with 2 or more levels")
 *
 * A level that no row uses still gets its column (all zero), which a model then reports as aliased
 * (NA), as R does.
 *
 * R: `model.matrix(~ age + educ + race, data)` (treatment) or
 * `model.matrix(~ age + race, data, contrasts.arg = list(race = contrasts(data$race, contrasts = FALSE)))` (none)
 */
export function buildModelMatrix(covariates: readonly CovariateColumn[], options: ModelMatrixOptions = {}): ModelMatrix {
  const intercept = options.intercept ?? true
  const contrasts = options.contrasts ?? 'treatment'
  const allowMissing = options.missing === 'allow'
  if (covariates.length === 0 && !intercept) throw new EngineInputError('NO_COVARIATES', 'At least one covariate is needed.')
  const n = options.rows ?? (covariates.length > 0 ? covariateLength(covariates[0]!) : 0)
  const names: string[] = []
  const assign: number[] = []
  const terms: ModelTerm[] = []
  const levels: Record<string, string[]> = {}
  if (intercept) {
    names.push('(Intercept)')
    assign.push(0)
  }
  const seen = new Set<string>()
  covariates.forEach((cov, k) => {
    if (seen.has(cov.name)) throw new EngineInputError('DUPLICATE_COVARIATE', `Covariate "${cov.name}" is listed twice.`)
    seen.add(cov.name)
    const len = covariateLength(cov)
    if (len !== n) throw new EngineInputError('LENGTH_MISMATCH', `Covariate "${cov.name}" has ${len} values but there are ${n} rows.`)
    if (cov.type === 'numeric') {
      // A copy; from a Float64Array by the typed-array constructor (a block copy, where from() iterates).
      const values = cov.values instanceof Float64Array ? new Float64Array(cov.values) : Float64Array.from(cov.values)
      checkValues(cov.name, values, allowMissing)
      terms.push({ name: cov.name, type: 'numeric', columns: [names.length], levels: [], values })
      names.push(cov.name)
      assign.push(k + 1)
      return
    }
    const { levels: lv, codes } = factorOf(cov, allowMissing)
    if (contrasts === 'treatment' && lv.length < 2) {
      throw new EngineInputError(
        'SINGLE_LEVEL_FACTOR',
        `Covariate "${cov.name}" has only ${lv.length === 1 ? `one category ("${lv[0]}")` : 'no values'}, so it cannot be compared with anything; R refuses it too ("contrasts can be applied only to factors with 2 or more levels"). Leave it out of the model.`,
      )
    }
    levels[cov.name] = lv
    const columns: number[] = []
    for (let l = contrasts === 'treatment' ? 1 : 0; l < lv.length; l++) {
      columns.push(names.length)
      names.push(cov.name + lv[l])
      assign.push(k + 1)
    }
    terms.push({ name: cov.name, type: 'factor', columns, levels: lv, values: codes })
  })
  return { n, names, assign, terms, levels, intercept, contrasts }
}

function covariateLength(c: CovariateColumn): number {
  return c.type === 'numeric' ? c.values.length : (c.codes ?? c.values ?? []).length
}

function checkValues(name: string, v: Float64Array, allowMissing: boolean): void {
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!
    if (Number.isFinite(x) || (allowMissing && Number.isNaN(x))) continue
    if (allowMissing) throw new EngineInputError('INFINITE_VALUE', `Covariate "${name}" is infinite in row ${i + 1}.`, { index: i })
    throw new EngineInputError('NON_FINITE_VALUE', `Covariate "${name}" has a missing or infinite value in row ${i + 1}.`, { index: i })
  }
}

/** Levels and codes (as doubles, NaN = missing) of a factor covariate, coded by R's factor() rules. */
function factorOf(cov: Extract<CovariateColumn, { type: 'factor' }>, allowMissing: boolean): { levels: string[]; codes: Float64Array } {
  if (cov.codes && cov.levels) {
    const nLevels = cov.levels.length
    const codes = Float64Array.from(cov.codes)
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i]!
      if (Number.isNaN(c)) {
        if (allowMissing) continue
        throw new EngineInputError('NON_FINITE_VALUE', `Covariate "${cov.name}" has a missing value in row ${i + 1}.`, { index: i })
      }
      if (!Number.isInteger(c) || c < 0 || c >= nLevels) {
        throw new EngineInputError('INVALID_GROUP_CODE', `Row ${i + 1} has ${cov.name} code ${c}, but ${cov.name} has ${nLevels} levels (codes 0 to ${nLevels - 1}).`, { index: i, value: c })
      }
    }
    return { levels: [...cov.levels], codes }
  }
  if (!cov.values) throw new EngineInputError('NO_VALUES', `Covariate "${cov.name}" needs its values, or codes with levels.`)
  const f = factorize(cov.values, cov.levels, cov.name)
  return { levels: f.levels, codes: new Float64Array(f.codes) }
}

/** The term behind design column j, and the factor level the column indicates (−1 for numeric). */
function columnSource(mm: ModelMatrix, j: number): { term: ModelTerm; level: number } | null {
  const k = mm.assign[j]!
  if (k === 0) return null // the intercept
  const term = mm.terms[k - 1]!
  if (term.type === 'numeric') return { term, level: -1 }
  return { term, level: j - term.columns[0]! + (mm.contrasts === 'treatment' ? 1 : 0) }
}

/**
 * Design column j: 1 for the intercept, the values of a numeric term (the term's own array: do not
 * modify it), or the 0/1 indicator of a factor level (NaN where the code is missing).
 */
export function designColumn(mm: ModelMatrix, j: number): Float64Array {
  const src = columnSource(mm, j)
  if (src === null) return new Float64Array(mm.n).fill(1)
  if (src.level < 0) return src.term.values
  const col = new Float64Array(mm.n)
  writeIndicator(src.term.values, src.level, col, 0)
  return col
}

/** out[off + i] = 1 where codes[i] is level, NaN where it is NaN, else 0. */
function writeIndicator(codes: ArrayLike<number>, level: number, out: Float64Array, off: number): void {
  for (let i = 0; i < codes.length; i++) out[off + i] = codes[i] === level ? 1 : Number.isNaN(codes[i]!) ? NaN : 0
}

/** Writes the matrix column-major into `out` (element (i, j) at out[j·n + i]), as R and LINPACK store it. */
export function fillColumnMajor(mm: ModelMatrix, out: Float64Array): void {
  // Each column written in place (no column array of its own to copy from).
  for (let j = 0; j < mm.names.length; j++) {
    const src = columnSource(mm, j)
    const off = j * mm.n
    if (src === null) out.fill(1, off, off + mm.n)
    else if (src.level < 0) out.set(src.term.values, off)
    else writeIndicator(src.term.values, src.level, out, off)
  }
}

/**
 * Writes design rows `order[0..]` into `out` row-major (`out[r·p + j]`, p = number of columns), each
 * column as (x − center[j])·scale[j] (center 0 and scale 1 leave a column as it is; factor
 * indicators are always written as they are). This is the view Cox's Newton–Raphson iterates on:
 * rows sorted by stratum and time, covariates centred and scaled as coxph does.
 */
export function fillRows(mm: ModelMatrix, order: Int32Array, out: Float64Array, center: Float64Array, scale: Float64Array): void {
  const p = mm.names.length
  if (mm.intercept) for (let r = 0; r < order.length; r++) out[r * p] = 1
  for (const t of mm.terms) {
    const v = t.values
    if (t.type === 'numeric') {
      const j = t.columns[0]!
      const c = center[j]!
      const s = scale[j]!
      if (c === 0 && s === 1) for (let r = 0; r < order.length; r++) out[r * p + j] = v[order[r]!]!
      else for (let r = 0; r < order.length; r++) out[r * p + j] = (v[order[r]!]! - c) * s
      continue
    }
    // Indicators: column l − lo is 1 when the code is level l (treatment contrasts start at lo = 1).
    const first = t.columns[0]!
    const ncol = t.columns.length
    const lo = mm.contrasts === 'treatment' ? 1 : 0
    for (let r = 0; r < order.length; r++) {
      const code = v[order[r]!]!
      const off = r * p + first
      for (let l = 0; l < ncol; l++) out[off + l] = code === l + lo ? 1 : 0
    }
  }
}

/**
 * X β for every row in input order, the columns added in order as R's matrix product does
 * (`model.matrix(...) %*% coef`). A missing numeric value gives NaN; a missing factor code adds
 * nothing, so callers that allowed missing values mask those rows themselves (as coxph does).
 */
export function linearPredictor(mm: ModelMatrix, coef: ArrayLike<number>): Float64Array {
  const n = mm.n
  const lp = new Float64Array(n)
  if (mm.intercept) lp.fill(coef[0]!)
  for (const t of mm.terms) {
    const v = t.values
    if (t.type === 'numeric') {
      const b = coef[t.columns[0]!]!
      for (let i = 0; i < n; i++) lp[i] = lp[i]! + v[i]! * b
      continue
    }
    const first = t.columns[0]!
    const ncol = t.columns.length
    const lo = mm.contrasts === 'treatment' ? 1 : 0
    for (let i = 0; i < n; i++) {
      const c = v[i]!
      let s = lp[i]!
      for (let l = 0; l < ncol; l++) s += (c === l + lo ? 1 : 0) * coef[first + l]!
      lp[i] = s
    }
  }
  return lp
}
