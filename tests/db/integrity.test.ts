// Derived data never locks anyone out: the search index and the status cache are rebuilt from the
// clinical tables when SQLite's check finds them damaged; damage to the clinical tables still
// refuses the file, untouched. Migration 0004 switches FTS5 secure-delete off on the trigram index.
import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { AppFailure } from '@contract/result'
import { patientListQuery } from '../../main/contract/patients'
import { createRegistryFile, openRegistryFile, type RegistryConnection } from '../../main/db/connection'
import { classifyIntegrity } from '../../main/db/integrity'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../main/db/migrations/index'
import { listPatients } from '../../main/db/repositories/patient-list'
import { closeCleanly, createRegistryAtVersion, sha256, tableCounts, tempDir } from './harness'
import { seedSyntheticPatients } from './seed-registry'

const open: RegistryConnection[] = []
afterEach(() => {
  for (const c of open.splice(0)) if (c.db.open) c.db.close()
})

const secureDelete = (db: BetterSqlite3.Database) => db.prepare("SELECT v FROM patient_search_config WHERE k = 'secure-delete'").pluck().get() ?? 0
const search = (db: BetterSqlite3.Database, s: string) => listPatients(db, patientListQuery.parse({ search: s }), '2024-06-01').rows.map((r) => r.studyId)

/** A registry file with `n` synthetic patients, closed with its WAL folded in. */
function registryWith(n: number): { dir: string; file: string } {
  const dir = tempDir()
  const file = path.join(dir, 'registry.sqlite')
  const conn = createRegistryFile(file, { appVersion: 'test' })
  seedSyntheticPatients(conn.db, n)
  closeCleanly(conn.db)
  return { dir, file }
}

/** Every clinical table (not the derived ones), as rows, to prove a repair changed none of them. */
function clinicalDump(file: string): string {
  const db = new BetterSqlite3(file, { readonly: true })
  try {
    const tables = ['patients', 'patient_identities', 'patient_vertebrae', 'assessments', 'surgeries', 'complications', 'follow_up_events', 'audit_log', 'registry_meta']
    return JSON.stringify(tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()))
  } finally {
    db.close()
  }
}

/** Writes into the search index's shadow tables directly, as a damaged page or a bug would. */
function damageSearchIndex(file: string): void {
  const db = new BetterSqlite3(file)
  db.unsafeMode(true)
  db.prepare("UPDATE patient_search_content SET c0 = 'nobody at all' WHERE id = 2 * 7 + 1").run()
  db.prepare('DELETE FROM patient_search_data WHERE id > 10 AND id % 3 = 0').run()
  closeCleanly(db)
}

describe('the trigram search index under many edits', () => {
  it('3,000 edits of names, hospital numbers and study ids keep the integrity check ok, and the registry opens', async () => {
    const { file } = registryWith(300)
    const db = new BetterSqlite3(file)
    const setName = db.prepare('UPDATE patient_identities SET full_name = ? WHERE patient_id = ?')
    const setNumber = db.prepare('UPDATE patient_identities SET hospital_number = ? WHERE patient_id = ?')
    const setStudyId = db.prepare('UPDATE patients SET study_id = ? WHERE id = ?')
    const problems: string[] = []
    let seed = 20_210_611
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
    for (let k = 0; k < 3000; k++) {
      const id = 1 + Math.floor(next() * 299)
      const patient = id % 10 === 0 ? id + 1 : id // every tenth patient has no identity row
      const r = next()
      if (r < 0.45) setName.run(`Edited ${Math.floor(next() * 1e6).toString(36)} 王${k % 7}`, patient)
      else if (r < 0.8) setNumber.run(`HN-${k}`, patient)
      else setStudyId.run(`SM-E${k}`, id)
      if (k % 25 === 24) {
        const check = db.pragma('integrity_check', { simple: true })
        if (check !== 'ok') problems.push(`after ${k + 1} edits: ${String(check)}`)
      }
    }
    closeCleanly(db)
    expect(problems).toEqual([])
    const conn = await openRegistryFile(file)
    open.push(conn)
    expect(conn.repairedOnOpen).toEqual([])
    expect(search(conn.db, 'SM-E2999').length + search(conn.db, 'HN-2998').length + search(conn.db, 'Edited').length).toBeGreaterThan(0)
  }, 60_000)

  it('migration 0004 turns FTS5 secure-delete off on a version-2 registry and keeps search working', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'v2.sqlite')
    const db = createRegistryAtVersion(file, 2)
    expect(secureDelete(db)).toBe(1)
    seedSyntheticPatients(db, 50)
    closeCleanly(db)
    const conn = await openRegistryFile(file)
    open.push(conn)
    expect(conn.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
    expect(secureDelete(conn.db)).toBe(0)
    expect(search(conn.db, 'SM-000042')).toEqual(['SM-000042'])
    expect(search(conn.db, 'H00000127')).toEqual(['SM-000042'])
    expect(conn.db.pragma('integrity_check', { simple: true })).toBe('ok')
  })

  it('a new registry is created without secure-delete', () => {
    const conn = createRegistryFile(path.join(tempDir(), 'new.sqlite'), { appVersion: 'test' })
    open.push(conn)
    expect(secureDelete(conn.db)).toBe(0)
    expect(MIGRATIONS.map((m) => m.version)).toContain(3)
  })
})

