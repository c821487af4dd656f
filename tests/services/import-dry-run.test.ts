// The dry run on one fixture per kind of problem: each problem is reported by row (header = row 1)
// and column, in words a nurse understands, and the dry run writes nothing.
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ImportProblem } from '@contract/import-export'
import { insertPatientRecord } from '../../main/db/repositories/patient-records'
import { dryRunOf, planImport } from '../../main/services/import/plan'
import { ACTOR, addExistingPatient, countPatients, fixture, fullRecord, newRegistry, options, planFile, type TestRegistry } from './import-helpers'

let reg: TestRegistry | null = null
afterEach(() => {
  reg?.close()
  reg = null
})

const brief = (p: ImportProblem) => ({ code: p.code, row: p.row, column: p.column })

describe('dry run of a clean file', () => {
  it.each(['clean.csv', 'clean-utf16le.csv', 'clean-utf16be.csv'])('%s: every row is ready, nothing is written', (name) => {
    reg = newRegistry()
    const { dry } = planFile(reg.db, fixture(name))
    expect(dry.problems).toEqual([])
    expect(dry).toMatchObject({ totalRows: 3, okRows: 3, wouldCreate: 3, duplicates: 0, canCommit: true })
    expect(countPatients(reg.db)).toBe(0)
  })

  it.each(['zh-hospital-gb18030.csv', 'zh-hospital-utf8-bom.csv'])('%s: a Chinese hospital export is read and mapped by its Chinese headers', (name) => {
    reg = newRegistry()
    const { dry, plan, source } = planFile(reg.db, fixture(name))
    expect(dry.problems).toEqual([])
    expect(dry.wouldCreate).toBe(2)
    const first = plan.toCreate[0]!.record
    expect(first.identity).toMatchObject({ fullName: '王芳', hospitalNumber: 'ZY20190001' })
    expect(first.patient).toMatchObject({ studyId: 'SM-0001', sex: 'female', ageYears: 58, histology: 'kidney', spinalRegion: 'thoracic', vertebrae: ['T11', 'T12'] })
    expect(first.surgery).toMatchObject({ surgeryDate: '2019-03-05', arm: 'HT', bloodLossMl: 800 })
    expect(plan.toCreate[1]!.record.patient.studyId).toBe('SM-0002')
    expect(source.patients.encoding).toBe(name.includes('gb18030') ? 'gb18030' : 'utf-8-bom')
  })
})

