// File ▸ New / Open / Save as / recent files / close, through dispatch as the renderer calls them.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { RegistryInfo, RecentRegistry } from '@contract/registry'
import { emptyPatientRecord } from '@contract/patient-record'
import { SPINEMET_APPLICATION_ID } from '../../main/db/connection'
import { insertPatientRecord } from '../../main/db/repositories/patient-records'
import { createTestApp, type TestApp } from '../helpers/test-host'

let app: TestApp
afterEach(() => app?.close())

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex')

describe('registry files', () => {
  it('creates a registry through the save dialog, adding .sqlite when the name has no extension', async () => {
    app = createTestApp()
    const target = path.join(app.host.dir, 'clinic registry')
    app.host.dialogs.save.push(target)
    const info = await app.call<RegistryInfo>('registry.create')
    expect(info.path).toBe(target + '.sqlite')
    expect(info.counts.patients).toBe(0)
    expect(info.schemaVersion).toBeGreaterThanOrEqual(1)
    expect(info.journalMode).toBe('wal')
    expect(fs.existsSync(target + '.sqlite')).toBe(true)
    expect(app.host.events.some((e) => e.event === 'registry.changed')).toBe(true)
  })

  it('reports a cancelled dialog as CANCELLED and opens nothing', async () => {
    app = createTestApp()
    app.host.dialogs.open.push(null)
    const r = await app.dispatch('registry.open', {})
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    expect(await app.call('registry.current')).toBeNull()
  })

  it('refuses to create over an existing file', async () => {
    app = createTestApp()
    const target = path.join(app.host.dir, 'existing.sqlite')
    fs.writeFileSync(target, 'keep me')
    app.host.dialogs.save.push(target)
    const r = await app.dispatch('registry.create', {})
    expect(r).toMatchObject({ ok: false, error: { code: 'DB_ALREADY_EXISTS' } })
    expect(fs.readFileSync(target, 'utf8')).toBe('keep me')
  })

  it('saves a copy with SQLite backup, opens the copy, and leaves the original as it was', async () => {
    app = createTestApp()
    const original = path.join(app.host.dir, 'a.sqlite')
    app.host.dialogs.save.push(original)
    await app.call('registry.create')
    const db = app.services.session.requireDb()
    insertPatientRecord(db, emptyPatientRecord('SM-0001'), { osUser: 'x', at: '2024-01-01T00:00:00.000Z' })
    const copy = path.join(app.host.dir, 'b.sqlite')
    app.host.dialogs.save.push(copy)
    const info = await app.call<RegistryInfo>('registry.saveAs')
    expect(info.path).toBe(copy)
    expect(info.counts.patients).toBe(1)
    // the copy is the open registry now; the original still holds its patient
    await app.call('registry.close')
    const check = new BetterSqlite3(original, { readonly: true })
    expect((check.prepare('SELECT count(*) AS n FROM patients').get() as { n: number }).n).toBe(1)
    check.close()
  })

  it('refuses Save as onto an existing file', async () => {
    app = createTestApp()
    app.host.dialogs.save.push(path.join(app.host.dir, 'a.sqlite'))
    await app.call('registry.create')
    const other = path.join(app.host.dir, 'other.sqlite')
    fs.writeFileSync(other, 'precious')
    app.host.dialogs.save.push(other)
    const r = await app.dispatch('registry.saveAs', {})
    expect(r).toMatchObject({ ok: false, error: { code: 'DB_ALREADY_EXISTS' } })
    expect(fs.readFileSync(other, 'utf8')).toBe('precious')
  })

  it('remembers opened files, opens them from the recent list only, and forgets on request', async () => {
    app = createTestApp()
    const a = path.join(app.host.dir, 'a.sqlite')
    const b = path.join(app.host.dir, 'b.sqlite')
    app.host.dialogs.save.push(a, b)
    await app.call('registry.create')
    await app.call('registry.create')
    let recent = await app.call<RecentRegistry[]>('registry.recent')
    expect(recent.map((r) => r.path)).toEqual([b, a])
    const reopened = await app.call<RegistryInfo>('registry.open', { recentPath: a })
    expect(reopened.path).toBe(a)
    const stranger = await app.dispatch('registry.open', { recentPath: '/etc/passwd' })
    expect(stranger).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'recentPath' } })
    fs.rmSync(b)
    recent = await app.call<RecentRegistry[]>('registry.recent')
    expect(recent.find((r) => r.path === b)?.exists).toBe(false)
    recent = await app.call<RecentRegistry[]>('registry.forgetRecent', { path: b })
    expect(recent.map((r) => r.path)).toEqual([a])
  })

  it('opens a read-only file for viewing without writing a byte or creating anything beside it; saves are refused', async () => {
    app = createTestApp()
    const file = path.join(app.host.dir, 'ro.sqlite')
    app.host.dialogs.save.push(file)
    await app.call('registry.create')
    await app.call('patients.create', {})
    await app.call('registry.close')
    fs.chmodSync(file, 0o444)
    const before = sha(file)
    const siblingsBefore = fs.readdirSync(app.host.dir).sort()
    app.host.dialogs.open.push(file)
    const info = await app.call<RegistryInfo>('registry.open')
    expect(info).toMatchObject({ readOnly: true, counts: { patients: 1 } })
    expect(await app.dispatch('patients.create', {})).toMatchObject({ ok: false, error: { code: 'DB_READ_ONLY' } })
    expect((await app.call<{ total: number }>('patients.list', {})).total).toBe(1)
    await app.call('registry.close')
    expect(sha(file)).toBe(before)
    expect(fs.readdirSync(app.host.dir).sort()).toEqual(siblingsBefore)
  })

  it('refuses a newer and a non-SQLite file with specific codes, changing nothing on disk', async () => {
    app = createTestApp()
    const newer = path.join(app.host.dir, 'newer.sqlite')
    const db = new BetterSqlite3(newer)
    db.pragma(`application_id = ${SPINEMET_APPLICATION_ID}`)
    db.exec('CREATE TABLE x (a INTEGER)')
    db.pragma('user_version = 42')
    db.close()
    const text = path.join(app.host.dir, 'text.sqlite')
    fs.writeFileSync(text, 'not a database at all, just some words '.repeat(5))
    const cases: [string, string][] = [
      [newer, 'DB_FROM_NEWER_VERSION'],
      [text, 'DB_NOT_SQLITE'],
    ]
    for (const [file, code] of cases) {
      const before = sha(file)
      const siblingsBefore = fs.readdirSync(app.host.dir).sort()
      app.host.dialogs.open.push(file)
      const r = await app.dispatch('registry.open', {})
      expect(r, file).toMatchObject({ ok: false, error: { code } })
      expect(sha(file)).toBe(before)
      expect(fs.readdirSync(app.host.dir).sort()).toEqual(siblingsBefore)
    }
    const r = await app.dispatch('registry.open', { recentPath: newer })
    expect(r.ok).toBe(false)
  })

  it('answers NO_REGISTRY_OPEN for data calls before a registry is open', async () => {
    app = createTestApp()
    const r = await app.dispatch('patients.list', {})
    expect(r).toMatchObject({ ok: false, error: { code: 'NO_REGISTRY_OPEN' } })
  })

  it('reports app and engine versions', async () => {
    app = createTestApp()
    const info = await app.call<{ appVersion: string; engineVersion: string; schemaVersion: number }>('app.info')
    expect(info.appVersion).toMatch(/^\d+\.\d+\.\d+/)
    expect(info.engineVersion).toMatch(/^\d+\.\d+\.\d+/)
  })
})
