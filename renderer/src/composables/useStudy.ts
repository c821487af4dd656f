// The Study view's state: the settings being edited, the running analysis (progress, cancel), the
// result on screen and the saved analyses. One module-level state, shared by the view and its tabs;
// every number comes from the one result object the main process computed.
import { computed, reactive } from 'vue'
import type { StudyAnalysisSummary, StudyExportTable, StudyResult, StudySettings, StudySettingsView, StudyTableCsv } from '@contract/study'
import type { AppError } from '@contract/result'
import { call, onEvent } from '../api/client'

interface StudyState {
  view: StudySettingsView | null
  /** The settings being edited (applied at the next run). */
  draft: StudySettings | null
  result: StudyResult | null
  analyses: StudyAnalysisSummary[]
  running: boolean
  cancelling: boolean
  progress: { done: number; total: number; label: string } | null
  error: AppError | null
  /** The table being written as CSV. */
  exporting: StudyExportTable | null
  lastExport: StudyTableCsv | null
}

const state = reactive<StudyState>({
  view: null,
  draft: null,
  result: null,
  analyses: [],
  running: false,
  cancelling: false,
  progress: null,
  error: null,
  exporting: null,
  lastExport: null,
})
let subscribed = false

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T

async function load(): Promise<void> {
  const [s, a] = await Promise.all([call('study.settings', {}), call('study.analyses', {})])
  if (s.ok) {
    state.view = s.value
    if (!state.draft) state.draft = clone(s.value.settings)
  } else state.error = s.error
  if (a.ok) state.analyses = a.value
}

async function refreshAnalyses(): Promise<void> {
  const a = await call('study.analyses', {})
  if (a.ok) state.analyses = a.value
}

/** Runs the analysis with the draft settings (saved with the registry first, so they persist). */
async function run(options: { save?: boolean; label?: string } = {}): Promise<boolean> {
  if (!state.draft || state.running) return false
  state.running = true
  state.cancelling = false
  state.error = null
  state.progress = { done: 0, total: 1, label: '' }
  try {
    const saved = await call('study.saveSettings', { settings: clone(state.draft) })
    if (!saved.ok) {
      state.error = saved.error
      return false
    }
    state.view = saved.value
    const r = await call('study.run', { save: options.save ?? false, ...(options.label ? { label: options.label } : {}) })
    if (!r.ok) {
      if (r.error.code !== 'CANCELLED') state.error = r.error
      return false
    }
    state.result = r.value
    if (options.save) await refreshAnalyses()
    return true
  } finally {
    state.running = false
    state.cancelling = false
    state.progress = null
  }
}

async function cancel(): Promise<void> {
  if (!state.running) return
  state.cancelling = true
  await call('study.cancel', {})
}

async function openAnalysis(id: number): Promise<void> {
  state.error = null
  const r = await call('study.analysis', { id })
  if (!r.ok) {
    state.error = r.error
    return
  }
  state.result = r.value
  state.draft = clone(r.value.provenance.settings)
}

async function deleteAnalysis(id: number): Promise<void> {
  const r = await call('study.deleteAnalysis', { id })
  if (!r.ok) state.error = r.error
  await refreshAnalyses()
}

/** Writes one table as CSV where the user chooses (the contract's CSV, raw numbers). */
async function exportTable(table: StudyExportTable): Promise<void> {
  state.exporting = table
  try {
    const analysisId = state.result?.provenance.analysisId
    const r = await call('study.exportTable', { table, save: true, ...(analysisId ? { analysisId } : {}) })
    if (!r.ok) {
      if (r.error.code !== 'CANCELLED') state.error = r.error
      return
    }
    state.lastExport = r.value
  } finally {
    state.exporting = null
  }
}

function resetDraft(to: 'saved' | 'defaults'): void {
  if (!state.view) return
  state.draft = clone(to === 'defaults' ? state.view.defaults : state.view.settings)
}

export function useStudy() {
  if (!subscribed) {
    subscribed = true
    onEvent('job.progress', (p) => {
      if (state.running) state.progress = { done: p.done, total: p.total, label: p.label }
    })
    // Another registry: its settings, not this one's result.
    onEvent('registry.changed', () => {
      state.view = null
      state.draft = null
      state.result = null
      state.analyses = []
      state.error = null
      void load()
    })
  }
  return {
    /** The state (change it only through the functions below; `draft` is the settings form's model). */
    state: state as Readonly<StudyState>,
    /** The editable settings (v-model target; null until loaded). */
    draft: computed(() => state.draft),
    settingsChanged: computed(() => state.result !== null && state.draft !== null && JSON.stringify(state.draft) !== JSON.stringify(state.result.provenance.settings)),
    load,
    run,
    cancel,
    openAnalysis,
    deleteAnalysis,
    exportTable,
    resetDraft,
    clearError(): void {
      state.error = null
    },
  }
}
