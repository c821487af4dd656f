// Writers that wait their turn, visibly: while another process (an import from the command line,
// another SpineMet window) holds the registry's write lock, an autosave does not block the main
// process in SQLite's busy handler: it says it is waiting ('registry.writerWaiting'), keeps the
// event loop free, and saves as soon as the lock is released.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { PatientView } from '@contract/patients'
import { createPatientTestApp, type ExportTestApp } from '../db/harness'

let app: ExportTestApp | null = null
afterEach(() => {
  app?.close()
  app = null
})

const ROOT = path.resolve(__dirname, '../..')

/** A second process that takes the write lock, says so, and commits after `ms`. */
function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<number> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    db.prepare("UPDATE registry_meta SET value = value WHERE key = 'registry_id'").run();
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); process.stdout.write('released ' + Date.now() + '\\n'); process.exit(0) }, Number(process.argv[2]));
  `
  const child = spawn(process.execPath, ['-e', script, file, String(ms)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  let releasedAt = 0
  const released = new Promise<number>((resolve) => child.on('exit', () => resolve(releasedAt)))
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      const text = d.toString()
      const at = /released (\d+)/.exec(text)?.[1]
      if (at) releasedAt = Number(at)
      if (text.includes('locked')) resolve({ released })
    })
    child.on('error', reject)
  })
}

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
