// worker_threads entry that runs engine jobs off the main process's event loop (which is also the
// window's: a Cox model on a million patients run there would freeze the UI for seconds). Built by
// electron-vite beside the main bundle as app/dist/main/engine-worker.js; started and cancelled by
// main/services/engine-jobs.ts. One job at a time per worker: the runner sends the next only after
// `done` or `failed`. Typed arrays of results are transferred back, not copied.
import { parentPort } from 'node:worker_threads'
import { isEngineInputError } from '../engine/errors'
import { isEngineJobName, runEngineJob } from './jobs'
import { transferablesOf, type JobFailure, type RunJobMessage, type WorkerMessage } from './protocol'

const port = parentPort
if (!port) throw new Error('engine-worker.ts runs as a worker thread (new Worker(...)), not on its own.')

/** Progress reports closer together than this are dropped (the last one of a stage still goes). */
const PROGRESS_INTERVAL_MS = 50

function failureOf(err: unknown): JobFailure {
  if (isEngineInputError(err)) {
    return { kind: 'input', code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) }
  }
  const e = err instanceof Error ? err : new Error(String(err))
  return { kind: 'internal', message: e.message, ...(e.stack ? { stack: e.stack } : {}) }
}

port.on('message', (msg: RunJobMessage) => {
  if (msg.type !== 'run') return
  const { jobId, name } = msg
  const send = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer)
  let last = 0
  let lastStage = ''
  const progress = (done: number, total: number, stage: string): void => {
    const now = performance.now()
    if (stage === lastStage && now - last < PROGRESS_INTERVAL_MS) return
    last = now
    lastStage = stage
    send({ type: 'progress', jobId, done, total, stage })
  }
  try {
    if (!isEngineJobName(name)) throw new Error(`Unknown engine job "${String(name)}".`)
    const result = runEngineJob(name, msg.input as never, progress)
    send({ type: 'done', jobId, result }, transferablesOf(result))
  } catch (err) {
    send({ type: 'failed', jobId, failure: failureOf(err) })
  }
})
