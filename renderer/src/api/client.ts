// The only module that touches window.spinemet. Views use it through composables.
import type { MethodInput, MethodName, MethodOutput } from '@contract/api'
import type { EventMap, EventName } from '@contract/events'
import type { AppError, Result } from '@contract/result'

function bridge() {
  if (typeof window === 'undefined' || !window.spinemet) {
    throw new Error('SpineMet bridge missing: the page was not opened by SpineMet.')
  }
  return window.spinemet
}

/** Calls a main-process method; never throws for application errors (they come back as values). */
export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
  try {
    // Electron's IPC uses structured clone, which refuses Vue's reactive proxies: send plain data.
    // Inputs are JSON by contract (dates cross as ISO strings), so a JSON copy loses nothing.
    const plain = input === undefined ? input : (JSON.parse(JSON.stringify(input)) as MethodInput<M>)
    return await bridge().call(method, plain)
  } catch (err) {
    return { ok: false, error: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) } }
  }
}

/** Like `call` but returns the value or throws an ApiError (for code that shows the error itself). */
export async function callOrThrow<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await call(method, input)
  if (!r.ok) throw new ApiError(r.error)
  return r.value
}

export class ApiError extends Error {
  constructor(readonly error: AppError) {
    super(error.message)
    this.name = 'ApiError'
  }
}

export function onEvent<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
  return bridge().on(event, listener as (p: unknown) => void)
}
