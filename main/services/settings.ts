// The registry's team settings, kept in the registry_meta key-value table under `setting.*` keys
// (no schema change): they travel with the registry file. Every change is audited.
import type { Database } from 'better-sqlite3'
import type { RegistrySettingsPatch } from '@contract/settings'
import { HISTOLOGIES, type Histology } from '../domain/codes'
import { RADIOSENSITIVITY_CLASSES, type RadiosensitivityClass } from '../domain/radiosensitivity'
import { DEFAULT_REGISTRY_SETTINGS, PAPER_SIZES, type PaperSize, type RegistrySettings } from '../domain/registry-settings'
import { readMeta, writeMeta } from '../db/repositories/registry-meta'
import { stmt } from '../db/statement-cache'
import { writeAudit, type AuditActor } from '../db/repositories/audit'
import type { Session } from './session'

const KEY = {
  escc1cIsHigh: 'setting.escc1c_is_high',
  paperSize: 'setting.paper_size',
  radiosensitivity: (h: Histology) => `setting.radiosensitivity.${h}`,
}

/** Reads the settings; a value SpineMet does not recognise (edited by hand) falls back to the default. */
export function readRegistrySettings(db: Database): RegistrySettings {
  const meta = readMeta(db)
  const radiosensitivity: Partial<Record<Histology, RadiosensitivityClass>> = {}
  for (const h of HISTOLOGIES) {
    const v = meta[KEY.radiosensitivity(h)]
    if (v !== undefined && (RADIOSENSITIVITY_CLASSES as readonly string[]).includes(v)) radiosensitivity[h] = v as RadiosensitivityClass
  }
  const paper = meta[KEY.paperSize]
  return {
    escc1cIsHigh: meta[KEY.escc1cIsHigh] === 'true',
    paperSize: paper !== undefined && (PAPER_SIZES as readonly string[]).includes(paper) ? (paper as PaperSize) : DEFAULT_REGISTRY_SETTINGS.paperSize,
    radiosensitivity,
  }
}

export function updateRegistrySettings(db: Database, actor: AuditActor, patch: RegistrySettingsPatch): RegistrySettings {
  const before = readRegistrySettings(db)
  const changes: { key: string; old: string | null; value: string | null }[] = []
  if (patch.escc1cIsHigh !== undefined && patch.escc1cIsHigh !== before.escc1cIsHigh) {
    changes.push({ key: KEY.escc1cIsHigh, old: String(before.escc1cIsHigh), value: String(patch.escc1cIsHigh) })
  }
  if (patch.paperSize !== undefined && patch.paperSize !== before.paperSize) changes.push({ key: KEY.paperSize, old: before.paperSize, value: patch.paperSize })
  for (const [h, v] of Object.entries(patch.radiosensitivity ?? {}) as [Histology, RadiosensitivityClass | null][]) {
    const old = before.radiosensitivity[h] ?? null
    if (old !== v) changes.push({ key: KEY.radiosensitivity(h), old, value: v })
  }
  db.transaction(() => {
    for (const c of changes) {
      if (c.value === null) stmt(db, 'DELETE FROM registry_meta WHERE key = ?').run(c.key)
      else writeMeta(db, c.key, c.value)
    }
    writeAudit(
      db,
      actor,
      changes.map((c) => ({ patientId: null, tableName: 'registry_meta', rowId: null, field: c.key, action: 'update' as const, oldValue: c.old, newValue: c.value })),
    )
  })()
  return readRegistrySettings(db)
}

export function getSettings(session: Session): RegistrySettings {
  return readRegistrySettings(session.requireDb())
}

export function updateSettings(session: Session, patch: RegistrySettingsPatch): RegistrySettings {
  const db = session.requireDb()
  return updateRegistrySettings(db, session.actor(), patch)
}
