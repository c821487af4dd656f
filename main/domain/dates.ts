// Calendar arithmetic on ISO dates ('YYYY-MM-DD'), in UTC so that no time zone shifts a day.

const MS_PER_DAY = 86_400_000
/** Months as used for survival times: days / (365.25 / 12). Reports state this convention. */
export const DAYS_PER_MONTH = 365.25 / 12

export function isoToUtcMs(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)))
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((isoToUtcMs(to) - isoToUtcMs(from)) / MS_PER_DAY)
}

export function monthsBetween(from: string, to: string): number {
  return daysBetween(from, to) / DAYS_PER_MONTH
}

export function addDays(iso: string, days: number): string {
  return new Date(isoToUtcMs(iso) + days * MS_PER_DAY).toISOString().slice(0, 10)
}

// ---- reading a date a person wrote ----
// One reader for every place a date is typed or imported (record screen, CSV import, CLI): dates
// written year first (2019-04-03, 2019/4/3, 2019.4.3, 2019年4月3日, 20190403) or with the month
// in words (3 April 2019, April 3, 2019). Refused, with a reason a nurse can act on: day-first or
// month-first dates (03/04/2019 could be either), dates that do not exist (2019-02-30 is never
// rolled over to March), years before 1900, and Excel date numbers.

export type DateProblemCode = 'AMBIGUOUS_DATE' | 'WRONG_TYPE' | 'OUT_OF_RANGE'

export type DateReading = { ok: true; iso: string } | { ok: false; code: DateProblemCode; message: string; messageZh: string }

const MONTHS_EN = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
const MONTH_WORDS = MONTHS_EN.map((m) => m.charAt(0).toUpperCase() + m.slice(1))

export const DATE_HELP = 'Write dates year first, e.g. 2019-04-03 (YYYY-MM-DD).'
export const DATE_HELP_ZH = '请按“年-月-日”书写日期，例如 2019-04-03。'

function isoOf(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** The stored form of a date: ISO 'YYYY-MM-DD'. */
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/

/** Whether `s` is a stored date ('YYYY-MM-DD') of a day that exists (2021-02-30 does not). */
export function isIsoDate(s: string): boolean {
  return ISO_DATE_PATTERN.test(s) && dateExists(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)))
}

/** Whether year-month-day is a day of the calendar (2019-02-30 is not). */
export function dateExists(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1) return false
  const dt = new Date(Date.UTC(2000, m - 1, d))
  dt.setUTCFullYear(y) // Date.UTC reads years 0–99 as 1900–1999
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d
}

function inWords(y: number, m: number, d: number): string {
  return `${d} ${MONTH_WORDS[m - 1] ?? '?'} ${y}`
}

function monthOf(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '')
  if (w.length < 3) return null
  const i = MONTHS_EN.findIndex((m) => m.startsWith(w))
  return i < 0 ? null : i + 1
}

function quote(value: string, zh: boolean): string {
  const v = value.length > 80 ? value.slice(0, 77) + '…' : value
  return zh ? `“${v}”` : `'${v}'`
}

/** Reads a date written in an unambiguous, year-first form (or with the month in words). */
export function readDate(raw: string): DateReading {
  const s = raw.normalize('NFKC').trim()
  const q = quote(s, false)
  const qz = quote(s, true)
  const fail = (code: DateProblemCode, message: string, messageZh: string): DateReading => ({ ok: false, code, message, messageZh })
  let y: number
  let m: number
  let d: number
  let match: RegExpExecArray | null
  if ((match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s))) {
    ;[y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  } else if ((match = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/.exec(s))) {
    ;[y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  } else if ((match = /^(\d{4})(\d{2})(\d{2})$/.exec(s)) && Number(match[1]) >= 1900 && Number(match[1]) <= 2100) {
    ;[y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  } else if ((match = /^(\d{1,2})[\s-]+([A-Za-z]{3,}\.?)[\s-,]+(\d{4})$/.exec(s)) && monthOf(match[2]!) !== null) {
    ;[y, m, d] = [Number(match[3]), monthOf(match[2]!)!, Number(match[1])]
  } else if ((match = /^([A-Za-z]{3,}\.?)\s+(\d{1,2}),?\s+(\d{4})$/.exec(s)) && monthOf(match[1]!) !== null) {
    ;[y, m, d] = [Number(match[3]), monthOf(match[1]!)!, Number(match[2])]
  } else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(s))) {
    const a = Number(match[1])
    const b = Number(match[2])
    const yy = match[3]!.length === 4 ? Number(match[3]) : null
    if (yy !== null && a <= 12 && b <= 12 && a !== b && dateExists(yy, b, a) && dateExists(yy, a, b)) {
      return fail(
        'AMBIGUOUS_DATE',
        `${q} is ambiguous: it could be ${inWords(yy, b, a)} or ${inWords(yy, a, b)}. ${DATE_HELP}`,
        `${qz}有歧义：可能是 ${yy}年${b}月${a}日，也可能是 ${yy}年${a}月${b}日。${DATE_HELP_ZH}`,
      )
    }
    const reading = yy !== null ? (dateExists(yy, b, a) ? isoOf(yy, b, a) : dateExists(yy, a, b) ? isoOf(yy, a, b) : null) : null
    return fail(
      'AMBIGUOUS_DATE',
      `${q} is written day-first or month-first, which SpineMet does not accept because 03/04/2019 could be 3 April or 4 March. ` +
        (reading ? `If you mean ${reading}, write it that way. ` : '') +
        DATE_HELP,
      `${qz}是按日/月或月/日书写的，SpineMet 不接受这种写法（03/04/2019 既可能是 4 月 3 日，也可能是 3 月 4 日）。${reading ? `如果指的是 ${reading}，请这样书写。` : ''}${DATE_HELP_ZH}`,
    )
  } else if (/^\d{5}(\.\d+)?$/.test(s) && Number(s) >= 10000 && Number(s) <= 80000) {
    return fail(
      'WRONG_TYPE',
      `${q} looks like an Excel date number, not a date. In Excel, format the column as a date (yyyy-mm-dd) before saving as CSV.`,
      `${qz}看起来是 Excel 的日期序号而不是日期。请在 Excel 中把该列设置为日期格式（yyyy-mm-dd）后再另存为 CSV。`,
    )
  } else {
    return fail('WRONG_TYPE', `${q} is not a date. ${DATE_HELP}`, `${qz}不是日期。${DATE_HELP_ZH}`)
  }
  if (!dateExists(y, m, d)) {
    return fail('WRONG_TYPE', `${q} is not a real calendar date. Check the day and the month.`, `${qz}不是真实存在的日期，请检查日和月。`)
  }
  if (y < 1900) {
    return fail('OUT_OF_RANGE', `${q} is before 1900. Check the year.`, `${qz}早于 1900 年，请检查年份。`)
  }
  return { ok: true, iso: isoOf(y, m, d) }
}

// ---- dates in sentences, today, age ----

/** '2021-03-05' → '5 March 2021' (unambiguous in every English-speaking locale). */
export function dateInWords(iso: string): string {
  return inWords(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)))
}

/**
 * Today's calendar date where the user is (local time), as ISO. Local, not UTC: at 07:00 in Beijing
 * the UTC date is still yesterday, and an operation entered for today must not be "in the future".
 * The services pass the host's clock.
 */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`
}

/** Whole years of age on `on` (both ISO dates). */
export function ageOn(dateOfBirth: string, on: string): number {
  let years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4))
  if (on.slice(5) < dateOfBirth.slice(5)) years--
  return years
}
