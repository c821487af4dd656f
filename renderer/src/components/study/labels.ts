// Words for the study result in the UI language: covariates, factor levels, table variables, tests,
// exclusion reasons. The result carries English labels; these translate by the stable keys beside
// them and fall back to the English label for a key this build does not know.
import type { BalanceRow, ExclusionReason, StudyCovariate, TableTest, TestRule } from '@contract/study'
import { i18n } from '../../i18n'

const t = (key: string, params?: Record<string, unknown>): string => (params ? i18n.global.t(key, params) : i18n.global.t(key))
const te = (key: string): boolean => i18n.global.te(key)

export function covariateLabel(id: StudyCovariate): string {
  return t(`study.covariate.${id}`)
}

/** Map from covariate to the catalogue holding its level names. */
const LEVEL_CATALOGUE: Partial<Record<string, string>> = {
  sex: 'codes.sex',
  histology: 'codes.histology',
  spinalLevel: 'codes.region',
}

/** A factor level in words ('kidney' → 'Renal cell carcinoma'; an ASIA or ECOG grade stays as it is). */
export function levelLabel(variable: string, level: string): string {
  const base = variable.split(':')[0] ?? variable
  const cat = LEVEL_CATALOGUE[base]
  if (cat && te(`${cat}.${level}`)) return t(`${cat}.${level}`)
  if (base === 'bilsky') return t('study.bilskyLevel', { grade: level })
  return level
}

/** A balance-table term: covariate, covariate: level, or the propensity score. */
export function balanceTermLabel(row: BalanceRow): string {
  if (row.covariate === null) return t('study.balance.distance')
  const c = covariateLabel(row.covariate)
  return row.level === null ? c : `${c}: ${levelLabel(row.covariate, row.level)}`
}

/** A table variable ('age', 'sosgoq:1.0', 'operativeTimeHours'), translated when known. */
export function variableLabel(variable: string, english: string): string {
  const [base, version] = variable.split(':')
  const key = `study.variable.${base}`
  if (!te(key)) return english
  return version ? `${t(key)} ${version}` : t(key)
}

/** A test by its engine method id, in the UI language (R's name when this build does not know the id). */
export function testName(test: TableTest): string {
  const key = `study.test.${test.method}`
  return te(key) ? t(key) : test.name
}

/** Footnote text of one row: the test's name, and in English the rule's own sentence. */
export function testFootnote(test: TableTest): string {
  // The service's sentence names the test and the rule's numbers; it is English only.
  if (i18n.global.locale.value === 'en' && test.reason) return test.reason
  return testName(test)
}

/** The rule that chose the tests, as a sentence built from the settings (both languages). */
export function testRuleText(rule: TestRule, paired: boolean): string[] {
  const alpha = rule.normalityAlpha
  const cont = paired ? t(`study.rule.continuousPaired.${rule.continuous}`, { alpha }) : t(`study.rule.continuous.${rule.continuous}`, { alpha })
  const cat = paired ? t(`study.rule.categoricalPaired.${rule.pairedCategorical}`) : t(`study.rule.categorical.${rule.categorical}`)
  return [cont, cat]
}

/** Why patients were excluded, in words. */
export function exclusionLabel(reason: ExclusionReason): string {
  switch (reason.kind) {
    case 'criterion':
      return t(`eligibility.criteria.${reason.criterion}.title`)
    case 'unknown':
      return t('study.flow.unknown', { criteria: reason.criteria.map((c) => t(`eligibility.criteria.${c}.title`)).join('; ') })
    case 'otherArm':
      return t('study.flow.otherArm')
    case 'missingCovariate':
      return t('study.flow.missingCovariate', { covariates: reason.covariates.map(covariateLabel).join(', ') })
  }
}

export function armLabel(arm: 'HT' | 'TES'): string {
  return t(`codes.armShort.${arm}`)
}
