// The study settings, saved with the registry (registry_meta key `study.settings`, JSON). A file
// written by another SpineMet version whose settings no longer parse falls back to the reference
// study's defaults (logged), rather than refusing to show the study.
import type { Database } from 'better-sqlite3'
import {
  COVARIATE_ALLOWED_ENTRIES,
  DEFAULT_COVARIATE_ENTRY,
  DEFAULT_STUDY_SETTINGS,
  STUDY_COVARIATES,
  studySettingsSchema,
  type StudySettings,
  type StudySettingsPatch,
  type StudySettingsView,
} from '@contract/study'
import { AppFailure } from '@contract/result'
import { CRITERIA, CRITERION_KIND } from '../../domain/eligibility'
import { readMeta, writeMeta } from '../../db/repositories/registry-meta'
import { describeIssues } from '../../dispatch'

export const STUDY_SETTINGS_KEY = 'study.settings'

/** A deep copy of the defaults (callers may change it). */
export function defaultStudySettings(): StudySettings {
  return structuredClone(DEFAULT_STUDY_SETTINGS)
}

/** The saved settings, or null when none are saved (or they no longer parse). */
export function readSavedSettings(db: Database, log?: (message: string) => void): StudySettings | null {
  const raw = readMeta(db)[STUDY_SETTINGS_KEY]
  if (raw === undefined) return null
  try {
    const parsed = studySettingsSchema.safeParse({ ...defaultStudySettings(), ...(JSON.parse(raw) as object) })
    if (parsed.success) return parsed.data
    log?.('saved study settings do not parse; the study defaults are used')
  } catch {
    log?.('saved study settings are not JSON; the study defaults are used')
  }
  return null
}

/** Applies a patch to settings and validates the whole (AppFailure INVALID_INPUT naming the field). */
export function applySettingsPatch(base: StudySettings, patch: StudySettingsPatch | undefined): StudySettings {
  if (!patch) return base
  const merged = {
    ...base,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    criteria: { ...base.criteria, ...(patch.criteria ?? {}) },
    protocol: { ...base.protocol, ...(patch.protocol ?? {}) },
    testRule: { ...base.testRule, ...(patch.testRule ?? {}) },
  }
  const parsed = studySettingsSchema.safeParse(merged)
  if (!parsed.success) {
    const d = describeIssues(parsed.error.issues)
    throw new AppFailure('INVALID_INPUT', d.message, d.field !== undefined ? { field: d.field, details: d.details } : { details: d.details })
  }
  return parsed.data
}

export function settingsView(db: Database, log?: (message: string) => void): StudySettingsView {
  const saved = readSavedSettings(db, log)
  return {
    settings: saved ?? defaultStudySettings(),
    defaults: defaultStudySettings(),
    saved: saved !== null,
    criteria: CRITERIA.map((id) => ({ id, kind: CRITERION_KIND[id] })),
    covariates: STUDY_COVARIATES.map((id) => ({ id, allowedEntries: [...COVARIATE_ALLOWED_ENTRIES[id]], defaultEntry: DEFAULT_COVARIATE_ENTRY[id] })),
  }
}

export function saveSettings(db: Database, input: { settings?: StudySettingsPatch | undefined; reset?: boolean | undefined }, log?: (message: string) => void): StudySettingsView {
  const base = input.reset ? defaultStudySettings() : (readSavedSettings(db, log) ?? defaultStudySettings())
  const next = applySettingsPatch(base, input.settings)
  writeMeta(db, STUDY_SETTINGS_KEY, JSON.stringify(next))
  return settingsView(db, log)
}
