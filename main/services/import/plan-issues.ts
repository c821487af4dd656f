// A domain rule's issue about a planned record, as a problem at the row and column (or linked
// file row) the value came from, in English and Chinese.
import type { ValidationIssue } from '@contract/patients'
import { CSV_FIELD_BY_PATH } from './fields'
import type { CellSource, PlannedRow } from './plan'
import type { Collector } from './plan-problems'
import type { ProblemDraft } from './problems'

export function labelOfPath(path: string): { en: string; zh: string } {
  const f = CSV_FIELD_BY_PATH.get(path)
  if (f) return { en: f.label, zh: f.labelZh }
  if (/^followUp\.\d+\.eventDate$/.test(path)) return { en: 'follow-up event date', zh: '随访事件日期' }
  if (/^complications\.\d+\.onsetDate$/.test(path)) return { en: 'complication onset date', zh: '并发症发生日期' }
  return { en: path, zh: path }
}

function zhOfIssue(issue: ValidationIssue): string {
  const related = (issue.related ?? []).map((p) => labelOfPath(p).zh).join('、')
  const self = labelOfPath(issue.path).zh
  const p = issue.params ?? {}
  if (issue.messageKey === 'legacy.issues.totalDiffers') {
    const d = Number(p.difference)
    return `${p.score === 'sins' ? 'SINS' : '修正 Tokuhashi'}各项之和为 ${String(p.items)}，但未记录各项时录入的总分为 ${String(p.entered)}（相差 ${Math.abs(d)} 分）。SpineMet 现采用各项之和；请对照病历核对各项，或改正总分。`
  }
  if (issue.messageKey === 'validation.dateInFuture') return `${self}（${String(p.date)}）在今天（${String(p.today)}）之后，请填写已经发生的日期。`
  if (issue.code === 'DATE_ORDER') {
    return `${self}（${String(p.date ?? '')}）与${related || '其他日期'}（${String(p.otherDate ?? '')}）的先后顺序不可能。请对照病历核对这两个日期。`
  }
  if (issue.severity === 'error') return `${self}：${issue.message}`
  return `${self}与${related || '其他字段'}不一致，请核对。（${issue.message}）`
}

function lowerFirst(s: string): string {
  return /^(The|A|An|Hybrid|Primary|Both|ECOG)\b/.test(s) && !/^(ECOG|SOSG|SINS|KPS|ASIA)/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s
}

/** Where field `path` of a planned row came from: a linked file's row, or the patients file's column. */
export function sourceOf(r: PlannedRow, path: string, patientsFile: string): CellSource | undefined {
  const own = r.sources.get(path)
  if (own) return own
  const column = r.columns.get(path)
  return column === undefined ? undefined : { file: 'patients', fileName: patientsFile, row: r.row, column }
}

export function issueProblem(issue: ValidationIssue, planned: PlannedRow, patientsFile: string, out: Collector): void {
  const paths = [issue.path, ...(issue.related ?? [])]
  const where = paths.map((p) => sourceOf(planned, p, patientsFile)).find((s) => s !== undefined) ?? {
    file: 'patients' as const,
    fileName: patientsFile,
    row: planned.row,
    column: null,
  }
  const code =
    issue.severity === 'warning' ? 'INCONSISTENT' : issue.code === 'DATE_ORDER' ? 'DATE_ORDER' : issue.code === 'SCORE_OUT_OF_RANGE' ? 'OUT_OF_RANGE' : 'INVALID'
  const d: ProblemDraft = {
    severity: issue.severity,
    code,
    row: where.row,
    column: where.column,
    field: issue.path,
    value: null,
    detail: lowerFirst(issue.message),
    detailZh: zhOfIssue(issue),
    messageKey: issue.messageKey,
  }
  // The renderer translates the issue from its key (the field names in the UI language); detailZh
  // is the fallback for a key it does not know.
  if (issue.params) d.params = issue.params
  if (issue.related?.length) d.related = issue.related
  out.add(d, where.file, where.fileName, planned)
}

