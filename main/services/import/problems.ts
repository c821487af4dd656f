// Import problems in words a nurse understands. Rows are numbered as a spreadsheet shows them:
// the header is row 1, so the first patient is row 2.
import type { ImportFileRole, ImportProblem, ImportProblemCode } from '@contract/import-export'

/** The sentence that explains the row numbers (CLI header, import screen, failed commit). */
export const ROW_CONVENTION = 'Rows are numbered as in a spreadsheet: the header is row 1, so the first patient is row 2.'
export const ROW_CONVENTION_ZH = '行号与电子表格一致：表头为第 1 行，第一位患者为第 2 行。'

/** A problem before it is attached to a file. */
export interface ProblemDraft {
  severity: 'error' | 'warning'
  code: ImportProblemCode
  row: number | null
  column: string | null
  field: string | null
  value: string | null
  detail: string
  detailZh: string
  /** A domain validation issue's key, parameters and other fields, for the renderer's translation. */
  messageKey?: string
  params?: Record<string, string | number>
  related?: string[]
}

/** Quotes a cell for a message, cut to 80 characters. */
export function quoted(value: string): string {
  const v = value.length > 80 ? value.slice(0, 77) + '…' : value
  return `'${v}'`
}

export function quotedZh(value: string): string {
  const v = value.length > 80 ? value.slice(0, 77) + '…' : value
  return `“${v}”`
}

export function cutValue(value: string | null): string | null {
  if (value === null) return null
  return value.length > 80 ? value.slice(0, 77) + '…' : value
}

export function locationPrefix(row: number | null, column: string | null, fileName: string): string {
  if (row !== null && column !== null) return `Row ${row}, column '${column}': `
  if (row !== null) return `Row ${row}: `
  if (column !== null) return `Column '${column}': `
  return `${fileName}: `
}

export function attach(draft: ProblemDraft, file: ImportFileRole, fileName: string): ImportProblem {
  const located = draft.row !== null || draft.column !== null
  const prefix = locationPrefix(draft.row, draft.column, fileName)
  // Problems of the linked files name the file first ("x_follow_up.csv, row 3: …").
  const message = file !== 'patients' && located ? `${fileName}, ${prefix.charAt(0).toLowerCase()}${prefix.slice(1)}${draft.detail}` : prefix + draft.detail
  const p: ImportProblem = {
    severity: draft.severity,
    code: draft.code,
    file,
    fileName,
    row: draft.row,
    column: draft.column,
    field: draft.field,
    value: cutValue(draft.value),
    message,
    detail: draft.detail,
    detailZh: draft.detailZh,
  }
  if (draft.messageKey !== undefined) p.messageKey = draft.messageKey
  if (draft.params !== undefined) p.params = draft.params
  if (draft.related !== undefined) p.related = draft.related
  return p
}

/**
 * Data rows of a file as the user counts them in the spreadsheet: the rows read, plus the rows left
 * out because the CSV format breaks them (quotes, number of values). Blank rows are not counted.
 * The preview and the check both say this number, so the mapping screen and the summary agree.
 */
export function dataRowCount(file: { rows: readonly unknown[]; problems: readonly Pick<ProblemDraft, 'code' | 'row'>[]; stream?: { rowCount: number } }): number {
  return (file.stream ? file.stream.rowCount : file.rows.length) + file.problems.filter((p) => p.code === 'MALFORMED_CSV' && p.row !== null).length
}

/** Spreadsheet column letter of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1
  let s = ''
  while (n > 0) {
    const r = (n - 1) % 26
    s = String.fromCharCode(65 + r) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}
