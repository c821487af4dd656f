import { API, isMethodName, type MethodName, type MethodOutput, type MethodParsedInput } from '@contract/api'
import { AppFailure, fail, ok, type Result } from '@contract/result'
import type { z } from 'zod'
import { toAppFailure } from './db/errors'

function isSqliteError(err: unknown): boolean {
  try {
    const code = (err as { code?: unknown } | null)?.code
    return typeof code === 'string' && code.startsWith('SQLITE_')
  } catch {
    return false
  }
}

export type Handlers = {
  [M in MethodName]: (input: MethodParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>
}

export type Dispatch = (method: unknown, input: unknown) => Promise<Result<unknown>>

export interface DispatchOptions {
  /** Called with unexpected (non-AppFailure) errors; the caller logs them. Never shown to the user. */
  onUnexpectedError?: (method: string, err: unknown) => void
}

/** Turns zod issues into one sentence naming the fields, plus the structured list. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): { message: string; field?: string; details: unknown } {
  const first = issues[0]
  const field = first && first.path.length ? first.path.map(String).join('.') : undefined
  const parts = issues.slice(0, 5).map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''
  const result: { message: string; field?: string; details: unknown } = {
    message: `The request was refused because some values are not valid — ${parts.join('; ')}${more}.`,
    details: issues.map((i) => ({ path: i.path.map(String), code: i.code, message: i.message })),
  }
  if (field !== undefined) result.field = field
  return result
}

/**
 * dispatch(method, input): validate the payload against the contract, call the service,
 * return a Result. The only entry point of the Electron IPC adapter, the e2e bridge and the CLI.
 */
export function createDispatch(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return async function dispatch(method: unknown, input: unknown): Promise<Result<unknown>> {
    // Never rejects: whatever arrives (a method name whose conversion to text throws, an input
    // whose getters throw), the caller gets a typed Result.
    try {
      return await dispatchChecked(method, input)
    } catch (err) {
      try {
        options.onUnexpectedError?.(safeName(method), err)
      } catch {
        // a reporter that throws must not turn the answer into a rejection
      }
      return fail('INTERNAL', 'Something went wrong inside SpineMet; nothing was saved by this action. If it happens again, send the log file to support.')
    }
  }

  async function dispatchChecked(method: unknown, input: unknown): Promise<Result<unknown>> {
    if (!isMethodName(method)) {
      return fail('UNKNOWN_METHOD', `SpineMet has no operation called ${JSON.stringify(safeName(method)).slice(0, 80)}.`)
    }
    const parsed = API[method].input.safeParse(input === undefined ? {} : input)
    if (!parsed.success) {
      const d = describeIssues(parsed.error.issues)
      return fail('INVALID_INPUT', d.message, d.field !== undefined ? { field: d.field, details: d.details } : { details: d.details })
    }
    try {
      const handler = handlers[method] as (i: unknown) => unknown
      return ok(await handler(parsed.data))
    } catch (err) {
      if (err instanceof AppFailure) return { ok: false, error: err.toAppError() }
      // SQLite's own errors (busy, read-only, full, damaged) get their user-facing code and words.
      if (isSqliteError(err)) {
        const mapped = toAppFailure(err)
        // (A full disk keeps the INTERNAL code but says what happened and what to do.)
        if (mapped.code !== 'INTERNAL' || (err as { code?: unknown }).code === 'SQLITE_FULL') return { ok: false, error: mapped.toAppError() }
      }
      options.onUnexpectedError?.(method, err)
      return fail('INTERNAL', 'Something went wrong inside SpineMet; nothing was saved by this action. If it happens again, send the log file to support.')
    }
  }
}

/** A method name as text for messages, even when converting it throws (e.g. a hostile toString). */
function safeName(method: unknown): string {
  try {
    return typeof method === 'string' ? method : String(method)
  } catch {
    return `(${typeof method})`
  }
}
