// The record's calls, one at a time in the order the user made them, so that the stored record and
// the audit trail follow the screen.
import { ref } from 'vue'

export function useSaveQueue() {
  /** Calls queued or running. */
  const inflight = ref(0)
  let chain: Promise<unknown> = Promise.resolve()

  /** Runs `task` after every call already queued. */
  function enqueue<T>(task: () => Promise<T>): Promise<T> {
    inflight.value++
    const p = chain.then(task).finally(() => {
      inflight.value--
    })
    chain = p.catch(() => undefined)
    return p
  }

  /** Settles when every call queued so far has run. */
  function idle(): Promise<unknown> {
    return chain
  }

  return { inflight, enqueue, idle }
}

export type SaveQueue = ReturnType<typeof useSaveQueue>
