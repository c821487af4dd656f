// One patient record on screen: the stored view, what the user has typed but is not stored yet,
// the values the service refused, and a per-record undo/redo stack.
//
// Every field saves on its own (`patients.update`, one call per field): typing is debounced
// (TYPING_DEBOUNCE_MS) and committed at once on blur/Enter; selections and dates save at once.
// Calls run one after another in the order the user made them, so the stored record and the
// audit trail follow the screen. A refused value stays on screen (in `drafts`) with its problem
// until the user changes it. Undo is the same call with the previous value, so the audit trail
// shows it too.
import { computed, reactive, ref, shallowReactive, shallowRef, toRaw } from 'vue'
import { FIELD_SCHEMAS, type FieldPath, type PatientView } from '@contract/patients'
import { complicationSchema, followUpEventSchema, type Complication, type FollowUpEvent, type PatientRecord } from '@contract/patient-record'
import type { AppError, Result } from '@contract/result'
import { call } from '../api/client'
import { plausibilityWarning, type PlausibilityWarning } from '@domain/plausibility'
import { formSectionOf, type FormSection, type FormStatusEntry } from '@domain/missing-codes'
import { problemFromError, problemFromPlausibility, problemFromZod, type FieldProblem } from '../format/issues'

export const TYPING_DEBOUNCE_MS = 400

export type ComplicationData = Omit<Complication, 'id'>
export type FollowUpData = Omit<FollowUpEvent, 'id'>
export type ItemKind = 'complication' | 'followUp'
export type ItemData<K extends ItemKind> = K extends 'complication' ? ComplicationData : FollowUpData

/** A change the user can undo: how to go back and forth, and what to call it on screen. */
interface Change {
  /** Field path, or `complication` / `followUp`. */
  label: string
  undo(): Promise<Result<PatientView>>
  redo(): Promise<Result<PatientView>>
}

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

const itemKey = (kind: ItemKind, id: number) => `${kind}:${id}`
const stripId = <T extends { id: number | null }>(item: T): Omit<T, 'id'> => {
  const { id: _id, ...rest } = item
  return rest
}

/** Pause before a save refused as busy (another writer past the busy timeout) is sent again. */
const BUSY_RETRY_MS = 3000

export interface PatientRecordOptions {
  debounceMs?: number
  /**
   * Asks the user to confirm a value that is allowed but implausible (domain/plausibility.ts);
   * resolves true to save it. Without it such values are saved without asking.
   */
  confirmImplausible?: (warning: PlausibilityWarning) => Promise<boolean>
  /**
   * Asks before a change to a verified section (which the service then sets back to complete);
   * resolves true to make the change. Without it such changes are made without asking.
   */
  confirmVerifiedEdit?: (key: string, section: FormSection, entry: FormStatusEntry) => Promise<boolean>
}

