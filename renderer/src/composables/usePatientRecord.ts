// One patient record on screen: the stored view, what the user has typed but is not stored yet,
// the values the service refused, and a per-record undo/redo stack.
//
// Every field saves on its own (`patients.update`, one call per field): typing is debounced
// (TYPING_DEBOUNCE_MS) and committed at once on blur/Enter; selections and dates save at once.
// Calls run one after another in the order the user made them, so the stored record and the
// audit trail follow the screen. A refused value stays on screen (in `drafts`) with its problem
// until the user changes it. Undo is the same call with the previous value, so the audit trail
// shows it too.
//
// The steps live beside this file in record/: the call queue (useSaveQueue), values on screen and
// their refusals (useDrafts), field saves (useFieldSaves), complication and follow-up rows
// (useRecordItems) and the undo history (useUndoHistory); this composable loads the record and
// joins them, with the verified-section guard and the missing-data codes.
import { computed, ref, shallowRef } from 'vue'
import type { FieldPath, PatientView } from '@contract/patients'
import type { AppError, Result } from '@contract/result'
import { call } from '../api/client'
import type { PlausibilityWarning } from '@domain/plausibility'
import { formSectionOf, type FormSection, type FormStatusEntry, type MissingCode } from '@domain/missing-codes'
import { problemFromError, type FieldProblem } from '../format/issues'
import { useDrafts } from './record/useDrafts'
import { useFieldSaves } from './record/useFieldSaves'
import { useRecordItems } from './record/useRecordItems'
import { useSaveQueue } from './record/useSaveQueue'
import { useUndoHistory, type Change } from './record/useUndoHistory'

export { plain, sameValue, valueAt, type ComplicationData, type FollowUpData, type ItemData, type ItemKind } from './record/values'

export const TYPING_DEBOUNCE_MS = 400

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
  const id = ref<number | null>(null)
  const view = shallowRef<PatientView | null>(null)
  const loading = ref(false)
  const loadError = ref<AppError | null>(null)

  function requireId(): number {
    if (id.value === null) throw new Error('No record is open.')
    return id.value
  }

  const queue = useSaveQueue()
  const history = useUndoHistory()
  const d = useDrafts({
    debounceMs: options.debounceMs ?? TYPING_DEBOUNCE_MS,
    queue,
    save: (key) => (key.includes(':') ? items.saveItem(key) : fields.saveField(key as FieldPath)),
  })
  const items = useRecordItems({ view, requireId, isOpen: () => id.value !== null, queue, drafts: d, history, mayEdit })
  const fields = useFieldSaves({ view, requireId, openId: () => id.value, drafts: d, history, mayEdit, confirmImplausible: options.confirmImplausible })

  const saving = computed(() => d.pending.size > 0 || queue.inflight.value > 0)
  const latestProblem = computed<FieldProblem | null>(() => {
    let last: FieldProblem | null = null
    for (const p of d.problems.values()) last = p
    return last
  })

  // ---- fields ----

  /** What the field shows: the user's value when not stored yet, else the stored one. */
  function value(path: string): unknown {
    return d.drafts.has(path) ? d.drafts.get(path) : fields.stored(path)
  }

  function problem(key: string): FieldProblem | null {
    return d.problems.get(key) ?? null
  }

  /**
   * The user changed a field. 'typing' waits for a pause (or `commit`); 'now' saves at once
   * (selections, dates, steppers).
   */
  function set(path: FieldPath, next: unknown, mode: 'now' | 'typing' = 'now'): void {
    d.setKey(path, next, mode)
  }

  // ---- verified sections ----

  /** Asks before a change at `key` in a verified section; true = go ahead (or nothing to ask). */
  async function verifiedEditConfirmed(key: string): Promise<boolean> {
    const section = formSectionOf(key.replace(':', '.'))
    const entry = section ? view.value?.record.formStatus?.[section] : undefined
    if (!section || entry?.status !== 'verified' || !options.confirmVerifiedEdit) return true
    return options.confirmVerifiedEdit(key, section, entry)
  }

  /**
   * Whether a change at `key` (field path or item kind/key) may go ahead: true unless its section
   * is verified and the user chose to stay. Staying puts the stored value back on screen.
   */
  async function mayEdit(key: string): Promise<boolean> {
    if (await verifiedEditConfirmed(key)) return true
    d.abandon(key)
    return false
  }

  // ---- undo / redo ----

  /** Waits for every pending save (debounced ones are sent now). */
  async function flush(): Promise<void> {
    d.commitAll()
    await queue.idle()
  }

  async function step(from: Change[], to: Change[], direction: 'undo' | 'redo'): Promise<string | null> {
    await flush()
    return queue.enqueue(async () => {
      const c = from.pop()
      if (!c) return null
      const r = await c[direction]()
      if (!r.ok) {
        from.push(c)
        d.problems.set(c.label, { ...problemFromError(c.label, r.error) })
        return null
      }
      view.value = r.value
      d.drop(c.label)
      to.push(c)
      return c.label
    })
  }

  /**
   * Undo: a refused value still on screen is dropped first (the field shows the stored value
   * again); otherwise the last stored change is reverted. Returns what was undone, or null.
   */
  async function undo(): Promise<string | null> {
    const last = d.refusedKeys().at(-1)
    if (last !== undefined) {
      d.drop(last)
      return last
    }
    return step(history.undoStack, history.redoStack, 'undo')
  }

  function redo(): Promise<string | null> {
    return step(history.redoStack, history.undoStack, 'redo')
  }

  // ---- calls beside the field values ----

  /**
   * Runs a record call that is not a field value (a missing-data code, a form status) in turn with
   * the saves, so the save indicator covers it; its view becomes the record's view.
   */
  function applyCall(task: () => Promise<Result<PatientView>>): Promise<Result<PatientView>> {
    return queue.enqueue(async () => {
      const r = await task()
      if (r.ok) view.value = r.value
      return r
    })
  }

  /**
   * Sets or clears the missing-data code of a field (after the saves already queued). A field of a
   * verified section asks first, like an edit; null = the user chose to stay.
   */
  async function setMissingCode(path: string, code: MissingCode | null): Promise<Result<PatientView> | null> {
    const pid = requireId()
    await flush()
    if (!(await verifiedEditConfirmed(path))) return null
    return applyCall(() => call('patients.setMissingCode', { id: pid, path, code }))
  }

  // ---- loading ----

  async function load(newId: number): Promise<void> {
    await flush()
    d.reset()
    history.clear()
    items.clearAliases()
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
    drafts: d.drafts,
    problems: d.problems,
    pending: d.pending,
    saving,
    latestProblem,
    canUndo: computed(() => history.undoStack.length > 0 || d.problems.size > 0),
    canRedo: computed(() => history.redoStack.length > 0),
    load,
    value,
    stored: fields.stored,
    problem,
    set,
    refuseLocal: d.refuseLocal,
    refusedKeys: d.refusedKeys,
    discardRefused: d.discardRefused,
    commit: d.commit,
    flush,
    sendPendingNow: fields.sendPendingNow,
    undo,
    redo,
    itemValue: items.itemValue,
    addItem: items.addItem,
    setItem: items.setItem,
    removeItem: items.removeItem,
    resolveId: items.resolveId,
    applyCall,
    setMissingCode,
  }
}

export type PatientRecordEditor = ReturnType<typeof usePatientRecord>
