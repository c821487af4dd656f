// Per-record undo and redo: each stored change knows how to go back and forth (the same call with
// the previous value, so the audit trail shows it too).
import { shallowReactive } from 'vue'
import type { PatientView } from '@contract/patients'
import type { Result } from '@contract/result'

/** A change the user can undo: how to go back and forth, and what to call it on screen. */
export interface Change {
  /** Field path, or `complication` / `followUp`. */
  label: string
  undo(): Promise<Result<PatientView>>
  redo(): Promise<Result<PatientView>>
}

export function useUndoHistory() {
  const undoStack = shallowReactive<Change[]>([])
  const redoStack = shallowReactive<Change[]>([])

  /** A new change: it can be undone, and what was undone before can no longer be redone. */
  function record(change: Change): void {
    undoStack.push(change)
    redoStack.splice(0)
  }

  function clear(): void {
    undoStack.splice(0)
    redoStack.splice(0)
  }

  return { undoStack, redoStack, record, clear }
}

export type UndoHistory = ReturnType<typeof useUndoHistory>
