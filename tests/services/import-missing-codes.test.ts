// Missing-data codes survive an export and re-import: the export writes them as
// derived.missingCodes (preop.ecog=ND;month6.sosgoq=LTFU) and the import reads them back into the
// record; a pair that cannot apply is reported and left out, never applied.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { getPatientRecord } from '../../main/db/repositories/patient-records'
import { insertPatientRecord } from '../../main/db/repositories/patient-records'
import { exportRegistry } from '../../main/services/export/index'
import { commitImport } from '../../main/services/import/commit'
import { suggestMapping } from '../../main/services/import/mapping'
import { planImport } from '../../main/services/import/plan'
import { loadImportSource } from '../../main/services/import/source'
import { ACTOR, fullRecord, options, registriesClosedAfterEach, tempDir, type TestRegistry } from './import-helpers'

const registry = registriesClosedAfterEach()

const NOW = '2026-01-01T08:00:00.000Z'

/** A registry of two patients, the second with coded missing fields (those fields empty). */
function withCodes(): TestRegistry {
  const r = registry()
  insertPatientRecord(r.db, fullRecord('SM-0001', 1), ACTOR)
  const coded = fullRecord('SM-0002', 2)
  coded.preop = { ...coded.preop, ecog: null }
  coded.month6 = { ...coded.month6, vasPain: null, sosgoqVersion: null, sosgoqAnswers: null, sosgoqEnteredTotal: null }
  coded.missingCodes = { 'preop.ecog': 'notDone', 'month6.vasPain': 'unknown', 'month6.sosgoq': 'lostToFollowUp' }
  insertPatientRecord(r.db, coded, ACTOR)
  return r
}

const codesOf = (r: TestRegistry, studyId: string) => {
  const id = r.db.prepare('SELECT id FROM patients WHERE study_id = ?').pluck().get(studyId) as number
  return getPatientRecord(r.db, id)!.missingCodes
}

describe('missing-data codes: export → import', () => {
  it('come back with the record', () => {
    const source = withCodes()
    const result = exportRegistry(source.db, path.join(tempDir(), 'coded.csv'), { identified: false, scope: 'all', now: NOW })
    expect(fs.readFileSync(result.path, 'utf8')).toContain(',month6.sosgoq=LTFU;month6.vasPain=UNK;preop.ecog=ND\r\n')

    const target = registry()
    const file = loadImportSource(result.path)
    const plan = planImport(target.db, file, options(suggestMapping(file.patients.header)))
    // the codes column is read, not listed among the derived columns left out
    expect([...plan.warnings, ...plan.errors].some((p) => p.detail.includes('derived.missingCodes'))).toBe(false)
    commitImport(target.db, file, options(suggestMapping(file.patients.header)), ACTOR)
    expect(codesOf(target, 'SM-0002')).toEqual({ 'preop.ecog': 'notDone', 'month6.vasPain': 'unknown', 'month6.sosgoq': 'lostToFollowUp' })
    expect(codesOf(target, 'SM-0001')).toBeUndefined()
  })

  it('leave out, with a warning each, a code on a field that has a value, LTFU before surgery, and an unknown code', () => {
    const source = withCodes()
    const result = exportRegistry(source.db, path.join(tempDir(), 'coded.csv'), { identified: false, scope: 'all', now: NOW })
    const csv = fs.readFileSync(result.path, 'utf8').replace('month6.sosgoq=LTFU;month6.vasPain=UNK;preop.ecog=ND', 'preop.kps=ND;preop.ecog=LTFU;month6.vasPain=XX;month6.sosgoq=ltfu')
    fs.writeFileSync(result.path, csv)

    const target = registry()
    const file = loadImportSource(result.path)
    const plan = planImport(target.db, file, options(suggestMapping(file.patients.header)))
    const warnings = plan.warnings.filter((p) => p.code === 'IGNORED' && p.column === 'derived.missingCodes')
    expect(warnings.map((w) => w.value)).toEqual(['preop.kps=ND', 'preop.ecog=LTFU', 'month6.vasPain=XX'])
    expect(warnings[0]!.detail).toContain('has a value')
    expect(warnings[1]!.detail).toContain('follow-up fields')
    expect(warnings[2]!.detail).toContain('ND, UNK, NAP, LTFU')
    expect(warnings.every((w) => w.severity === 'warning' && w.detailZh !== '')).toBe(true)
    commitImport(target.db, file, options(suggestMapping(file.patients.header)), ACTOR)
    expect(codesOf(target, 'SM-0002')).toEqual({ 'month6.sosgoq': 'lostToFollowUp' })
  })
})
