// CSV export: de-identified by default, a data dictionary for every column, files R reads with
// read.csv() defaults, and a round trip export → import into a new registry → identical records.
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ExportResult } from '@contract/import-export'
import { openRegistryFile } from '../../main/db/connection'
import { insertPatientRecord } from '../../main/db/repositories/patient-records'
import { exportRegistry } from '../../main/services/export/index'
import { DERIVED_COLUMNS } from '../../main/services/export/columns'
import { guardFormula } from '../../main/services/export/csv-writer'
import { convertCell } from '../../main/services/import/cells'
import { commitImport } from '../../main/services/import/commit'
import { CSV_FIELDS } from '../../main/services/import/fields'
import { suggestMapping } from '../../main/services/import/mapping'
import { loadImportSource } from '../../main/services/import/source'
import { writeDemoRegistry } from '../../main/services/demo-cohort'
import { createTestApp, type TestApp } from '../helpers/test-host'
import { ACTOR, allRecords, fullRecord, options, registriesClosedAfterEach, tempDir, type TestRegistry } from './import-helpers'

const registry = registriesClosedAfterEach()
let app: TestApp | null = null
afterEach(() => {
  app?.close()
  app = null
})

const NOW = '2026-01-01T08:00:00.000Z'
const text = (file: string) => fs.readFileSync(file, 'utf8')
const headerOf = (file: string) => text(file).replace(/^\uFEFF/, '').split('\r\n')[0]!.split(',')

function seeded(): TestRegistry {
  const r = registry()
  insertPatientRecord(r.db, fullRecord('SM-0001', 1), ACTOR)
  const sparse = fullRecord('SM-0002', 2)
  sparse.month6 = { ...sparse.month6, kps: null, ecog: null, vasPain: null, sosgoqVersion: null, sosgoqEnteredTotal: null, sosgoqAnswers: null }
  sparse.followUp = [{ id: null, kind: 'contact', eventDate: '2019-02-01', note: null }]
  sparse.complications = []
  insertPatientRecord(r.db, sparse, ACTOR)
  return r
}

/** Imports an export's patients file (and the linked files beside it) into a new registry. */
function importInto(result: ExportResult): TestRegistry {
  const target = registry()
  const source = loadImportSource(result.path)
  expect(source.complications?.fileName).toBe(path.basename(result.complicationsPath))
  const created = commitImport(target.db, source, options(suggestMapping(source.patients.header)), ACTOR)
  expect(created.created).toBe(result.rows)
  return target
}

