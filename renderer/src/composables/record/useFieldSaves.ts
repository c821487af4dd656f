// Saving one field of the open record (`patients.update`, one call per field): the value is checked
// on screen first (its schema, then plausibility, which the user may confirm), a verified section
// asks before the change, and a save refused as busy is sent again once the registry is free.
import type { ShallowRef } from 'vue'
import { FIELD_SCHEMAS, type FieldPath, type PatientView } from '@contract/patients'
import { plausibilityWarning, type PlausibilityWarning } from '@domain/plausibility'
import { call } from '../../api/client'
import { problemFromError, problemFromPlausibility, problemFromZod } from '../../format/issues'
import type { Drafts } from './useDrafts'
import type { Change, UndoHistory } from './useUndoHistory'
import { plain, sameValue, valueAt } from './values'

/** Pause before a save refused as busy (another writer past the busy timeout) is sent again. */
const BUSY_RETRY_MS = 3000

export interface FieldSavesContext {
  view: ShallowRef<PatientView | null>
  requireId(): number
  /** The open record's id, or null. */
  openId(): number | null
  drafts: Drafts
  history: UndoHistory
  mayEdit(key: string): Promise<boolean>
  confirmImplausible?: (warning: PlausibilityWarning) => Promise<boolean>
}

export function useFieldSaves({ view, requireId, openId, drafts: d, history, mayEdit, confirmImplausible }: FieldSavesContext) {
  function stored(path: string): unknown {
    return valueAt(view.value?.record, path)
  }

  /** The queued save of a field: sends the newest value on screen. */
  async function saveField(path: FieldPath): Promise<void> {
    d.dequeued(path)
    if (!d.drafts.has(path) || openId() === null) {
      d.pending.delete(path)
      return
    }
    const next = plain(d.drafts.get(path))
    const before = plain(stored(path))
    if (sameValue(next, before)) {
      d.problems.delete(path)
      d.settle(path, next)
      return
    }
    const schema = FIELD_SCHEMAS[path]
    if (schema) {
      const parsed = schema.safeParse(next)
      if (!parsed.success) {
        d.refuse(path, next, problemFromZod(path, parsed.error.issues))
        return
      }
    }
    const warning = plausibilityWarning(path, next)
    if (warning && confirmImplausible && !(await confirmImplausible(warning))) {
      d.refuse(path, next, problemFromPlausibility(warning))
      return
    }
    if (!(await mayEdit(path))) return
    const r = await call('patients.update', { id: requireId(), path, value: next })
    if (!r.ok) {
      d.refuse(path, next, problemFromError(path, r.error))
      // Another writer held the registry past the busy timeout: the value stays on screen and is
      // sent again (unless the user changed it meanwhile, which sends itself).
      if (r.error.code === 'DB_BUSY') retryWhenFree(path, next)
      return
    }
    view.value = r.value
    d.settle(path, next)
    history.record(fieldChange(path, before, next))
  }

  function retryWhenFree(path: FieldPath, sent: unknown): void {
    setTimeout(() => {
      if (!d.drafts.has(path) || !sameValue(d.drafts.get(path), sent) || d.waiting(path)) return
      d.problems.delete(path)
      d.pending.add(path)
      d.queueSave(path)
    }, BUSY_RETRY_MS)
  }

  function fieldChange(path: FieldPath, before: unknown, after: unknown): Change {
    const apply = (v: unknown) => call('patients.update', { id: requireId(), path, value: plain(v) })
    return { label: path, undo: () => apply(before), redo: () => apply(after) }
  }

  /**
   * The page is going away (window closed, reload): typing still waiting for its pause is sent at
   * once, outside the queue, because queued calls would never get their turn. Calls already sent
   * were sent earlier and arrive first (the channel keeps order).
   */
  function sendPendingNow(): void {
    const id = openId()
    if (id === null) return
    for (const key of d.takeWaiting()) {
      if (key.includes(':') || !d.drafts.has(key)) continue
      const value = plain(d.drafts.get(key))
      const schema = FIELD_SCHEMAS[key]
      if (schema && !schema.safeParse(value).success) continue
      void call('patients.update', { id, path: key as FieldPath, value })
    }
  }

  return { stored, saveField, sendPendingNow }
}
