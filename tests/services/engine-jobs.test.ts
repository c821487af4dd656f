// Engine jobs in worker threads (main/services/engine-jobs.ts, main/worker/): the same answers as in
// the calling thread, a calling thread that keeps running during a long job, progress events,
// cancellation, and failures that reject one job only. The worker runs main/worker/engine-worker.ts
// through tsx (the sources under test); one test also runs the built bundle when it exists.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { EventMap } from '@contract/events'
import { AppFailure } from '@contract/result'
import { EngineJobRunner, defaultEngineWorker } from '../../main/services/engine-jobs'
import { runEngineJob, type EngineJobInput } from '../../main/worker/jobs'
import type { CovariateColumn } from '../../main/engine/model-matrix'
import { ASIA_LEVELS, HISTOLOGY_LEVELS, syntheticCohort } from '../bench/synthetic-cohort'
import { formulaColumns, readCsv } from '../engine/matching-fixtures'
import { createTestApp } from '../helpers/test-host'

type Progress = EventMap['job.progress']

function testHost() {
  const events: Progress[] = []
  const logs: { level: string; message: string }[] = []
  return {
    events,
    logs,
    emit: (_event: 'job.progress', payload: Progress) => void events.push(payload),
    log: (level: string, message: string) => void logs.push({ level, message }),
  }
}

const host = testHost()
const runner = new EngineJobRunner(host as never, { worker: defaultEngineWorker(path.resolve(__dirname, '../../main/services')) })
afterAll(() => runner.close())

/** A job's rejection as the AppFailure it must be. */
async function failureOf(promise: Promise<unknown>): Promise<AppFailure> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(AppFailure)
  return err as AppFailure
}

/** The bench's synthetic registry cohort, as a Cox job on ten covariates (two factors). */
function coxJob(n: number): EngineJobInput<'cox'> {
  const c = syntheticCohort(n, 20211)
  const covariates: CovariateColumn[] = [
    { name: 'treat', type: 'numeric', values: c.treat },
    { name: 'age', type: 'numeric', values: c.age },
    { name: 'male', type: 'numeric', values: c.male },
    { name: 'histology', type: 'factor', codes: c.histology, levels: [...HISTOLOGY_LEVELS] },
    { name: 'tokuhashi', type: 'numeric', values: c.tokuhashi },
    { name: 'ecog', type: 'numeric', values: c.ecog },
    { name: 'vas', type: 'numeric', values: c.vas },
    { name: 'sins', type: 'numeric', values: c.sins },
    { name: 'asia', type: 'factor', codes: c.asia, levels: [...ASIA_LEVELS] },
  ]
  return { input: { time: c.time, event: c.event, covariates } }
}

