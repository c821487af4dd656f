// Contingency tables from two label columns, with R's table(factor(a), factor(b)) level order, and
// the input validation the table tests share.
import { EngineInputError } from './errors'
import { factorize } from './factor'

export interface ContingencyTable {
  /** counts[i][j]: rows are the levels of the first variable, columns of the second. */
  counts: number[][]
  rowLevels: string[]
  columnLevels: string[]
}

/**
 * Cross-tabulates two label columns; levels sorted as R's factor() sorts them. Pass `levels` to use
 * the same levels on both sides (McNemar: R's table(factor(x, levels = L), factor(y, levels = L))).
 *
 * R: `table(rows, columns)`
 */
export function crossTabulate(rows: ArrayLike<string | number>, columns: ArrayLike<string | number>, levels?: { rows?: readonly string[]; columns?: readonly string[] }): ContingencyTable {
  if (rows.length !== columns.length) throw new EngineInputError('LENGTH_MISMATCH', `There are ${rows.length} row labels but ${columns.length} column labels.`)
  const r = factorize(rows, levels?.rows, 'the row variable')
  const c = factorize(columns, levels?.columns, 'the column variable')
  const counts = r.levels.map(() => new Array<number>(c.levels.length).fill(0))
  for (let i = 0; i < r.codes.length; i++) counts[r.codes[i]!]![c.codes[i]!]!++
  return { counts, rowLevels: r.levels, columnLevels: c.levels }
}

/** A table given directly or built from labels. */
export type TableInput = { table: readonly (readonly number[])[]; rowLevels?: readonly string[]; columnLevels?: readonly string[] } | { rows: ArrayLike<string | number>; columns: ArrayLike<string | number> }

/**
 * Validates (non-negative finite counts, rectangular; whole numbers when `integer`) and returns the
 * table with level names. @throws EngineInputError RAGGED_TABLE, INVALID_COUNT
 */
export function resolveTable(input: TableInput, integer = false): ContingencyTable {
  const t = 'table' in input ? { counts: input.table.map((r) => [...r]), rowLevels: input.rowLevels ? [...input.rowLevels] : input.table.map((_, i) => String(i + 1)), columnLevels: input.columnLevels ? [...input.columnLevels] : (input.table[0] ?? []).map((_, j) => String(j + 1)) } : crossTabulate(input.rows, input.columns)
  const nc = t.counts[0]?.length ?? 0
  for (const row of t.counts) {
    if (row.length !== nc) throw new EngineInputError('RAGGED_TABLE', 'Every row of the table must have the same number of cells.')
    for (const v of row) {
      if (!(Number.isFinite(v) && v >= 0)) throw new EngineInputError('INVALID_COUNT', `Table counts must be non-negative numbers, got ${v}.`)
      if (integer && !Number.isInteger(v)) throw new EngineInputError('INVALID_COUNT', `Table counts must be whole numbers, got ${v}.`)
    }
  }
  return t
}

/** Sum of all counts (R: `sum(table)`). */
export function tableTotal(counts: readonly (readonly number[])[]): number {
  let n = 0
  for (const r of counts) for (const v of r) n += v
  return n
}
