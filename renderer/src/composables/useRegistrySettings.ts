// The open registry's team settings (Bilsky 1c, radiosensitivity per histology, paper size),
// loaded once and again whenever another registry is opened.
import { readonly, ref } from 'vue'
import { DEFAULT_REGISTRY_SETTINGS, type RegistrySettings } from '@domain/registry-settings'
import { call, onEvent } from '../api/client'

const settings = ref<RegistrySettings>(DEFAULT_REGISTRY_SETTINGS)
let started = false

async function load(): Promise<void> {
  const r = await call('settings.get', {})
  settings.value = r.ok ? r.value : DEFAULT_REGISTRY_SETTINGS
}

export function useRegistrySettings() {
  if (!started) {
    started = true
    void load()
    try {
      onEvent('registry.changed', () => void load())
    } catch {
      // no bridge (component tests): the defaults stay
    }
  }
  return { settings: readonly(settings), reload: load }
}
