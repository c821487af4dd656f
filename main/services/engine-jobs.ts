// Runs statistics engine jobs in worker threads, so that the main process — which is also the
// window's event loop — never freezes during a long computation (STYLE §4; issue 3). Each job has
// an id, reports progress to the window as `job.progress` events, and can be cancelled; a job that
// fails (bad input, an engine bug, a crashed or out-of-memory worker) rejects that job only.
//
// A small pool of warm workers: starting a worker and compiling the engine costs tens of
// milliseconds and the first runs of each method are slower until V8 has optimized it, which would
// dominate the many quick jobs (a Kaplan–Meier curve, a t test); a warm worker answers those in
// about the time of the computation itself. Cancelling terminates the worker (the only way to stop
// synchronous engine code) and a fresh one takes its place when needed. Idle workers do not keep
// the process alive and are ended after a while to give their memory back.
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { AppFailure } from '@contract/result'
import type { EngineJobInput, EngineJobName, EngineJobOutput } from '../worker/jobs'
import { transferablesOf, type JobFailure, type RunJobMessage, type WorkerMessage } from '../worker/protocol'
import type { Host } from './host'

/**
 * Where the worker's code is: the built bundle (`file`, the app's app/dist/main/engine-worker.js),
 * or the TypeScript entry run through tsx (`typescript`, for tests and development from sources).
 */
export type EngineWorkerSource = { file: string } | { typescript: string }

export interface EngineJobRunnerOptions {
  /** Default {@link defaultEngineWorker}(). */
  worker?: EngineWorkerSource
  /** Workers kept for later jobs; more jobs wait in order. Default: cores − 1, at least 1, at most 4. */
  poolSize?: number
  /** An idle worker is ended after this long (ms). Default 60 000. */
  idleMs?: number
  /** V8 heap limit of each worker (MB): a job that exceeds it fails alone instead of taking the app down. Default 4096. */
  maxHeapMb?: number
}

/** A started job: its id (for cancel and progress events) and its result. */
export interface EngineJobHandle<T> {
  jobId: string
  promise: Promise<T>
}

/**
 * The worker beside the bundle that is running (`engine-worker.js` next to app/dist/main/index.js),
 * or, when running from sources (vitest, `npm run cli`), main/worker/engine-worker.ts through tsx.
 */
export function defaultEngineWorker(dir: string = __dirname): EngineWorkerSource {
  const built = path.join(dir, 'engine-worker.js')
  if (fs.existsSync(built)) return { file: built }
  return { typescript: path.resolve(dir, '../worker/engine-worker.ts') }
}

interface PendingJob {
  jobId: string
  name: EngineJobName
  input: unknown
  label: string
  transfer: boolean
  resolve: (value: unknown) => void
  reject: (err: AppFailure) => void
}

interface PoolWorker {
  worker: Worker
  job: PendingJob | null
  idleTimer: NodeJS.Timeout | null
}

const JOB_LABELS: Record<EngineJobName, string> = {
  km: 'Kaplan–Meier curves',
  logrank: 'Log-rank test',
  cox: 'Cox model',
  glm: 'Logistic regression',
  nearestNeighborMatch: 'Nearest-neighbour matching',
  psMatch: 'Propensity score matching',
  balance: 'Balance table',
  twoGroupTest: 'Group comparison',
  study: 'Study analysis',
}

export class EngineJobRunner {
  private readonly source: EngineWorkerSource
  private readonly poolSize: number
  private readonly idleMs: number
  private readonly maxHeapMb: number
  private readonly workers: PoolWorker[] = []
  private readonly queue: PendingJob[] = []
  private nextId = 1

  constructor(
    private readonly host: Pick<Host, 'emit' | 'log'>,
    options: EngineJobRunnerOptions = {},
  ) {
    this.source = options.worker ?? defaultEngineWorker()
    this.poolSize = Math.max(1, options.poolSize ?? Math.min(4, Math.max(1, os.availableParallelism() - 1)))
    this.idleMs = options.idleMs ?? 60_000
    this.maxHeapMb = options.maxHeapMb ?? 4096
  }

  /**
   * Starts engine job `name` (see main/worker/jobs.ts) on `input`. Typed arrays in the input that
   * own their whole buffer are transferred to the worker, not copied, unless `transfer` is false:
   * after start() the caller's arrays are empty.
   *
   * The promise resolves with the engine's result, or rejects with an AppFailure: ENGINE_INPUT (the
   * engine refused the data; message for the user, the engine's code in `details.engineCode`),
   * CANCELLED (see cancel), INTERNAL (an engine error or a crashed worker).
   */
  start<N extends EngineJobName>(name: N, input: EngineJobInput<N>, options: { label?: string; transfer?: boolean } = {}): EngineJobHandle<EngineJobOutput<N>> {
    const jobId = `engine-${this.nextId++}`
    if (!Object.prototype.hasOwnProperty.call(JOB_LABELS, name)) {
      return { jobId, promise: Promise.reject(new AppFailure('INTERNAL', `There is no engine job called "${String(name)}".`)) }
    }
    const label = options.label ?? JOB_LABELS[name]
    const promise = new Promise<EngineJobOutput<N>>((resolve, reject) => {
      this.queue.push({ jobId, name, input, label, transfer: options.transfer ?? true, resolve: resolve as (v: unknown) => void, reject })
    })
    this.progress(jobId, 0, 1, `${label}: waiting`)
    this.pump()
    return { jobId, promise }
  }

