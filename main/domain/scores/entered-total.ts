// A score with items (revised Tokuhashi, SINS) may be known only as its total: legacy registries
// and charts often keep the total and not the items. The total is then recorded as entered ("total
// known, items not recorded"), as SOSG-OQ's total from the chart is (docs/clinical-reference.md §7).
// The items' sum counts once every item is recorded; the entered total counts until then. When
// both exist and differ, the difference is reported (validation warning) so the user can check.

/** Where the total used by bands, eligibility, NOMS and the study comes from. */
export type TotalSource = 'items' | 'entered'

export interface TotalWithSource {
  /** The total every use reads: the items' sum when complete, else the entered total, else null. */
  total: number | null
  source: TotalSource | null
  /** The items' sum, once every item is recorded. */
  fromItems: number | null
  /** The total entered without items (null when none). */
  enteredTotal: number | null
  /** Items' sum minus the entered total, when both exist and differ (else null). */
  difference: number | null
}

export function totalWithSource(fromItems: number | null, enteredTotal: number | null): TotalWithSource {
  const total = fromItems ?? enteredTotal
  const difference = fromItems !== null && enteredTotal !== null && fromItems !== enteredTotal ? fromItems - enteredTotal : null
  return { total, source: fromItems !== null ? 'items' : enteredTotal !== null ? 'entered' : null, fromItems, enteredTotal, difference }
}

/** A score with items, summed: each item's points, the items' sum so far, the missing items, the total and its band. */
export interface ItemScore<K extends string, B> extends TotalWithSource {
  points: Record<K, number | null>
  partialTotal: number
  missing: K[]
  band: B | null
}

/**
 * Sums a score's item points (null = not recorded) and combines the sum with an entered total.
 * One pass and no object spread: the status cache, the checks and the import score every
 * assessment of every patient.
 */
export function scoreItems<K extends string, B>(points: Record<K, number | null>, items: readonly K[], enteredTotal: number | null, band: (total: number) => B): ItemScore<K, B> {
  const missing: K[] = []
  let partialTotal = 0
  for (const k of items) {
    const p = points[k]
    if (p === null) missing.push(k)
    else partialTotal += p
  }
  const combined = totalWithSource(missing.length === 0 ? partialTotal : null, enteredTotal)
  return {
    total: combined.total,
    source: combined.source,
    fromItems: combined.fromItems,
    enteredTotal: combined.enteredTotal,
    difference: combined.difference,
    points,
    partialTotal,
    missing,
    band: combined.total === null ? null : band(combined.total),
  }
}
