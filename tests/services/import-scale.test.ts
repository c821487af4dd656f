// Import at scale: a large file is read in chunks from disk with the same rows and problems as
// when it is read whole; the commit writes a chunk at a time inside one transaction, with the
// search index and indexes built once at the end, one audit entry for the import that says where
// each patient came from; Cancel rolls everything back (the registry file is byte-identical), and while an
// import is being written every other change of the registry is refused with DB_BUSY.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ImportDryRun, ImportPreview } from '@contract/import-export'
import { verifyAuditChain } from '../../main/db/audit-chain'
import { listPatientAudit } from '../../main/db/repositories/audit'
import { readCsv, readCsvFile, rowChunks, type CsvFile } from '../../main/services/import/csv'
import { commitImport } from '../../main/services/import/commit'
import { suggestMapping } from '../../main/services/import/mapping'
import { loadImportSource } from '../../main/services/import/source'
import { createTestApp, type TestApp } from '../helpers/test-host'
import { writeImportCsv } from '../helpers/import-csv'
import { ACTOR, FIXTURES, fixture, newRegistry, options, tempDir, type TestRegistry } from './import-helpers'

let reg: TestRegistry | null = null
let app: TestApp | null = null
afterEach(() => {
  reg?.close()
  reg = null
  app?.close()
  app = null
})

const rowsOf = (f: CsvFile) => [...rowChunks(f, 7)].flat()

describe('a large file read in chunks', () => {
  it('gives every fixture the same header, rows and problems as reading it whole', () => {
    for (const name of fs.readdirSync(FIXTURES).filter((n) => /\.(csv|tsv)$/.test(n))) {
      const whole = readCsv(fs.readFileSync(fixture(name)), name)
      const streamed = readCsvFile(fixture(name), name)
      expect({ name, header: streamed.header, encoding: streamed.encoding, delimiter: streamed.delimiter, problems: streamed.problems }).toEqual({
        name,
        header: whole.header,
        encoding: whole.encoding,
        delimiter: whole.delimiter,
        problems: whole.problems,
      })
      expect(rowsOf(streamed)).toEqual(whole.rows)
    }
  })

  it('keeps a record whose quoted value holds line breaks whole across the blocks it is read in (256 KB)', () => {
    const dir = tempDir()
    const file = path.join(dir, 'long.csv')
    const note = `"${'x'.repeat(900)}\r\nsecond line, with a comma and ""quotes"""`
    const lines = ['id,note']
    for (let i = 0; i < 4000; i++) lines.push(`P-${i},${i % 3 === 0 ? note : 'short'}`)
    fs.writeFileSync(file, lines.join('\r\n') + '\r\n')
    const whole = readCsv(fs.readFileSync(file), 'long.csv')
    const streamed = readCsvFile(file, 'long.csv')
    expect(streamed.stream?.rowCount).toBe(4000)
    expect(rowsOf(streamed)).toEqual(whole.rows)
    expect(whole.rows[3]!.cells[1]).toContain('second line, with a comma and "quotes"')
  })

  it('reads Chinese text in every encoding it streams (UTF-8, UTF-16 LE and BE, GB18030) the same across many blocks', () => {
    const dir = tempDir()
    // Records of varied length with Chinese text and quoted values holding line breaks, commas and
    // quotes, so that block ends fall inside multi-byte characters' neighbourhood and inside quotes.
    const records = ['住院号,姓名,备注']
    for (let i = 0; i < 20000; i++) {
      const note = i % 5 === 0 ? `"第一行，含逗号\n第二行 ""引号"" ${'肾'.repeat(i % 97)}"` : `普通${'癌'.repeat(i % 13)}`
      records.push(`ZY${i},王芳${i % 7},${note}`)
    }
    const text = records.join('\r\n') + '\r\n'
    const be = Buffer.from('\uFEFF' + text, 'utf16le')
    be.swap16()
    // GB18030: the fixture's data row bytes repeated (Node has no GB18030 encoder).
    const gb = fs.readFileSync(fixture('zh-hospital-gb18030.csv'))
    const firstBreak = gb.indexOf(0x0a) + 1
    const gbRows = Buffer.concat(Array.from({ length: 20000 }, () => gb.subarray(firstBreak)))
    const files: [string, Buffer][] = [
      ['utf8.csv', Buffer.from(text, 'utf8')],
      ['utf8-bom.csv', Buffer.from('\uFEFF' + text, 'utf8')],
      ['utf16le.csv', Buffer.from('\uFEFF' + text, 'utf16le')],
      ['utf16be.csv', be],
      ['gb18030.csv', Buffer.concat([gb.subarray(0, firstBreak), gbRows])],
    ]
    for (const [name, bytes] of files) {
      expect(bytes.length).toBeGreaterThan(3 * 256 * 1024)
      const file = path.join(dir, name)
      fs.writeFileSync(file, bytes)
      const whole = readCsv(bytes, name)
      const streamed = readCsvFile(file, name)
      expect({ name, encoding: streamed.encoding, header: streamed.header, rows: streamed.stream?.rowCount }).toEqual({
        name,
        encoding: whole.encoding,
        header: whole.header,
        rows: whole.rows.length,
      })
      expect(rowsOf(streamed)).toEqual(whole.rows)
    }
    expect(readCsv(files[3]![1], 'utf16be.csv').rows[0]!.cells[2]).toBe('第一行，含逗号\n第二行 "引号" ')
  })

  it('refuses to read the rows again when the file changed after it was checked', () => {
    const dir = tempDir()
    const file = path.join(dir, 'changing.csv')
    fs.writeFileSync(file, 'id,age\r\nA,1\r\n')
    const streamed = readCsvFile(file, 'changing.csv')
    fs.writeFileSync(file, 'id,age\r\nA,1\r\nB,2\r\n')
    expect(() => rowsOf(streamed)).toThrow(/changed or moved after SpineMet read it/)
  })
})

