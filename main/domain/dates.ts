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
