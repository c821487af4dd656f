// The registry's team settings, kept in the registry_meta key-value table under `setting.*` keys
// (no schema change): they travel with the registry file. Every change is audited.
import type { Database } from 'better-sqlite3'
import type { RegistrySettingsPatch } from '@contract/settings'
import type { Histology } from '../domain/codes'
import type { RadiosensitivityClass } from '../domain/radiosensitivity'
import type { RegistrySettings } from '../domain/registry-settings'
import { writeMeta } from '../db/repositories/registry-meta'
import { readRegistrySettings, SETTING_KEY } from '../db/repositories/registry-settings'
import { refreshPatientStatus } from '../db/repositories/patient-edits'
import { stmt } from '../db/statement-cache'
import { writeAudit, type AuditActor } from '../db/repositories/audit'
import type { Session } from './session'

const KEY = SETTING_KEY

export { readRegistrySettings }

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
    // A histology's class decides the study's radioresistant criterion and whether the record must
    // name a class (completeness): the cached status of its patients is recomputed with the change.
    const histologies = Object.entries(patch.radiosensitivity ?? {})
      .filter(([h, v]) => (before.radiosensitivity[h as Histology] ?? null) !== v)
      .map(([h]) => h)
    if (histologies.length) {
      const ids = stmt(db, 'SELECT id FROM patients WHERE histology IN (SELECT value FROM json_each(?)) ORDER BY id').pluck().all(JSON.stringify(histologies)) as number[]
      refreshPatientStatus(db, ids)
    }
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
