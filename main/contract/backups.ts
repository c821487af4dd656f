import { z } from 'zod'
import { method } from './method'

// Backups of the open registry: automatic (daily at opening, before an import, a delete, a
// migration, a restore or a demo replacement) and on request, in a `backups` folder beside the
// registry file. The renderer names a backup only by the file name the list gave it.

export const BACKUP_REASON_NAMES = ['daily', 'manual', 'pre-import', 'pre-delete', 'pre-migration', 'pre-restore', 'pre-demo'] as const
export type BackupReasonName = (typeof BACKUP_REASON_NAMES)[number]

export interface BackupInfo {
  fileName: string
  /** Full path, for the user to find the file (shown, never sent back). */
  path: string
  /** When it was taken (ISO, UTC). */
  createdAt: string
  reason: BackupReasonName
  /** Patients in the backup; null when the file cannot be read. */
  patients: number | null
  sizeBytes: number
}

export interface RestoreResult {
  restoredFrom: string
  /** The backup of the state replaced by the restore. */
  safetyBackup: string
  patients: number
}

const backupFileName = z.string().min(1).max(400)

export const backupMethods = {
  /** The open registry's backups, newest first. */
  'registry.backups': method<BackupInfo[]>()(z.object({}).strict()),
  /** Takes a backup of the open registry now (kept until deleted by hand). */
  'registry.backup': method<BackupInfo>()(z.object({}).strict(), { long: true }),
  /** Replaces the open registry with one of its backups, after backing up the current state. */
  'registry.restore': method<RestoreResult>()(z.object({ fileName: backupFileName }).strict(), { long: true }),
} as const
