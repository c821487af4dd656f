import { z } from 'zod'
import { method } from './method'
import type { ExportResult } from './import-export'
import type { RegistryInfo } from './registry'

// A registry damaged in its clinical tables is refused at opening (DB_CORRUPT). The user is then
// offered to open it read-only (nothing written, not a byte changed) or to export what can still be
// read. The renderer never names the damaged file: the service remembers the file it refused.
// The audit trail's hash chain is checked on request for the audit viewer.

/** Why a registry is open read-only: the file or its folder cannot be written, or the file is damaged. */
export type ReadOnlyReason = 'media' | 'damaged'

export interface AuditChainStatus {
  intact: boolean
  /** Entries checked (up to and including the first broken one). */
  entries: number
  /** The first entry whose link does not match; null when intact. */
  brokenAtId: number | null
  /** 'changed': that entry was edited after it was written; 'gap': an entry before it was removed, added or changed. */
  breakKind: 'changed' | 'gap' | null
  /** When the broken entry says it was written (ISO), and which patient it concerns, when readable. */
  brokenEntryAt: string | null
  brokenPatientId: number | null
  /** English sentence (the renderer translates by breakKind). */
  reason: string | null
}

export interface SalvageExportResult extends ExportResult {
  /** The damaged registry the rows were read from (file name only). */
  registryFileName: string
  /** Patients whose record could be read and were written (same as rows for scope 'all'). */
  exported: number
  /** Record numbers (patients.id) that exist but could not be read. */
  unreadableIds: number[]
  /** How many patients could not be read (unreadableIds plus ranges SQLite could not scan at all). */
  unreadable: number
}

export const integrityMethods = {
  /** Walks the whole audit trail and says whether its hash chain is intact, and where it breaks. */
  'registry.auditChain': method<AuditChainStatus>()(z.object({}).strict(), { long: true }),
  /** Opens the registry that was just refused as damaged, read-only: nothing is ever written to it. */
  'registry.openDamagedReadOnly': method<RegistryInfo>()(z.object({}).strict(), { long: true }),
  /**
   * Writes every patient that can still be read from a damaged registry (the one open read-only, or
   * the one just refused) as the usual CSV export, skipping what SQLite cannot read, and says how
   * many patients could not be read, by record number where possible.
   */
  'export.salvage': method<SalvageExportResult>()(z.object({ identified: z.boolean().default(false) }).strict(), { long: true }),
} as const