describe('engine jobs in a worker thread', () => {
  it('gives exactly the in-process Kaplan–Meier result (curves, steps, log-rank inputs) and reports start and finish', async () => {
    const make = (): EngineJobInput<'km'> => {
      const c = syntheticCohort(20_000, 7)
      return { input: { time: c.time, event: c.event, group: { codes: c.treat, levels: ['TES', 'HT'] } }, options: { times: [12, 24, 60], riskTableTimes: [0, 12, 24] } }
    }
    const expected = runEngineJob('km', make())
    const { jobId, promise } = runner.start('km', make())
    expect(await promise).toEqual(expected)
    const mine = host.events.filter((e) => e.jobId === jobId)
    expect(mine[0]).toMatchObject({ done: 0, total: 1 })
    expect(mine.at(-1)).toEqual({ jobId, done: 1, total: 1, label: 'Kaplan–Meier curves: done' })
  })

  it('gives exactly the in-process propensity score matching (MatchIt pairs on lalonde, caliper 0.02), typed arrays transferred', async () => {
    const make = (): EngineJobInput<'psMatch'> => {
      const { treat, covariates } = formulaColumns(readCsv('lalonde'), 'treat ~ age + educ + race + married + nodegree + re74 + re75')
      const numeric = covariates.map((c) => (c.type === 'numeric' ? { ...c, values: Float64Array.from(c.values) } : c))
      return { input: { treat: Uint8Array.from(treat), covariates: numeric }, options: { caliper: 0.02, stdCaliper: false } }
    }
    const expected = runEngineJob('psMatch', make())
    const job = make()
    const treat = job.input.treat as Uint8Array
    const { promise } = runner.start('psMatch', job)
    expect(treat.length).toBe(0) // transferred to the worker, not copied
    const res = await promise
    expect(res).toEqual(expected)
    expect(res.matching.nPairs).toBe(expected.matching.nPairs)
  })

  it('keeps the calling thread responsive during a 1M-row Cox model, with progress per Newton–Raphson iteration', async () => {
    const job = coxJob(1_000_000)
    let ticks = 0
    let last = performance.now()
    let longestGap = 0
    const timer = setInterval(() => {
      const now = performance.now()
      longestGap = Math.max(longestGap, now - last)
      last = now
      ticks++
    }, 10)
    const t0 = performance.now()
    const { jobId, promise } = runner.start('cox', job)
    const fit = await promise
    const elapsed = performance.now() - t0
    clearInterval(timer)
    expect(fit.converged).toBe(true)
    expect(fit.n.used).toBe(1_000_000)
    // The job takes seconds; the timer kept firing all along (a blocked thread would show one gap as
    // long as the job). Generous bounds: other test files share the two cores.
    expect(elapsed).toBeGreaterThan(1000)
    expect(ticks).toBeGreaterThan(elapsed / 10 / 10)
    expect(longestGap).toBeLessThan(1000)
    const stages = host.events.filter((e) => e.jobId === jobId).map((e) => e.label)
    expect(stages.some((l) => l.includes('Newton–Raphson iteration'))).toBe(true)
    expect(stages.at(-1)).toBe('Cox model: done')
  }, 120_000)

  it('cancels a long job: it rejects with CANCELLED at once, and the next job runs', async () => {
    const { jobId, promise } = runner.start('cox', coxJob(1_000_000))
    await new Promise((r) => setTimeout(r, 300))
    const t0 = performance.now()
    expect(runner.cancel(jobId)).toBe(true)
    const err = await failureOf(promise)
    expect(err.code).toBe('CANCELLED')
    expect(performance.now() - t0).toBeLessThan(1000)
    expect(runner.cancel(jobId)).toBe(false)
    const welch: EngineJobInput<'twoGroupTest'> = { test: 'welch', input: { values: [1, 2, 3, 4, 5, 7], groups: ['a', 'a', 'a', 'b', 'b', 'b'] } }
    expect(await runner.start('twoGroupTest', welch).promise).toEqual(runEngineJob('twoGroupTest', welch))
  }, 60_000)

  it('rejects a job with bad input with ENGINE_INPUT (the engine\'s message and code), and the next job still runs', async () => {
    const bad = runner.start('km', { input: { time: [5, -1, 3], event: [1, 1, 0] } })
    const err = await failureOf(bad.promise)
    expect(err.code).toBe('ENGINE_INPUT')
    expect(err.message).toBe('Follow-up time must not be negative (patient 2 has -1).')
    expect(err.details).toMatchObject({ engineCode: 'NEGATIVE_TIME' })
    const ok = await runner.start('logrank', { input: { time: [5, 1, 3, 8], event: [1, 1, 0, 1], group: { codes: [0, 1, 0, 1], levels: ['a', 'b'] } } }).promise
    expect(ok.df).toBe(1)
  })

  it('rejects an engine error and a crashed worker with INTERNAL, that job only', async () => {
    const unknown = await failureOf(runner.start('nope' as 'km', { input: { time: [1], event: [1] } }).promise)
    expect(unknown.code).toBe('INTERNAL')
    // An error inside the engine that is not an input problem (here: no input object at all).
    const broken = await failureOf(runner.start('km', { input: undefined as never }).promise)
    expect(broken.code).toBe('INTERNAL')
    expect(host.logs.at(-1)).toMatchObject({ level: 'error', message: 'engine job failed' })
    // A worker that runs out of its heap limit dies; only its job fails.
    const small = new EngineJobRunner(testHost() as never, { worker: defaultEngineWorker(path.resolve(__dirname, '../../main/services')), maxHeapMb: 24 })
    try {
      const labels = Array.from({ length: 2_000_000 }, (_, i) => `patient-${i}`)
      const crashed = await failureOf(small.start('twoGroupTest', { test: 'chisq', input: { rows: labels, columns: labels } }).promise)
      expect(crashed.code).toBe('INTERNAL')
      const after = await small.start('twoGroupTest', { test: 'student', input: { values: [1, 2, 3, 4], groups: [1, 1, 2, 2] } }).promise
      expect(after.df).toBe(2)
    } finally {
      await small.close()
    }
    const notCloneable = await failureOf(runner.start('km', { input: { time: [1, 2], event: [1, 1] }, options: { times: [() => 1] as never } }).promise)
    expect(notCloneable.code).toBe('INTERNAL')
  }, 60_000)

  it.skipIf(!fs.existsSync(path.resolve(__dirname, '../../app/dist/main/engine-worker.js')))('runs jobs in the built bundle (app/dist/main/engine-worker.js) as the app does', async () => {
    const built = new EngineJobRunner(testHost() as never, { worker: defaultEngineWorker(path.resolve(__dirname, '../../app/dist/main')) })
    try {
      const make = (): EngineJobInput<'km'> => ({ input: { time: [6, 3, 9, 3, 12, 1], event: [1, 1, 0, 0, 1, 1] } })
      expect(await built.start('km', make()).promise).toEqual(runEngineJob('km', make()))
    } finally {
      await built.close()
    }
  })

  it('is wired into createServices as services.engine', async () => {
    const app = createTestApp()
    try {
      expect(app.services.engine).toBeInstanceOf(EngineJobRunner)
      expect(app.services.engine.pending).toBe(0)
    } finally {
      app.close()
      await app.services.engine.close()
    }
  })
})
