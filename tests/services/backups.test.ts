// Backups through dispatch as the renderer calls them: the daily backup at opening, before an
// import and a delete, on request, the list, and restore (which backs up the state it replaces).
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { BackupInfo, RestoreResult } from '@contract/backups'
import type { ImportPreview } from '@contract/import-export'
import type { PatientView } from '@contract/patients'
import type { RegistryInfo } from '@contract/registry'
import { backupsToDelete, type BackupFile } from '../../main/db/backups'
import { createTestApp, type TestApp } from '../helpers/test-host'
import { fixture } from './import-helpers'

let app: TestApp
afterEach(() => app?.close())

/** An app with a clock the test moves, and a registry with `n` patients, closed and reopened. */
async function appWithRegistry(n: number, clock: { now: Date }): Promise<{ app: TestApp; file: string }> {
  const a = createTestApp({ now: () => clock.now })
  const file = path.join(a.host.dir, 'ward.sqlite')
  a.host.dialogs.save.push(file)
  await a.call('registry.create')
  for (let i = 0; i < n; i++) {
    const p = await a.call<PatientView>('patients.create', {})
    await a.call('patients.update', { id: p.record.id, path: 'identity.fullName', value: `Patient ${i + 1}` })
  }
  await a.call('registry.close')
  return { app: a, file }
}

const reopen = async (a: TestApp, file: string) => {
  a.host.dialogs.open.push(file)
  return a.call<RegistryInfo>('registry.open')
}

