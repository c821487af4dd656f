// PLACEHOLDER — being written now (demo cohort helper). Do not ship.
export const DEMO_DEFAULT_SEED = 2021
export interface DemoSummary { patients: number; eligible: number; ineligible: number; arms: { HT: number; TES: number }; ineligibleReasons: Record<string, number> }
export async function writeDemoRegistry(_file: string, _o: { seed: number; appVersion: string; overwrite: boolean }): Promise<DemoSummary> {
  throw new Error('not yet written')
}
