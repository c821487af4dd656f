// Writers that wait their turn, visibly: while another process (an import from the command line,
// another SpineMet window) holds the registry's write lock, an autosave does not block the main
// process in SQLite's busy handler: it says it is waiting ('registry.writerWaiting'), keeps the
// event loop free, and saves as soon as the lock is released.
import { afterEach, describe, expect, it } from 'vitest'
import type { PatientView } from '@contract/patients'
import { createPatientTestApp, type ExportTestApp } from '../db/harness'
import { holdWriteLock } from '../helpers/write-lock'

let app: ExportTestApp | null = null
afterEach(() => {
  app?.close()
  app = null
})

describe('an autosave while another process holds the write lock', () => {
  it('says it is waiting, keeps the main process responsive, and saves after the lock is released', async () => {
    app = createPatientTestApp()
    const file = await app.newRegistry()
    const p = await app.call<PatientView>('patients.create', {})
    const lock = await holdWriteLock(file, 2000)
    const eventsBefore = app.host.events.length
    // A timer stands for the window: with the main process blocked in SQLite it would not tick.
    let ticks = 0
    const timer = setInterval(() => ticks++, 50)
    let waitingSeenWhilePending = false
    const pending = app.dispatch('patients.update', { id: p.record.id, path: 'identity.fullName', value: 'Typed During Import' })
    const watch = setInterval(() => {
      if (app!.host.events.slice(eventsBefore).some((e) => e.event === 'registry.writerWaiting' && (e.payload as { waiting: boolean }).waiting)) waitingSeenWhilePending = true
    }, 20)
    const r = await pending
    const savedAt = Date.now()
    clearInterval(timer)
    clearInterval(watch)
    const releasedAt = await lock.released
    expect(r.ok).toBe(true)
    expect(waitingSeenWhilePending).toBe(true)
    // About 2 s of waiting at 50 ms a tick: the event loop stayed free (SQLite's busy handler would give 0).
    expect(ticks).toBeGreaterThan(15)
    expect(savedAt).toBeGreaterThanOrEqual(releasedAt)
    const waits = app.host.events.slice(eventsBefore).filter((e) => e.event === 'registry.writerWaiting').map((e) => (e.payload as { waiting: boolean }).waiting)
    expect(waits).toEqual([true, false])
    expect((await app.call<PatientView>('patients.get', { id: p.record.id })).record.identity.fullName).toBe('Typed During Import')
  }, 30_000)

  it('gives up with DB_BUSY in words after the busy timeout, saying the wait is over', async () => {
    app = createPatientTestApp()
    const file = await app.newRegistry()
    const p = await app.call<PatientView>('patients.create', {})
    app.db().pragma('busy_timeout = 600')
    const lock = await holdWriteLock(file, 2500)
    const eventsBefore = app.host.events.length
    const r = await app.dispatch('patients.update', { id: p.record.id, path: 'identity.fullName', value: 'Not Yet' })
    expect(r).toMatchObject({ ok: false, error: { code: 'DB_BUSY' } })
    if (!r.ok) expect(r.error.message).not.toMatch(/SQLITE|database is locked/)
    const waits = app.host.events.slice(eventsBefore).filter((e) => e.event === 'registry.writerWaiting').map((e) => (e.payload as { waiting: boolean }).waiting)
    expect(waits).toEqual([true, false])
    // The connection's own busy timeout is back as it was.
    expect(app.db().pragma('busy_timeout', { simple: true })).toBe(600)
    await lock.released
  }, 30_000)
})
