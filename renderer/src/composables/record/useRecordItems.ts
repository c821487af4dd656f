// Complications and follow-up events of the open record: rows added, edited (saved like a field,
// one call per change) and removed, each undoable. An undo that re-adds a removed row gets a new id
// from the registry; `aliases` maps the original id to the current one.
import type { ShallowRef } from 'vue'
import type { PatientView } from '@contract/patients'
import { complicationSchema, followUpEventSchema, type Complication, type FollowUpEvent } from '@contract/patient-record'
import type { Result } from '@contract/result'
import { call } from '../../api/client'
import { problemFromError, problemFromZod } from '../../format/issues'
import type { Drafts } from './useDrafts'
import type { SaveQueue } from './useSaveQueue'
import type { UndoHistory } from './useUndoHistory'
import { itemKey, plain, sameValue, stripId, type ComplicationData, type FollowUpData, type ItemData, type ItemKind } from './values'

export interface RecordItemsContext {
  view: ShallowRef<PatientView | null>
  requireId(): number
  isOpen(): boolean
  queue: SaveQueue
  drafts: Drafts
  history: UndoHistory
  /** Whether a change at `key` may go ahead (a verified section asks first). */
  mayEdit(key: string): Promise<boolean>
}

function itemSchema(kind: ItemKind) {
  return kind === 'complication' ? complicationSchema.omit({ id: true }) : followUpEventSchema.omit({ id: true })
}