describe('export', () => {
  it('is de-identified by default: no name, hospital number, date of birth or free text; clinical dates kept', () => {
    const r = seeded()
    const dir = tempDir()
    const result = exportRegistry(r.db, path.join(dir, 'study'), { identified: false, scope: 'all', now: NOW })
    expect(result.path).toBe(path.join(dir, 'study.csv'))
    const header = headerOf(result.path)
    for (const hidden of ['identity.fullName', 'identity.hospitalNumber', 'identity.dateOfBirth', 'patient.notes', 'patient.histologyDetail', 'surgery.procedureDetail']) {
      expect(header).not.toContain(hidden)
    }
    expect(header).toContain('surgery.surgeryDate')
    expect(header).toContain('derived.overallSurvivalMonths')
    const all = [result.path, result.complicationsPath, result.followUpPath].map(text).join('\n')
    for (const identifier of ['王芳', 'ZY000001', '1966-05-06', 'Debridement', 'Died at home', 'SUM(']) expect(all).not.toContain(identifier)
    expect(headerOf(result.complicationsPath)).toEqual(['patient.studyId', 'complication.kind', 'complication.grade', 'complication.onsetDate'])
    expect(headerOf(result.followUpPath)).toEqual(['patient.studyId', 'followUp.kind', 'followUp.eventDate'])
    expect(text(result.dictionaryPath)).toContain('De-identified export')
    expect(text(result.dictionaryPath)).toContain('Clinical dates (diagnosis, admission, surgery, discharge, SRS, assessments, complications, follow-up) ARE included')
  })

  it('adds identity and free text when identified, guarding text that Excel would run as a formula', () => {
    const r = seeded()
    const result = exportRegistry(r.db, path.join(tempDir(), 'study.csv'), { identified: true, scope: 'all', now: NOW })
    const header = headerOf(result.path)
    expect(header).toEqual([...CSV_FIELDS.map((f) => f.path), ...DERIVED_COLUMNS.map((d) => d.name)])
    const body = text(result.path)
    expect(body).toContain('王芳 1')
    expect(body).toContain(`"'=SUM(A1:A3) is not a formula\r\nsecond line, with a comma"`)
    expect(body).toContain('"Clear-cell, ""grade 3"", 透明细胞"')
    expect(text(result.followUpPath)).toContain("'@clinic, stable")
    expect(text(result.dictionaryPath)).toContain('IDENTIFIED export')
  })

  it("neutralises every cell a spreadsheet would run as a formula (= + - @ TAB CR, OWASP) and the import takes the mark off again", () => {
    const notes = CSV_FIELDS.find((f) => f.path === 'patient.notes')!
    for (const cell of ['=1+1', '+1', '-1+1', '@SUM(A1)', '\t=1+1', '\r=1+1']) {
      const guarded = guardFormula(cell)
      expect(guarded, JSON.stringify(cell)).toBe(`'${cell}`)
      expect(convertCell(notes, guarded)).toEqual({ ok: true, value: cell })
    }
    for (const cell of ['1+1', 'a=b', " it's", 'plain']) expect(guardFormula(cell)).toBe(cell)
  })

  it('writes UTF-8 with a byte-order mark, CRLF line ends, NA for missing, 1/0 for yes/no, ;-lists', () => {
    const r = seeded()
    const result = exportRegistry(r.db, path.join(tempDir(), 'study.csv'), { identified: false, scope: 'all', now: NOW })
    const raw = fs.readFileSync(result.path)
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = text(result.path).replace(/^\uFEFF/, '').split('\r\n')
    expect(lines).toHaveLength(4) // header, two patients, final empty line
    const header = lines[0]!.split(',')
    const second = lines[2]!.split(',')
    const cell = (name: string) => second[header.indexOf(name)]
    expect(cell('month6.kps')).toBe('NA')
    expect(cell('patient.primaryControlled')).toBe('1')
    expect(cell('patient.surgicalContraindication')).toBe('0')
    expect(cell('patient.vertebrae')).toBe('T11;T12')
    expect(cell('preop.sosgoqAnswers')).toBe('1;2;NA;4;5;3;2;1;1;2;3;4;5;4;3;2;1;2;3;4')
    expect(cell('derived.overallSurvivalEvent')).toBe('0')
  })

  it('writes a dictionary row for every column of every file, with units, allowed values and labels', () => {
    const r = seeded()
    const result = exportRegistry(r.db, path.join(tempDir(), 'study.csv'), { identified: true, scope: 'all', now: NOW })
    const rows = text(result.dictionaryPath)
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .slice(1)
      .filter((l) => l !== '')
    const described = (file: string) => rows.filter((l) => l.startsWith(file + ',')).map((l) => l.split(',')[1])
    expect(described('study.csv')).toEqual(headerOf(result.path))
    expect(described('study_complications.csv')).toEqual(headerOf(result.complicationsPath))
    expect(described('study_follow_up.csv')).toEqual(headerOf(result.followUpPath))
    expect(rows.find((l) => l.startsWith('study.csv,patient.sex,'))).toBe('study.csv,patient.sex,Sex,性别,category (code),,male = Male / 男; female = Female / 女,Sex as recorded in the chart.,Zheng 2021 (baseline characteristics)')
    expect(rows.find((l) => l.startsWith('study.csv,preop.kps,'))).toContain(',%,0–100 in steps of 10,')
    expect(rows.find((l) => l.startsWith('study.csv,preop.bilskyGrade,'))).toContain('docs/clinical-reference.md §3')
  })

  it('exports only the patients who meet the study criteria when asked', () => {
    const r = seeded()
    const result = exportRegistry(r.db, path.join(tempDir(), 'study.csv'), { identified: false, scope: 'eligible', now: NOW })
    expect(result.rows).toBe(0)
  })
})

