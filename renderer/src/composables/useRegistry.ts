// The open registry, the recent-file list and the File commands, shared by every view.
import { computed, reactive, readonly } from 'vue'
import type { RecentRegistry, RegistryInfo } from '@contract/registry'
import type { AppError } from '@contract/result'
import { call, onEvent } from '../api/client'

interface RegistryState {
  info: RegistryInfo | null
  recent: RecentRegistry[]
  busy: 'opening' | 'demo' | null
  lastError: AppError | null
  loaded: boolean
  /** Derived structures rebuilt when the registry was last opened; shown once, then dismissed. */
  repairedOnOpen: string[]
}

const state = reactive<RegistryState>({ info: null, recent: [], busy: null, lastError: null, loaded: false, repairedOnOpen: [] })
let subscribed = false

async function refresh(): Promise<void> {
  const [cur, rec] = await Promise.all([call('registry.current', {}), call('registry.recent', {})])
  if (cur.ok) state.info = cur.value
  if (rec.ok) state.recent = rec.value
  state.loaded = true
}

async function run(kind: 'opening' | 'demo', action: () => ReturnType<typeof call<'registry.open'>>): Promise<boolean> {
  state.busy = kind
  state.lastError = null
  try {
    const r = await action()
    if (!r.ok) {
      if (r.error.code !== 'CANCELLED') state.lastError = r.error
      return false
    }
    state.info = r.value
    state.repairedOnOpen = [...r.value.repairedOnOpen]
    return true
  } finally {
    state.busy = null
    const rec = await call('registry.recent', {})
    if (rec.ok) state.recent = rec.value
  }
}

export function useRegistry() {
  if (!subscribed) {
    subscribed = true
    onEvent('registry.changed', () => {
      void refresh()
    })
  }
  return {
    state: readonly(state),
    isOpen: computed(() => state.info !== null),
    /** The open registry cannot be changed (read-only media, or opened read-only because it is damaged). */
    isReadOnly: computed(() => state.info?.readOnly === true),
    refresh,
    createNew: () => run('opening', () => call('registry.create', {})),
    openDialog: () => run('opening', () => call('registry.open', {})),
    openRecent: (path: string) => run('opening', () => call('registry.open', { recentPath: path })),
    openDemo: () => run('demo', () => call('registry.openDemo', {})),
    saveAs: () => run('opening', () => call('registry.saveAs', {})),
    /** After a refusal for damage: opens that file read-only (nothing is ever written to it). */
    openDamagedReadOnly: () => run('opening', () => call('registry.openDamagedReadOnly', {})),
    async close(): Promise<void> {
      await call('registry.close', {})
      state.info = null
    },
    async forget(path: string): Promise<void> {
      const r = await call('registry.forgetRecent', { path })
      if (r.ok) state.recent = r.value
    },
    clearError(): void {
      state.lastError = null
    },
    dismissRepairNotice(): void {
      state.repairedOnOpen = []
    },
    async reloadInfo(): Promise<void> {
      const r = await call('registry.current', {})
      if (r.ok) state.info = r.value
    },
  }
}
