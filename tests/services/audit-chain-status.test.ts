// The audit viewer's check: the whole trail's hash chain, intact or broken at a named entry (the
// one edited by hand, or the first after a removed one), with when it was written and for whom.
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { AuditChainStatus } from '@contract/integrity'
import type { PatientView } from '@contract/patients'
import { createPatientTestApp, type ExportTestApp } from '../db/harness'

let app: ExportTestApp | null = null
afterEach(() => {
  app?.close()
  app = null
})

/** A registry with two patients and a few edits; returns the file and the patients' ids. */
async function withTrail(): Promise<{ file: string; ids: number[] }> {
  app = createPatientTestApp()
  const file = await app.newRegistry()
  const ids: number[] = []
  for (const name of ['Ada Wang', 'Bo Li']) {
    const p = await app.call<PatientView>('patients.create', {})
    await app.call('patients.update', { id: p.record.id, path: 'identity.fullName', value: name })
    await app.call('patients.update', { id: p.record.id, path: 'patient.ageYears', value: 60 })
    ids.push(p.record.id)
  }
  return { file, ids }
}

/** Edits the file behind SpineMet's back (as an SQLite editor would), then reopens it. */
async function tamper(file: string, sql: string): Promise<void> {
  await app!.call('registry.close')
  const db = new BetterSqlite3(file)
  db.exec(sql)
  db.close()
  app!.host.dialogs.open.push(file)
  await app!.call('registry.open')
}

describe('registry.auditChain', () => {
  it('says the chain is intact and how many entries it checked', async () => {
    await withTrail()
    const total = app!.db().prepare('SELECT count(*) FROM audit_log').pluck().get() as number
    expect(total).toBeGreaterThanOrEqual(6)
    expect(await app!.call<AuditChainStatus>('registry.auditChain')).toEqual({
      intact: true,
      entries: total,
      brokenAtId: null,
      breakKind: null,
      brokenEntryAt: null,
      brokenPatientId: null,
      reason: null,
    })
  })

  it('names the entry changed by hand, when it was written and whose record it is', async () => {
    const { file, ids } = await withTrail()
    const target = app!.db().prepare("SELECT id, at FROM audit_log WHERE patient_id = ? AND field = 'patient.ageYears'").get(ids[1]) as { id: number; at: string } | undefined
    expect(target).toBeDefined()
    await tamper(file, `UPDATE audit_log SET new_value = '45' WHERE id = ${target!.id}`)
    expect(await app!.call<AuditChainStatus>('registry.auditChain')).toMatchObject({
      intact: false,
      brokenAtId: target!.id,
      breakKind: 'changed',
      brokenEntryAt: target!.at,
      brokenPatientId: ids[1],
    })
  })

  it('a removed entry breaks the chain at the one after it', async () => {
    const { file } = await withTrail()
    const ids = app!.db().prepare('SELECT id FROM audit_log ORDER BY id').pluck().all() as number[]
    await tamper(file, `DELETE FROM audit_log WHERE id = ${ids[2]}`)
    const r = await app!.call<AuditChainStatus>('registry.auditChain')
    expect(r).toMatchObject({ intact: false, brokenAtId: ids[3], breakKind: 'gap', entries: 3 })
    expect(path.basename(file)).toBe('registry.sqlite')
  })
})
