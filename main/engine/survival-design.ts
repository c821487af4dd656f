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
  /** Per covariate, its values (numeric) or level codes (factor) as floats; NaN = missing. */
  sources: { name: string; values: Float64Array }[]
  /**
   * Writes design rows `order[0..]` into `out` (row-major, `out[r*p + j]`), as (x − center)·scale
   * for each column (center 0 and scale 1 leave a column as it is).
   */
  fill(order: Int32Array, out: Float64Array, center: Float64Array, scale: Float64Array): void
  /**
   * Per design column over the rows with keep[i] = 1: whether every value lies in {−1, 0, 1}
   * (R's coxph `nocenter` test), the sum, and the sum of |x − mean| for the given means.
   */
  columnSums(keep: Uint8Array): { zeroOne: Uint8Array; sum: Float64Array }
  absoluteDeviations(keep: Uint8Array, means: Float64Array): Float64Array
  /** X β − offset for every row in input order, columns summed in order as R's matrix product; NaN where keep[i] = 0. */
  linearPredictor(coef: Float64Array, offset: number, keep: Uint8Array): Float64Array
}

/**
 * Builds the treatment-contrast design of R's `model.matrix(~ a + b, data)` (no intercept column;
 * Cox models have none). Factors need at least two levels; a level that no row uses gives an
 * all-zero column, which the fit reports as aliased (NA), as R does.
 *
 * @throws EngineInputError LENGTH_MISMATCH, DUPLICATE_COVARIATE, SINGLE_LEVEL_FACTOR,
 *   INVALID_GROUP_CODE, INFINITE_VALUE
 */
export function buildDesign(covariates: readonly Covariate[], n: number): DesignMatrix {
  const names: string[] = []
  const terms: DesignTerm[] = []
  const sources: { name: string; values: Float64Array }[] = []
  const seen = new Set<string>()
  for (const c of covariates) {
    if (seen.has(c.name)) throw new EngineInputError('DUPLICATE_COVARIATE', `The covariate "${c.name}" is listed twice.`)
    seen.add(c.name)
    if (c.kind === 'numeric') {
      if (c.values.length !== n) throw new EngineInputError('LENGTH_MISMATCH', `There are ${n} follow-up times but ${c.values.length} values of ${c.name}.`)
      const v = Float64Array.from(c.values)
      for (let i = 0; i < n; i++) {
        if (v[i] === Infinity || v[i] === -Infinity) throw new EngineInputError('INFINITE_VALUE', `Covariate ${c.name} is infinite for patient ${i + 1}.`, { index: i })
      }
      terms.push({ name: c.name, kind: 'numeric', columns: [names.length], levels: [] })
      names.push(c.name)
      sources.push({ name: c.name, values: v })
    } else {
      if (c.codes.length !== n) throw new EngineInputError('LENGTH_MISMATCH', `There are ${n} follow-up times but ${c.codes.length} values of ${c.name}.`)
      if (c.levels.length < 2) {
        throw new EngineInputError(
          'SINGLE_LEVEL_FACTOR',
          `The covariate "${c.name}" has only ${c.levels.length === 1 ? `one value ("${c.levels[0]}")` : 'no values'}, so it cannot be compared with anything (R: "contrasts can be applied only to factors with 2 or more levels"). Leave it out of the model.`,
        )
      }
      const codes = Float64Array.from(c.codes)
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
      }
      terms.push({ name: c.name, kind: 'factor', columns: cols, levels: [...c.levels] })
      sources.push({ name: c.name, values: codes })
    }
  }
  const p = names.length
  return {
    names,
    terms,
    p,
    sources,
    fill(order, out, center, scale) {
      for (let k = 0; k < terms.length; k++) {
        const t = terms[k]!
        if (t.kind === 'numeric') {
          const j = t.columns[0]!
          fillNumeric(sources[k]!.values, order, out, p, j, center[j]!, scale[j]!)
        } else fillFactor(sources[k]!.values, order, out, p, t.columns[0]!, t.columns.length)
      }
    },
    columnSums(keep) {
      const zeroOne = new Uint8Array(p).fill(1)
      const sum = new Float64Array(p)
      for (let k = 0; k < terms.length; k++) {
        const t = terms[k]!
        const v = sources[k]!.values
        if (t.kind === 'numeric') {
          const r = numericSums(v, keep)
          sum[t.columns[0]!] = r.sum
          zeroOne[t.columns[0]!] = r.zeroOne ? 1 : 0
        } else {
          const counts = levelCounts(v, keep, t.levels.length)
          for (let l = 0; l < t.columns.length; l++) sum[t.columns[l]!] = counts[l + 1]!
        }
      }
      return { zeroOne, sum }
    },
    absoluteDeviations(keep, means) {
      const out = new Float64Array(p)
      for (let k = 0; k < terms.length; k++) {
        const t = terms[k]!
        if (t.kind !== 'numeric') continue
        const j = t.columns[0]!
        out[j] = absDev(sources[k]!.values, keep, means[j]!)
      }
      return out
    },
    linearPredictor(coef, offset, keep) {
      const lp = new Float64Array(n)
      for (let k = 0; k < terms.length; k++) {
        const t = terms[k]!
        if (t.kind === 'numeric') addNumeric(lp, sources[k]!.values, coef[t.columns[0]!]!)
        else addFactor(lp, sources[k]!.values, coef, t.columns[0]!, t.columns.length)
      }
      for (let i = 0; i < n; i++) lp[i] = keep[i] ? lp[i]! - offset : NaN
      return lp
    },
  }
}

