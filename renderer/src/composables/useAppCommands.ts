// Commands that cross screens (the native menu's Find and New patient, the shortcuts): tiny
// shared state, so that the menu and the list's button and shortcut do the same thing.
import { ref } from 'vue'
import type { Router } from 'vue-router'
import { call } from '../api/client'
import { errorText } from '../format/errors'
import { useRegistry } from './useRegistry'

const searchFocusRequests = ref(0)
let searchFocusPending = false

/** Asks the patient list to focus its search box (it may not be mounted yet). */
export function requestSearchFocus(): void {
  searchFocusPending = true
  searchFocusRequests.value++
}

export function useSearchFocusRequests() {
  return searchFocusRequests
}

/** True once if a request is waiting (the list checks when it mounts and on each request). */
export function consumeSearchFocus(): boolean {
  const pending = searchFocusPending
  searchFocusPending = false
  return pending
}

let last: { command: string; at: number; source: 'key' | 'menu' } | null = null

/**
 * Electron may deliver an accelerator both as a keydown in the page and as a menu command; the
 * screen acts on whichever comes first and ignores the echo from the other source within 300 ms.
 */
export function claimCommand(command: 'undo' | 'redo' | 'find' | 'newPatient', source: 'key' | 'menu'): boolean {
  const now = Date.now()
  if (last && last.command === command && last.source !== source && now - last.at < 300) {
    last = null
    return false
  }
  last = { command, at: now, source }
  return true
}

const creatingPatient = ref(false)
const createPatientError = ref<string | null>(null)

/**
 * New patient (the list's button, Ctrl+Shift+N, the native menu): creates an empty record and
 * opens it. A refusal is shown on the patient list, so from another screen it goes there.
 */
export function useNewPatient(router: Router) {
  const registry = useRegistry()
  async function newPatient(): Promise<void> {
    if (creatingPatient.value || !registry.isOpen.value) return
    creatingPatient.value = true
    createPatientError.value = null
    const r = await call('patients.create', {})
    creatingPatient.value = false
    if (!r.ok) {
      createPatientError.value = errorText(r.error).title
      if (router.currentRoute.value.name !== 'patients') await router.push({ name: 'patients' })
      return
    }
    void registry.reloadInfo()
    await router.push({ name: 'patient', params: { id: r.value.record.id } })
  }
  return { creating: creatingPatient, createError: createPatientError, newPatient }
}
