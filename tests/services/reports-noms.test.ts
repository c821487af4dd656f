// reports.nomsSummary (the model of the printed NOMS summary), settings.get/update (the registry's
// team settings it applies), and reports.exportNomsPdf / openPdf without a real printer.
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { NomsSummaryModel, SavedPdf } from '../../main/contract/reports'
import type { RegistrySettings } from '../../main/domain/registry-settings'
import { insertPatientRecord } from '../../main/db/repositories/patient-records'
import { listPatientAudit } from '../../main/db/repositories/audit'
import { createPatientTestApp, type ExportTestApp } from '../db/harness'
import { completeRecord } from '../domain/records'

let app: ExportTestApp
let id: number
beforeEach(async () => {
  app = createPatientTestApp()
  await app.newRegistry('board.sqlite')
  const r = completeRecord('SM-0007')
  r.patient.histology = 'breast'
  r.preop.bilskyGrade = '2'
  r.preop.sinsPain = 'occasional' // SINS 7 → indeterminate
  r.preop.toleratesSurgery = null
  id = insertPatientRecord(app.db(), r, { osUser: 't', at: '2024-01-01T00:00:00.000Z' })
})
afterEach(() => app.close())

const model = (identified = false) => app.call<NomsSummaryModel>('reports.nomsSummary', { patientIds: [id], identified })

describe('reports.nomsSummary', () => {
  it('draws the assessment from the record with the default settings; the footer names the data snapshot', async () => {
    const m = await model()
    expect(m.footer).toMatchObject({ appName: 'SpineMet', registryFileName: 'board.sqlite', schemaVersion: expect.any(Number), patientCount: 1, generatedAt: app.host.now().toISOString() })
    expect(m.paperSize).toBe('A4')
    expect(m.escc1cIsHigh).toBe(false)
    const p = m.patients[0]!
    expect(p.studyId).toBe('SM-0007')
    expect(p.scores.sins.total).toBe(7)
    // breast: moderately sensitive by default, so high-grade compression is not sent to cEBRT
    expect(p.noms.inputs.radiosensitivity).toEqual({ class: 'moderate', origin: { kind: 'default', source: 'bilsky' } })
    expect(p.noms.result.decision).toEqual({ kind: 'conditional', ifStable: { kind: 'flag', flag: 'systemicAssessmentRequired' }, ifUnstable: { kind: 'flag', flag: 'systemicAssessmentRequired' } })
    expect(p.noms.result.missing).toEqual(['toleratesSurgery'])
    expect(p.noms.todo).toEqual([
      { kind: 'complete', input: 'toleratesSurgery' },
      { kind: 'decide', reason: 'sinsIndeterminate' },
      { kind: 'decide', reason: 'moderateTreatedAsResistant' },
    ])
    expect(p.eligibility.criteria.radioresistantHistology).toBe(false)
  })

  it('names the patient only in an identified print', async () => {
    expect((await model()).patients[0]!.identity).toBeNull()
    expect(JSON.stringify(await model())).not.toContain('Test Patient One')
    expect((await model(true)).patients[0]!.identity).toEqual({ fullName: 'Test Patient One', hospitalNumber: 'H-000001' })
  })

  it('refuses an unknown patient with a clear error', async () => {
    const r = await app.dispatch('reports.nomsSummary', { patientIds: [id, 999] })
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('999') } })
  })
})

describe('registry settings', () => {
  it('change the summary: breast set to highly sensitive → cEBRT rows; Bilsky 1c as high-grade; Letter paper', async () => {
    const s = await app.call<RegistrySettings>('settings.update', { radiosensitivity: { breast: 'high' }, escc1cIsHigh: true, paperSize: 'Letter' })
    expect(s).toEqual({ escc1cIsHigh: true, paperSize: 'Letter', radiosensitivity: { breast: 'high' } })
    expect(await app.call('settings.get')).toEqual(s)
    const m = await model()
    expect(m.paperSize).toBe('Letter')
    expect(m.escc1cIsHigh).toBe(true)
    expect(m.patients[0]!.noms.inputs.radiosensitivity).toEqual({ class: 'high', origin: { kind: 'registrySetting' } })
    expect(m.patients[0]!.noms.rows).toEqual([5, 6])
  })

  it('are audited, and null goes back to the default', async () => {
    await app.call('settings.update', { radiosensitivity: { stomach: 'resistant' } })
    await app.call('settings.update', { radiosensitivity: { stomach: null } })
    expect((await app.call<RegistrySettings>('settings.get')).radiosensitivity).toEqual({})
    const rows = app.db().prepare("SELECT field, old_value AS old, new_value AS new FROM audit_log WHERE table_name = 'registry_meta' ORDER BY id").all()
    expect(rows).toEqual([
      { field: 'setting.radiosensitivity.stomach', old: null, new: 'resistant' },
      { field: 'setting.radiosensitivity.stomach', old: 'resistant', new: null },
    ])
    expect(listPatientAudit(app.db(), id).some((e) => e.tableName === 'registry_meta')).toBe(false)
  })

  it('refuses a class that does not exist', async () => {
    const r = await app.dispatch('settings.update', { radiosensitivity: { breast: 'sensitive' } })
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})

describe('reports.exportNomsPdf', () => {
  it('asks the host to print the report route and saves where the user chose; opens it only on request', async () => {
    const printed: unknown[] = []
    app.host.printReportPdf = async (request) => {
      printed.push(request)
      return Buffer.from('%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF')
    }
    const opened: string[] = []
    app.host.openPath = async (f) => void opened.push(f)
    const target = path.join(app.host.dir, 'summary')
    app.host.dialogs.save.push(target)
    const saved = await app.call<SavedPdf>('reports.exportNomsPdf', { patientIds: [id], lang: 'zh-CN' })
    expect(saved).toEqual({ path: target + '.pdf', fileName: 'summary.pdf', pages: 1 })
    expect(fs.readFileSync(target + '.pdf', 'latin1')).toMatch(/^%PDF/)
    expect(printed).toEqual([{ route: `/report/noms?ids=${id}&identified=0&lang=zh-CN`, paperSize: 'A4', lang: 'zh-CN' }])
    expect(opened).toEqual([])
    await app.call('reports.openPdf', { path: saved.path })
    expect(opened).toEqual([saved.path])
    const other = await app.dispatch('reports.openPdf', { path: path.join(app.host.dir, 'board.sqlite') })
    expect(other).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('is cancelled when the user cancels the save dialog, and refused without a printer', async () => {
    app.host.printReportPdf = async () => Buffer.from('')
    app.host.dialogs.save.push(null)
    expect(await app.dispatch('reports.exportNomsPdf', { patientIds: [id] })).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    delete app.host.printReportPdf
    expect(await app.dispatch('reports.exportNomsPdf', { patientIds: [id] })).toMatchObject({ ok: false, error: { code: 'EXPORT_FAILED' } })
  })
})
