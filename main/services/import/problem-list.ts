// The problem list of an import as a CSV file to work through in a spreadsheet: one line per
// problem with the file, row, column, value, what is wrong and what to do, in the UI language.
// Rows are numbered as the spreadsheet shows them (header = row 1).
import type { ImportProblem, ImportProblemCode } from '@contract/import-export'
import { guardFormula, renderCsv, writeFilesTogether } from '../export/csv-writer'
import { CSV_FIELD_BY_PATH, type CsvField } from './fields'

export type ListLanguage = 'en' | 'zh-CN'

/** The column of a rejects file that says what to correct; left out when the file is imported again. */
export const REJECTS_PROBLEM_COLUMN: Record<ListLanguage, string> = { en: 'SpineMet problems', 'zh-CN': 'SpineMet 问题' }

const HEADER: Record<ListLanguage, readonly string[]> = {
  en: ['File', 'Row', 'Column', 'Value', 'Severity', 'Problem', 'Suggestion'],
  'zh-CN': ['文件', '行', '列', '值', '级别', '问题', '建议'],
}

const SEVERITY: Record<ListLanguage, Record<ImportProblem['severity'], string>> = {
  en: { error: 'error', warning: 'warning' },
  'zh-CN': { error: '错误', warning: '警告' },
}

/** What to do about each kind of problem, when the field gives nothing more specific. */
const ACTION: Record<ImportProblemCode, [en: string, zh: string]> = {
  WRONG_TYPE: ['Correct the value in the spreadsheet, then check the file again.', '请在电子表格中改正该值，然后重新检查文件。'],
  OUT_OF_RANGE: ['Check the value against the chart and correct it.', '请对照病历核对并改正该值。'],
  AMBIGUOUS_DATE: ['Write the date year first (YYYY-MM-DD, e.g. 2018-03-10) so day and month cannot be confused.', '请按“年-月-日”书写日期（例如 2018-03-10），以免日与月混淆。'],
  DATE_ORDER: ['Check both dates against the chart and correct the wrong one.', '请对照病历核对两个日期，并改正错误的一个。'],
  UNKNOWN_CATEGORY: ['Write one of the accepted values (the data dictionary lists them).', '请填写可接受的取值之一（见数据字典）。'],
  DUPLICATE: ['Keep one row per patient: remove this row, or skip patients already in the registry.', '每位患者只保留一行：删除本行，或选择跳过登记库中已有的患者。'],
  WRONG_ENCODING: ['Save the file again as "CSV UTF-8" (Excel, WPS: File ▸ Save As).', '请将文件另存为“CSV UTF-8”（Excel、WPS：文件 ▸ 另存为）。'],
  MISSING_COLUMN: ['Map the column that holds this value on the mapping screen, or add the column to the file.', '请在映射界面映射包含该值的列，或在文件中添加该列。'],
  MISSING_VALUE: ['Fill in the value: every row needs it.', '请填写该值：每一行都必须有。'],
  MALFORMED_CSV: ['Open the file in the spreadsheet, check the quotation marks and separators in this row, and save it as CSV again.', '请在电子表格中打开文件，检查本行的引号和分隔符，然后重新保存为 CSV。'],
  MAPPING: ['Change the mapping so that each field has one column.', '请修改映射，使每个字段只对应一列。'],
  UNKNOWN_PATIENT: ['Correct the study ID so that it matches a patient of the patients file, or remove the row.', '请改正研究编号，使其与患者文件中的患者对应，或删除本行。'],
  INVALID: ['Correct the value so that the record follows the rule described.', '请按所述规则改正该值。'],
  INCONSISTENT: ['Check both values against the chart; the row is imported as it is.', '请对照病历核对两个值；本行按原样导入。'],
  IGNORED: ['Map the column if it should be imported.', '如需导入该列，请为其映射字段。'],
  SKIPPED: ['Nothing to do: the patient is already in the registry.', '无需处理：该患者已在登记库中。'],
}

function acceptedValues(field: CsvField, language: ListLanguage): string | null {
  if (!field.codes) return null
  const labels = field.codes.labels.map((l) => (language === 'zh-CN' ? l.zh : l.en))
  const shown = labels.slice(0, 12).join(language === 'zh-CN' ? '、' : '; ')
  const more = labels.length > 12 ? (language === 'zh-CN' ? '…' : '; …') : ''
  return language === 'zh-CN' ? `请填写以下取值之一：${shown}${more}。` : `Write one of: ${shown}${more}.`
}

/** The suggestion for one problem: what its field accepts when that helps, else the action for its kind. */
export function problemSuggestion(p: ImportProblem, language: ListLanguage): string {
  const field = p.field ? CSV_FIELD_BY_PATH.get(p.field) : undefined
  const zh = language === 'zh-CN'
  if (field && p.code === 'UNKNOWN_CATEGORY') return acceptedValues(field, language) ?? ACTION.UNKNOWN_CATEGORY[zh ? 1 : 0]
  if (field && (p.code === 'WRONG_TYPE' || p.code === 'OUT_OF_RANGE')) {
    if (field.kind === 'date') return ACTION.AMBIGUOUS_DATE[zh ? 1 : 0]
    const noun = zh ? field.nounZh : field.noun
    if (noun) return zh ? `请填写${field.labelZh}：${noun}，以病历为准。` : `Enter ${field.label} as ${noun}, as in the chart.`
  }
  return ACTION[p.code][zh ? 1 : 0]
}

/** The problem in words, without the row and column (they have their own cells). */
export function problemText(p: ImportProblem, language: ListLanguage): string {
  const text = language === 'zh-CN' ? p.detailZh : p.detail
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** The rows of the problem list: errors first, then warnings, each in file and row order. */
export function problemListRows(problems: readonly ImportProblem[], language: ListLanguage): string[][] {
  const ordered = [...problems.filter((p) => p.severity === 'error'), ...problems.filter((p) => p.severity === 'warning')]
  return ordered.map((p) => [
    p.fileName,
    p.row === null ? '' : String(p.row),
    p.column ?? '',
    p.value ?? '',
    SEVERITY[language][p.severity],
    problemText(p, language),
    problemSuggestion(p, language),
  ])
}

export function problemListHeader(language: ListLanguage): readonly string[] {
  return HEADER[language]
}

/** Writes the problem list (errors, then warnings) to `target`; returns the number of problems written. */
export function writeProblemList(target: string, problems: readonly ImportProblem[], language: ListLanguage): number {
  const rows = problemListRows(problems, language)
  writeFilesTogether([{ path: target, content: renderCsv({ path: target, header: problemListHeader(language), rows: rows.map((r) => r.map(guardFormula)) }) }])
  return rows.length
}
