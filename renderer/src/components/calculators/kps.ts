// KPS values offered for a typed query: the exact value first, then values starting with it
// ("1" → 10, 100; "10" → 10, 100; "8" → 80). Empty query: 100 down to 0.
import { KPS_VALUES } from '@domain/codes'

export function kpsOptionsFor(query: string): number[] {
  const all = [...KPS_VALUES].reverse()
  const q = query.trim().replace(/\s*%$/, '')
  if (!q) return all
  const exact = all.filter((v) => String(v) === q)
  const prefix = all.filter((v) => String(v).startsWith(q) && String(v) !== q).sort((a, b) => a - b)
  return [...exact, ...prefix]
}