describe('round trip: export → import into a new registry', () => {
  it('gives identical records when identified (every field, complications and follow-up)', () => {
    const r = seeded()
    const result = exportRegistry(r.db, path.join(tempDir(), 'study.csv'), { identified: true, scope: 'all', now: NOW })
    expect(allRecords(importInto(result).db)).toEqual(allRecords(r.db))
  })

  it('gives identical clinical records when de-identified (identity and free text left empty)', () => {
    const r = seeded()
    const result = exportRegistry(r.db, path.join(tempDir(), 'study.csv'), { identified: false, scope: 'all', now: NOW })
    const strip = allRecords(r.db).map((x) => ({
      ...x,
      patient: { ...x.patient, notes: null, histologyDetail: null },
      identity: { fullName: null, hospitalNumber: null, dateOfBirth: null },
      surgery: { ...x.surgery, procedureDetail: null },
      complications: x.complications.map((c) => ({ ...c, description: null })),
      followUp: x.followUp.map((e) => ({ ...e, note: null })),
    }))
    expect(allRecords(importInto(result).db)).toEqual(strip)
  })

  it('gives identical records for the 215 patients of the demo registry', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'demo.sqlite')
    await writeDemoRegistry(file, { seed: 2021, appVersion: 'test', overwrite: true })
    const conn = await openRegistryFile(file)
    try {
      const result = exportRegistry(conn.db, path.join(dir, 'demo.csv'), { identified: true, scope: 'all', now: NOW })
      expect(result.rows).toBe(215)
      const again = importInto(result)
      expect(allRecords(again.db)).toEqual(allRecords(conn.db))
      // and the second export is the same file, apart from the time stamp in the dictionary
      const second = exportRegistry(again.db, path.join(dir, 'demo-again.csv'), { identified: true, scope: 'all', now: NOW })
      expect(text(second.path)).toBe(text(result.path))
      expect(text(second.followUpPath)).toBe(text(result.followUpPath))
    } finally {
      conn.db.close()
    }
  }, 30_000)
})

const hasR = spawnSync('Rscript', ['--version']).status === 0

describe.skipIf(!hasR)('read by R', () => {
  it('read.csv() with default arguments gives numbers as numbers, NA for missing, codes and dates as text', () => {
    const r = seeded()
    const result = exportRegistry(r.db, path.join(tempDir(), 'study.csv'), { identified: true, scope: 'all', now: NOW })
    const script = `
      d <- read.csv(${JSON.stringify(result.path)})
      f <- read.csv(${JSON.stringify(result.followUpPath)})
      m <- merge(d, f, by = "patient.studyId")
      cat(paste0('{',
        '"rows":', nrow(d), ',',
        '"first":"', names(d)[1], '",',
        '"classes":{', paste0('"', names(d), '":"', sapply(d, function(x) class(x)[1]), '"', collapse = ','), '},',
        '"naMonth6Kps":', sum(is.na(d$month6.kps)), ',',
        '"surgery":"', format(as.Date(d$surgery.surgeryDate[1])), '",',
        '"name":"', d$identity.fullName[1], '",',
        '"merged":', nrow(m), ',',
        '"osMonths":', d$derived.overallSurvivalMonths[1],
        '}'))
    `
    const out = execFileSync('Rscript', ['-e', script], { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } })
    const got = JSON.parse(out) as { rows: number; first: string; classes: Record<string, string>; naMonth6Kps: number; surgery: string; name: string; merged: number; osMonths: number }
    expect(got.rows).toBe(2)
    expect(got.first).toBe('patient.studyId')
    expect(got.classes).toMatchObject({
      'patient.ageYears': 'integer',
      'preop.kps': 'integer',
      'preop.vasPain': 'numeric',
      'derived.overallSurvivalMonths': 'numeric',
      'patient.sex': 'character',
      'preop.bilskyGrade': 'character',
      'surgery.surgeryDate': 'character',
      'patient.primaryControlled': 'integer',
    })
    expect(got.naMonth6Kps).toBe(1)
    expect(got.surgery).toBe('2018-02-03')
    expect(got.name).toBe('王芳 1')
    expect(got.merged).toBe(4)
    // surgery 2018-02-03 → death 2019-05-02 = 453 days; R prints 15 significant digits
    expect(got.osMonths).toBeCloseTo(453 / (365.25 / 12), 10)
  })
})