describe('derived structures are rebuilt at opening, never a reason to refuse the file', () => {
  it('a registry whose search index was damaged on purpose opens with the index rebuilt and nothing else changed', async () => {
    const { file } = registryWith(200)
    const before = clinicalDump(file)
    damageSearchIndex(file)
    const damaged = new BetterSqlite3(file, { readonly: true })
    expect(damaged.pragma('integrity_check', { simple: true })).not.toBe('ok')
    damaged.close()

    const conn = await openRegistryFile(file)
    open.push(conn)
    expect(conn.repairedOnOpen).toEqual(['search index'])
    expect(conn.db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(search(conn.db, 'SM-000007')).toEqual(['SM-000007'])
    expect(search(conn.db, 'nobody at all')).toEqual([])
    conn.db.close()
    expect(clinicalDump(file)).toBe(before)
  })

  it('a damaged status cache is recomputed from the records', async () => {
    const { file } = registryWith(40)
    const db = new BetterSqlite3(file)
    // Rows the cache's CHECK constraints forbid (as a torn write or a foreign tool could leave them).
    db.pragma('ignore_check_constraints = ON')
    expect(db.prepare('UPDATE patient_status SET completeness_filled = -5 WHERE patient_id IN (3, 4)').run().changes).toBe(2)
    db.pragma('ignore_check_constraints = OFF')
    expect(db.pragma('quick_check', { simple: true })).not.toBe('ok')
    closeCleanly(db)
    // (A read-only connection skips CHECK constraints in its quick check, so this one may write.)
    const check = new BetterSqlite3(file)
    const messages = (check.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check)
    expect(classifyIntegrity(check, messages)).toMatchObject({ ok: false, derivedOnly: true, status: true })
    check.close()

    const before = clinicalDump(file)
    const conn = await openRegistryFile(file)
    open.push(conn)
    expect(conn.repairedOnOpen).toEqual(['patient status cache'])
    expect(tableCounts(conn.db).patient_status).toBe(40)
    expect(conn.db.pragma('integrity_check', { simple: true })).toBe('ok')
    conn.db.close()
    expect(clinicalDump(file)).toBe(before)
  })

  it('damage to a clinical table still refuses the file, leaves it byte-identical and offers read-only access', async () => {
    const { file } = registryWith(2000)
    const db = new BetterSqlite3(file)
    const root = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'patients'").pluck().get() as number
    const pageSize = db.pragma('page_size', { simple: true }) as number
    // First leaf page under the patients table's root (an interior page at 2,000 rows).
    const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = 'patients' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1").pluck().all() as number[]
    db.close()
    const leaf = pages[0] ?? root
    const fd = fs.openSync(file, 'r+')
    fs.writeSync(fd, Buffer.alloc(200, 0xa5), 0, 200, (leaf - 1) * pageSize + 8)
    fs.closeSync(fd)
    for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
    const hash = sha256(file)
    const err = await openRegistryFile(file).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppFailure)
    expect((err as AppFailure).code).toBe('DB_CORRUPT')
    expect((err as AppFailure).message).toMatch(/damaged in its clinical data/)
    expect((err as AppFailure).message).toMatch(/read-only/)
    expect((err as AppFailure).details).toMatchObject({ readOnlyAvailable: true })
    expect(sha256(file)).toBe(hash)
    expect(fs.existsSync(file + '-wal')).toBe(false)
  })
})

describe('classifyIntegrity', () => {
  it('sorts SQLite messages into derived structures and real damage', () => {
    const db = createRegistryFile(path.join(tempDir(), 'c.sqlite'), { appVersion: 'test' }).db
    try {
      expect(classifyIntegrity(db, ['ok'])).toMatchObject({ ok: true, derivedOnly: true })
      expect(classifyIntegrity(db, ['fts5: checksum mismatch for table "patient_search"'])).toMatchObject({ derivedOnly: true, search: true })
      expect(classifyIntegrity(db, ['malformed inverted index for FTS5 table main.patient_search'])).toMatchObject({ derivedOnly: true, search: true })
      expect(classifyIntegrity(db, ['wrong # of entries in index patients_histology'])).toMatchObject({ derivedOnly: true, indexes: ['patients_histology'] })
      expect(classifyIntegrity(db, ['row 5 missing from index patient_status_arm'])).toMatchObject({ derivedOnly: true, status: true })
      expect(classifyIntegrity(db, ['Tree 3 page 3 cell 0: invalid page number 99'])).toMatchObject({ derivedOnly: false, other: ['Tree 3 page 3 cell 0: invalid page number 99'] })
      expect(classifyIntegrity(db, ['wrong # of entries in index no_such_index']).derivedOnly).toBe(false)
      expect(classifyIntegrity(db, ['NULL value in patients.study_id']).derivedOnly).toBe(false)
    } finally {
      db.close()
    }
  })
})

