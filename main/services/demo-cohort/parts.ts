// Pieces shared by included and screened-out demo patients.
import type { AsiaGrade, Histology, SpinalRegion, Vertebra } from '@domain/codes'
import { addDays } from '@domain/dates'
import { kpsOptions } from './baseline'
import type { Rng } from './random'

const THORACIC_WEIGHTS: readonly (readonly [Vertebra, number])[] = [
  ['T1', 1], ['T2', 2], ['T3', 4], ['T4', 5], ['T5', 6], ['T6', 7], ['T7', 8], ['T8', 9], ['T9', 9], ['T10', 9], ['T11', 9], ['T12', 10],
]
const LUMBAR_WEIGHTS: readonly (readonly [Vertebra, number])[] = [['L1', 10], ['L2', 9], ['L3', 8], ['L4', 6], ['L5', 4]]

/** Index vertebra of a region, weighted like series of spinal metastases (mid/low thoracic, upper lumbar). */
export function pickVertebra(rng: Rng, region: SpinalRegion): Vertebra {
  switch (region) {
    case 'thoracic':
      return rng.weighted(THORACIC_WEIGHTS)
    case 'lumbar':
      return rng.weighted(LUMBAR_WEIGHTS)
    case 'cervical':
      return rng.weighted([['C4', 2], ['C5', 3], ['C6', 3], ['C7', 2]] as const)
    case 'sacral':
      return rng.weighted([['S1', 3], ['S2', 1]] as const)
  }
}

const DETAILS: Readonly<Partial<Record<Histology, readonly (readonly [string, number])[]>>> = {
  kidney: [['Clear-cell renal cell carcinoma', 0.8], ['Papillary renal cell carcinoma', 0.12], ['Chromophobe renal cell carcinoma', 0.08]],
  thyroid: [['Follicular thyroid carcinoma', 0.55], ['Papillary thyroid carcinoma', 0.35], ['Medullary thyroid carcinoma', 0.1]],
  liver: [['Hepatocellular carcinoma', 1]],
  rectum: [['Rectal adenocarcinoma', 1]],
  colon: [['Colorectal adenocarcinoma', 0.6], ['Colon adenocarcinoma (sigmoid)', 0.25], ['Colon adenocarcinoma (ascending)', 0.15]],
  melanoma: [['Cutaneous melanoma', 0.6], ['Acral melanoma', 0.3], ['Mucosal melanoma', 0.1]],
  breast: [['Invasive ductal carcinoma of the breast', 1]],
  prostate: [['Prostate adenocarcinoma', 1]],
  myeloma: [['Solitary plasmacytoma progressing to multiple myeloma', 0.5], ['Multiple myeloma (IgG kappa)', 0.5]],
  lung_nsclc: [['Lung adenocarcinoma', 0.7], ['Squamous cell lung carcinoma', 0.3]],
}

export function histologyDetail(rng: Rng, h: Histology): string {
  const options = DETAILS[h]
  return options ? rng.weighted(options) : h
}

/**
 * Date the primary cancer was diagnosed: about a third present with the spinal metastasis
 * (synchronous, days to weeks before admission), the rest months to years earlier; renal and
 * thyroid cancers relapse latest.
 */
export function diagnosisDate(rng: Rng, h: Histology, admissionDate: string): string {
  if (rng.chance(0.33)) return addDays(admissionDate, -rng.int(3, 45))
  const maxMonths = h === 'kidney' || h === 'thyroid' || h === 'breast' || h === 'prostate' ? 120 : 60
  return addDays(admissionDate, -Math.round(rng.between(4, maxMonths) * 30.4375))
}

/** ECOG and KPS six months after a successful operation: same or better, KPS plausible for the ECOG. */
export function month6Performance(rng: Rng, ecog: number, relapsed: boolean): { ecog: number; kps: number } {
  const gain = relapsed ? 0 : rng.weighted([[0, 0.25], [1, 0.55], [2, 0.2]] as const)
  const e = Math.max(0, Math.min(4, ecog - gain))
  return { ecog: e, kps: rng.pick(kpsOptions(e)) }
}

/** ASIA grade six months later drawn from the paper's transition shares (never worse). */
export function month6Asia(rng: Rng, preop: AsiaGrade): AsiaGrade {
  switch (preop) {
    case 'A':
      return rng.weighted([['A', 0.8], ['B', 0.2]] as const)
    case 'B':
      return rng.weighted([['B', 0.21], ['C', 0.31], ['D', 0.31], ['E', 0.17]] as const)
    case 'C':
      return rng.weighted([['C', 0.13], ['D', 0.28], ['E', 0.59]] as const)
    case 'D':
      return rng.weighted([['D', 0.07], ['E', 0.93]] as const)
    default:
      return 'E'
  }
}

const DEATH_NOTES: readonly (readonly [string, number])[] = [
  ['Died of progressive systemic disease.', 0.45],
  ['Died of multiple organ metastases.', 0.25],
  ['Died of respiratory failure from lung metastases.', 0.15],
  ['Died at home; the family reported cancer progression.', 0.15],
]

export function deathNote(rng: Rng): string {
  return rng.weighted(DEATH_NOTES)
}

export function progressionNote(level: string, rng: Rng): string {
  return rng.weighted([
    [`MRI: local progression at ${level}, within the treated segment.`, 0.6],
    [`New back pain; MRI and CT showed local tumour progression at ${level}.`, 0.4],
  ] as const)
}

/** Draw from N(mean, sd) clamped and rounded to a grid (for patients outside the study arms). */
export function drawClamped(rng: Rng, mean: number, sd: number, min: number, max: number, step: number): number {
  const v = Math.min(max, Math.max(min, mean + sd * rng.normal()))
  return Number((Math.round(v / step) * step).toFixed(6))
}