export function usePatientRecord(options: PatientRecordOptions = {}) {
  const debounceMs = options.debounceMs ?? TYPING_DEBOUNCE_MS
  const id = ref<number | null>(null)
  const view = shallowRef<PatientView | null>(null)
  const loading = ref(false)
  const loadError = ref<AppError | null>(null)
  /** Values on screen that are not stored (waiting, in flight, or refused), by field path or item key. */
  const drafts = reactive(new Map<string, unknown>())
  /** Refused values' problems, by field path or item key (insertion order = newest last). */
  const problems = reactive(new Map<string, FieldProblem>())
  /** Keys with a save waiting (debounce) or queued. */
  const pending = reactive(new Set<string>())
  const inflight = ref(0)
  const undoStack = shallowReactive<Change[]>([])
  const redoStack = shallowReactive<Change[]>([])
  const timers = new Map<string, ReturnType<typeof setTimeout>>()
  const queued = new Set<string>()
  /** After an undo re-adds a removed complication/event it gets a new id: original → current. */
  const aliases = new Map<string, number>()
  let chain: Promise<unknown> = Promise.resolve()

  const saving = computed(() => pending.size > 0 || inflight.value > 0)
  const latestProblem = computed<FieldProblem | null>(() => {
    let last: FieldProblem | null = null
    for (const p of problems.values()) last = p
    return last
  })

  /** Runs `task` after every call already queued (one call at a time, in order). */
  function enqueue<T>(task: () => Promise<T>): Promise<T> {
    inflight.value++
    const p = chain.then(task).finally(() => {
      inflight.value--
    })
    chain = p.catch(() => undefined)
    return p
  }

  function requireId(): number {
    if (id.value === null) throw new Error('No record is open.')
    return id.value
  }

  // ---- fields ----

  function stored(path: string): unknown {
    return valueAt(view.value?.record, path)
  }

  /** What the field shows: the user's value when not stored yet, else the stored one. */
  function value(path: string): unknown {
    return drafts.has(path) ? drafts.get(path) : stored(path)
  }

  function problem(key: string): FieldProblem | null {
    return problems.get(key) ?? null
  }

  function clearTimer(key: string): void {
    const t = timers.get(key)
    if (t !== undefined) clearTimeout(t)
    timers.delete(key)
  }

  /**
   * The user changed a field. 'typing' waits for a pause (or `commit`); 'now' saves at once
   * (selections, dates, steppers).
   */
  function set(path: FieldPath, next: unknown, mode: 'now' | 'typing' = 'now'): void {
    setKey(path, next, mode)
  }

  function setKey(key: string, next: unknown, mode: 'now' | 'typing'): void {
    drafts.set(key, next)
    problems.delete(key)
    clearTimer(key)
    pending.add(key)
    if (mode === 'typing') {
      timers.set(
        key,
        setTimeout(() => {
          timers.delete(key)
          queueSave(key)
        }, debounceMs),
      )
    } else {
      queueSave(key)
    }
  }

  /**
   * A value refused on screen before any call (a typed date the reader cannot read): it stays in
   * the field with its problem, the stored value is untouched, and nothing is sent.
   */
  function refuseLocal(key: string, shown: unknown, p: FieldProblem): void {
    clearTimer(key)
    drafts.set(key, shown)
    problems.set(key, p)
    if (!queued.has(key)) pending.delete(key)
  }

  /** Fields and rows whose value on screen was refused and is not stored (oldest first). */
  function refusedKeys(): string[] {
    return [...problems.keys()].filter((k) => drafts.has(k) && !pending.has(k))
  }

  /** Drops every refused value: the fields show the stored values again. */
  function discardRefused(): void {
    for (const k of refusedKeys()) {
      drafts.delete(k)
      problems.delete(k)
    }
  }

  /** Saves a field now if its typing is still waiting for the debounce (blur, Enter). */
  function commit(key: string): void {
    if (!timers.has(key)) return
    clearTimer(key)
    queueSave(key)
  }

  function queueSave(key: string): void {
    if (queued.has(key)) return // the queued save reads the newest value when it runs
    queued.add(key)
    void enqueue(() => (key.includes(':') ? saveItem(key) : saveField(key as FieldPath)))
  }

  function settle(key: string, sentValue: unknown): void {
    if (sameValue(drafts.get(key), sentValue)) drafts.delete(key)
    if (!timers.has(key) && !queued.has(key)) pending.delete(key)
  }

  function refuse(key: string, sentValue: unknown, p: FieldProblem): void {
    // Only if the user has not typed something newer meanwhile (that one will be sent next).
    if (sameValue(drafts.get(key), sentValue)) problems.set(key, p)
    if (!timers.has(key) && !queued.has(key)) pending.delete(key)
  }

  /**
   * Whether a change at `key` (field path or item kind/key) may go ahead: true unless its section
   * is verified and the user chose to stay. Staying puts the stored value back on screen.
   */
  async function mayEdit(key: string): Promise<boolean> {
    const section = formSectionOf(key.replace(':', '.'))
    const entry = section ? view.value?.record.formStatus?.[section] : undefined
    if (!section || entry?.status !== 'verified' || !options.confirmVerifiedEdit) return true
    if (await options.confirmVerifiedEdit(key, section, entry)) return true
    drafts.delete(key)
    problems.delete(key)
    if (!timers.has(key) && !queued.has(key)) pending.delete(key)
    return false
  }

  async function saveField(path: FieldPath): Promise<void> {
    queued.delete(path)
    if (!drafts.has(path) || id.value === null) {
      pending.delete(path)
      return
    }
    const next = plain(drafts.get(path))
    const before = plain(stored(path))
    if (sameValue(next, before)) {
      problems.delete(path)
      settle(path, next)
      return
    }
    const schema = FIELD_SCHEMAS[path]
    if (schema) {
      const parsed = schema.safeParse(next)
      if (!parsed.success) {
        refuse(path, next, problemFromZod(path, parsed.error.issues))
        return
      }
    }
    const warning = plausibilityWarning(path, next)
    if (warning && options.confirmImplausible && !(await options.confirmImplausible(warning))) {
      refuse(path, next, problemFromPlausibility(warning))
      return
    }
    if (!(await mayEdit(path))) return
    const r = await call('patients.update', { id: requireId(), path, value: next })
    if (!r.ok) {
      refuse(path, next, problemFromError(path, r.error))
      // Another writer held the registry past the busy timeout: the value stays on screen and is
      // sent again (unless the user changed it meanwhile, which sends itself).
      if (r.error.code === 'DB_BUSY') retryWhenFree(path, next)
      return
    }
    view.value = r.value
    settle(path, next)
    record(fieldChange(path, before, next))
  }

  function retryWhenFree(path: FieldPath, sent: unknown): void {
    setTimeout(() => {
      if (!drafts.has(path) || !sameValue(drafts.get(path), sent) || queued.has(path) || timers.has(path)) return
      problems.delete(path)
      pending.add(path)
      queueSave(path)
    }, BUSY_RETRY_MS)
  }

  function fieldChange(path: FieldPath, before: unknown, after: unknown): Change {
    const apply = (v: unknown) => call('patients.update', { id: requireId(), path, value: plain(v) })
    return { label: path, undo: () => apply(before), redo: () => apply(after) }
  }

  function record(change: Change): void {
    undoStack.push(change)
    redoStack.splice(0)
  }

  // ---- complications and follow-up events ----

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
    return drafts.has(key) ? (drafts.get(key) as ItemData<K>) : storedItem(kind, itemId)
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

  function itemSchema(kind: ItemKind) {
    return kind === 'complication' ? complicationSchema.omit({ id: true }) : followUpEventSchema.omit({ id: true })
  }

  /** Adds a complication or follow-up event (saved at once; undoable). */
  function addItem<K extends ItemKind>(kind: K, data: ItemData<K>): Promise<Result<PatientView>> {
    return enqueue(async () => {
      const parsed = itemSchema(kind).safeParse(data)
      if (!parsed.success) {
        const p = problemFromZod(kind, parsed.error.issues)
        return { ok: false as const, error: { code: 'INVALID_INPUT' as const, message: p.message, details: [] } }
      }
      const { r, newId } = await addAndFindId(kind, data)
      if (!r.ok) return r
      view.value = r.value
      if (newId !== null) {
        record({ label: kind, undo: () => callRemove(kind, resolveId(kind, newId)), redo: readd(kind, newId, data) })
      }
      return r
    })
  }

  /** The user edited an item row; saved like a field (one call per change). */
  function setItem<K extends ItemKind>(kind: K, itemId: number, data: ItemData<K>, mode: 'now' | 'typing' = 'now'): void {
    setKey(itemKey(kind, itemId), data, mode)
  }

  async function saveItem(key: string): Promise<void> {
    queued.delete(key)
    const [kind, idText] = key.split(':') as [ItemKind, string]
    const itemId = Number(idText)
    if (!drafts.has(key) || id.value === null) {
      pending.delete(key)
      return
    }
    const next = plain(drafts.get(key)) as ComplicationData | FollowUpData
    const before = storedItem(kind, itemId)
    if (before === null) {
      // removed meanwhile: nothing to update
      drafts.delete(key)
      pending.delete(key)
      return
    }
    if (sameValue(next, before)) {
      problems.delete(key)
      settle(key, next)
      return
    }
    const parsed = itemSchema(kind).safeParse(next)
    if (!parsed.success) {
      refuse(key, next, problemFromZod(key, parsed.error.issues))
      return
    }
    if (!(await mayEdit(key))) return
    const r = await callUpdate(kind, itemId, next)
    if (!r.ok) {
      refuse(key, next, problemFromError(key, r.error))
      return
    }
    view.value = r.value
    settle(key, next)
    record({ label: kind, undo: () => callUpdate(kind, resolveId(kind, itemId), before), redo: () => callUpdate(kind, resolveId(kind, itemId), next) })
  }

  function removeItem(kind: ItemKind, itemId: number): Promise<Result<PatientView>> {
    const key = itemKey(kind, itemId)
    clearTimer(key)
    return enqueue(async () => {
      const data = storedItem(kind, itemId)
      const r = await callRemove(kind, itemId)
      if (!r.ok) return r
      view.value = r.value
      drafts.delete(key)
      problems.delete(key)
      pending.delete(key)
      if (data) record({ label: kind, undo: readd(kind, itemId, data), redo: () => callRemove(kind, resolveId(kind, itemId)) })
      return r
    })
  }

  // ---- undo / redo ----

  /** Waits for every pending save (debounced ones are sent now). */
  async function flush(): Promise<void> {
    for (const key of [...timers.keys()]) {
      clearTimer(key)
      queueSave(key)
    }
    await chain
  }

  /**
   * The page is going away (window closed, reload): typing still waiting for its debounce is sent
   * at once, outside the queue, because queued calls would never get their turn. Calls already
   * sent were sent earlier and arrive first (the channel keeps order).
   */
  function sendPendingNow(): void {
    if (id.value === null) return
    for (const key of [...timers.keys()]) {
      clearTimer(key)
      if (key.includes(':') || !drafts.has(key)) continue
      const value = plain(drafts.get(key))
      const schema = FIELD_SCHEMAS[key]
      if (schema && !schema.safeParse(value).success) continue
      void call('patients.update', { id: id.value, path: key as FieldPath, value })
    }
  }

  async function step(from: Change[], to: Change[], direction: 'undo' | 'redo'): Promise<string | null> {
    await flush()
    return enqueue(async () => {
      const c = from.pop()
      if (!c) return null
      const r = await c[direction]()
      if (!r.ok) {
        from.push(c)
        problems.set(c.label, { ...problemFromError(c.label, r.error) })
        return null
      }
      view.value = r.value
      drafts.delete(c.label)
      problems.delete(c.label)
      to.push(c)
      return c.label
    })
  }

  /**
   * Undo: a refused value still on screen is dropped first (the field shows the stored value
   * again); otherwise the last stored change is reverted. Returns what was undone, or null.
   */
  async function undo(): Promise<string | null> {
    const refused = [...problems.keys()].filter((k) => drafts.has(k) && !pending.has(k))
    const last = refused[refused.length - 1]
    if (last !== undefined) {
      drafts.delete(last)
      problems.delete(last)
      return last
    }
    return step(undoStack, redoStack, 'undo')
  }

  function redo(): Promise<string | null> {
    return step(redoStack, undoStack, 'redo')
  }

  // ---- loading ----

  async function load(newId: number): Promise<void> {
    await flush()
    for (const key of [...timers.keys()]) clearTimer(key)
    drafts.clear()
    problems.clear()
    pending.clear()
    undoStack.splice(0)
    redoStack.splice(0)
    aliases.clear()
    id.value = newId
    view.value = null
    loadError.value = null
    loading.value = true
    const r = await call('patients.get', { id: newId })
    loading.value = false
    if (id.value !== newId) return
    if (r.ok) view.value = r.value
    else loadError.value = r.error
  }

  return {
    id,
    view,
    loading,
    loadError,
    drafts,
    problems,
    pending,
    saving,
    latestProblem,
    canUndo: computed(() => undoStack.length > 0 || problems.size > 0),
    canRedo: computed(() => redoStack.length > 0),
    load,
    value,
    stored,
    problem,
    set,
    refuseLocal,
    refusedKeys,
    discardRefused,
    commit,
    flush,
    sendPendingNow,
    undo,
    redo,
    itemValue,
    addItem,
    setItem,
    removeItem,
    resolveId,
  }
}

export type PatientRecordEditor = ReturnType<typeof usePatientRecord>