const hasPspp = spawnSync('pspp', ['--version']).status === 0

describe.skipIf(!hasPspp)('read by SPSS syntax (checked with GNU PSPP)', () => {
  it('the _spss.sps file reads all three files with types, value labels and NA as missing, without warnings', () => {
    const r = seeded()
    const dir = tempDir()
    const result = exportRegistry(r.db, path.join(dir, "o'brien study.csv"), { identified: false, scope: 'all', now: NOW })
    const check = path.join(dir, 'check.sps')
    fs.writeFileSync(
      check,
      [
        `INSERT FILE="${result.spssSyntaxPath}".`,
        'DATASET ACTIVATE patients.',
        'LIST patient.studyId patient.ageYears patient.sex month6.kps preop.vasPain surgery.surgeryDate patient.primaryControlled.',
        'LIST patient.studyId derived.overallSurvivalEvent.',
        'FREQUENCIES patient.sex.',
        'DATASET ACTIVATE follow_up.',
        'LIST.',
        'DATASET ACTIVATE complications.',
        'LIST.',
        '',
      ].join('\n'),
    )
    const out = execFileSync('pspp', [check], { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } })
    expect(out).not.toMatch(/error:/)
    expect(out.replace(/warning: (MXWARNS set to zero|Warnings re-enabled)[^\n]*\n[^\n]*\n/g, '')).not.toMatch(/warning:/)
    // patients: SM-0001 (all fields) and SM-0002 (6-month KPS missing → system-missing ".")
    expect(out).toMatch(/\|SM-0001\s*\|\s*51\|female\s*\|\s*90\|\s*7\.5\|\s*2018\/02\/03\|\s*1\|/)
    expect(out).toMatch(/\|SM-0002\s*\|\s*52\|male\s*\|\s*\.\|\s*7\.5\|\s*2018\/02\/03\|\s*1\|/)
    expect(out).toMatch(/\|SM-0001\s*\|\s*1\|\n\|SM-0002\s*\|\s*0\|/)
    expect(out).toContain('Female / 女')
    expect(out).toMatch(/SM-0001\s*\|local_progression\s*\|\s*2019\/01\/10/)
    expect(out).toMatch(/SM-0001\s*\|pneumonia\s*\|II\s*\|\s*2018\/02\/05/)
    expect(out).toMatch(/SM-0001\s*\|deep_wound_infection\s*\|IIIb\s*\|\s*2018\/02\/12/)
  })
})

describe('export.csv through dispatch', () => {
  it('asks where to save with a dated name and writes the five files', async () => {
    app = createTestApp({ now: () => new Date(NOW) })
    app.host.dialogs.save.push(path.join(app.host.dir, 'ward.sqlite'))
    await app.call('registry.create')
    const asked: string[] = []
    app.host.chooseExportPath = async (name) => {
      asked.push(name)
      return path.join(app!.host.dir, 'out', 'export.csv')
    }
    const result = await app.call<ExportResult>('export.csv', {})
    expect(asked).toEqual(['spinemet-deidentified-2026-01-01.csv'])
    expect(result).toMatchObject({ rows: 0, identified: false })
    for (const p of [result.path, result.complicationsPath, result.followUpPath, result.dictionaryPath, result.spssSyntaxPath]) expect(fs.existsSync(p)).toBe(true)
    app.host.chooseExportPath = async () => null
    const cancelled = await app.dispatch('export.csv', { identified: true })
    expect(cancelled.ok ? null : cancelled.error.code).toBe('CANCELLED')
  })
})
