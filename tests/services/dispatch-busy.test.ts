// dispatch() always answers with a typed Result, and a registry another writer holds gives the
// DB_BUSY sentence (never SQLite's own "database is locked"); a write waits its turn when the
// other writer finishes within the busy timeout.
import { afterEach, describe, expect, it } from 'vitest'
import type { PatientView } from '@contract/patients'
import { createDispatch } from '../../main/dispatch'
import { createPatientTestApp, type ExportTestApp } from '../db/harness'
import { holdWriteLock } from '../helpers/write-lock'

let app: ExportTestApp | null = null
afterEach(() => app?.close())

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
