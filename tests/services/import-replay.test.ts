// The commit after a clean check writes what the check converted (CheckedRows) instead of reading
// and converting the file again. It must write exactly what a commit straight from the file
// writes, still refuse a file changed since it was read, and decide duplicates, skipped patients
// and the record rules by the registry as it is at the commit.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3'
import { exportRegistry } from '../../main/services/export/index'
import { insertPatientRecord } from '../../main/db/repositories/patient-records'
import { commitImport } from '../../main/services/import/commit'
import { suggestMapping } from '../../main/services/import/mapping'
import { checkImport, type ImportSource, type PlanOptions } from '../../main/services/import/plan'
import { loadImportSource } from '../../main/services/import/source'
import { writeImportCsv } from '../helpers/import-csv'
import { ACTOR, addExistingPatient, allRecords, fixture, fullRecord, options, registriesClosedAfterEach, tempDir } from './import-helpers'

const registry = registriesClosedAfterEach()

/** Every table an import writes, as rows (ids and times included: the two paths must agree on them too). */
function tables(db: Database): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {}
  for (const t of ['patients', 'patient_identities', 'patient_vertebrae', 'assessments', 'surgeries', 'complications', 'follow_up_events', 'patient_status', 'missing_codes']) {
    out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).raw().all()
  }
  return out
}

/** A check that keeps what it converted, then the commit from that; the file must not be read again. */
async function checkThenCommit(db: Database, source: ImportSource, opts: PlanOptions) {
  const checked = await checkImport(db, source, opts, {}, true)
  expect(checked.errorCount).toBe(0)
  expect(checked.checkedRows).not.toBeNull()
  const stream = source.patients.stream
  if (stream) {
    stream.chunks = () => {
      throw new Error('the commit read the patients file again')
    }
  }
  return { checked, result: commitImport(db, source, { ...opts, rulesChecked: true }, ACTOR, {}, checked.checkedRows) }
}

describe('the commit after a clean check', () => {
  it('writes what a commit straight from the file writes: records, linked rows, status and ids', async () => {
    const f = writeImportCsv(path.join(tempDir(), 'csv'), 700, 11)
    const load = () => loadImportSource(f.patients, { complications: f.complications, followUp: f.followUp, stream: true })
    const opts = options(suggestMapping(load().patients.header), { includeLinked: true })

    const replayed = registry()
    const { result } = await checkThenCommit(replayed.db, load(), opts)
    const direct = registry()
    expect(commitImport(direct.db, load(), opts, ACTOR)).toEqual(result)
    expect(result.created).toBe(700)
    expect(result.complications + result.followUpEvents).toBeGreaterThan(700)
    expect(tables(replayed.db)).toEqual(tables(direct.db))
  }, 120_000)

  it('brings back the missing-data codes and Chinese text of an export', async () => {
    const from = registry()
    const coded = fullRecord('SM-0002', 2)
    coded.identity.fullName = '王芳'
    coded.patient.notes = '术后恢复良好，定期随访。'.repeat(3)
    coded.preop = { ...coded.preop, ecog: null }
    coded.missingCodes = { 'preop.ecog': 'notDone' }
    insertPatientRecord(from.db, fullRecord('SM-0001', 1), ACTOR)
    insertPatientRecord(from.db, coded, ACTOR)
    const exported = exportRegistry(from.db, path.join(tempDir(), 'coded.csv'), { identified: true, scope: 'all', now: ACTOR.at })
    const opts = options(suggestMapping(loadImportSource(exported.path).patients.header))

    const replayed = registry()
    await checkThenCommit(replayed.db, loadImportSource(exported.path, { stream: true }), opts)
    const direct = registry()
    commitImport(direct.db, loadImportSource(exported.path), opts, ACTOR)
    expect(tables(replayed.db)).toEqual(tables(direct.db))
    expect(allRecords(replayed.db)[1]).toMatchObject({ identity: { fullName: '王芳' }, patient: { notes: coded.patient.notes } })
    expect(tables(replayed.db).missing_codes).toHaveLength(1)
  })

  it('refuses a file changed after it was checked', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'clean.csv')
    fs.copyFileSync(fixture('clean.csv'), file)
    const reg = registry()
    const source = loadImportSource(file, { complications: null, followUp: null, stream: true })
    const opts = options(suggestMapping(source.patients.header))
    const checked = await checkImport(reg.db, source, opts, {}, true)
    fs.appendFileSync(file, 'IMP-099,H1099,Zhao Lei,50,M,thyroid,lumbar,L3,2018-01-04,80,1,2,E,3,HT,2018-02-01,2018-02-03,2018-02-14,2018-03-01,24,1\r\n')
    expect(() => commitImport(reg.db, source, { ...opts, rulesChecked: true }, ACTOR, {}, checked.checkedRows)).toThrow(/changed or moved after SpineMet read it/)
    expect(reg.db.prepare('SELECT count(*) FROM patients').pluck().get()).toBe(0)
  })

  it('refuses a patient added to the registry after the check', async () => {
    const reg = registry()
    const source = loadImportSource(fixture('clean.csv'))
    const opts = options(suggestMapping(source.patients.header))
    const checked = await checkImport(reg.db, source, opts, {}, true)
    addExistingPatient(reg.db, 'SM-9000', 'H1002')
    expect(() => commitImport(reg.db, source, { ...opts, rulesChecked: true }, ACTOR, {}, checked.checkedRows)).toThrow(/hospital number 'H1002' is already in the registry/)
    expect(reg.db.prepare('SELECT count(*) FROM patients').pluck().get()).toBe(1)
  })

  it('applies the record rules to a row the check skipped (already in the registry then, gone now)', async () => {
    const reg = registry()
    const dir = tempDir()
    const file = path.join(dir, 'order.csv')
    // DO-002 was operated on before it was admitted: a date-order error.
    fs.copyFileSync(fixture('date-order.csv'), file)
    addExistingPatient(reg.db, 'DO-002', 'H4002')
    const source = loadImportSource(file)
    const opts = options(suggestMapping(source.patients.header), { onDuplicate: 'skip' })
    const checked = await checkImport(reg.db, source, opts, {}, true)
    expect(checked).toMatchObject({ errorCount: 0, skipped: 1 })
    reg.db.prepare('DELETE FROM patients').run()
    expect(() => commitImport(reg.db, source, { ...opts, rulesChecked: true }, ACTOR, {}, checked.checkedRows)).toThrow(/row 3|DO-002|surgery/i)
    expect(reg.db.prepare('SELECT count(*) FROM patients').pluck().get()).toBe(0)
  })

  it('keeps nothing when the check finds an error', async () => {
    const reg = registry()
    const source = loadImportSource(fixture('date-order.csv'))
    const checked = await checkImport(reg.db, source, options(suggestMapping(source.patients.header)), {}, true)
    expect(checked.errorCount).toBeGreaterThan(0)
    expect(checked.checkedRows).toBeNull()
  })
})
