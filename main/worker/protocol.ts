// The messages between the engine job runner (main thread, main/services/engine-jobs.ts) and the
// engine worker (engine-worker.ts), and which buffers travel with them. No engine code here: the
// main bundle imports this file, and only the worker bundle carries the engine.
import type { EngineJobName } from './jobs'

/** Main thread → worker: run one job. */
export interface RunJobMessage {
  type: 'run'
  jobId: string
  name: EngineJobName
  input: unknown
}

/** A failed job, as plain data: an input problem the user can fix, or anything else. */
export interface JobFailure {
  kind: 'input' | 'internal'
  /** EngineInputError's code (kind 'input'). */
  code?: string
  message: string
  details?: Readonly<Record<string, unknown>>
  /** Stack of an unexpected error, for the log (never shown to the user). */
  stack?: string
}

/** Worker → main thread. */
export type WorkerMessage =
  | { type: 'progress'; jobId: string; done: number; total: number; stage: string }
  | { type: 'done'; jobId: string; result: unknown }
  | { type: 'failed'; jobId: string; failure: JobFailure }

/**
 * The ArrayBuffers to transfer with a message instead of copying them: those of every typed array
 * in `value` (searched through plain objects and arrays) that spans its whole buffer. A view on part
 * of a larger buffer (a subarray, a pooled Node Buffer) is copied instead, so that transferring it
 * cannot empty memory its owner still uses. After the transfer the sender's arrays are empty.
 */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>()
  const seen = new Set<object>()
  const visit = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return
    seen.add(v)
    if (ArrayBuffer.isView(v)) {
      const b = v.buffer
      if (b instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === b.byteLength && b.byteLength > 0) out.add(b)
      return
    }
    if (Array.isArray(v)) {
      // Arrays of numbers or strings hold nothing to transfer; do not walk a million of them.
      if (v.length > 0 && typeof v[0] !== 'object') return
      for (const x of v) visit(x)
      return
    }
    for (const x of Object.values(v)) visit(x)
  }
  visit(value)
  return [...out]
}
