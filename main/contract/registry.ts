import { z } from 'zod'
import { method } from './method'

export interface AppInfo {
  appVersion: string
  engineVersion: string
  schemaVersion: number
  /** 'electron' in the desktop app, 'browser-test' in end-to-end tests, 'cli' on the command line. */
  host: string
  platform: string
  userDataDir: string
}

export interface RegistryCounts {
  patients: number
  identities: number
  assessments: number
  surgeries: number
  complications: number
  followUpEvents: number
  auditEntries: number
}

export interface RegistryInfo {
  path: string
  fileName: string
  schemaVersion: number
  journalMode: 'wal' | 'delete'
  registryId: string
  createdAt: string | null
  createdByAppVersion: string | null
  sizeBytes: number
  counts: RegistryCounts
  integrity: { ok: boolean; messages: string[] }
  isDemo: boolean
  migrationBackupPath: string | null
  /**
   * Derived structures (search index, patient status cache, table indexes) that SpineMet found
   * damaged and rebuilt from the clinical tables when opening the file; empty when none. The
   * renderer tells the user once, after opening.
   */
  repairedOnOpen: string[]
  /** Opened for viewing only (read-only file or media): saves are refused with DB_READ_ONLY. */
  readOnly: boolean
  /** Why it is read-only: 'media' (the file or folder cannot be written) or 'damaged' (opened read-only after a refusal); null when writable. */
  readOnlyReason?: 'media' | 'damaged' | null
  /**
   * The audit trail's hash chain, checked with the full integrity check (`registry.info`);
   * null otherwise. `brokenAtId` is the first entry that was changed, removed or inserted by hand.
   */
  auditChain: { intact: boolean; entries: number; brokenAtId: number | null; reason: string | null } | null
}

export interface RecentRegistry {
  path: string
  fileName: string
  lastOpenedAt: string
  exists: boolean
}

const noInput = z.object({}).strict()
/** A path the renderer may name: only one from the recent list (checked in the service). */
const recentPath = z.string().min(1).max(4096)

export const registryMethods = {
  'app.info': method<AppInfo>()(noInput),
  /** The UI language changed (or the app started): the native menu follows it. */
  'app.setLanguage': method<null>()(z.object({ language: z.enum(['en', 'zh-CN']) }).strict()),
  'registry.current': method<RegistryInfo | null>()(noInput),
  /** File ▸ New: the host asks where to save. */
  'registry.create': method<RegistryInfo>()(noInput),
  /** File ▸ Open: from the host's open dialog, or a file from the recent list. */
  'registry.open': method<RegistryInfo>()(z.object({ recentPath: recentPath.optional() }).strict()),
  /** Start screen "Open demo registry": writes the seeded demo registry in the user-data folder on first use. */
  'registry.openDemo': method<RegistryInfo>()(z.object({ regenerate: z.boolean().optional() }).strict(), { long: true }),
  /** File ▸ Save as: an online backup to the chosen path, which then becomes the open registry. */
  'registry.saveAs': method<RegistryInfo>()(noInput),
  'registry.close': method<null>()(noInput),
  'registry.recent': method<RecentRegistry[]>()(noInput),
  'registry.forgetRecent': method<RecentRegistry[]>()(z.object({ path: recentPath }).strict()),
  'registry.info': method<RegistryInfo>()(noInput),
} as const
