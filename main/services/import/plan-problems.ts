// The problems a check collects (plan.ts and its steps): every one counted, the first few kept.
import { MAX_LISTED_PROBLEMS, type ImportFileRole, type ImportProblem } from '@contract/import-export'
import { attach, type ProblemDraft } from './problems'
import type { PlannedRow } from './plan'

/**
 * Problems kept of each severity (all are counted): a file where every row is wrong must not
 * fill the memory with its list. Well above what the screen lists (MAX_LISTED_PROBLEMS).
 */
export const KEPT_PROBLEMS = 2 * MAX_LISTED_PROBLEMS

export class Collector {
  readonly errors: ImportProblem[] = []
  readonly warnings: ImportProblem[] = []
  errorCount = 0
  warningCount = 0
  add(draft: ProblemDraft, file: ImportFileRole, fileName: string, owner?: PlannedRow | null): void {
    if (draft.severity === 'error') {
      this.errorCount++
      if (owner) owner.errors++
      if (this.errors.length < KEPT_PROBLEMS) this.errors.push(attach(draft, file, fileName))
    } else {
      this.warningCount++
      if (this.warnings.length < KEPT_PROBLEMS) this.warnings.push(attach(draft, file, fileName))
    }
  }
}

export function draft(
  severity: 'error' | 'warning',
  code: ProblemDraft['code'],
  row: number | null,
  column: string | null,
  field: string | null,
  value: string | null,
  detail: string,
  detailZh: string,
): ProblemDraft {
  return { severity, code, row, column, field, value, detail, detailZh }
}

/** A problem of the whole file or of the mapping: no row, column, field or value. */
export function fileDraft(severity: 'error' | 'warning', code: ProblemDraft['code'], detail: string, detailZh: string): ProblemDraft {
  return draft(severity, code, null, null, null, null, detail, detailZh)
}

