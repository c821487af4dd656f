// What a user can still do with a registry refused as damaged: open it read-only, or export every
// patient that can still be read. Shared by the error banner (right after the refusal) and the
// read-only banner (while the damaged file is open), so the result shows wherever it was asked.
import { reactive, readonly } from 'vue'
import type { SalvageExportResult } from '@contract/integrity'
import type { AppError } from '@contract/result'
import { call } from '../api/client'

interface SalvageState {
  busy: boolean
  result: SalvageExportResult | null
  error: AppError | null
}

const state = reactive<SalvageState>({ busy: false, result: null, error: null })

export function useDamagedRegistry() {
  return {
    state: readonly(state),
    /** Asks where to save, then writes the readable patients as the usual CSV export (de-identified). */
    async exportReadable(): Promise<void> {
      state.busy = true
      state.error = null
      try {
        const r = await call('export.salvage', { identified: false })
        if (r.ok) state.result = r.value
        else if (r.error.code !== 'CANCELLED') state.error = r.error
      } finally {
        state.busy = false
      }
    },
    clear(): void {
      state.result = null
      state.error = null
    },
  }
}
