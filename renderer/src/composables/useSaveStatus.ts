// The save state shown in the header and in the window title: "Saving…", "All changes saved" or
// "Not saved: <reason>". The open record publishes its state here; nothing else writes to it.
import { reactive, readonly } from 'vue'
import type { FieldProblem } from '../format/issues'

export interface SaveStatusState {
  /** True while a record screen is open (the indicator is hidden elsewhere). */
  active: boolean
  /** A change is waiting for its debounce or for the service. */
  saving: boolean
  /** The latest value the service (or the client-side check) refused, with its field. */
  problem: FieldProblem | null
  /** Title of the record shown in the window title (study id). */
  subject: string | null
}

const state = reactive<SaveStatusState>({ active: false, saving: false, problem: null, subject: null })

export function useSaveStatus() {
  return {
    state: readonly(state) as Readonly<SaveStatusState>,
    publish(next: Partial<SaveStatusState>): void {
      Object.assign(state, next)
    },
    reset(): void {
      Object.assign(state, { active: false, saving: false, problem: null, subject: null })
    },
  }
}
