// R's factor(): the one place that decides the order of categories. Every method that compares
// groups or expands a categorical covariate takes its levels from here — Kaplan–Meier curves and the
// log-rank test (group order), Cox and logistic models (the first level is the reference, terms
// named variable + level), MatchIt's balance rows, and the two-group and table tests ("x" is the
// first level).
//
// R: `levels(factor(x))` is `unique(as.character(sort(unique(x))))` (R 4.2 factor(): order() of the
// distinct values, then their labels):
//  * numbers sort numerically (2 < 9 < 10) and are labelled as as.character() prints them, with up
//    to 15 significant digits (0.1 + 0.2 and 0.3 are one level, "0.3"; 1e5 is "1e+05");
//  * text sorts by the collation of R's locale. R built with ICU (Debian's, CRAN's macOS and Windows
//    builds) collates with ICU in every locale except C/POSIX. On this project's machines
//    (LC_COLLATE=C.UTF-8, ICU locale "root") and in a clinician's usual R (en_US.UTF-8) that is the
//    Unicode root collation: case-insensitive first (colorectal < liver < Melanoma < RCC < rectal),
//    lower case before upper case among otherwise equal labels (a < A < b < B), accents after the
//    base letter (e < é < f), punctuation and spaces before digits before letters, and CJK
//    ideographs after Latin in Unicode (radical-stroke) order. R in the C locale (LC_COLLATE=C)
//    would sort by code point instead ("RCC" before "colorectal"), and R in a zh_CN locale orders
//    Chinese labels by pinyin; we reproduce neither. Checked against R 4.2.2 / ICU 72 on ~3 000
//    labels mixing case, accents, punctuation, digits, Greek, Cyrillic, full-width and Chinese
//    characters (tests/fixtures/r/factor-fixtures.R).
//  * two distinct strings that collate equal (canonically equivalent spellings such as "é" and
//    "e" + combining acute) keep the order in which they first occur, as R's order() does (its
//    shell sort keeps ties in input order, and factor() sorts unique(), which is in order of
//    first occurrence).
import { EngineInputError } from './errors'

/**
 * The Unicode root collation with ICU's defaults (tertiary strength, punctuation not ignored, no
 * numeric ordering), as R's Scollate() uses it. Named 'en' on purpose: `Intl.Collator('und')` and
 * `Intl.Collator()` resolve to the computer's own locale (zh-CN would give pinyin order, sv-SE would
 * put "ä" after "z"), and statistics must not change with the operating system's language. CLDR's
 * English has no tailoring, so 'en' is the root order everywhere.
 */
const ROOT_COLLATOR = new Intl.Collator('en', { usage: 'sort', sensitivity: 'variant', ignorePunctuation: false, numeric: false, caseFirst: 'false' })

/**
 * Compares two labels as R (with ICU, root/en_US collation) sorts them; 0 only for labels that
 * collate equal (see the module comment for R's tie rule).
 */
export function compareLabels(a: string, b: string): number {
  return ROOT_COLLATOR.compare(a, b)
}

/**
 * A number as R's `as.character()` shows it in factor labels: up to 15 significant digits, fixed
 * or scientific notation whichever is narrower (R's default `scipen = 0`), e.g. 2 → "2",
 * 1.50 → "1.5", 1e5 → "1e+05", 123456 → "123456", 0.0001 → "1e-04", 0.1 + 0.2 → "0.3".
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

/** The label R gives a value in a factor: numbers as as.character() prints them, text as it is. */
export function levelLabel(v: string | number): string {
  return typeof v === 'number' ? rNumberLabel(v) : v
}

/**
 * Levels in R's factor() order, from distinct values in order of first occurrence: numbers
 * numerically (when every value is a number), otherwise labels by R's collation (stable, so that
 * labels collating equal keep their first-occurrence order).
 */
function sortedLevels(distinct: readonly (string | number)[]): string[] {
  let allNumbers = true
  for (const v of distinct) if (typeof v !== 'number') allNumbers = false
  const labels = allNumbers ? [...(distinct as readonly number[])].sort((a, b) => a - b).map(rNumberLabel) : distinct.map(levelLabel).sort(compareLabels)
  // Equal labels (0.3 and 0.1 + 0.2; a number and its text) are one level, as unique() makes them.
  return [...new Set(labels)]
}

/**
 * Levels in R's factor() order: the sorted distinct values (see the module comment).
 *
 * R: `levels(factor(values))`
 */
export function factorLevels(values: ArrayLike<string | number>): string[] {
  return sortedLevels(distinctInOrder(values).distinct)
}

/** Distinct values in order of first occurrence and, per row, the index of its value among them. */
function distinctInOrder(values: ArrayLike<string | number>): { distinct: (string | number)[]; index: Int32Array } {
  const first = new Map<string | number, number>()
  const distinct: (string | number)[] = []
  const index = new Int32Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    let c = first.get(v)
    if (c === undefined) {
      c = distinct.length
      first.set(v, c) // a Map key treats −0 and 0 as one value, as R does
      distinct.push(v)
    }
    index[i] = c
  }
  return { distinct, index }
}

/**
 * 0-based level code of every value (values are matched by their label, as R's factor(x, levels)
 * matches as.character(x)).
 *
 * @throws EngineInputError UNKNOWN_LEVEL when a value is not among `levels`
 */
export function factorCodes(values: ArrayLike<string | number>, levels: readonly string[], name = 'factor'): Int32Array {
  const index = new Map<string | number, number>()
  levels.forEach((l, i) => index.set(l, i))
  const codes = new Int32Array(values.length)
  // Look values up as they are first (one Map probe per row); numbers fall back to their label.
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    let code = index.get(v)
    if (code === undefined && typeof v === 'number') {
      code = index.get(rNumberLabel(v))
      if (code !== undefined) index.set(v, code)
    }
    if (code === undefined) {
      throw new EngineInputError('UNKNOWN_LEVEL', `Value ${JSON.stringify(v)} of ${name} (row ${i + 1}) is not one of its levels (${levels.join(', ')}).`)
    }
    codes[i] = code
  }
  return codes
}

/** A coded categorical variable: R's factor as plain data. */
export interface Factor {
  /** Level labels in order; the first is R's reference level. */
  levels: string[]
  /** 0-based level code of each value. */
  codes: Int32Array
}

/**
 * Levels in R's factor() order (or the given `levels`) and the 0-based code of every value, in one
 * pass over the data: only the distinct values are sorted.
 *
 * R: `f <- factor(values)` (or `factor(values, levels = levels)`); `levels(f)`, `as.integer(f) - 1`
 * @throws EngineInputError UNKNOWN_LEVEL when `levels` is given and a value is not among them
 */
export function factorize(values: ArrayLike<string | number>, levels?: readonly string[], name = 'factor'): Factor {
  if (levels) return { levels: [...levels], codes: factorCodes(values, levels, name) }
  const { distinct, index } = distinctInOrder(values)
  const lv = sortedLevels(distinct)
  const pos = new Map<string, number>()
  lv.forEach((l, i) => pos.set(l, i))
  const remap = Int32Array.from(distinct, (u) => pos.get(levelLabel(u))!)
  for (let i = 0; i < index.length; i++) index[i] = remap[index[i]!]!
  return { levels: lv, codes: index }
}
