import os from 'node:os'
import type { EventMap, EventName } from '@contract/events'
import type { ReportPrintRequest } from './reports'

/**
 * What the services need from the program hosting them (Electron, the end-to-end test
 * bridge, the CLI). Dialogs are here so that a renderer never names a file path itself.
 */
export interface Host {
  kind: 'electron' | 'browser-test' | 'cli'
  /** Where SpineMet keeps its settings, recent-file list and demo registry. */
  userDataDir: string
  /** Operating-system user recorded in the audit trail. */
  osUser(): string
  now(): Date
  /** Asks where to create a new registry; null when the user cancels. */
  chooseNewRegistryPath(defaultFileName: string): Promise<string | null>
  /** Asks which registry to open; null when the user cancels. */
  chooseRegistryToOpen(): Promise<string | null>
  /** Asks where to save a copy of the open registry; null when the user cancels. */
  chooseSaveAsPath(defaultFileName: string): Promise<string | null>
  /**
   * Asks where to save an export (audit trail, data) of the given kind; null when the user
   * cancels. Optional only until every Host implements it; services refuse the export without it.
   */
  chooseExportPath?(defaultFileName: string, kind: 'csv' | 'pdf'): Promise<string | null>
  /**
   * Asks which CSV file to import; null when the user cancels. Optional so that hosts without
   * dialogs (the CLI) need not offer it; the import service refuses without it.
   */
  chooseImportFile?(): Promise<string | null>
  /** The UI language, for what the host shows itself (Electron: the native menu). Optional: hosts without a menu ignore it. */
  setLanguage?(language: 'en' | 'zh-CN'): void
  /**
   * Prints a report route of the renderer to PDF: a hidden window and printToPDF in Electron,
   * headless Chromium in the CLI and tests. Optional: services refuse to print without it.
   */
  printReportPdf?(request: ReportPrintRequest): Promise<Uint8Array>
  /** Opens a file in the system's viewer (only ever on the user's request). */
  openPath?(file: string): Promise<void>
  emit<E extends EventName>(event: E, payload: EventMap[E]): void
  /** Diagnostics only: record ids and error codes, never patient identifiers. */
  log(level: 'info' | 'warn' | 'error', message: string, meta?: Record<string, unknown>): void
}

/** The operating-system user the audit trail records (every host's osUser): "unknown" when the system will not say. */
export function currentOsUser(): string {
  try {
    return os.userInfo().username
  } catch {
    return 'unknown'
  }
}
