// Commands that cross screens (the native menu's Find, the shortcuts): a tiny shared signal.
import { ref } from 'vue'

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
export function claimCommand(command: 'undo' | 'redo' | 'find', source: 'key' | 'menu'): boolean {
  const now = Date.now()
  if (last && last.command === command && last.source !== source && now - last.at < 300) {
    last = null
    return false
  }
  last = { command, at: now, source }
  return true
}
