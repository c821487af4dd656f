// The registry file itself: every refusal is a clear AppFailure and leaves the file byte for byte
// as it was; migrations run in order, after a backup, all or nothing.
import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { AppFailure } from '../../main/contract/result'
import { createRegistryFile, openRegistryFile, readHeader, type RegistryConnection } from '../../main/db/connection'
import { checkMigrationList, LATEST_SCHEMA_VERSION, MIGRATIONS, runMigrations, type Migration } from '../../main/db/migrations/index'
import { closeCleanly, createRegistryAtVersion, insertV1Record, sha256, tempDir } from './harness'
import { completeRecord } from '../domain/records'

const open: RegistryConnection[] = []
afterEach(() => {
  for (const c of open.splice(0)) c.db.close()
})

async function refusal(file: string): Promise<AppFailure> {
  try {
    const conn = await openRegistryFile(file)
    open.push(conn)
  } catch (err) {
    expect(err).toBeInstanceOf(AppFailure)
    return err as AppFailure
  }
  throw new Error(`${path.basename(file)} was opened`)
}

function validRegistry(dir: string, name = 'registry.sqlite'): string {
  const file = path.join(dir, name)
  const conn = createRegistryFile(file, { appVersion: '0.1.0', registryId: 'r' })
  closeCleanly(conn.db)
  return file
}

/** Opens `file` expecting `code`; checks the file is byte-identical and nothing was left beside it. */
async function expectRefused(file: string, code: string, mentions: RegExp): Promise<AppFailure> {
  const before = sha256(file)
  const siblings = fs.readdirSync(path.dirname(file)).sort()
  const err = await refusal(file)
  expect(err.code).toBe(code)
  expect(err.message).toMatch(mentions)
  expect(err.message).toMatch(/Nothing was changed|nothing was changed|backup/i)
  expect(sha256(file)).toBe(before)
  expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(siblings)
  return err
}

describe('openRegistryFile refusals', () => {
  it('a file from a newer SpineMet: DB_FROM_NEWER_VERSION with both versions', async () => {
    const file = validRegistry(tempDir())
    const db = new BetterSqlite3(file)
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`)
    closeCleanly(db)
    const err = await expectRefused(file, 'DB_FROM_NEWER_VERSION', /newer SpineMet/)
    expect(err.details).toEqual({ fileVersion: LATEST_SCHEMA_VERSION + 5, supportedVersion: LATEST_SCHEMA_VERSION })
  })

  it('a file that is not SQLite: DB_NOT_SQLITE (text, empty, too small)', async () => {
    const dir = tempDir()
    const text = path.join(dir, 'notes.sqlite')
    fs.writeFileSync(text, 'patient,age\n'.repeat(50))
    await expectRefused(text, 'DB_NOT_SQLITE', /not an SQLite database/)
    const empty = path.join(dir, 'empty.sqlite')
    fs.writeFileSync(empty, '')
    await expectRefused(empty, 'DB_NOT_SQLITE', /empty/)
    const tiny = path.join(dir, 'tiny.sqlite')
    fs.writeFileSync(tiny, 'SQLite format 3\u0000')
    await expectRefused(tiny, 'DB_NOT_SQLITE', /too small/)
  })

  it('an SQLite file that is not a SpineMet registry: DB_NOT_SPINEMET', async () => {
    const file = path.join(tempDir(), 'other.sqlite')
    const db = new BetterSqlite3(file)
    db.exec('CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);')
    db.close()
    await expectRefused(file, 'DB_NOT_SPINEMET', /not a SpineMet registry/)
  })

  it('a read-only file (mode 0444, refused on the mode bits even for root): DB_READ_ONLY', async () => {
    const file = validRegistry(tempDir())
    fs.chmodSync(file, 0o444)
    await expectRefused(file, 'DB_READ_ONLY', /read-only/)
    expect(fs.statSync(file).mode & 0o777).toBe(0o444)
  })

  it('a damaged file (garbage after a valid header): DB_CORRUPT', async () => {
    const dir = tempDir()
    const file = validRegistry(dir)
    const seed = new BetterSqlite3(file)
    seed.transaction(() => {
      for (let i = 0; i < 40; i++) insertV1Record(seed, i + 1, completeRecord(`SM-${i}`))
    })
    closeCleanly(seed)
    const bytes = fs.readFileSync(file)
    const pageSize = bytes.readUInt16BE(16)
    // Keep page 1 (header and schema), overwrite every later page with garbage.
    for (let o = pageSize; o < bytes.length; o++) bytes[o] = (o * 7919) & 0xff
    fs.writeFileSync(file, bytes)
    await expectRefused(file, 'DB_CORRUPT', /damaged/)
  })

  it('a damaged first page (valid header, garbage schema): DB_CORRUPT, not "not SQLite"', async () => {
    const file = validRegistry(tempDir())
    const bytes = fs.readFileSync(file)
    for (let o = 100; o < bytes.length; o++) bytes[o] = (o * 31) & 0xff
    fs.writeFileSync(file, bytes)
    await expectRefused(file, 'DB_CORRUPT', /damaged/)
  })

  it('a missing file: DB_NOT_FOUND', async () => {
    const err = await refusal(path.join(tempDir(), 'nowhere.sqlite'))
    expect(err.code).toBe('DB_NOT_FOUND')
  })
})

describe('migrations', () => {
  const step = (version: number, up: Migration['up'] = () => undefined): Migration => ({ version, name: `step-${version}`, up })

  it('the shipped list is in order', () => {
    expect(() => checkMigrationList(MIGRATIONS)).not.toThrow()
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
  })

  it('the runner refuses out-of-order, duplicate or missing versions before changing anything', () => {
    const db = new BetterSqlite3(':memory:')
    for (const list of [[step(2), step(1)], [step(1), step(1)], [step(1), step(3)]]) {
      expect(() => runMigrations(db, 0, list)).toThrow(/expected/)
      expect(db.pragma('user_version', { simple: true })).toBe(0)
    }
    db.close()
  })

  it('runs all pending steps in one transaction: a failing step leaves the version and tables as they were', () => {
    const db = new BetterSqlite3(':memory:')
    runMigrations(db, 0, [step(1, (d) => d.exec('CREATE TABLE a (x)'))])
    expect(() =>
      runMigrations(db, 1, [
        step(1),
        step(2, (d) => d.exec('CREATE TABLE b (x)')),
        step(3, () => {
          throw new Error('boom')
        }),
      ]),
    ).toThrow('boom')
    expect(db.pragma('user_version', { simple: true })).toBe(1)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(['a'])
    db.close()
  })

  it('opening an older file backs it up first; a failed migration reports DB_MIGRATION_FAILED and leaves the data at the old version', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'v1.sqlite')
    const db = createRegistryAtVersion(file, 1)
    insertV1Record(db, 1, completeRecord())
    // A table in the way of migration 0002 makes it fail.
    db.exec('CREATE TABLE patient_status (x)')
    closeCleanly(db)
    const err = await refusal(file)
    expect(err.code).toBe('DB_MIGRATION_FAILED')
    expect(err.message).toMatch(/left as it was/)
    expect(readHeader(file).userVersion).toBe(1)
    // The verified backup sits in the backups folder beside the file, openable like any registry.
    const backups = fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.endsWith('.pre-migration.sqlite'))
    expect(backups).toHaveLength(1)
    expect(readHeader(path.join(dir, 'backups', backups[0]!)).userVersion).toBe(1)
    const after = new BetterSqlite3(file, { readonly: true })
    expect(after.prepare('SELECT study_id FROM patients').pluck().all()).toEqual(['SM-0001'])
    after.close()
  })
})
