// The registry's team settings as stored: `setting.*` keys of the registry_meta key-value table
// (no schema change), so they travel with the registry file. Read here, next to the other
// repositories, because the patient status cache depends on them (radiosensitivity per histology
// decides eligibility and completeness); written by main/services/settings.ts with an audit entry.
import type { Database } from 'better-sqlite3'
import { HISTOLOGIES, type Histology } from '@domain/codes'
import { RADIOSENSITIVITY_CLASSES, type RadiosensitivityClass } from '@domain/radiosensitivity'
import { DEFAULT_REGISTRY_SETTINGS, PAPER_SIZES, type PaperSize, type RegistrySettings } from '@domain/registry-settings'
import { readMeta } from './registry-meta'

export const SETTING_KEY = {
  escc1cIsHigh: 'setting.escc1c_is_high',
  paperSize: 'setting.paper_size',
  radiosensitivity: (h: Histology) => `setting.radiosensitivity.${h}`,
}

/** Reads the settings; a value SpineMet does not recognise (edited by hand) falls back to the default. */
export function readRegistrySettings(db: Database): RegistrySettings {
  const meta = readMeta(db)
  const radiosensitivity: Partial<Record<Histology, RadiosensitivityClass>> = {}
  for (const h of HISTOLOGIES) {
    const v = meta[SETTING_KEY.radiosensitivity(h)]
    if (v !== undefined && (RADIOSENSITIVITY_CLASSES as readonly string[]).includes(v)) radiosensitivity[h] = v as RadiosensitivityClass
  }
  const paper = meta[SETTING_KEY.paperSize]
  return {
    escc1cIsHigh: meta[SETTING_KEY.escc1cIsHigh] === 'true',
    paperSize: paper !== undefined && (PAPER_SIZES as readonly string[]).includes(paper) ? (paper as PaperSize) : DEFAULT_REGISTRY_SETTINGS.paperSize,
    radiosensitivity,
  }
}
