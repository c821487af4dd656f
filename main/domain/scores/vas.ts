// VAS pain 0–10 (0 = no pain, 10 = worst imaginable), docs/clinical-reference.md §6. Bands of the cancer-pain
// convention (Serlin 1995; Woo 2015: mild ≤ 4, moderate 5–6, severe ≥ 7). For VAS values with a
// decimal SpineMet's convention is: none 0; mild > 0 to ≤ 4.0; moderate > 4.0 to < 7.0; severe ≥ 7.0.

export type VasBand = 'none' | 'mild' | 'moderate' | 'severe'

export function vasBand(vas: number): VasBand {
  if (vas <= 0) return 'none'
  if (vas <= 4) return 'mild'
  if (vas < 7) return 'moderate'
  return 'severe'
}
