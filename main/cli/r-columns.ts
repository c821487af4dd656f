// CSV columns read as R reads them, for the km, cox, match and compare commands: the type
// read.csv() gives a column (type.convert's rules), factors coded as R's factor() codes them
// (engine/factor.ts decides the level order), Surv()'s event coding, and model covariates. Every
// command that turns CSV cells into engine input goes through here, so that a column means the same
// thing to each of them and to the R call each prints.
import { factorize, type Factor } from '../engine/factor'
import type { CovariateColumn } from '../engine/model-matrix'
import { UsageError } from './command'
import { columnCells, columnIndex, isMissing, numericValues, type CompleteCases, type CsvTable } from './csv-table'

/** How R's `read.csv()` (through `type.convert()`) reads a column of text cells. */
export type RColumnKind = 'numeric' | 'logical' | 'text'

const R_LOGICAL: Record<string, boolean> = { T: true, TRUE: true, true: true, True: true, F: false, FALSE: false, false: false, False: false }

/**
 * The convention for the order of groups and factor levels, printed in each command's --help.
 * Kept beside the code that applies it (engine/factor.ts has the evidence).
 */
export const LEVEL_ORDER_HELP = `Groups and factor levels are ordered as R's factor() orders them after read.csv(), and the
first is R's reference: numbers numerically (2 < 9 < 10); FALSE before TRUE; text as R with ICU
sorts it in the usual locales (en_US.UTF-8, C.UTF-8): alphabetically without regard to case first
(colorectal, liver, Melanoma, RCC, rectal, thyroid), then lower case before upper case (a, A, b, B),
accented letters after their base letter (e, é, f), Chinese after Latin in Unicode order. (R run
with LC_COLLATE=C sorts by code point instead, capitals first; R in a Chinese locale sorts Chinese
by pinyin.)`

/**
 * The type R's `read.csv()` gives a column, from its non-missing cells: logical when every cell is
 * one of T/F/TRUE/FALSE/true/false/True/False, numeric when every cell parses as a number, else text.
 */
export function rColumnKind(cells: readonly string[]): RColumnKind {
  return kindOf(cells, false)
}

/** rColumnKind of the filled cells (isMissing's not), without building the array of them. */
function kindOf(cells: readonly string[], skipMissing: boolean): RColumnKind {
  let logical = true
  let numeric = true
  let filled = 0
  for (const c of cells) {
    if (skipMissing && isMissing(c)) continue
    filled++
    if (logical && !(c.length <= 5 && Object.hasOwn(R_LOGICAL, c))) logical = false
    if (numeric && (c.trim() === '' || Number.isNaN(Number(c)))) numeric = false
    if (!logical && !numeric) break
  }
  if (filled === 0) return 'logical' // R: an all-NA column is logical
  return logical ? 'logical' : numeric ? 'numeric' : 'text'
}

/** R's TRUE/FALSE for a logical cell (`type.convert` spelling), or null. */
export function rLogical(cell: string): boolean | null {
  return cell in R_LOGICAL ? R_LOGICAL[cell]! : null
}

/** The R type of a column, decided from the whole column (every filled row), as read.csv() decides it. */
export function columnKind(table: CsvTable, column: string): RColumnKind {
  let kinds = KINDS.get(table)
  if (!kinds) KINDS.set(table, (kinds = new Map()))
  let kind = kinds.get(column)
  if (kind === undefined) {
    const idx = columnIndex(table, column)
    // Plain numbers with at least one filled cell are numeric (an all-missing column is logical).
    const numbers = table.numbers?.([idx])[0]
    kind = numbers && numbers.some((v) => !Number.isNaN(v)) ? 'numeric' : kindOf(columnCells(table, idx), true)
    kinds.set(column, kind)
  }
  return kind
}

/** Each column's kind, decided once per table (a command asks for it several times). */
const KINDS = new WeakMap<CsvTable, Map<string, RColumnKind>>()

/**
 * The cells of a column coded as R's `factor()` codes the column `read.csv()` made: numbers sorted
 * numerically (labelled as R prints them), logical FALSE then TRUE, text in R's collation order.
 */
export function factorColumn(table: CsvTable, column: string, cellsOf: readonly string[] | (() => readonly string[]), values?: Float64Array): Factor {
  const kind = columnKind(table, column)
  if (kind === 'numeric' && values) return factorize(values)
  const cells = typeof cellsOf === 'function' ? cellsOf() : cellsOf
  if (kind === 'numeric') return factorize(cells.map(Number))
  if (kind === 'logical') return factorize(cells.map((c) => (rLogical(c) ? 'TRUE' : 'FALSE')))
  return factorize(cells)
}

