// Words for the study result in the UI language: covariates, factor levels, table variables, tests,
// exclusion reasons. The result carries English labels; these translate by the stable keys beside
// them and fall back to the English label for a key this build does not know.
import type { BalanceRow, ExclusionReason, MissingReasons, StudyCovariate, TableTest, TestRule } from '@contract/study'
import { i18n } from '../../i18n'
import { formatPValue } from '../../format/numbers'

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

const MISSING_REASON_ORDER = ['notDone', 'unknown', 'notApplicable', 'lostToFollowUp', 'notEntered'] as const

/**
 * Why values are missing, in words: "Not done 2, Unknown 1" (the missing-data codes, then those
 * without one); empty when there is nothing to say.
 */
export function missingReasonsText(reasons: MissingReasons | undefined): string {
  if (!reasons) return ''
  return MISSING_REASON_ORDER.filter((k) => (reasons[k] ?? 0) > 0)
    .map((k) => t('missingReasons.reason', { reason: k === 'notEntered' ? t('missingReasons.notEntered') : t(`dataQuality.codes.${k}`), n: reasons[k] }))
    .join(t('missingReasons.separator'))
}

/** Why the model's covariates are missing, per covariate: "SINS: Not done 2; VAS: Unknown 1". */
export function covariateReasonsText(list: readonly { covariate: StudyCovariate; reasons: MissingReasons }[] | undefined): string {
  return (list ?? [])
    .map((m) => ({ covariate: covariateLabel(m.covariate), reasons: missingReasonsText(m.reasons) }))
    .filter((m) => m.reasons !== '')
    .map((m) => t('missingReasons.covariate', m))
    .join(t('missingReasons.covariateSeparator'))
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

/** A p-value in a sentence: 'p = 0.123', 'p <0.001', or "not computable". */
function pText(p: number | null): string {
  if (p === null) return t('studyTestReason.notComputable')
  const v = formatPValue(p)
  return v.startsWith('<') ? `p ${v}` : `p = ${v}`
}

/**
 * Footnote text of one row in the UI language: the test's name and why the rule chose it, with
 * its numbers (the result's `why`). An analysis saved before `why` existed gives its English
 * sentence in English, and the test's name in other languages.
 */
export function testFootnote(test: TableTest): string {
  const why = test.why
  const name = testName(test)
  if (!why) return i18n.global.locale.value === 'en' && test.reason ? test.reason : name
  switch (why.kind) {
    case 'setting':
      return t('studyTestReason.setting', { test: name })
    case 'normalityArms':
      return t(why.normal ? 'studyTestReason.armsNormal' : 'studyTestReason.armsNotNormal', { test: name, pHT: pText(why.p.HT), pTES: pText(why.p.TES), alpha: why.alpha })
    case 'normalityDifferences':
      return t(why.normal ? 'studyTestReason.differencesNormal' : 'studyTestReason.differencesNotNormal', {
        test: name,
        of: t(`studyTestReason.of.${why.of}`),
        p: pText(why.p),
        alpha: why.alpha,
      })
    case 'cochran':
      return t(why.below1 ? 'studyTestReason.cochranBelow1' : 'studyTestReason.cochran', { test: name, below5: why.below5, cells: why.cells })
    case 'pairedCategories':
      return t('studyTestReason.pairedCategories', { test: name, categories: why.categories })
  }
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
