// dispatch() always answers with a typed Result, and a registry another writer holds gives the
// DB_BUSY sentence (never SQLite's own "database is locked"); a write waits its turn when the
// other writer finishes within the busy timeout.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { PatientView } from '@contract/patients'
import { createDispatch } from '../../main/dispatch'
import { createPatientTestApp, type ExportTestApp } from '../db/harness'

let app: ExportTestApp | null = null
afterEach(() => app?.close())

const ROOT = path.resolve(__dirname, '../..')

/** A second process that takes the registry's write lock, says so, and releases it after `ms`. */
function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    db.prepare("UPDATE registry_meta SET value = value WHERE key = 'registry_id'").run();
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); process.exit(0) }, Number(process.argv[2]));
  `
  const child = spawn(process.execPath, ['-e', script, file, String(ms)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  const released = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('locked')) resolve({ released })
    })
    child.on('error', reject)
  })
}

describe('writers that wait their turn', () => {
  it('an autosave while another process holds the write lock briefly waits and then saves', async () => {
    app = createPatientTestApp()
    const file = await app.newRegistry()
    const p = await app.call<PatientView>('patients.create', {})
    const lock = await holdWriteLock(file, 1500)
    const r = await app.dispatch('patients.update', { id: p.record.id, path: 'identity.fullName', value: 'Saved After Waiting' })
    expect(r.ok).toBe(true)
    await lock.released
    expect((await app.call<PatientView>('patients.get', { id: p.record.id })).record.identity.fullName).toBe('Saved After Waiting')
  }, 30_000)

  it('a lock held past the busy timeout gives DB_BUSY in words, never raw SQLite text, and nothing is saved', async () => {
    app = createPatientTestApp()
    const file = await app.newRegistry()
    const p = await app.call<PatientView>('patients.create', {})
    app.db().pragma('busy_timeout = 200')
    const lock = await holdWriteLock(file, 3000)
    const r = await app.dispatch('patients.update', { id: p.record.id, path: 'identity.fullName', value: 'Never Saved' })
    expect(r).toMatchObject({ ok: false, error: { code: 'DB_BUSY' } })
    if (!r.ok) {
      expect(r.error.message).toMatch(/busy: another SpineMet window, the command line or a long import/)
      expect(r.error.message).not.toMatch(/SQLITE|database is locked/)
    }
    await lock.released
    expect((await app.call<PatientView>('patients.get', { id: p.record.id })).record.identity.fullName).toBeNull()
  }, 30_000)
})

describe('dispatch never rejects', () => {
  const dispatch = createDispatch({} as never)
  const hostile: [string, unknown][] = [
    ['a name whose toString throws', { toString: () => { throw new Error('boom') } }],
    ['a symbol', Symbol('patients.list')],
    ['a revoked proxy', (() => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy })()],
    ['null', null],
  ]
  for (const [label, method] of hostile) {
    it(`answers ${label} with UNKNOWN_METHOD`, async () => {
      const r = await dispatch(method, {})
      expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
    })
  }

  it('answers an input whose getters throw, or a reporter that throws, with a typed Result', async () => {
    const reported: string[] = []
    const throwingInput = Object.defineProperty({}, 'id', { enumerable: true, get: () => { throw new Error('getter') } })
    const quiet = createDispatch({} as never, { onUnexpectedError: (m) => void reported.push(m) })
    expect(await quiet('patients.get', throwingInput)).toMatchObject({ ok: false })
    const loud = createDispatch({} as never, { onUnexpectedError: () => { throw new Error('reporter') } })
    expect(await loud('patients.get', throwingInput)).toMatchObject({ ok: false })
  })
})
