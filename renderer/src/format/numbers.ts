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
