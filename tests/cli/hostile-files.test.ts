// Files that are not ours stay untouched, and read-only means read-only. A corpus of hostile
// registry files (zero bytes, truncated, random, foreign SQLite, a copied header, newer, negative
// version, version 0 with tables) is refused by opening and by `info`, each with its message, and
// left byte-identical with nothing created beside it. `info` and `export` of a registry in a
// folder the user cannot write work as a non-root user (runuser -u nobody when the tests run as
// root; otherwise a folder made read-only with chmod).
import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppFailure } from '@contract/result'
import { runCli } from '../../main/cli/index'
import type { CliIO } from '../../main/cli/command'
import { createRegistryFile, openRegistryFile, SPINEMET_APPLICATION_ID } from '../../main/db/connection'
import { seedSyntheticPatients } from '../db/seed-registry'
import { closeCleanly } from '../db/harness'

const ROOT = path.resolve(__dirname, '../..')
let dir: string
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-hostile-'))
  fs.chmodSync(dir, 0o755)
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex')

function captured(): CliIO & { out: string; err: string } {
  const io = { out: '', err: '', cwd: dir, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) }
  return io
}

function registry(file: string, n: number): string {
  const conn = createRegistryFile(file, { appVersion: 'test' })
  seedSyntheticPatients(conn.db, n)
  closeCleanly(conn.db)
  return file
}

/** Rewrites header fields of a closed database file (as a tool or an attacker might). */
function setHeader(file: string, field: 'userVersion' | 'applicationId', value: number): void {
  const fd = fs.openSync(file, 'r+')
  const b = Buffer.alloc(4)
  b.writeInt32BE(value)
  fs.writeSync(fd, b, 0, 4, field === 'userVersion' ? 60 : 68)
  fs.closeSync(fd)
}

function foreign(file: string, prepare: (db: BetterSqlite3.Database) => void): string {
  const db = new BetterSqlite3(file)
  db.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices (amount) VALUES (12.5), (99);")
  prepare(db)
  db.close()
  return file
}

interface Hostile {
  name: string
  make: (file: string) => void
  code: string
  message: RegExp
}

