// Numbers and units on screen: the UI locale's digits and separators, a unit always beside the value.
import { i18n } from '../i18n'

function intlLocale(): string {
  return i18n.global.locale.value === 'zh-CN' ? 'zh-CN' : 'en-GB'
}

/** A number with at most `digits` decimals in the UI locale; '' for null. */
export function formatNumber(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return ''
  return new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: digits, minimumFractionDigits: 0, useGrouping: false }).format(n)
}

/** Operative time in hours, one decimal (245 min → '4.1'). */
export function hoursFromMinutes(min: number | null | undefined): string {
  if (min === null || min === undefined) return ''
  return formatNumber(min / 60, 1)
}

/** A signed change, '+1.5' / '−2' / '0'. */
export function formatSigned(n: number, digits = 1): string {
  const abs = formatNumber(Math.abs(n), digits)
  if (n > 0) return `+${abs}`
  if (n < 0) return `−${abs}`
  return abs
}

/** Fixed decimals (statistics tables: the same number of decimals on every row); '' for null. */
export function formatFixed(n: number | null | undefined, digits: number): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return ''
  return new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: digits, minimumFractionDigits: digits, useGrouping: false }).format(n)
}

/** A p-value as journals print it: three decimals, '<0.001' below; '' for null (test not defined). */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return ''
  if (p < 0.001) return `<${formatFixed(0.001, 3)}`
  return formatFixed(p, 3)
}

/** A fraction as a percentage ('0.256' → '25.6%'); '' for null. */
export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return ''
  return `${formatFixed(fraction * 100, digits)}%`
}

/** Count with its percentage, 'n (p%)'; the percentage is left out when it is not defined. */
export function formatCountPercent(n: number, fraction: number | null | undefined, digits = 0): string {
  const p = formatPercent(fraction, digits)
  return p ? `${n} (${p})` : String(n)
}

/** Mean ± SD ('57.88 ± 6.60'); only the mean when the SD is not defined. */
export function formatMeanSd(mean: number | null | undefined, sd: number | null | undefined, digits = 2): string {
  if (mean === null || mean === undefined) return ''
  const s = formatFixed(sd, digits)
  return s ? `${formatFixed(mean, digits)} ± ${s}` : formatFixed(mean, digits)
}

/** Median [Q1, Q3]. */
export function formatMedianIqr(median: number | null | undefined, q1: number | null | undefined, q3: number | null | undefined, digits = 1): string {
  if (median === null || median === undefined) return ''
  return `${formatFixed(median, digits)} [${formatFixed(q1, digits)}, ${formatFixed(q3, digits)}]`
}

/** An estimate with its confidence interval, 'e (l–u)'; 'NR' stands for a bound not reached (null). */
export function formatEstimateCi(estimate: number | null | undefined, lower: number | null | undefined, upper: number | null | undefined, digits = 2, notReached = 'NR'): string {
  const f = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? notReached : formatFixed(x, digits))
  return `${f(estimate)} (${f(lower)}–${f(upper)})`
}
