// patients.exportAudit: CSV of the audit trail, de-identified unless asked, written where the host says.
import fs from 'node:fs'
import path from 'node:path'
import Papa from 'papaparse'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AuditExportResult, PatientView } from '../../main/contract/patients'
import { createPatientTestApp, type ExportTestApp } from '../db/harness'

let app: ExportTestApp
let id: number
beforeEach(async () => {
  app = createPatientTestApp()
  await app.newRegistry()
  id = (await app.call<PatientView>('patients.create', {})).record.id
  await app.call('patients.update', { id, path: 'identity.fullName', value: 'Zhang Wei' })
  await app.call('patients.update', { id, path: 'identity.hospitalNumber', value: 'H-123' })
  await app.call('patients.update', { id, path: 'identity.dateOfBirth', value: '1960-02-01' })
  await app.call('patients.update', { id, path: 'patient.notes', value: '=cmd|calc' })
  await app.call('patients.update', { id, path: 'preop.kps', value: 70 })
  const other = (await app.call<PatientView>('patients.create', {})).record.id
  await app.call('patients.update', { id: other, path: 'identity.fullName', value: 'Li Na' })
  await app.call('patients.delete', { id: other })
})
afterEach(() => app.close())

function readCsv(file: string): Record<string, string>[] {
  const text = fs.readFileSync(file, 'utf8')
  expect(text.charCodeAt(0)).toBe(0xfeff)
  return Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true }).data
}

describe('patients.exportAudit', () => {
  it('de-identifies by default: identity values become [identity], everything else is kept', async () => {
    const target = path.join(app.host.dir, 'audit.csv')
    app.host.dialogs.save.push(target)
    const result = await app.call<AuditExportResult>('patients.exportAudit', {})
    expect(result).toEqual({ path: target, fileName: 'audit.csv', rows: 10, identified: false })
    const text = fs.readFileSync(target, 'utf8')
    for (const secret of ['Zhang Wei', 'H-123', '1960-02-01', 'Li Na']) expect(text).not.toContain(secret)
    const rows = readCsv(target)
    expect(Object.keys(rows[0]!)).toEqual(['audit_id', 'at', 'os_user', 'patient_id', 'study_id', 'table_name', 'row_id', 'field', 'action', 'old_value', 'new_value'])
    expect(rows).toHaveLength(10)
    expect(rows.find((r) => r.field === 'identity.fullName' && r.patient_id === String(id))).toMatchObject({ old_value: '', new_value: '[identity]', study_id: 'SM-0001' })
    expect(rows.find((r) => r.field === 'preop.kps')).toMatchObject({ new_value: '70', os_user: 'test-nurse', table_name: 'assessments' })
    // a formula is not run by a spreadsheet
    expect(rows.find((r) => r.field === 'patient.notes')!.new_value).toBe("'=cmd|calc")
    // the deleted patient's entries stay, without a study id, identity hidden
    const deleted = rows.filter((r) => r.study_id === '' && r.patient_id !== String(id))
    expect(deleted.map((r) => [r.table_name, r.action, r.old_value === '' ? '' : r.old_value === '[identity]' ? '[identity]' : 'json'])).toEqual([
      ['patients', 'insert', ''],
      ['patient_identities', 'update', ''],
      ['patients', 'delete', 'json'],
      ['patient_identities', 'delete', '[identity]'],
    ])
  })

  it('with identified: true the values are written as entered', async () => {
    const target = path.join(app.host.dir, 'audit-identified')
    app.host.dialogs.save.push(target)
    const result = await app.call<AuditExportResult>('patients.exportAudit', { identified: true })
    expect(result.path).toBe(target + '.csv')
    expect(result.identified).toBe(true)
    const rows = readCsv(result.path)
    expect(rows.filter((r) => r.field === 'identity.fullName').map((r) => r.new_value)).toEqual(['Zhang Wei', 'Li Na'])
  })

  it("one patient's trail only, with a default file name naming the study id", async () => {
    let offered = ''
    app.host.chooseExportPath = async (name) => {
      offered = name
      return path.join(app.host.dir, name)
    }
    const result = await app.call<AuditExportResult>('patients.exportAudit', { id })
    expect(offered).toBe('spinemet-audit-SM-0001-2024-06-01.csv')
    expect(result.rows).toBe(6)
    expect(readCsv(result.path).every((r) => r.patient_id === String(id))).toBe(true)
  })

  it('cancelled dialog: CANCELLED and no file; unknown patient: NOT_FOUND', async () => {
    const before = fs.readdirSync(app.host.dir)
    const r = await app.dispatch('patients.exportAudit', {})
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    expect(fs.readdirSync(app.host.dir)).toEqual(before)
    expect(await app.dispatch('patients.exportAudit', { id: 4242 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('an unwritable folder is a clear failure that leaves no partial file', async () => {
    const folder = path.join(app.host.dir, 'nope')
    app.host.dialogs.save.push(path.join(folder, 'audit.csv'))
    const r = await app.dispatch('patients.exportAudit', {})
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toMatch(/could not write audit\.csv.*Choose another folder/)
    expect(fs.existsSync(folder)).toBe(false)
  })
})
