import type { z } from 'zod'
import type { MethodSpec } from './method'
import type { Result } from './result'
import { registryMethods } from './registry'
import { patientMethods } from './patients'
import { importExportMethods } from './import-export'
import { studyMethods } from './study'
import { settingsMethods } from './settings'
import { reportMethods } from './reports'
import { studyReportMethods } from './study-report'
import { backupMethods } from './backups'
import { integrityMethods } from './integrity'

/**
 * Every call the renderer may make, by name (`domain.verb`). The single source of truth for
 * the preload bridge, the IPC adapter, the end-to-end test bridge and the CLI.
 */
export const API = {
  ...registryMethods,
  ...patientMethods,
  ...importExportMethods,
  ...studyMethods,
  ...settingsMethods,
  ...reportMethods,
  ...studyReportMethods,
  ...backupMethods,
  ...integrityMethods,
} as const

export type Api = typeof API
export type MethodName = keyof Api
export const METHOD_NAMES = Object.freeze(Object.keys(API) as MethodName[])

export type MethodInput<M extends MethodName> = z.input<Api[M]['input']>
export type MethodParsedInput<M extends MethodName> = z.output<Api[M]['input']>
export type MethodOutput<M extends MethodName> = Api[M] extends MethodSpec<z.ZodType, infer O> ? O : never

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(API, name)
}

/** What `window.spinemet` offers the renderer (built by the preload from METHOD_NAMES). */
export interface SpinemetBridge {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>
  /** Subscribes to a push event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void
  readonly methods: readonly MethodName[]
}

/** IPC channel names; fixed, never built from input. */
export const IPC_CALL_CHANNEL = 'spinemet:call'
export const IPC_EVENT_CHANNEL = 'spinemet:event'