const CORPUS: Hostile[] = [
  { name: 'zero bytes', make: (f) => fs.writeFileSync(f, ''), code: 'DB_NOT_SQLITE', message: /it is empty/ },
  { name: 'truncated header', make: (f) => fs.writeFileSync(f, fs.readFileSync(registry(f + '.src', 5)).subarray(0, 60)), code: 'DB_NOT_SQLITE', message: /too small/ },
  {
    name: 'truncated registry',
    make: (f) => fs.writeFileSync(f, fs.readFileSync(registry(f + '.src', 400)).subarray(0, 8192)),
    code: 'DB_CORRUPT',
    message: /damaged/,
  },
  { name: 'random bytes', make: (f) => fs.writeFileSync(f, crypto.randomBytes(64 * 1024)), code: 'DB_NOT_SQLITE', message: /not an SQLite database/ },
  { name: 'foreign SQLite', make: (f) => foreign(f, () => undefined), code: 'DB_NOT_SPINEMET', message: /not a SpineMet registry/ },
  {
    name: 'foreign SQLite in WAL mode',
    make: (f) => foreign(f, (db) => db.pragma('journal_mode = WAL')),
    code: 'DB_NOT_SPINEMET',
    message: /not a SpineMet registry/,
  },
  {
    name: "foreign SQLite with SpineMet's mark and format 2",
    make: (f) => foreign(f, (db) => (db.pragma(`application_id = ${SPINEMET_APPLICATION_ID}`), db.pragma('user_version = 2'))),
    code: 'DB_NOT_SPINEMET',
    message: /lacks its tables/,
  },
  {
    name: "foreign SQLite with SpineMet's mark and format 0",
    make: (f) => foreign(f, (db) => db.pragma(`application_id = ${SPINEMET_APPLICATION_ID}`)),
    code: 'DB_NOT_SPINEMET',
    message: /tables of its own/,
  },
  { name: 'newer format', make: (f) => (registry(f, 5), setHeader(f, 'userVersion', 99)), code: 'DB_FROM_NEWER_VERSION', message: /newer SpineMet \(registry format 99/ },
  { name: 'negative format', make: (f) => (registry(f, 215), setHeader(f, 'userVersion', -5)), code: 'DB_NOT_SPINEMET', message: /unknown registry format \(-5\)/ },
]

function siblings(file: string): string[] {
  return fs.readdirSync(path.dirname(file)).filter((n) => n.startsWith(path.basename(file)) && n !== path.basename(file) && !n.endsWith('.src'))
}

describe('hostile registry files', () => {
  for (const h of CORPUS) {
    it(`${h.name}: refused by opening and by info with ${h.code}, left byte-identical`, async () => {
      const file = path.join(dir, `${h.name.replace(/\W+/g, '-')}.sqlite`)
      h.make(file)
      const hash = sha(file)
      const err = await openRegistryFile(file).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(AppFailure)
      expect((err as AppFailure).code).toBe(h.code)
      expect((err as AppFailure).message).toMatch(h.message)
      expect(sha(file)).toBe(hash)
      expect(siblings(file)).toEqual([])

      const io = captured()
      const code = await runCli(['info', '--db', file], io)
      expect(code).toBe(1)
      expect(io.err).toMatch(new RegExp(`\\[${h.code}\\]|PROBLEMS`))
      expect(sha(file)).toBe(hash)
      expect(siblings(file)).toEqual([])
      expect(fs.existsSync(path.join(dir, 'backups')) ? fs.readdirSync(path.join(dir, 'backups')).filter((n) => n.startsWith(path.basename(file))) : []).toEqual([])
    }, 30_000)
  }

  it('info reports a registry whose integrity check fails in full, and exits 1', async () => {
    const file = registry(path.join(dir, 'damaged.sqlite'), 50)
    const db = new BetterSqlite3(file)
    db.unsafeMode(true)
    db.prepare("UPDATE patient_search_content SET c0 = 'x' WHERE id = 5").run()
    closeCleanly(db)
    const hash = sha(file)
    const io = captured()
    expect(await runCli(['info', '--db', file], io)).toBe(1)
    expect(io.out).toMatch(/Patients\s+50/)
    expect(io.out).toMatch(/Integrity\s+PROBLEMS: .*patient_search/)
    expect(sha(file)).toBe(hash)
    expect(siblings(file)).toEqual([])
  })
})

describe('read-only means read-only', () => {
  const asRoot = process.getuid?.() === 0
  // nobody must also reach the repository (a clone inside a root-only folder, e.g. mktemp -d, is not
  // reachable): otherwise the check runs as this user on a chmod 555 folder, and its name says so.
  const canDrop =
    asRoot &&
    spawnSync('runuser', ['-u', 'nobody', '--', 'true']).status === 0 &&
    spawnSync('runuser', ['-u', 'nobody', '--', 'test', '-x', path.join(ROOT, 'node_modules/.bin/tsx')]).status === 0

  /** Runs the CLI as a user who cannot write the registry's folder. */
  function cliAsReader(args: string[]): { status: number | null; stdout: string; stderr: string } {
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx')
    const argv = [tsx, '--tsconfig', path.join(ROOT, 'tsconfig.node.json'), path.join(ROOT, 'main/cli/index.ts'), ...args]
    const r = canDrop
      ? spawnSync('runuser', ['-u', 'nobody', '--', ...argv], { encoding: 'utf8', cwd: ROOT, timeout: 120_000 })
      : spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', cwd: ROOT, timeout: 120_000 })
    return { status: r.status, stdout: r.stdout, stderr: r.stderr }
  }

  it(`info and export of a registry in a folder the user cannot write: no -wal/-shm, not a byte changed (${canDrop ? 'as user nobody' : 'chmod 555 folder'})`, () => {
    const folder = fs.mkdtempSync(path.join(dir, 'ro-'))
    const file = registry(path.join(folder, 'clinic.sqlite'), 30)
    fs.chmodSync(file, 0o444)
    fs.chmodSync(folder, canDrop ? 0o755 : 0o555)
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-ro-out-'))
    fs.chmodSync(out, 0o777)
    const hash = sha(file)
    try {
      const info = cliAsReader(['info', '--db', file, '--json'])
      expect(info.stderr).toBe('')
      expect(info.status).toBe(0)
      expect(JSON.parse(info.stdout)).toMatchObject({ counts: { patients: 30 }, integrity: { ok: true }, journalMode: 'wal' })
      const exp = cliAsReader(['export', '--db', file, '--csv', path.join(out, 'clinic.csv')])
      expect(exp.stderr).toBe('')
      expect(exp.status).toBe(0)
      expect(fs.readFileSync(path.join(out, 'clinic.csv'), 'utf8').split('\n').filter((l) => l.trim() !== '')).toHaveLength(31)
      expect(fs.readdirSync(folder)).toEqual(['clinic.sqlite'])
      expect(sha(file)).toBe(hash)
    } finally {
      fs.chmodSync(folder, 0o755)
      fs.rmSync(out, { recursive: true, force: true })
    }
  }, 240_000)
})
