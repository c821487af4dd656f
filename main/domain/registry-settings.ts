// Team settings stored with a registry (the registry_meta key-value table): they travel with the
// file, so every printout made from the same registry applies the same clinical choices.
import type { Histology } from './codes'
import type { RadiosensitivityClass } from './radiosensitivity'

export const PAPER_SIZES = ['A4', 'Letter'] as const
export type PaperSize = (typeof PAPER_SIZES)[number]

export interface RegistrySettings {
  /**
   * Count Bilsky 1c as high-grade compression in NOMS. Default false: Bilsky et al. (J Neurosurg
   * Spine 2010) define high-grade as 2–3; the role of surgery for 1c is described as controversial.
   */
  escc1cIsHigh: boolean
  /** The team's radiosensitivity class per histology, where it differs from SpineMet's default. */
  radiosensitivity: Partial<Record<Histology, RadiosensitivityClass>>
  /** Paper of printed documents. */
  paperSize: PaperSize
}

export const DEFAULT_REGISTRY_SETTINGS: RegistrySettings = Object.freeze({
  escc1cIsHigh: false,
  radiosensitivity: Object.freeze({}),
  paperSize: 'A4',
}) as RegistrySettings
