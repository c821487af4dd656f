// The one number formatter of SpineMet: screen (renderer/src/format/numbers.ts binds it to the UI
// language), printed reports (the report routes use the same renderer module) and CSV/CLI output
// in the main process (`locale: 'plain'`). It lives in main/domain because that is the code both
// the renderer and the main process may import (pure: no Node built-ins, no DOM).
//
// Conventions (as in the reference study's tables): p-values with three decimals and `<0.001`
// below that (never "0.000"); percentages with one decimal; mean ± SD; confidence intervals as
// "lower–upper" (en dash; a minus sign is U+2212 so "−0.2–0.4" stays readable).

/** 'plain' = machine-readable: '.' decimal point, no grouping, ASCII minus (CSV, CLI). */
export type NumberLocale = 'en' | 'zh-CN' | 'plain'

export interface NumberFormatOptions {
  /** Exactly this many decimals (fixed), default 1. */
  digits?: number
  /** At most `digits` decimals, trailing zeros dropped. */
  trim?: boolean
}

const MINUS = '\u2212'
const cache = new Map<string, Intl.NumberFormat>()

function intl(locale: NumberLocale, digits: number, trim: boolean): Intl.NumberFormat {
  const key = `${locale}|${digits}|${trim}`
  let f = cache.get(key)
  if (!f) {
    f = new Intl.NumberFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
      maximumFractionDigits: digits,
      minimumFractionDigits: trim ? 0 : digits,
      useGrouping: false,
    })
    cache.set(key, f)
  }
  return f
}

/** A number with `digits` decimals; '' for null, undefined, NaN and ±Infinity. */
export function formatNumber(n: number | null | undefined, locale: NumberLocale, options: NumberFormatOptions = {}): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return ''
  const digits = options.digits ?? 1
  const s = intl(locale, digits, options.trim ?? false).format(n)
  // Intl writes '-0' for tiny negatives rounded to zero: a zero has no sign.
  if (/^-0(\.0*)?$/.test(s)) return s.slice(1)
  return locale === 'plain' ? s : s.replace(/^-/, MINUS)
}

/** A signed change: '+1.5', '−2', '0'. */
export function formatSigned(n: number, locale: NumberLocale, options: NumberFormatOptions = {}): string {
  const abs = formatNumber(Math.abs(n), locale, options)
  if (abs === '' || Number(abs.replace(MINUS, '-')) === 0) return abs
  return n > 0 ? `+${abs}` : `${locale === 'plain' ? '-' : MINUS}${abs}`
}

/** p-value: three decimals, '<0.001' below 0.001 (never 0.000), '1.000' at most. */
export function formatPValue(p: number | null | undefined, locale: NumberLocale): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return ''
  if (p < 0.001) return `<${formatNumber(0.001, locale, { digits: 3 })}`
  return formatNumber(Math.min(p, 1), locale, { digits: 3 })
}

/** A proportion (0–1) as a percentage: 0.4523 → '45.2%'. */
export function formatPercent(fraction: number | null | undefined, locale: NumberLocale, options: NumberFormatOptions = {}): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return ''
  return `${formatNumber(fraction * 100, locale, options)}%`
}

/** A count with its percentage of the total: '12 (45.2%)'. */
export function formatCountPercent(count: number, total: number, locale: NumberLocale, options: NumberFormatOptions = {}): string {
  return total > 0 ? `${count} (${formatPercent(count / total, locale, options)})` : String(count)
}

/** Mean ± standard deviation: '64.3 ± 7.2'. */
export function formatMeanSd(mean: number | null, sd: number | null, locale: NumberLocale, options: NumberFormatOptions = {}): string {
  if (mean === null || !Number.isFinite(mean)) return ''
  return sd === null || !Number.isFinite(sd) ? formatNumber(mean, locale, options) : `${formatNumber(mean, locale, options)} ± ${formatNumber(sd, locale, options)}`
}

/** A confidence interval: '0.52–1.31' ('0.52 to 1.31' in plain output, where a dash is ambiguous). */
export function formatInterval(lower: number | null, upper: number | null, locale: NumberLocale, options: NumberFormatOptions = {}): string {
  if (lower === null || upper === null) return ''
  const a = formatNumber(lower, locale, options)
  const b = formatNumber(upper, locale, options)
  if (a === '' || b === '') return ''
  return locale === 'plain' ? `${a} to ${b}` : `${a}\u2013${b}`
}

/** An estimate with its interval: '0.83 (0.52–1.31)'. */
export function formatEstimateCi(estimate: number | null, lower: number | null, upper: number | null, locale: NumberLocale, options: NumberFormatOptions = {}): string {
  const e = formatNumber(estimate, locale, options)
  const ci = formatInterval(lower, upper, locale, options)
  return ci === '' ? e : `${e} (${ci})`
}
