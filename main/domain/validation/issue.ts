// A problem found in a record, and the helpers that build, compare and filter problems.

/** A problem found in a record. Errors refuse the save; warnings are saved and shown. */
export interface ValidationIssue {
  /** Dotted path of the field (e.g. `surgery.srsDate`), or of the first of the fields involved. */
  path: string
  /** Other fields involved (e.g. the date it conflicts with). */
  related?: string[]
  code: 'DATE_ORDER' | 'SCORE_OUT_OF_RANGE' | 'INCONSISTENT' | 'REQUIRED' | 'DUPLICATE'
  severity: 'error' | 'warning'
  /** English sentence; the renderer translates by `messageKey` with `params` when it can. */
  message: string
  messageKey: string
  params?: Record<string, string | number>
}

export const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

export function warning(path: string, related: string[], code: ValidationIssue['code'], messageKey: string, message: string, params: Record<string, string | number>): ValidationIssue {
  return { path, related, code, severity: 'warning', message, messageKey, params }
}

/** True when the issue is about `path` (as its field or one of the related fields), or about an item under it. */
export function issueInvolves(issue: ValidationIssue, path: string): boolean {
  const hit = (p: string) => p === path || p.startsWith(path + '.')
  return hit(issue.path) || (issue.related ?? []).some(hit)
}

/** Identity of an issue that does not depend on list positions (params carry the dates involved). */
export function issueKey(issue: ValidationIssue): string {
  return `${issue.code}|${issue.messageKey}|${JSON.stringify(issue.params ?? {})}`
}

export function errorsOf(issues: readonly ValidationIssue[]): ValidationIssue[] {
  return issues.filter((i) => i.severity === 'error')
}