describe('automatic backups', () => {
  it('opening takes one verified daily backup a day, in backups/ beside the registry', async () => {
    const clock = { now: new Date('2025-03-03T08:00:00Z') }
    const r = await appWithRegistry(3, clock)
    app = r.app
    await reopen(app, r.file)
    await app.call('registry.close')
    clock.now = new Date('2025-03-03T17:00:00Z')
    await reopen(app, r.file)
    let list = await app.call<BackupInfo[]>('registry.backups')
    expect(list.map((b) => [b.reason, b.patients])).toEqual([['daily', 3]])
    expect(path.dirname(list[0]!.path)).toBe(path.join(path.dirname(r.file), 'backups'))
    expect(list[0]!.createdAt).toBe('2025-03-03T08:00:00.000Z')
    await app.call('registry.close')
    clock.now = new Date('2025-03-04T08:00:00Z')
    await reopen(app, r.file)
    list = await app.call<BackupInfo[]>('registry.backups')
    expect(list.map((b) => b.createdAt)).toEqual(['2025-03-04T08:00:00.000Z', '2025-03-03T08:00:00.000Z'])
  })

  it('deleting a patient backs the registry up first (at most once an hour)', async () => {
    const clock = { now: new Date('2025-03-03T08:00:00Z') }
    const r = await appWithRegistry(3, clock)
    app = r.app
    await reopen(app, r.file)
    const ids = (await app.call<{ rows: { id: number }[] }>('patients.list', {})).rows.map((x) => x.id)
    clock.now = new Date('2025-03-03T09:00:00Z')
    await app.call('patients.delete', { id: ids[0] })
    clock.now = new Date('2025-03-03T09:10:00Z')
    await app.call('patients.delete', { id: ids[1] })
    const before = (await app.call<BackupInfo[]>('registry.backups')).filter((b) => b.reason === 'pre-delete')
    expect(before.map((b) => b.patients)).toEqual([3])
    // A missing patient is refused before any backup is taken.
    expect(await app.dispatch('patients.delete', { id: 9999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('an import is preceded by a backup holding the registry as it was', async () => {
    const clock = { now: new Date('2025-03-03T08:00:00Z') }
    const r = await appWithRegistry(2, clock)
    app = r.app
    await reopen(app, r.file)
    app.host.chooseImportFile = async () => fixture('zh-hospital-gb18030.csv')
    const preview = await app.call<ImportPreview>('import.preview', { source: 'dialog' })
    clock.now = new Date('2025-03-03T08:30:00Z')
    await app.call('import.commit', { token: preview.token, mapping: preview.suggestedMapping })
    const pre = (await app.call<BackupInfo[]>('registry.backups')).find((b) => b.reason === 'pre-import')
    expect(pre).toMatchObject({ patients: 2, createdAt: '2025-03-03T08:30:00.000Z' })
    expect((await app.call<RegistryInfo>('registry.current')).counts.patients).toBe(4)
  })
})

describe('backup now and restore', () => {
  it('restores a backup over the open registry, backing up the replaced state first, and reopens it', async () => {
    const clock = { now: new Date('2025-03-03T08:00:00Z') }
    const r = await appWithRegistry(2, clock)
    app = r.app
    await reopen(app, r.file)
    clock.now = new Date('2025-03-03T09:00:00Z')
    const manual = await app.call<BackupInfo>('registry.backup')
    expect(manual).toMatchObject({ reason: 'manual', patients: 2 })
    const extra = await app.call<PatientView>('patients.create', {})
    await app.call('patients.update', { id: extra.record.id, path: 'identity.fullName', value: 'Added After Backup' })
    expect((await app.call<RegistryInfo>('registry.current')).counts.patients).toBe(3)

    clock.now = new Date('2025-03-03T10:00:00Z')
    const restored = await app.call<RestoreResult>('registry.restore', { fileName: manual.fileName })
    expect(restored).toMatchObject({ restoredFrom: manual.fileName, patients: 2 })
    const info = await app.call<RegistryInfo>('registry.current')
    expect(info).toMatchObject({ path: r.file, counts: { patients: 2 } })
    const list = await app.call<BackupInfo[]>('registry.backups')
    expect(list.find((b) => b.reason === 'pre-restore')).toMatchObject({ patients: 3, path: restored.safetyBackup })
    expect(app.host.events.filter((e) => e.event === 'registry.changed').length).toBeGreaterThan(0)
  })

  it('names only backups from the list: anything else is NOT_FOUND and changes nothing', async () => {
    const clock = { now: new Date('2025-03-03T08:00:00Z') }
    const r = await appWithRegistry(1, clock)
    app = r.app
    await reopen(app, r.file)
    const outside = path.join(app.host.dir, 'elsewhere.sqlite')
    fs.copyFileSync(r.file, outside)
    for (const fileName of ['../ward.sqlite', outside, 'ward.sqlite.20250303T080000000Z.manual.sqlite']) {
      expect(await app.dispatch('registry.restore', { fileName })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    }
    expect((await app.call<BackupInfo[]>('registry.backups')).map((b) => b.reason)).toEqual(['daily'])
  })
})

describe('retention', () => {
  const at = (iso: string, reason: BackupFile['reason']): BackupFile => ({ path: `/b/${iso}.${reason}`, fileName: `${iso}.${reason}`, createdAt: iso, reason, sizeBytes: 1 })

  it('keeps the newest 7 daily backups, the newest of each of the 4 weeks before them, every pre-import, and 10 of the other kinds', () => {
    const list: BackupFile[] = []
    // 60 daily backups, one a day, newest first (2025-03-01 back to 2025-01-01).
    for (let d = 0; d < 60; d++) list.push(at(new Date(Date.UTC(2025, 2, 1) - d * 86_400_000).toISOString(), 'daily'))
    for (let k = 0; k < 15; k++) list.push(at(new Date(Date.UTC(2024, 0, 1) - k * 3_600_000).toISOString(), 'pre-import'))
    for (let k = 0; k < 15; k++) list.push(at(new Date(Date.UTC(2024, 0, 1) - k * 3_600_000).toISOString(), 'pre-delete'))
    list.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
    const doomed = new Set(backupsToDelete(list).map((b) => b.fileName))
    const kept = list.filter((b) => !doomed.has(b.fileName))
    const keptDaily = kept.filter((b) => b.reason === 'daily').map((b) => b.createdAt.slice(0, 10))
    expect(keptDaily.slice(0, 7)).toEqual(['2025-03-01', '2025-02-28', '2025-02-27', '2025-02-26', '2025-02-25', '2025-02-24', '2025-02-23'])
    // The week of Mon 17 – Sun 23 February already has daily backups kept, so the weekly tier is
    // the last backup (Sunday) of each of the 4 weeks before it.
    expect(keptDaily.slice(7)).toEqual(['2025-02-16', '2025-02-09', '2025-02-02', '2025-01-26'])
    expect(kept.filter((b) => b.reason === 'pre-import')).toHaveLength(15)
    expect(kept.filter((b) => b.reason === 'pre-delete')).toHaveLength(10)
  })
})