export function useRecordItems({ view, requireId, isOpen, queue, drafts: d, history, mayEdit }: RecordItemsContext) {
  /** After an undo re-adds a removed complication/event it gets a new id: original → current. */
  const aliases = new Map<string, number>()

  function resolveId(kind: ItemKind, original: number): number {
    let cur = original
    for (let i = 0; i < 50; i++) {
      const next = aliases.get(itemKey(kind, cur))
      if (next === undefined || next === cur) break
      cur = next
    }
    return cur
  }

  function storedItems(kind: ItemKind): (Complication | FollowUpEvent)[] {
    const rec = view.value?.record
    if (!rec) return []
    return kind === 'complication' ? rec.complications : rec.followUp
  }

  function storedItem<K extends ItemKind>(kind: K, itemId: number): ItemData<K> | null {
    const found = storedItems(kind).find((x) => x.id === itemId)
    return found ? (stripId(found) as ItemData<K>) : null
  }

  /** What an item row shows: the user's unsaved version, else the stored one. */
  function itemValue<K extends ItemKind>(kind: K, itemId: number): ItemData<K> | null {
    const key = itemKey(kind, itemId)
    return d.drafts.has(key) ? (d.drafts.get(key) as ItemData<K>) : storedItem(kind, itemId)
  }

  function callAdd(kind: ItemKind, data: ComplicationData | FollowUpData): Promise<Result<PatientView>> {
    const pid = requireId()
    return kind === 'complication'
      ? call('patients.addComplication', { id: pid, complication: plain(data) as ComplicationData })
      : call('patients.addFollowUp', { id: pid, event: plain(data) as FollowUpData })
  }

  function callUpdate(kind: ItemKind, itemId: number, data: ComplicationData | FollowUpData): Promise<Result<PatientView>> {
    const pid = requireId()
    return kind === 'complication'
      ? call('patients.updateComplication', { id: pid, complicationId: itemId, complication: plain(data) as ComplicationData })
      : call('patients.updateFollowUp', { id: pid, eventId: itemId, event: plain(data) as FollowUpData })
  }

  function callRemove(kind: ItemKind, itemId: number): Promise<Result<PatientView>> {
    const pid = requireId()
    return kind === 'complication'
      ? call('patients.removeComplication', { id: pid, complicationId: itemId })
      : call('patients.removeFollowUp', { id: pid, eventId: itemId })
  }

  /** Adds and returns the new item's id (the one not there before). */
  async function addAndFindId(kind: ItemKind, data: ComplicationData | FollowUpData): Promise<{ r: Result<PatientView>; newId: number | null }> {
    const beforeIds = new Set(storedItems(kind).map((x) => x.id))
    const r = await callAdd(kind, data)
    if (!r.ok) return { r, newId: null }
    const items = kind === 'complication' ? r.value.record.complications : r.value.record.followUp
    const created = items.find((x) => x.id !== null && !beforeIds.has(x.id))
    return { r, newId: created?.id ?? null }
  }

  function readd(kind: ItemKind, original: number, data: ComplicationData | FollowUpData) {
    return async (): Promise<Result<PatientView>> => {
      const { r, newId } = await addAndFindId(kind, data)
      if (newId !== null && newId !== original) aliases.set(itemKey(kind, original), newId)
      return r
    }
  }

  /** Adds a complication or follow-up event (saved at once; undoable). */
  function addItem<K extends ItemKind>(kind: K, data: ItemData<K>): Promise<Result<PatientView>> {
    return queue.enqueue(async () => {
      const parsed = itemSchema(kind).safeParse(data)
      if (!parsed.success) {
        const p = problemFromZod(kind, parsed.error.issues)
        return { ok: false as const, error: { code: 'INVALID_INPUT' as const, message: p.message, details: [] } }
      }
      const { r, newId } = await addAndFindId(kind, data)
      if (!r.ok) return r
      view.value = r.value
      if (newId !== null) {
        history.record({ label: kind, undo: () => callRemove(kind, resolveId(kind, newId)), redo: readd(kind, newId, data) })
      }
      return r
    })
  }

  /** The user edited an item row; saved like a field (one call per change). */
  function setItem<K extends ItemKind>(kind: K, itemId: number, data: ItemData<K>, mode: 'now' | 'typing' = 'now'): void {
    d.setKey(itemKey(kind, itemId), data, mode)
  }

  /** The queued save of an item row (`kind:id`): sends the newest version on screen. */
  async function saveItem(key: string): Promise<void> {
    d.dequeued(key)
    const [kind, idText] = key.split(':') as [ItemKind, string]
    const itemId = Number(idText)
    if (!d.drafts.has(key) || !isOpen()) {
      d.pending.delete(key)
      return
    }
    const next = plain(d.drafts.get(key)) as ComplicationData | FollowUpData
    const before = storedItem(kind, itemId)
    if (before === null) {
      // removed meanwhile: nothing to update
      d.drafts.delete(key)
      d.pending.delete(key)
      return
    }
    if (sameValue(next, before)) {
      d.problems.delete(key)
      d.settle(key, next)
      return
    }
    const parsed = itemSchema(kind).safeParse(next)
    if (!parsed.success) {
      d.refuse(key, next, problemFromZod(key, parsed.error.issues))
      return
    }
    if (!(await mayEdit(key))) return
    const r = await callUpdate(kind, itemId, next)
    if (!r.ok) {
      d.refuse(key, next, problemFromError(key, r.error))
      return
    }
    view.value = r.value
    d.settle(key, next)
    history.record({ label: kind, undo: () => callUpdate(kind, resolveId(kind, itemId), before), redo: () => callUpdate(kind, resolveId(kind, itemId), next) })
  }

  function removeItem(kind: ItemKind, itemId: number): Promise<Result<PatientView>> {
    const key = itemKey(kind, itemId)
    d.clearTimer(key)
    return queue.enqueue(async () => {
      const data = storedItem(kind, itemId)
      const r = await callRemove(kind, itemId)
      if (!r.ok) return r
      view.value = r.value
      d.drop(key)
      d.pending.delete(key)
      if (data) history.record({ label: kind, undo: readd(kind, itemId, data), redo: () => callRemove(kind, resolveId(kind, itemId)) })
      return r
    })
  }

  return { itemValue, addItem, setItem, saveItem, removeItem, resolveId, clearAliases: () => aliases.clear() }
}
