// The commit: every patient in one transaction through insertPatientRecord (with its audit
// entries), or nothing at all — the registry file is byte-identical after a refused import.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ImportDryRun, ImportPreview } from '@contract/import-export'
import type { PatientListPage } from '@contract/patients'
import { AppFailure } from '@contract/result'
import { openRegistryFile } from '../../main/db/connection'
import { listPatientAudit } from '../../main/db/repositories/audit'
import { insertPatientRecord } from '../../main/db/repositories/patient-records'
import { commitImport } from '../../main/services/import/commit'
import { suggestMapping } from '../../main/services/import/mapping'
import { loadImportSource } from '../../main/services/import/source'
import { createTestApp, type TestApp } from '../helpers/test-host'
import { ACTOR, addExistingPatient, allRecords, countPatients, fixture, fullRecord, newRegistry, options, type TestRegistry } from './import-helpers'

let reg: TestRegistry | null = null
let app: TestApp | null = null
afterEach(() => {
  reg?.close()
  reg = null
  app?.close()
  app = null
})

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')

function commitFile(db: TestRegistry['db'], name: string, extra: Parameters<typeof options>[1] = {}) {
  const source = loadImportSource(fixture(name))
  return commitImport(db, source, options(suggestMapping(source.patients.header), extra), ACTOR)
}

function refusal(fn: () => unknown): AppFailure {
  try {
    fn()
  } catch (err) {
    if (err instanceof AppFailure) return err
    throw err
  }
  throw new Error('expected the import to be refused')
}