describe('each kind of problem, by row and column', () => {
  it('wrong type', () => {
    reg = newRegistry()
    const { dry } = planFile(reg.db, fixture('wrong-type.csv'))
    expect(dry.problems.map(brief)).toEqual([
      { code: 'WRONG_TYPE', row: 3, column: 'Age' },
      { code: 'WRONG_TYPE', row: 4, column: 'KPS' },
    ])
    expect(dry.problems[0]!.message).toBe("Row 3, column 'Age': 'sixty' is not a number of years (0–120).")
    expect(dry.problems[0]!.detailZh).toBe('“sixty”不是以岁计的年龄（0–120）。')
    expect(dry).toMatchObject({ totalRows: 3, okRows: 1, wouldCreate: 0, canCommit: false })
  })

  it('out of range', () => {
    reg = newRegistry()
    const { dry } = planFile(reg.db, fixture('out-of-range.csv'))
    expect(dry.problems.map(brief)).toEqual([
      { code: 'OUT_OF_RANGE', row: 4, column: 'Age' },
      { code: 'OUT_OF_RANGE', row: 4, column: 'KPS' },
      { code: 'OUT_OF_RANGE', row: 4, column: 'ECOG' },
      { code: 'OUT_OF_RANGE', row: 4, column: 'VAS' },
    ])
    expect(dry.problems[0]!.message).toBe("Row 4, column 'Age': 130 is out of range: Age must be between 0 and 120 years.")
  })

  it('impossible date order', () => {
    reg = newRegistry()
    const { dry } = planFile(reg.db, fixture('date-order.csv'))
    expect(dry.problems.map(brief)).toEqual([{ code: 'DATE_ORDER', row: 3, column: 'Surgery date' }])
    expect(dry.problems[0]!.message).toBe(
      "Row 3, column 'Surgery date': the surgery date (2 April 2019) is before the admission date (10 April 2019). The operation cannot come before the admission or the diagnosis. Check both dates against the chart.",
    )
    expect(dry.problems[0]!.messageKey).toBe('validation.dateOrder.surgeryBeforeAdmission')
    // what the renderer needs to say it in the UI language: the two dates and the other field
    expect(dry.problems[0]!).toMatchObject({ field: 'surgery.surgeryDate', params: { date: '2019-04-02', otherDate: '2019-04-10' }, related: ['surgery.admissionDate'] })
  })

  it('ambiguous date', () => {
    reg = newRegistry()
    const { dry } = planFile(reg.db, fixture('ambiguous-date.csv'))
    expect(dry.problems.map(brief)).toEqual([{ code: 'AMBIGUOUS_DATE', row: 2, column: 'Surgery date' }])
  })

  it('unknown category', () => {
    reg = newRegistry()
    const { dry } = planFile(reg.db, fixture('unknown-category.csv'))
    expect(dry.problems.map(brief)).toEqual([
      { code: 'UNKNOWN_CATEGORY', row: 3, column: 'Sex' },
      { code: 'UNKNOWN_CATEGORY', row: 4, column: 'Primary' },
      { code: 'UNKNOWN_CATEGORY', row: 4, column: 'Bilsky' },
    ])
  })

  it('duplicate patient: the same hospital number twice in the file', () => {
    reg = newRegistry()
    const { dry } = planFile(reg.db, fixture('duplicate.csv'))
    expect(dry.problems.map(brief)).toEqual([{ code: 'DUPLICATE', row: 4, column: 'Hospital number' }])
    expect(dry.problems[0]!.message).toBe(
      "Row 4, column 'Hospital number': hospital number 'H7001' is also in row 2: the same patient appears twice in the file. Keep one row per patient.",
    )
    expect(dry.duplicates).toBe(1)
  })

  it('duplicate patient: a hospital number already in the registry (refused, or skipped on request)', () => {
    reg = newRegistry()
    addExistingPatient(reg.db, 'OLD-1', 'H1002')
    const refused = planFile(reg.db, fixture('clean.csv')).dry
    expect(refused.problems.map(brief)).toEqual([{ code: 'DUPLICATE', row: 3, column: 'Hospital number' }])
    expect(refused.problems[0]!.message).toContain("a patient with hospital number 'H1002' is already in the registry")

    const skipped = planFile(reg.db, fixture('clean.csv'), { onDuplicate: 'skip' }).dry
    expect(skipped.problems).toEqual([])
    expect(skipped).toMatchObject({ wouldCreate: 2, wouldSkip: 1, duplicates: 1, canCommit: true })
    expect(skipped.warnings.filter((w) => w.code === 'SKIPPED').map(brief)).toEqual([{ code: 'SKIPPED', row: 3, column: 'Hospital number' }])
  })

  it('duplicate patient: a study ID already in the registry', () => {
    reg = newRegistry()
    insertPatientRecord(reg.db, fullRecord('IMP-003'), ACTOR)
    const { dry } = planFile(reg.db, fixture('clean.csv'))
    expect(dry.problems.map(brief)).toEqual([{ code: 'DUPLICATE', row: 4, column: 'Study ID' }])
  })

  it('wrong encoding, naming the likely encoding', () => {
    reg = newRegistry()
    const { dry } = planFile(reg.db, fixture('wrong-encoding-cp1252.csv'))
    expect(dry.problems.map(brief)).toEqual([{ code: 'WRONG_ENCODING', row: null, column: null }])
    expect(dry.problems[0]!.message).toMatch(/^wrong-encoding-cp1252\.csv: the file is not saved as UTF-8, UTF-16 or Chinese GB18030\/GBK text; it looks like Western European \(Windows-1252/)
    expect(dry.canCommit).toBe(false)
  })

  it('missing column: neither a study ID nor a hospital number', () => {
    reg = newRegistry()
    const { dry } = planFile(reg.db, fixture('missing-column.csv'))
    expect(dry.problems.map(brief)).toEqual([{ code: 'MISSING_COLUMN', row: null, column: null }])
    expect(dry.problems[0]!.message).toContain('no column is mapped to the study ID or to the hospital number')
  })

  it('missing value: a row without its study ID', () => {
    reg = newRegistry()
    const file = planFile(reg.db, fixture('clean.csv'))
    file.source.patients.rows[1]!.cells[0] = ''
    const d = dryRunOf(planImport(reg.db, file.source, options(file.mapping)))
    expect(d.problems.map(brief)).toEqual([{ code: 'MISSING_VALUE', row: 3, column: 'Study ID' }])
    expect(d.problems[0]!.message).toBe("Row 3, column 'Study ID': the study ID is empty; every patient needs one.")
  })

  it('malformed CSV: an unclosed quotation mark and rows with more or fewer values than the header', () => {
    reg = newRegistry()
    expect(planFile(reg.db, fixture('malformed-quotes.csv')).dry.problems.map(brief)).toEqual([{ code: 'MALFORMED_CSV', row: 3, column: null }])
    const ragged = planFile(reg.db, fixture('ragged.csv')).dry
    expect(ragged.problems.map(brief)).toEqual([
      { code: 'MALFORMED_CSV', row: 3, column: null },
      { code: 'MALFORMED_CSV', row: 4, column: null },
    ])
    expect(ragged.problems[0]!.message).toBe(
      'Row 3: this row has 4 values but the header has 3 columns, so the values cannot be matched to their columns. A comma inside a value that is not in quotes is the usual cause.',
    )
    expect(ragged).toMatchObject({ totalRows: 4, okRows: 2 })
  })

  it('mapping: two columns on one field, and a mapped column that is not in the file', () => {
    reg = newRegistry()
    const { dry } = planFile(reg.db, fixture('clean.csv'), { mapping: { Name: 'patient.ageYears', Ghost: 'patient.notes' } })
    expect(dry.problems.map((p) => p.code)).toEqual(['MAPPING', 'MAPPING'])
    expect(dry.problems.map((p) => p.message).join('\n')).toContain("both 'Name' and 'Age' are mapped to Age")
  })

  it('lists every problem of a file with many, and warns about columns it leaves out', () => {
    reg = newRegistry()
    const { dry } = planFile(reg.db, fixture('clean.csv'), { mapping: { Name: null } })
    expect(dry.problems).toEqual([])
    expect(dry.warnings.some((w) => w.code === 'IGNORED' && w.message.includes("'Name'"))).toBe(true)
  })

  it('writes nothing, whatever it finds', () => {
    reg = newRegistry()
    const before = reg.db.prepare('SELECT (SELECT count(*) FROM patients) + (SELECT count(*) FROM audit_log) AS n').get()
    for (const f of ['clean.csv', 'wrong-type.csv', 'duplicate.csv', 'malformed-quotes.csv']) planFile(reg.db, fixture(f))
    expect(reg.db.prepare('SELECT (SELECT count(*) FROM patients) + (SELECT count(*) FROM audit_log) AS n').get()).toEqual(before)
  })
})

describe('linked complications and follow-up files', () => {
  it('reports their problems by file, row and column, and patients they cannot be linked to', () => {
    reg = newRegistry()
    const file = path.join(reg.dir, 'ward.csv')
    fs.copyFileSync(fixture('clean.csv'), file)
    fs.writeFileSync(
      path.join(reg.dir, 'ward_complications.csv'),
      'patient.studyId,complication.kind,complication.grade,complication.onsetDate\nIMP-001,pneumonia,II,2018-02-05\nIMP-009,pneumonia,II,2018-02-05\nIMP-002,hiccups,I,2018-06-05\n',
    )
    fs.writeFileSync(path.join(reg.dir, 'ward_follow_up.csv'), 'patient.studyId,followUp.kind,followUp.eventDate\nIMP-001,contact,2018-01-01\nIMP-002,contact,2019-01-01\n')
    const { dry } = planFile(reg.db, file)
    expect(dry.problems.map((p) => [p.fileName, p.code, p.row, p.column])).toEqual([
      ['ward_complications.csv', 'UNKNOWN_PATIENT', 3, 'patient.studyId'],
      ['ward_complications.csv', 'UNKNOWN_CATEGORY', 4, 'complication.kind'],
      ['ward_follow_up.csv', 'DATE_ORDER', 2, 'followUp.eventDate'],
    ])
    expect(dry.problems[2]!.message).toMatch(/^ward_follow_up\.csv, row 2, column 'followUp\.eventDate': /)
  })
})
