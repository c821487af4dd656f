// ECOG performance status 0–5 (Oken et al. 1982) and Karnofsky (KPS 0–100 in steps of 10),
// docs/clinical-reference.md §5. Recorded separately: conversions between them disagree between sources, so the
// Tokuhashi general-condition item is never derived from ECOG.

/**
 * Whether an ECOG grade and a KPS are plausible together, taking the union of the three
 * published conversion tables (docs/clinical-reference.md §5). Outside it SpineMet asks the user to check.
 */
export const ECOG_KPS_PLAUSIBLE: Readonly<Record<number, readonly [number, number]>> = {
  0: [90, 100],
  1: [70, 90],
  2: [50, 70],
  3: [30, 60],
  4: [10, 40],
  5: [0, 0],
}

export function ecogKpsConsistent(ecog: number, kps: number): boolean {
  const range = ECOG_KPS_PLAUSIBLE[ecog]
  return range !== undefined && kps >= range[0] && kps <= range[1]
}