  /**
   * Cancels a job: a waiting job leaves the queue, a running one's worker is terminated. Its promise
   * rejects with CANCELLED. Returns false when no such job is waiting or running (already finished).
   */
  cancel(jobId: string): boolean {
    const q = this.queue.findIndex((j) => j.jobId === jobId)
    if (q >= 0) {
      const [job] = this.queue.splice(q, 1)
      job!.reject(new AppFailure('CANCELLED', 'The calculation was cancelled.'))
      return true
    }
    const w = this.workers.find((x) => x.job?.jobId === jobId)
    if (!w) return false
    const job = w.job!
    w.job = null
    this.remove(w)
    void w.worker.terminate()
    job.reject(new AppFailure('CANCELLED', 'The calculation was cancelled.'))
    this.pump()
    return true
  }

  /** Jobs waiting or running. */
  get pending(): number {
    return this.queue.length + this.workers.filter((w) => w.job !== null).length
  }

  /** Ends every worker; running and waiting jobs reject with CANCELLED. */
  async close(): Promise<void> {
    for (const job of this.queue.splice(0)) job.reject(new AppFailure('CANCELLED', 'The calculation was cancelled.'))
    const all = this.workers.splice(0)
    for (const w of all) {
      if (w.idleTimer) clearTimeout(w.idleTimer)
      w.job?.reject(new AppFailure('CANCELLED', 'The calculation was cancelled.'))
      w.job = null
    }
    await Promise.all(all.map((w) => w.worker.terminate()))
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let w = this.workers.find((x) => x.job === null)
      if (!w) {
        if (this.workers.length >= this.poolSize) return
        w = this.spawn()
      }
      this.run(w, this.queue.shift()!)
    }
  }

  private spawn(): PoolWorker {
    const resourceLimits = { maxOldGenerationSizeMb: this.maxHeapMb }
    const worker =
      'file' in this.source
        ? new Worker(this.source.file, { resourceLimits })
        : // tsx's require hook, then the TypeScript entry (worker execArgv cannot load --import hooks on Node 20).
          new Worker(`require(${JSON.stringify(createRequire(this.source.typescript).resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(this.source.typescript)})`, { eval: true, resourceLimits })
    const w: PoolWorker = { worker, job: null, idleTimer: null }
    worker.on('message', (m: WorkerMessage) => this.onMessage(w, m))
    worker.on('error', (err) => this.onCrash(w, err))
    worker.on('exit', (code) => this.onCrash(w, new Error(`the engine worker stopped (exit code ${code})`)))
    this.workers.push(w)
    return w
  }

  private run(w: PoolWorker, job: PendingJob): void {
    if (w.idleTimer) clearTimeout(w.idleTimer)
    w.idleTimer = null
    w.job = job
    w.worker.ref()
    this.progress(job.jobId, 0, 1, `${job.label}: started`)
    const msg: RunJobMessage = { type: 'run', jobId: job.jobId, name: job.name, input: job.input }
    try {
      w.worker.postMessage(msg, job.transfer ? transferablesOf(job.input) : [])
    } catch (err) {
      // Not structured-clone safe (a function, a class instance): the caller's mistake, this job only.
      w.job = null
      this.idle(w)
      job.reject(new AppFailure('INTERNAL', `The ${job.label.toLowerCase()} could not be started: its data cannot be sent to the engine (${(err as Error).message}).`))
    }
  }

  private onMessage(w: PoolWorker, m: WorkerMessage): void {
    const job = w.job
    if (!job || m.jobId !== job.jobId) return // a late message from a cancelled job
    if (m.type === 'progress') {
      this.progress(job.jobId, m.done, m.total, `${job.label}: ${m.stage}`)
      return
    }
    w.job = null
    this.idle(w)
    if (m.type === 'done') {
      this.progress(job.jobId, 1, 1, `${job.label}: done`)
      job.resolve(m.result)
    } else {
      this.progress(job.jobId, 1, 1, `${job.label}: failed`)
      job.reject(this.failure(job, m.failure))
    }
    this.pump()
  }

  private onCrash(w: PoolWorker, err: Error): void {
    if (!this.workers.includes(w)) return // terminated on purpose (cancel, close, idle)
    this.remove(w)
    const job = w.job
    w.job = null
    if (job) {
      this.host.log('error', 'engine worker crashed', { jobId: job.jobId, job: job.name, error: err.stack ?? err.message })
      this.progress(job.jobId, 1, 1, `${job.label}: failed`)
      job.reject(new AppFailure('INTERNAL', `The ${job.label.toLowerCase()} stopped unexpectedly (${err.message}). Other calculations are not affected; try again, and if it happens again send the log file to support.`))
    }
    this.pump()
  }

  private failure(job: PendingJob, f: JobFailure): AppFailure {
    if (f.kind === 'input') return new AppFailure('ENGINE_INPUT', f.message, { details: { engineCode: f.code, ...f.details } })
    this.host.log('error', 'engine job failed', { jobId: job.jobId, job: job.name, error: f.stack ?? f.message })
    return new AppFailure('INTERNAL', `The ${job.label.toLowerCase()} could not be computed because of an error in SpineMet (${f.message}). Send the log file to support.`)
  }

  private idle(w: PoolWorker): void {
    w.worker.unref()
    w.idleTimer = setTimeout(() => {
      if (w.job !== null) return
      this.remove(w)
      void w.worker.terminate()
    }, this.idleMs)
    w.idleTimer.unref()
  }

  private remove(w: PoolWorker): void {
    if (w.idleTimer) clearTimeout(w.idleTimer)
    const i = this.workers.indexOf(w)
    if (i >= 0) this.workers.splice(i, 1)
  }

  private progress(jobId: string, done: number, total: number, label: string): void {
    this.host.emit('job.progress', { jobId, done, total, label })
  }
}
