// What the user has typed but is not stored yet (waiting for the typing pause, queued, in flight, or
// refused) and the problems of refused values, by field path or item key. A refused value stays on
// screen with its problem until the user changes it.
import { reactive } from 'vue'
import type { FieldProblem } from '../../format/issues'
import type { SaveQueue } from './useSaveQueue'
import { sameValue } from './values'

export interface DraftsOptions {
  debounceMs: number
  queue: SaveQueue
  /** Sends the newest value at `key` (run from the queue, in turn). */
  save(key: string): Promise<void>
}

export function useDrafts({ debounceMs, queue, save }: DraftsOptions) {
  /** Values on screen that are not stored (waiting, in flight, or refused), by field path or item key. */
  const drafts = reactive(new Map<string, unknown>())
  /** Refused values' problems, by field path or item key (insertion order = newest last). */
  const problems = reactive(new Map<string, FieldProblem>())
  /** Keys with a save waiting (debounce) or queued. */
  const pending = reactive(new Set<string>())
  const timers = new Map<string, ReturnType<typeof setTimeout>>()
  const queued = new Set<string>()

  function clearTimer(key: string): void {
    const t = timers.get(key)
    if (t !== undefined) clearTimeout(t)
    timers.delete(key)
  }

  /** Whether a save of `key` is waiting for the typing pause or for its turn in the queue. */
  const waiting = (key: string): boolean => timers.has(key) || queued.has(key)

  function queueSave(key: string): void {
    if (queued.has(key)) return // the queued save reads the newest value when it runs
    queued.add(key)
    void queue.enqueue(() => save(key))
  }

  /** The queued save of `key` has its turn: it reads the newest value from here on. */
  function dequeued(key: string): void {
    queued.delete(key)
  }

  /**
   * The user changed a value. 'typing' waits for a pause (or `commit`); 'now' saves at once
   * (selections, dates, steppers).
   */
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

  /** Saves a value now if its typing is still waiting for the pause (blur, Enter). */
  function commit(key: string): void {
    if (!timers.has(key)) return
    clearTimer(key)
    queueSave(key)
  }

  /** Sends every value still waiting for its typing pause (into the queue). */
  function commitAll(): void {
    for (const key of [...timers.keys()]) {
      clearTimer(key)
      queueSave(key)
    }
  }

  /** Keys still waiting for their typing pause (cleared: the caller sends them itself). */
  function takeWaiting(): string[] {
    const keys = [...timers.keys()]
    for (const key of keys) clearTimer(key)
    return keys
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
    for (const k of refusedKeys()) drop(k)
  }

  /** Forgets the value on screen at `key` and its problem: the field shows the stored value. */
  function drop(key: string): void {
    drafts.delete(key)
    problems.delete(key)
  }

  /** The value sent for `key` is stored. */
  function settle(key: string, sentValue: unknown): void {
    if (sameValue(drafts.get(key), sentValue)) drafts.delete(key)
    if (!waiting(key)) pending.delete(key)
  }

  /** The value sent for `key` was refused with problem `p`. */
  function refuse(key: string, sentValue: unknown, p: FieldProblem): void {
    // Only if the user has not typed something newer meanwhile (that one will be sent next).
    if (sameValue(drafts.get(key), sentValue)) problems.set(key, p)
    if (!waiting(key)) pending.delete(key)
  }

  /** The change at `key` was given up (the user chose to keep the stored value). */
  function abandon(key: string): void {
    drop(key)
    if (!waiting(key)) pending.delete(key)
  }

  /** Nothing on screen differs from the stored record any more (another record opens). */
  function reset(): void {
    for (const key of [...timers.keys()]) clearTimer(key)
    drafts.clear()
    problems.clear()
    pending.clear()
  }

  return {
    drafts,
    problems,
    pending,
    clearTimer,
    waiting,
    queueSave,
    dequeued,
    setKey,
    commit,
    commitAll,
    takeWaiting,
    refuseLocal,
    refusedKeys,
    discardRefused,
    drop,
    settle,
    refuse,
    abandon,
    reset,
  }
}

export type Drafts = ReturnType<typeof useDrafts>
