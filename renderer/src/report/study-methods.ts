// The Methods paragraph of the study report, generated from the settings the analysis ran with
// (never boilerplate that could disagree with them), in the report's language.
import type { StudyResult } from '@contract/study'
import { i18n } from '../i18n'
import { formatFixed, formatNumber } from '../format/numbers'
import { covariateLabel, testRuleText } from '../components/study/labels'

const t = (key: string, params: Record<string, unknown> = {}): string => i18n.global.t(key, params)

function list(items: string[]): string {
  return items.join(i18n.global.locale.value === 'zh-CN' ? '、' : ', ')
}

/** The Methods paragraphs, one string each. */
export function studyMethods(result: StudyResult): string[] {
  const s = result.provenance.settings
  const m = result.matching
  const on = Object.entries(s.criteria).filter(([, v]) => v).map(([c]) => t(`eligibility.criteria.${c}.title`))
  const off = Object.entries(s.criteria).filter(([, v]) => !v).map(([c]) => t(`eligibility.criteria.${c}.title`))
  const out: string[] = []
  out.push(
    t('study.report.methods.cohort', {
      screened: result.flow.screened,
      from: s.protocol.treatmentFrom,
      to: s.protocol.treatmentTo,
      criteria: list(on),
    }) + (off.length ? ' ' + t('study.report.methods.criteriaOff', { criteria: list(off) }) : ''),
  )
  const covs = s.covariates.map((c) => t(`study.report.methods.entry.${c.entry}`, { covariate: covariateLabel(c.id) }))
  out.push(t('study.report.methods.model', { covariates: list(covs), n: result.propensityModel.n }))
  const caliper =
    s.caliper.scale === 'none'
      ? t('study.report.methods.caliperNone')
      : s.caliper.scale === 'propensity'
        ? t('study.report.methods.caliperPs', { w: formatNumber(s.caliper.width, 4) })
        : t('study.report.methods.caliperLogit', { w: formatNumber(s.caliper.width, 3), abs: formatFixed(m.caliperLogit, 4) })
  out.push(
    t('study.report.methods.matching', {
      ratio: s.ratio,
      scale: t(`study.report.methods.distance.${m.distance}`),
      replace: s.replace ? t('study.report.methods.withReplacement') : t('study.report.methods.withoutReplacement'),
      order: t(`study.report.methods.order.${s.order}`),
      caliper,
    }) + (s.order === 'random' ? ' ' + t('study.report.methods.seed', { seed: s.seed }) : ''),
  )
  out.push(t('study.report.methods.balance', { x: formatNumber(result.balance.threshold, 2) }))
  out.push(
    [...testRuleText(s.testRule, false), ...testRuleText(s.testRule, true)].join(' ') +
      ' ' +
      (s.testRule.continuityCorrection ? t('study.report.methods.continuityOn') : t('study.report.methods.continuityOff')),
  )
  out.push(t('study.report.methods.survival', { times: list(s.survivalTimes.map((x) => formatNumber(x, 1))) }))
  if (s.sensitivity) out.push(t('study.report.methods.sensitivity'))
  out.push(t('study.report.methods.software', { app: result.provenance.appVersion, engine: result.provenance.engineVersion }))
  return out
}
