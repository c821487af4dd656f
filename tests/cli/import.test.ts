import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/index'
import { ACTOR, countPatients, fixture, fullRecord, newRegistry, tempDir } from '../services/import-helpers'
import { insertPatientRecord } from '../../main/db/repositories/patient-records'
import BetterSqlite3 from 'better-sqlite3'

async function cli(args: string[], cwd = process.cwd()) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd })
  return { code, stdout, stderr }
}

function registryFile(withPatient = false): string {
  const reg = newRegistry()
  if (withPatient) {
    const r = fullRecord('OLD-1')
    r.identity.hospitalNumber = 'H1002'
    insertPatientRecord(reg.db, r, ACTOR)
  }
  reg.close()
  return reg.path
}

const patients = (file: string) => {
  const db = new BetterSqlite3(file, { readonly: true })
  try {
    return countPatients(db)
  } finally {
    db.close()
  }
}

let cleanup: string[] = []
afterEach(() => {
  for (const d of cleanup) fs.rmSync(d, { recursive: true, force: true })
  cleanup = []
})

describe('cli import', () => {
  it('imports a clean file and says how many patients it created', async () => {
    const db = registryFile()
    const r = await cli(['import', '--db', db, '--csv', fixture('clean.csv')])
    expect(r).toMatchObject({ code: 0, stderr: '' })
    expect(r.stdout).toContain('File: clean.csv (UTF-8, comma-separated), 3 rows')
    expect(r.stdout).toContain('  Age → patient.ageYears')
    expect(r.stdout).toContain('Imported 3 patients, 0 complications and 0 follow-up events into registry.sqlite.')
    expect(patients(db)).toBe(3)
  })

  it('--progress reports the rows checked and written on stderr, and stdout stays the report', async () => {
    const db = registryFile()
    const r = await cli(['import', '--db', db, '--csv', fixture('clean.csv'), '--progress'])
    expect(r.code).toBe(0)
    expect(r.stderr.split('\n').filter(Boolean)).toEqual(['Checking: checked 3 of 3 rows', 'Importing: checked 3 and written 3 of 3 rows'])
    expect(r.stdout).toContain('Imported 3 patients')
    expect(r.stdout).not.toContain('Checking:')
    expect(patients(db)).toBe(3)
  })

  it('--dry-run checks and writes nothing', async () => {
    const db = registryFile()
    const r = await cli(['import', '--db', db, '--csv', fixture('zh-hospital-gb18030.csv'), '--dry-run'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('File: zh-hospital-gb18030.csv (Chinese GB18030/GBK, comma-separated), 2 rows')
    expect(r.stdout).toContain('  住院号 → identity.hospitalNumber')
    expect(r.stdout).toContain('Dry run: 2 patients would be created; nothing was written.')
    expect(patients(db)).toBe(0)
  })

  it('lists every problem by row and column on stdout, one line on stderr, exit 1, nothing written', async () => {
    const db = registryFile()
    const r = await cli(['import', '--db', db, '--csv', fixture('wrong-type.csv')])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain("  Row 3, column 'Age': 'sixty' is not a number of years (0–120).")
    expect(r.stdout).toContain("  Row 4, column 'KPS': 'eighty' is not a KPS value (0–100 in steps of 10).")
    expect(r.stdout).toContain('Rows are numbered as in a spreadsheet: the header is row 1, so the first patient is row 2.')
    expect(r.stderr).toBe('spinemet import: 2 problems found; nothing was imported (the list is on stdout) [IMPORT_FAILED]\n')
    expect(patients(db)).toBe(0)
  })

  it('prints the dry run as JSON with --json', async () => {
    const db = registryFile(true)
    const r = await cli(['import', '--db', db, '--csv', fixture('clean.csv'), '--json'])
    expect(r.code).toBe(1)
    const out = JSON.parse(r.stdout) as { dryRun: { problems: { code: string; row: number; column: string }[] }; committed: null }
    expect(out.dryRun.problems.map((p) => [p.code, p.row, p.column])).toEqual([['DUPLICATE', 3, 'Hospital number']])
    expect(out.committed).toBeNull()
  })

  it('--skip-duplicates skips patients already in the registry', async () => {
    const db = registryFile(true)
    const r = await cli(['import', '--db', db, '--csv', fixture('clean.csv'), '--skip-duplicates', '--json'])
    expect(r.code).toBe(0)
    expect((JSON.parse(r.stdout) as { committed: unknown }).committed).toEqual({ created: 2, skipped: 1, complications: 0, followUpEvents: 0 })
    expect(patients(db)).toBe(3)
  })

  it('--mapping replaces the suggestion for the columns it names', async () => {
    const dir = tempDir()
    cleanup.push(dir)
    const mapping = path.join(dir, 'mapping.json')
    fs.writeFileSync(mapping, JSON.stringify({ 'Study ID': null, Name: null }))
    const db = registryFile()
    const r = await cli(['import', '--db', db, '--csv', fixture('clean.csv'), '--mapping', mapping, '--json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as { mapping: Record<string, string | null> }
    expect(out.mapping['Study ID']).toBeNull()
    expect(out.mapping['Hospital number']).toBe('identity.hospitalNumber')
    const db2 = new BetterSqlite3(db, { readonly: true })
    expect(db2.prepare('SELECT study_id FROM patients ORDER BY id').pluck().all()).toEqual(['SM-0001', 'SM-0002', 'SM-0003'])
    expect(db2.prepare('SELECT count(*) FROM patient_identities WHERE full_name IS NOT NULL').pluck().get()).toBe(0)
    db2.close()
  })

  it('--create makes a new registry; without it a missing registry is a usage error', async () => {
    const dir = tempDir()
    cleanup.push(dir)
    const db = path.join(dir, 'new.sqlite')
    const refused = await cli(['import', '--db', db, '--csv', fixture('clean.csv')])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/does not exist; add --create to make a new registry there/)
    const checked = await cli(['import', '--db', db, '--csv', fixture('clean.csv'), '--create', '--dry-run'])
    expect(checked.code).toBe(0)
    expect(fs.existsSync(db)).toBe(false)
    const created = await cli(['import', '--db', db, '--csv', fixture('clean.csv'), '--create'])
    expect(created.code).toBe(0)
    expect(patients(db)).toBe(3)
  })

  it('refuses bad input with one line on stderr', async () => {
    const db = registryFile()
    const missing = await cli(['import', '--db', db])
    expect(missing).toMatchObject({ code: 2, stdout: '' })
    expect(missing.stderr).toBe('spinemet import: missing required option --csv (see "npm run cli -- import --help")\n')
    const nofile = await cli(['import', '--db', db, '--csv', '/nonexistent/patients.csv'])
    expect(nofile.code).toBe(1)
    expect(nofile.stderr).toBe('spinemet import: patients.csv was not found. It may have been moved or renamed; choose it again. [IMPORT_FAILED]\n')
    const dir = tempDir()
    cleanup.push(dir)
    fs.writeFileSync(path.join(dir, 'm.json'), '{"Age": "patient.shoeSize"}')
    const badMapping = await cli(['import', '--db', db, '--csv', fixture('clean.csv'), '--mapping', path.join(dir, 'm.json')])
    expect(badMapping.code).toBe(2)
    expect(badMapping.stderr.split('\n')).toHaveLength(2)
    expect(badMapping.stderr).toContain('is not valid at Age')
  })

  it('--help documents the fields and the row numbering', async () => {
    const r = await cli(['import', '--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('--dry-run')
    expect(r.stdout).toContain('patient.ageYears')
    expect(r.stdout).toMatch(/preop\.bilskyGrade\s+Preop Bilsky ESCC grade \(0\|1a\|1b\|1c\|2\|3\)/)
    expect(r.stdout).toContain('the header is row 1')
    // each range is said once: "(0–10 points)", never "(0–10 points (0–10))"
    expect(r.stdout).toMatch(/preop\.vasPain\s+Preop VAS pain \(0–10 points\)/)
    expect(r.stdout).not.toMatch(/\([^()\n]*\([^()\n]*\)\)/)
  })
})