/**
 * Reads an event column as `survival::Surv()` does: numbers 0/1 (or 1/2 when the largest value is
 * 2, as in survival::lung, where 2 = event), or TRUE/FALSE. Anything else is a usage error, where
 * R would silently turn it into NA.
 */
export function eventColumn(table: CsvTable, column: string, cellsOf: readonly string[] | (() => readonly string[]), rowNumbers: readonly number[], values?: Float64Array): Uint8Array {
  const numbers = values ? table.numbers?.([columnIndex(table, column)])[0] : null
  if (values && numbers) {
    // Plain numbers (read without strings): the same rules on the numbers themselves.
    let max = -Infinity
    for (let i = 0; i < numbers.length; i++) if (numbers[i]! > max) max = numbers[i]!
    const shift = max === 2 ? 1 : 0
    const out = new Uint8Array(values.length)
    for (let i = 0; i < values.length; i++) {
      const v = values[i]! - shift
      if (v !== 0 && v !== 1) {
        throw new UsageError(
          `${table.file} row ${rowNumbers[i]} column "${column}": the event indicator must be 0 (censored) or 1 (event)${shift ? ' — with 1/2 coding, 1 = censored and 2 = event' : ''}; got ${JSON.stringify(typeof cellsOf === 'function' ? cellsOf()[i] : cellsOf[i])}`,
        )
      }
      out[i] = v
    }
    return out
  }
  const cells = typeof cellsOf === 'function' ? cellsOf() : cellsOf
  const all = columnCells(table, columnIndex(table, column)).filter((c) => !isMissing(c))
  const kind = rColumnKind(all)
  const out = new Uint8Array(cells.length)
  if (kind === 'logical') {
    cells.forEach((c, i) => (out[i] = rLogical(c) ? 1 : 0))
    return out
  }
  if (kind !== 'numeric') {
    const bad = cells.findIndex((c) => Number.isNaN(Number(c)))
    throw new UsageError(`${table.file} row ${rowNumbers[Math.max(0, bad)]} column "${column}": the event indicator must be 0/1 (or 1/2, or TRUE/FALSE), got ${JSON.stringify(cells[Math.max(0, bad)])}`)
  }
  let max = -Infinity // a loop, not Math.max(...all): a spread of a million cells overflows the call stack
  for (const c of all) max = Math.max(max, Number(c))
  const shift = max === 2 ? 1 : 0 // Surv(): status coded 1/2 means censored/event
  cells.forEach((c, i) => {
    const v = Number(c) - shift
    if (v !== 0 && v !== 1) {
      throw new UsageError(
        `${table.file} row ${rowNumbers[i]} column "${column}": the event indicator must be 0 (censored) or 1 (event)${shift ? ' — with 1/2 coding, 1 = censored and 2 = event' : ''}; got ${JSON.stringify(c)}`,
      )
    }
    out[i] = v
  })
  return out
}

export interface CovariateReading {
  /** Numeric columns to read as categories (R: `factor(x)` in the formula). */
  factors?: ReadonlySet<string>
  /**
   * A TRUE/FALSE column as R's model.matrix() expands it: one column `<name>TRUE`. 'factor' keeps it
   * a two-level factor (FALSE = reference), which gives that same column and keeps the covariate's
   * own name in the model (coxph). 'indicator' makes it the 0/1 column `<name>TRUE` itself, which is
   * also how MatchIt's balance table shows a logical covariate (one row, not one per level).
   */
  logical: 'factor' | 'indicator'
}

/**
 * Model covariates from the complete rows, as R reads them from the CSV: numeric columns as
 * numbers, text columns (and `factors`) as factors in R's level order, logical columns per `logical`.
 */
export function covariateColumns(table: CsvTable, names: readonly string[], cc: CompleteCases, reading: CovariateReading): CovariateColumn[] {
  return names.map((name): CovariateColumn => {
    const kind = columnKind(table, name)
    if (kind === 'numeric' && !reading.factors?.has(name)) return { name, type: 'numeric', values: numericValues(table, cc, name) }
    if (kind === 'logical' && reading.logical === 'indicator' && !reading.factors?.has(name)) {
      return { name: `${name}TRUE`, type: 'numeric', values: cc.cells[name]!.map((c) => (rLogical(c) ? 1 : 0)) }
    }
    const f = factorColumn(table, name, cc.cells[name]!)
    return { name, type: 'factor', codes: f.codes, levels: f.levels }
  })
}