describe('commit', () => {
  it('creates every patient of a clean file, with the values converted, and audit entries', () => {
    reg = newRegistry()
    expect(commitFile(reg.db, 'clean.csv')).toEqual({ created: 3, skipped: 0, complications: 0, followUpEvents: 0 })
    const records = allRecords(reg.db)
    expect(records.map((r) => r.patient.studyId)).toEqual(['IMP-001', 'IMP-002', 'IMP-003'])
    const third = records[2]!
    expect(third.identity).toEqual({ fullName: 'Zhang, Min', hospitalNumber: 'H1003', dateOfBirth: null })
    expect(third.patient).toMatchObject({ ageYears: 49, sex: 'female', histology: 'liver', spinalRegion: 'thoracic', vertebrae: ['T8'], diagnosisDate: '2019-01-15' })
    expect(third.preop).toMatchObject({ kps: 60, ecog: 2, bilskyGrade: '1c', asiaGrade: 'C', vasPain: 8 })
    expect(third.surgery).toMatchObject({ arm: 'HT', admissionDate: '2019-02-01', surgeryDate: '2019-02-03', srsDoseGy: 27, srsFractions: 3 })
    expect(records[1]!.surgery).toMatchObject({ arm: 'TES', srsDate: null, srsDoseGy: null })
    // One audit entry for the import, naming the file and its hash; each patient's trail shows it with the patient's row.
    const audit = reg.db.prepare("SELECT table_name, os_user, patient_id, new_value FROM audit_log WHERE action = 'insert'").all() as { new_value: string }[]
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ table_name: 'imports', os_user: 'test-nurse', patient_id: null })
    expect(JSON.parse(audit[0]!.new_value)).toMatchObject({ importedFrom: 'clean.csv', sha256: sha(fixture('clean.csv')), patients: 3, rows: [[2, 3]] })
    const thirdId = reg.db.prepare("SELECT id FROM patients WHERE study_id = 'IMP-003'").pluck().get() as number
    const trail = listPatientAudit(reg.db, thirdId)
    expect(trail.map((e) => ({ tableName: e.tableName, osUser: e.osUser, action: e.action, newValue: JSON.parse(e.newValue!) as unknown }))).toEqual([
      { tableName: 'patients', osUser: 'test-nurse', action: 'insert', newValue: { importedFrom: 'clean.csv', row: 4, sha256: sha(fixture('clean.csv')) } },
    ])
  })

  it('skips patients already in the registry when asked, and creates the others', () => {
    reg = newRegistry()
    addExistingPatient(reg.db, 'OLD-1', 'H1002')
    expect(commitFile(reg.db, 'clean.csv', { onDuplicate: 'skip' })).toMatchObject({ created: 2, skipped: 1 })
    expect(allRecords(reg.db).map((r) => r.patient.studyId)).toEqual(['IMP-001', 'IMP-003', 'OLD-1'])
  })

  it.each([
    'wrong-type.csv',
    'out-of-range.csv',
    'date-order.csv',
    'ambiguous-date.csv',
    'unknown-category.csv',
    'duplicate.csv',
    'wrong-encoding-cp1252.csv',
    'missing-column.csv',
    'malformed-quotes.csv',
    'ragged.csv',
  ])('refuses %s and leaves the registry file byte-identical', async (name) => {
    reg = newRegistry()
    insertPatientRecord(reg.db, fullRecord('OLD-1'), ACTOR)
    reg.close()
    const file = reg.path
    reg = null
    const before = sha(file)
    const conn = await openRegistryFile(file)
    const failure = refusal(() => {
      const source = loadImportSource(fixture(name))
      commitImport(conn.db, source, options(suggestMapping(source.patients.header)), ACTOR)
    })
    expect(failure.code).toBe('IMPORT_FAILED')
    expect(failure.message).toMatch(/^Nothing was imported: the file has \d+ problems? to correct first \(the first: /)
    expect(failure.message).toContain('the header is row 1, so the first patient is row 2')
    expect((failure.details as { problemCount: number }).problemCount).toBeGreaterThan(0)
    expect(countPatients(conn.db)).toBe(1)
    conn.db.pragma('wal_checkpoint(TRUNCATE)')
    conn.db.close()
    expect(sha(file)).toBe(before)
  })

  it('rolls everything back when SQLite refuses a row in the middle', () => {
    reg = newRegistry()
    reg.db.exec("CREATE TRIGGER refuse_third BEFORE INSERT ON patients WHEN NEW.study_id = 'IMP-003' BEGIN SELECT RAISE(ABORT, 'refused by test'); END")
    const failure = refusal(() => commitFile(reg!.db, 'clean.csv'))
    expect(failure.code).toBe('IMPORT_FAILED')
    expect(failure.message).toMatch(/^Nothing was imported: row 4 could not be saved/)
    expect(countPatients(reg.db)).toBe(0)
    expect((reg.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBe(0)
  })

  it('checks again inside its transaction: a duplicate added after the dry run is refused', () => {
    reg = newRegistry()
    const source = loadImportSource(fixture('clean.csv'))
    const opts = options(suggestMapping(source.patients.header))
    const late = fullRecord('LATE-1')
    late.identity.hospitalNumber = 'H1001'
    insertPatientRecord(reg.db, late, ACTOR)
    expect(refusal(() => commitImport(reg!.db, source, opts, ACTOR)).message).toContain("hospital number 'H1001' is already in the registry")
    expect(countPatients(reg.db)).toBe(1)
  })
})

describe('import.* through dispatch', () => {
  async function appWithRegistry(): Promise<TestApp> {
    const a = createTestApp({ now: () => new Date('2026-01-01T08:00:00Z') })
    a.host.dialogs.save.push(path.join(a.host.dir, 'ward.sqlite'))
    await a.call('registry.create')
    return a
  }

  it('chooses the file by dialog, previews, checks and commits, then forgets the file', async () => {
    app = await appWithRegistry()
    const chosen: string[] = [fixture('zh-hospital-gb18030.csv')]
    app.host.chooseImportFile = async () => chosen.shift() ?? null
    const preview = await app.call<ImportPreview>('import.preview', { source: 'dialog' })
    expect(preview).toMatchObject({ fileName: 'zh-hospital-gb18030.csv', encoding: 'gb18030', delimiter: ',', rowCount: 2, fileProblems: [] })
    expect(preview.columns[0]).toEqual({ name: '住院号', index: 0, sample: ['ZY20190001', 'ZY20190002'] })
    expect(preview.suggestedMapping['住院号']).toBe('identity.hospitalNumber')
    expect(preview.targets.find((t) => t.field === 'patient.sex')).toMatchObject({ label: 'Sex', labelZh: '性别', codes: ['male', 'female'] })

    const request = { token: preview.token, mapping: preview.suggestedMapping }
    const dry = await app.call<ImportDryRun>('import.dryRun', request)
    expect(dry).toMatchObject({ wouldCreate: 2, canCommit: true, problemCount: 0 })
    expect(await app.call('import.commit', request)).toEqual({ created: 2, skipped: 0, complications: 0, followUpEvents: 0 })
    expect(app.host.events.some((e) => e.event === 'registry.changed')).toBe(true)
    const list = await app.call<PatientListPage>('patients.list', {})
    expect(list.total).toBe(2)
    expect(list.rows.map((r) => r.fullName)).toEqual(['王芳', '李伟'])

    const again = await app.dispatch('import.dryRun', request)
    expect(again.ok).toBe(false)
    if (!again.ok) expect(again.error).toMatchObject({ code: 'IMPORT_FAILED', field: 'token' })
  })

  it('returns the problems of a refused commit, and CANCELLED when the dialog is cancelled', async () => {
    app = await appWithRegistry()
    const chosen: (string | null)[] = [fixture('wrong-type.csv'), null]
    app.host.chooseImportFile = async () => chosen.shift() ?? null
    const preview = await app.call<ImportPreview>('import.preview', { source: 'dialog' })
    const r = await app.dispatch('import.commit', { token: preview.token, mapping: preview.suggestedMapping })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('IMPORT_FAILED')
      expect((r.error.details as { problems: { row: number }[] }).problems.map((p) => p.row)).toEqual([3, 4])
    }
    expect((await app.call<PatientListPage>('patients.list', {})).total).toBe(0)
    const cancelled = await app.dispatch('import.preview', { source: 'dialog' })
    expect(cancelled.ok ? null : cancelled.error.code).toBe('CANCELLED')
  })

  it('refuses a preview without an open registry, and a linked file chosen as the patients file', async () => {
    app = createTestApp()
    app.host.chooseImportFile = async () => fixture('clean.csv')
    const r = await app.dispatch('import.preview', { source: 'dialog' })
    expect(r.ok ? null : r.error.code).toBe('NO_REGISTRY_OPEN')
    app.close()
    app = await appWithRegistry()
    const linked = path.join(app.host.dir, 'x_complications.csv')
    fs.writeFileSync(linked, 'patient.studyId,complication.kind\nA,pneumonia\n')
    app.host.chooseImportFile = async () => linked
    const refused = await app.dispatch('import.preview', { source: 'dialog' })
    expect(refused.ok ? null : refused.error.message).toBe(
      'x_complications.csv is the complications file of a SpineMet export. Choose the patients file (x.csv) instead; this file is read with it.',
    )
  })
})
