// A registry damaged in its clinical tables is refused at opening; the user may then open it
// read-only (not a byte changes, every change is refused in words) or export what can still be
// read (every readable patient, and the record numbers of those that cannot be read).
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SalvageExportResult } from '@contract/integrity'
import type { RegistryInfo } from '@contract/registry'
import type { PatientView } from '@contract/patients'
import { createRegistryFile } from '../../main/db/connection'
import { runCli } from '../../main/cli/index'
import type { CliIO } from '../../main/cli/command'
import { closeCleanly, createPatientTestApp, sha256, type ExportTestApp } from '../db/harness'
import { seedSyntheticPatients } from '../db/seed-registry'
import { damageTablePage } from '../helpers/damage'

let app: ExportTestApp | null = null
afterEach(() => {
  app?.close()
  app = null
})

const PATIENTS = 2000

function damagedRegistry(parent: string): string {
  const dir = path.join(parent, 'registry')
  fs.mkdirSync(dir)
  const file = path.join(dir, 'damaged.sqlite')
  const conn = createRegistryFile(file, { appVersion: 'test' })
  seedSyntheticPatients(conn.db, PATIENTS)
  closeCleanly(conn.db)
  // A leaf in the middle of the patients table: rows before and after it stay readable.
  damageTablePage(file, 'patients', 5)
  return file
}

/** Study ids (first column of the de-identified export) in a patients CSV. */
function studyIds(csv: string): string[] {
  const lines = fs.readFileSync(csv, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1)
  return lines.map((l) => l.split(',')[0]!.replace(/"/g, ''))
}

const idOf = (studyId: string) => Number(studyId.slice(3))

function expectSalvage(r: SalvageExportResult): void {
  expect(r.unreadable).toBeGreaterThan(0)
  expect(r.unreadable).toBeLessThan(PATIENTS / 2)
  expect(r.exported + r.unreadable).toBe(PATIENTS)
  // The unreadable patients are the rows of the damaged page: consecutive record numbers.
  const ids = r.unreadableIds
  expect(ids[ids.length - 1]! - ids[0]! + 1).toBe(ids.length)
  const written = studyIds(r.path).map(idOf)
  expect(written).toHaveLength(r.exported)
  expect(written.filter((id) => ids.includes(id))).toEqual([])
}

describe('a registry damaged in a clinical table', () => {
  it('is refused, then opens read-only byte-identical: reads work, every change is refused in words', async () => {
    app = createPatientTestApp()
    const file = damagedRegistry(app.host.dir)
    const hash = sha256(file)
    const siblings = fs.readdirSync(path.dirname(file)).sort()

    app.host.dialogs.open.push(file)
    const refused = await app.dispatch('registry.open', {})
    expect(refused).toMatchObject({ ok: false, error: { code: 'DB_CORRUPT', details: { readOnlyAvailable: true } } })

    const info = await app.call<RegistryInfo>('registry.openDamagedReadOnly')
    expect(info).toMatchObject({ readOnly: true, readOnlyReason: 'damaged', fileName: 'damaged.sqlite' })

    // A patient on a readable page shows; edits, new records and imports are refused and say why.
    const last = await app.call<PatientView>('patients.get', { id: PATIENTS })
    expect(last.record.patient.studyId).toBe('SM-002000')
    for (const [m, input] of [
      ['patients.update', { id: PATIENTS, path: 'identity.fullName', value: 'Changed' }],
      ['patients.create', {}],
      ['patients.delete', { id: PATIENTS }],
      ['import.preview', { source: 'dialog' }],
      ['settings.update', { escc1cIsHigh: true }],
    ] as const) {
      const r = await app.dispatch(m, input)
      expect(r, m).toMatchObject({ ok: false, error: { code: 'DB_READ_ONLY', details: { readOnlyReason: 'damaged' } } })
      if (!r.ok) expect(r.error.message).toMatch(/opened read-only because the file is damaged/)
    }
    expect((await app.call<PatientView>('patients.get', { id: PATIENTS })).record.identity.fullName).not.toBe('Changed')

    // Export what can be read, from the registry open read-only.
    const out = path.join(app.host.dir, 'out', 'readable.csv')
    fs.mkdirSync(path.dirname(out))
    app.host.dialogs.save.push(out)
    expectSalvage(await app.call<SalvageExportResult>('export.salvage', { identified: false }))

    await app.call('registry.close')
    expect(sha256(file)).toBe(hash)
    // Nothing beside the file either: no -wal, -shm or backups folder.
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(siblings)
    expect(siblings).toEqual(['damaged.sqlite'])
  }, 60_000)

  it('exports what can be read straight from the refusal, without opening it', async () => {
    app = createPatientTestApp()
    const file = damagedRegistry(app.host.dir)
    const hash = sha256(file)
    app.host.dialogs.open.push(file)
    expect(await app.dispatch('registry.open', {})).toMatchObject({ ok: false, error: { code: 'DB_CORRUPT' } })
    app.host.dialogs.save.push(path.join(app.host.dir, 'readable.csv'))
    const r = await app.call<SalvageExportResult>('export.salvage', {})
    expectSalvage(r)
    expect(r.registryFileName).toBe('damaged.sqlite')
    expect(await app.dispatch('registry.current', {})).toMatchObject({ ok: true, value: null })
    expect(sha256(file)).toBe(hash)
    expect(fs.existsSync(file + '-wal') || fs.existsSync(file + '-shm')).toBe(false)
  }, 60_000)

  it('with no damaged file refused, the offers explain what to do first', async () => {
    app = createPatientTestApp()
    expect(await app.dispatch('registry.openDamagedReadOnly', {})).toMatchObject({ ok: false, error: { code: 'NO_REGISTRY_OPEN' } })
    expect(await app.dispatch('export.salvage', {})).toMatchObject({ ok: false, error: { code: 'NO_REGISTRY_OPEN' } })
  })

  it('CLI export --salvage writes the readable rows, lists the rest and leaves the file as it was', async () => {
    app = createPatientTestApp()
    const dir = app.host.dir
    const file = damagedRegistry(dir)
    const hash = sha256(file)
    const io: CliIO & { out: string; err: string } = { out: '', err: '', cwd: dir, stdout: (t) => void (io.out += t), stderr: (t) => void (io.err += t) }
    const code = await runCli(['export', '--db', file, '--csv', path.join(dir, 'cli.csv'), '--salvage', '--json'], io)
    expect(code).toBe(1)
    const r = JSON.parse(io.out) as SalvageExportResult
    expectSalvage(r)
    const text: CliIO & { out: string; err: string } = { out: '', err: '', cwd: dir, stdout: (t) => void (text.out += t), stderr: (t) => void (text.err += t) }
    await runCli(['export', '--db', file, '--csv', path.join(dir, 'cli2.csv'), '--salvage'], text)
    expect(text.out).toMatch(new RegExp(`Exported ${r.exported} patients that could be read from damaged.sqlite .*; ${r.unreadable} could not be read`))
    expect(text.out).toMatch(/Not readable \(record numbers\): \d+, \d+/)
    expect(sha256(file)).toBe(hash)
    expect(fs.existsSync(file + '-wal') || fs.existsSync(file + '-shm')).toBe(false)
  }, 60_000)
})
