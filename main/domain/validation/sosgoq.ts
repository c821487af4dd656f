// SOSG-OQ answers the questionnaire version can have (docs/clinical-reference.md §7). Errors.
import type { Assessment } from '../record'
import type { Timepoint } from '../codes'
import { SOSGOQ_PROFILES } from '../scores/sosgoq'
import type { ValidationIssue } from './issue'

export function sosgoqIssues(a: Assessment, tp: Timepoint): ValidationIssue[] {
  const out: ValidationIssue[] = []
  const when = tp === 'preop' ? 'preoperative' : '6-month'
  if (a.sosgoqVersion === null) {
    const given = [a.sosgoqAnswers !== null && a.sosgoqAnswers.length > 0 ? `${tp}.sosgoqAnswers` : null, a.sosgoqEnteredTotal !== null ? `${tp}.sosgoqEnteredTotal` : null].filter(
      (p): p is string => p !== null,
    )
    if (given.length > 0) {
      out.push({
        path: `${tp}.sosgoqVersion`,
        related: given,
        code: 'REQUIRED',
        severity: 'error',
        message: `The ${when} SOSG-OQ has answers or a total but no questionnaire version. Choose version 1.0 or 2.0 first: the two are scored in opposite directions and are never pooled.`,
        messageKey: 'validation.sosgoq.versionMissing',
        params: { timepoint: tp },
      })
    }
    return out
  }
  const profile = SOSGOQ_PROFILES[a.sosgoqVersion]
  if (a.sosgoqAnswers !== null && a.sosgoqAnswers.length > profile.itemCount) {
    out.push({
      path: `${tp}.sosgoqAnswers`,
      related: [`${tp}.sosgoqVersion`],
      code: 'SCORE_OUT_OF_RANGE',
      severity: 'error',
      message: `The ${when} SOSG-OQ has ${a.sosgoqAnswers.length} answers, but version ${a.sosgoqVersion} has ${profile.itemCount} questions. Check the questionnaire version, or remove the extra answers.`,
      messageKey: 'validation.sosgoq.tooManyAnswers',
      params: { timepoint: tp, count: a.sosgoqAnswers.length, itemCount: profile.itemCount, version: a.sosgoqVersion },
    })
  }
  return out
}