function fillNumeric(v: Float64Array, order: Int32Array, out: Float64Array, p: number, j: number, center: number, scale: number): void {
  if (center === 0 && scale === 1) {
    for (let r = 0; r < order.length; r++) out[r * p + j] = v[order[r]!]!
  } else {
    for (let r = 0; r < order.length; r++) out[r * p + j] = (v[order[r]!]! - center) * scale
  }
}

function numericSums(v: Float64Array, keep: Uint8Array): { sum: number; zeroOne: boolean } {
  let sum = 0
  let zeroOne = true
  for (let i = 0; i < v.length; i++) {
    if (!keep[i]) continue
    const x = v[i]!
    sum += x
    if (x !== 0 && x !== 1 && x !== -1) zeroOne = false
  }
  return { sum, zeroOne }
}

function levelCounts(codes: Float64Array, keep: Uint8Array, nLevels: number): Float64Array {
  const counts = new Float64Array(nLevels)
  for (let i = 0; i < codes.length; i++) if (keep[i]) counts[codes[i]!]!++
  return counts
}

function absDev(v: Float64Array, keep: Uint8Array, mean: number): number {
  let s = 0
  for (let i = 0; i < v.length; i++) if (keep[i]) s += Math.abs(v[i]! - mean)
  return s
}

function addNumeric(lp: Float64Array, v: Float64Array, b: number): void {
  for (let i = 0; i < v.length; i++) lp[i] = lp[i]! + v[i]! * b
}

function addFactor(lp: Float64Array, codes: Float64Array, coef: Float64Array, first: number, ncol: number): void {
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!
    let s = lp[i]!
    for (let l = 0; l < ncol; l++) s += (c === l + 1 ? 1 : 0) * coef[first + l]!
    lp[i] = s
  }
}

/** Treatment contrasts: column l − 1 (l = 1..k−1) is 1 when the code is level l; the reference level is all zeros. */
function fillFactor(codes: Float64Array, order: Int32Array, out: Float64Array, p: number, first: number, ncol: number): void {
  for (let r = 0; r < order.length; r++) {
    const code = codes[order[r]!]!
    const off = r * p + first
    for (let l = 0; l < ncol; l++) out[off + l] = code === l + 1 ? 1 : 0
  }
}

/** How R's `read.csv()` (through `type.convert()`) reads a column of text cells. */
export type RColumnKind = 'numeric' | 'logical' | 'text'

const R_LOGICAL: Record<string, boolean> = { T: true, TRUE: true, true: true, True: true, F: false, FALSE: false, false: false, False: false }

/**
 * The type R's `read.csv()` gives a column, from its non-missing cells: logical when every cell is
 * one of T/F/TRUE/FALSE/true/false/True/False, numeric when every cell parses as a number, else text.
 */
export function rColumnKind(cells: readonly string[]): RColumnKind {
  let logical = true
  let numeric = true
  for (const c of cells) {
    if (logical && !(c in R_LOGICAL)) logical = false
    if (numeric && (c.trim() === '' || Number.isNaN(Number(c)))) numeric = false
    if (!logical && !numeric) break
  }
  if (cells.length === 0) return 'logical' // R: an all-NA column is logical
  return logical ? 'logical' : numeric ? 'numeric' : 'text'
}

/** R's TRUE/FALSE for a logical cell (`type.convert` spelling), or null. */
export function rLogical(cell: string): boolean | null {
  return cell in R_LOGICAL ? R_LOGICAL[cell]! : null
}

/**
 * A number formatted as R's `as.character()` shows it in factor labels: up to 15 significant
 * digits, fixed or scientific notation whichever is narrower (R's default `scipen = 0`), e.g.
 * 2 → "2", 1.50 → "1.5", 1e5 → "1e+05", 123456 → "123456", 0.0001 → "1e-04".
 */
export function rNumberLabel(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Inf' : '-Inf'
  if (x === 0) return '0'
  const target = Number(x.toPrecision(15))
  let digits = 1
  while (digits < 15 && Number(x.toPrecision(digits)) !== target) digits++
  const [mant, expRaw] = target.toExponential(digits - 1).split('e') as [string, string]
  const e = Number(expRaw)
  const sci = `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`
  const fixed = target.toFixed(Math.max(0, digits - 1 - e))
  return fixed.length <= sci.length ? fixed : sci
}

/**
 * Codes and levels as R's `factor()` makes them from a column read by `read.csv()`: numeric columns
 * sorted numerically (equal numbers share a level, labelled as R prints them), logical columns
 * FALSE then TRUE, text sorted by code point (R's order in the C locale, which this project's R
 * uses; other locales may order mixed-case labels differently).
 */
export function rFactor(values: readonly string[], kind: RColumnKind): { codes: Int32Array; levels: string[] } {
  const codes = new Int32Array(values.length)
  if (kind === 'numeric') {
    const nums = values.map(Number)
    const distinct = [...new Set(nums)].sort((a, b) => a - b)
    const index = new Map(distinct.map((v, k) => [v, k]))
    nums.forEach((v, i) => (codes[i] = index.get(v)!))
    return { codes, levels: distinct.map(rNumberLabel) }
  }
  if (kind === 'logical') {
    const present = [false, true].filter((b) => values.some((v) => rLogical(v) === b))
    values.forEach((v, i) => (codes[i] = present.indexOf(rLogical(v)!)))
    return { codes, levels: present.map((b) => (b ? 'TRUE' : 'FALSE')) }
  }
  const distinct = [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const index = new Map(distinct.map((v, k) => [v, k]))
  values.forEach((v, i) => (codes[i] = index.get(v)!))
  return { codes, levels: distinct }
}
