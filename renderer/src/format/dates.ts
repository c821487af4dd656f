// Dates are stored as ISO text and shown in the UI language, always with the month spelled out
// or in year-first order so that 03/04 can never be misread.
import { dateExists } from '@domain/dates'
import { i18n } from '../i18n'

function intlLocale(): string {
  return i18n.global.locale.value === 'zh-CN' ? 'zh-CN' : 'en-GB'
}

/** '2019-05-31' → '31 May 2019' (en) / '2019年5月31日' (zh-CN). Null → ''. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number)
  if (!y || !m || !d || !dateExists(y, m, d)) return iso
  return new Intl.DateTimeFormat(intlLocale(), { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)))
}

/** An ISO timestamp in local time, e.g. '26 Nov 2026, 21:05'. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return new Intl.DateTimeFormat(intlLocale(), { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d)
}

/**
 * A compact date for tables: '15 Oct 2011' (en) / '2011/10/15' (zh-CN, year first, as Chinese
 * tables write it). Null → ''.
 */
export function formatDateShort(iso: string | null | undefined): string {
  if (!iso) return ''
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number)
  if (!y || !m || !d || !dateExists(y, m, d)) return iso
  const zh = i18n.global.locale.value === 'zh-CN'
  const options: Intl.DateTimeFormatOptions = zh ? { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' } : { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }
  return new Intl.DateTimeFormat(intlLocale(), options).format(new Date(Date.UTC(y, m - 1, d)))
}
