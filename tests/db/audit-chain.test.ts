// The tamper-evident audit trail: each row carries the hash of the previous one. Edits through
// SpineMet keep the chain intact; a row changed, removed or inserted by hand is found, by id, by
// verifyAuditChain, `registry.info` and CLI `info` (which then exits 1). Migration 0005 chains the
// rows an older registry already has.
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { PatientView } from '@contract/patients'
import type { RegistryInfo } from '@contract/registry'
import { runCli } from '../../main/cli/index'
import { verifyAuditChain } from '../../main/db/audit-chain'
import { openRegistryFile } from '../../main/db/connection'
import { closeCleanly, createPatientTestApp, createRegistryAtVersion, tempDir, type ExportTestApp } from './harness'

let app: ExportTestApp | null = null
afterEach(() => app?.close())

async function registryWithEdits(): Promise<{ file: string; app: ExportTestApp }> {
  const a = createPatientTestApp()
  const file = await a.newRegistry()
  for (let i = 0; i < 3; i++) {
    const p = await a.call<PatientView>('patients.create', {})
    await a.call('patients.update', { id: p.record.id, path: 'identity.fullName', value: `Patient ${i}` })
    await a.call('patients.update', { id: p.record.id, path: 'patient.ageYears', value: 50 + i })
  }
  return { file, app: a }
}

async function infoOf(file: string): Promise<{ code: number; out: string }> {
  const io = { out: '', err: '', cwd: path.dirname(file), stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) }
  const code = await runCli(['info', '--db', file], io)
  return { code, out: io.out }
}

describe('audit hash chain', () => {
  it('stays intact through ordinary edits, and registry.info and info say so', async () => {
    const r = await registryWithEdits()
    app = r.app
    const info = await app.call<RegistryInfo>('registry.info')
    expect(info.auditChain).toMatchObject({ intact: true, brokenAtId: null })
    expect(info.auditChain!.entries).toBe(info.counts.auditEntries)
    app.close()
    app = null
    const cli = await infoOf(r.file)
    expect(cli.code).toBe(0)
    expect(cli.out).toMatch(/Audit\s+chain intact \(\d+ entries\)/)
  })

  it('finds an entry changed by hand, and one removed, by id', async () => {
    const r = await registryWithEdits()
    app = r.app
    const db = app.db()
    const ids = db.prepare('SELECT id FROM audit_log ORDER BY id').pluck().all() as number[]
    db.prepare("UPDATE audit_log SET new_value = '99' WHERE id = ?").run(ids[4])
    expect(verifyAuditChain(db)).toMatchObject({ intact: false, brokenAtId: ids[4], reason: 'this entry was changed after it was written' })
    const info = await app.call<RegistryInfo>('registry.info')
    expect(info.auditChain).toMatchObject({ intact: false, brokenAtId: ids[4] })
    app.close()
    app = null
    const cli = await infoOf(r.file)
    expect(cli.code).toBe(1)
    expect(cli.out).toContain(`CHAIN BROKEN at entry ${ids[4]}: this entry was changed after it was written`)
  })

  it('finds a removed entry at the one after it', async () => {
    const r = await registryWithEdits()
    app = r.app
    const db = app.db()
    const ids = db.prepare('SELECT id FROM audit_log ORDER BY id').pluck().all() as number[]
    db.prepare('DELETE FROM audit_log WHERE id = ?').run(ids[2])
    expect(verifyAuditChain(db)).toMatchObject({ intact: false, brokenAtId: ids[3], reason: 'an entry before this one was removed, added or changed' })
  })

  it('migration 0005 chains the audit rows an older registry already has', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'v4.sqlite')
    const db = createRegistryAtVersion(file, 4)
    const insert = db.prepare("INSERT INTO audit_log (at, os_user, patient_id, table_name, row_id, field, action, old_value, new_value) VALUES (?, 'nurse', NULL, 'patients', NULL, NULL, 'insert', NULL, ?)")
    for (let i = 0; i < 5; i++) insert.run(`2023-01-0${i + 1}T00:00:00.000Z`, `{"n":${i}}`)
    closeCleanly(db)
    const conn = await openRegistryFile(file)
    try {
      expect(verifyAuditChain(conn.db)).toEqual({ intact: true, entries: 5, brokenAtId: null, reason: null, kind: null })
    } finally {
      conn.db.close()
    }
  })
})