describe('committing thousands of rows', () => {
  const files = () => writeImportCsv(path.join(tempDir(), 'csv'), 2100, 3)

  it('writes every patient with a searchable name and number, the indexes back, and one audit entry naming the file and each row', () => {
    reg = newRegistry()
    const f = files()
    const source = loadImportSource(f.patients, { complications: null, followUp: null, stream: true })
    const result = commitImport(reg.db, source, options(suggestMapping(source.patients.header), { includeLinked: false }), ACTOR)
    expect(result.created).toBe(2100)
    const db = reg.db
    expect(db.prepare('SELECT count(*) FROM patient_status').pluck().get()).toBe(2100)
    // The search index has both rows of every patient (study ID; name and hospital number).
    expect(db.prepare('SELECT count(*) FROM patient_search').pluck().get()).toBe(4200)
    expect(db.prepare("SELECT rowid >> 1 FROM patient_search WHERE patient_search MATCH '\"H00002045\"'").pluck().all()).toEqual([
      db.prepare("SELECT patient_id FROM patient_identities WHERE hospital_number = 'H00002045'").pluck().get(),
    ])
    for (const name of ['patients_histology', 'patient_identities_name', 'patient_status_eligibility', 'audit_log_patient', 'patient_search_patient_insert', 'patient_search_identity_insert']) {
      expect(db.prepare('SELECT count(*) FROM sqlite_schema WHERE name = ?').pluck().get(name)).toBe(1)
    }
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    // One audit entry for the import (not one per patient); a patient's trail shows the file and its row.
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(1)
    const id = db.prepare("SELECT id FROM patients WHERE study_id = 'SM-000010'").pluck().get() as number
    const trail = listPatientAudit(db, id).map((e) => ({ tableName: e.tableName, studyId: e.studyId, newValue: JSON.parse(e.newValue!) as unknown }))
    const sha256 = crypto.createHash('sha256').update(fs.readFileSync(f.patients)).digest('hex')
    expect(trail).toEqual([{ tableName: 'patients', studyId: 'SM-000010', newValue: { importedFrom: path.basename(f.patients), row: 11, sha256 } }])
    expect(verifyAuditChain(db).intact).toBe(true)
    // A patient created afterwards is found by search through the triggers again.
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'patient_search_%'").pluck().get()).toBe(6)
  }, 180_000)

  it('Cancel during the writing leaves the registry file byte-identical; other changes wait meanwhile', async () => {
    app = createTestApp()
    app.host.dialogs.save.push(path.join(app.host.dir, 'ward.sqlite'))
    await app.call('registry.create')
    const f = files()
    app.host.chooseImportFile = async () => f.patients
    const preview = await app.call<ImportPreview>('import.preview', { source: 'dialog' })
    const request = { token: preview.token, mapping: preview.suggestedMapping, includeLinked: false }
    expect(await app.call<ImportDryRun>('import.dryRun', request)).toMatchObject({ canCommit: true, wouldCreate: 2100 })

    const conn = app.services.session.current!
    const hash = () => {
      conn.db.pragma('wal_checkpoint(TRUNCATE)')
      return crypto.createHash('sha256').update(fs.readFileSync(conn.path)).digest('hex')
    }
    const before = hash()
    const a = app
    let refusedMeanwhile: unknown = null
    let cancelled = false
    a.host.emit = (event, payload) => {
      const rows = (payload as { rows?: { written: number } }).rows
      if (event !== 'job.progress' || !rows || rows.written === 0 || cancelled) return
      cancelled = true
      // While the import is written: a change of a patient waits for it; Cancel is heard.
      void a.dispatch('patients.list', {}).then((r) => (refusedMeanwhile = r))
      void a.dispatch('import.cancel', { token: preview.token })
    }
    const r = await a.dispatch('import.commit', request)
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    expect(refusedMeanwhile).toMatchObject({ ok: false, error: { code: 'DB_BUSY', details: { reason: 'import' } } })
    expect(hash()).toBe(before)
    expect(conn.db.prepare('SELECT count(*) FROM patients').pluck().get()).toBe(0)
    expect(conn.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name IN ('patients_histology', 'patient_search_patient_insert')").pluck().get()).toBe(2)
    // After the cancel the registry works again, and the same file imports.
    expect(await a.call('import.commit', request)).toMatchObject({ created: 2100 })
  }, 180_000)
})
