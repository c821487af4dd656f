// Numbers on screen and in printed reports: the shared formatter (main/domain/number-format.ts,
// also used for CSV and CLI output) bound to the UI language. A unit always goes beside the value.
import * as shared from '@domain/number-format'
import type { NumberFormatOptions, NumberLocale } from '@domain/number-format'
import { i18n } from '../i18n'

function uiLocale(): NumberLocale {
  return i18n.global.locale.value === 'zh-CN' ? 'zh-CN' : 'en'
}

/** A number with at most `digits` decimals in the UI locale; '' for null. */
export function formatNumber(n: number | null | undefined, digits = 1): string {
  return shared.formatNumber(n, uiLocale(), { digits, trim: true })
}

/** Operative time in hours, one decimal (245 min → '4.1'). */
export function hoursFromMinutes(min: number | null | undefined): string {
  if (min === null || min === undefined) return ''
  return formatNumber(min / 60, 1)
}

/** A signed change, '+1.5' / '−2' / '0'. */
export function formatSigned(n: number, digits = 1): string {
  return shared.formatSigned(n, uiLocale(), { digits, trim: true })
}

/** Fixed decimals (statistics tables: the same number of decimals on every row); '' for null. */
export function formatFixed(n: number | null | undefined, digits: number): string {
  return shared.formatNumber(n, uiLocale(), { digits })
}

/** Median [Q1, Q3] with fixed decimals. */
export function formatMedianIqr(median: number | null | undefined, q1: number | null | undefined, q3: number | null | undefined, digits = 1): string {
  if (median === null || median === undefined) return ''
  return `${formatFixed(median, digits)} [${formatFixed(q1, digits)}, ${formatFixed(q3, digits)}]`
}

/** An estimate with its interval where a missing number means "not reached" (a median or its CI bound): '35.4 (26.0–NR)'. */
export function formatEstimateCiOrNotReached(estimate: number | null, lower: number | null, upper: number | null, digits: number, notReached: string): string {
  const f = (x: number | null) => formatFixed(x, digits) || notReached
  return `${f(estimate)} (${f(lower)}\u2013${f(upper)})`
}
export const formatPValue = (p: number | null | undefined): string => shared.formatPValue(p, uiLocale())
export const formatPercent = (fraction: number | null | undefined, options: NumberFormatOptions = {}): string => shared.formatPercent(fraction, uiLocale(), options)
export const formatCountPercent = (count: number, total: number, options: NumberFormatOptions = {}): string => shared.formatCountPercent(count, total, uiLocale(), options)
export const formatMeanSd = (mean: number | null, sd: number | null, options: NumberFormatOptions = {}): string => shared.formatMeanSd(mean, sd, uiLocale(), options)
export const formatInterval = (lower: number | null, upper: number | null, options: NumberFormatOptions = {}): string => shared.formatInterval(lower, upper, uiLocale(), options)
export const formatEstimateCi = (estimate: number | null, lower: number | null, upper: number | null, options: NumberFormatOptions = {}): string =>
  shared.formatEstimateCi(estimate, lower, upper, uiLocale(), options)
