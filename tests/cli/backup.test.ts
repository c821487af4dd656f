// backup → edit → restore from the command line, the backups list, and `demo --force` refusing
// a registry that is not a demo. In process through runCli with a captured io.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/index'
import type { CliIO } from '../../main/cli/command'
import { createRegistryFile, openReadOnlySnapshot } from '../../main/db/connection'
import { seedSyntheticPatients } from '../db/seed-registry'
import { closeCleanly, sha256 } from '../db/harness'

let dir: string
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-cli-backup-'))
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

function captured(): CliIO & { out: string; err: string } {
  const io = { out: '', err: '', cwd: dir, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) }
  return io
}

function registry(name: string, patients: number): string {
  const file = path.join(dir, name)
  const conn = createRegistryFile(file, { appVersion: 'test' })
  seedSyntheticPatients(conn.db, patients)
  closeCleanly(conn.db)
  return file
}

const names = (file: string) => {
  const db = openReadOnlySnapshot(file)
  try {
    return db.prepare('SELECT full_name FROM patient_identities ORDER BY patient_id LIMIT 3').pluck().all()
  } finally {
    db.close()
  }
}

describe('cli backup → edit → restore', () => {
  it('restores the backed-up state, keeps a backup of the state it replaced, and lists both', async () => {
    const file = registry('clinic.sqlite', 30)
    const original = names(file)
    const hashBefore = sha256(file)

    const b = captured()
    expect(await runCli(['backup', '--db', 'clinic.sqlite', '--json'], b)).toBe(0)
    const backup = JSON.parse(b.out) as { path: string; fileName: string; reason: string; patients: number }
    expect(backup).toMatchObject({ reason: 'manual', patients: 30 })
    expect(path.dirname(backup.path)).toBe(path.join(dir, 'backups'))
    // Taking a backup only reads the registry.
    expect(sha256(file)).toBe(hashBefore)
    expect(fs.existsSync(file + '-wal')).toBe(false)

    // An edit after the backup, and a deletion.
    const db = new BetterSqlite3(file)
    db.prepare("UPDATE patient_identities SET full_name = 'Changed After Backup' WHERE patient_id = 1").run()
    db.prepare('DELETE FROM patients WHERE id = 2').run()
    closeCleanly(db)
    expect(names(file)[0]).toBe('Changed After Backup')

    const r = captured()
    expect(await runCli(['restore', '--db', 'clinic.sqlite', '--from', backup.fileName, '--json'], r)).toBe(0)
    const restored = JSON.parse(r.out) as { restoredFrom: string; safetyBackup: string; patients: number }
    expect(restored).toMatchObject({ restoredFrom: backup.fileName, patients: 30 })
    expect(names(file)).toEqual(original)
    // The replaced state is in the pre-restore backup.
    expect(names(restored.safetyBackup)[0]).toBe('Changed After Backup')

    const list = captured()
    expect(await runCli(['backups', '--db', 'clinic.sqlite'], list)).toBe(0)
    expect(list.out).toMatch(/manual\s+30 patients/)
    expect(list.out).toMatch(/pre-restore\s+29 patients/)

    const info = captured()
    expect(await runCli(['info', '--db', 'clinic.sqlite', '--json'], info)).toBe(0)
    expect(JSON.parse(info.out)).toMatchObject({ counts: { patients: 30 }, integrity: { ok: true } })
  })

  it('backup --out writes a verified copy to the chosen file and never overwrites one', async () => {
    registry('out.sqlite', 5)
    const io = captured()
    expect(await runCli(['backup', '--db', 'out.sqlite', '--out', 'copy.sqlite'], io)).toBe(0)
    expect(io.out).toContain('5 patients')
    const again = captured()
    expect(await runCli(['backup', '--db', 'out.sqlite', '--out', 'copy.sqlite'], again)).toBe(1)
    expect(again.err).toMatch(/already exists.*\[DB_ALREADY_EXISTS\]/)
  })

  it('restore refuses a file that is not a SpineMet registry and changes nothing', async () => {
    const file = registry('keep.sqlite', 4)
    fs.writeFileSync(path.join(dir, 'junk.sqlite'), 'not a database at all, just text that is long enough to look like a header '.repeat(3))
    const hash = sha256(file)
    const io = captured()
    expect(await runCli(['restore', '--db', 'keep.sqlite', '--from', 'junk.sqlite'], io)).toBe(1)
    expect(io.err).toMatch(/cannot be restored/)
    expect(sha256(file)).toBe(hash)
  })
})

describe('cli demo --force', () => {
  it('refuses to replace a registry that is not a demo, leaving it byte-identical', async () => {
    const file = registry('real.sqlite', 3)
    const hash = sha256(file)
    const io = captured()
    expect(await runCli(['demo', '--db', 'real.sqlite', '--force'], io)).toBe(1)
    expect(io.err).toMatch(/is not a demo registry/)
    expect(sha256(file)).toBe(hash)
    expect(fs.existsSync(path.join(dir, 'backups')) ? fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.startsWith('real.sqlite')) : []).toEqual([])
  })

  it('replaces a demo registry only after a backup of it', async () => {
    const first = captured()
    expect(await runCli(['demo', '--db', 'demo.sqlite'], first)).toBe(0)
    const again = captured()
    expect(await runCli(['demo', '--db', 'demo.sqlite', '--force', '--seed', '7'], again)).toBe(0)
    const backups = fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.startsWith('demo.sqlite.') && f.endsWith('.pre-demo.sqlite'))
    expect(backups).toHaveLength(1)
  }, 60_000)
})
