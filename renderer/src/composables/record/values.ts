// Field values of the open record: reading one by its dotted path, comparing two, and the plain
// copies the bridge needs; the complication / follow-up item types and their keys.
import { toRaw } from 'vue'
import type { Complication, FollowUpEvent, PatientRecord } from '@contract/patient-record'

export type ComplicationData = Omit<Complication, 'id'>
export type FollowUpData = Omit<FollowUpEvent, 'id'>
export type ItemKind = 'complication' | 'followUp'
export type ItemData<K extends ItemKind> = K extends 'complication' ? ComplicationData : FollowUpData

/** The stored value at a dotted path (`surgery.srsDate`); null when absent. */
export function valueAt(record: PatientRecord | null | undefined, path: string): unknown {
  if (!record) return null
  const [section, field] = path.split('.') as [string, string]
  const obj = (record as unknown as Record<string, Record<string, unknown> | undefined>)[section]
  const v = obj?.[field]
  return v === undefined ? null : v
}

/** Value equality for field values (scalars, string arrays, answer arrays, item objects). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null)
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b)
  return false
}

/**
 * A plain copy of a value for the bridge: values kept in reactive state come back as Vue proxies,
 * which structured clone (Electron IPC) refuses.
 */
export function plain<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value
  return JSON.parse(JSON.stringify(toRaw(value))) as T
}

/** The key of an item row among the field paths: `complication:12`, `followUp:3`. */
export const itemKey = (kind: ItemKind, id: number): string => `${kind}:${id}`

export const stripId = <T extends { id: number | null }>(item: T): Omit<T, 'id'> => {
  const { id: _id, ...rest } = item
  return rest
}
