// Crash harness: a child process saves edits through the real services and is killed with
// SIGKILL at seeded random moments. After each kill the registry must pass SQLite's integrity
// check, open in SpineMet, and hold every save the child had acknowledged (a save is acknowledged
// when dispatch returned ok). A kill during an import commit leaves all of it or none of it.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRegistryFile, openRegistryFile } from '../../main/db/connection'
import { insertPatientRecord } from '../../main/db/repositories/patient-records'
import { emptyPatientRecord } from '../../main/contract/patient-record'
import { tempDir } from '../db/harness'
import { seedSyntheticPatients } from '../db/seed-registry'
import { exportRegistry } from '../../main/services/export/index'

const ROOT = path.resolve(__dirname, '../..')
const KILLS = Number(process.env.SPINEMET_STRESS_KILLS ?? 200)
let writer: string
let dir: string

beforeAll(async () => {
  dir = tempDir()
  writer = path.join(dir, 'crash-writer.cjs')
  // Bundled once so that each of the hundreds of child processes starts in a fraction of a second.
  await build({
    entryPoints: [path.join(ROOT, 'tests/stress/crash-writer.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: writer,
    external: ['better-sqlite3', 'electron'],
    alias: { '@contract': path.join(ROOT, 'main/contract'), '@domain': path.join(ROOT, 'main/domain'), '@engine': path.join(ROOT, 'main/engine') },
    logLevel: 'error',
  })
}, 120_000)
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

interface Run {
  acks: string[]
  stderr: string
}

/** Starts the writer and SIGKILLs it `afterMs` after it reported ready. */
function runAndKill(args: string[], afterMs: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [writer, ...args], { cwd: ROOT, env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') }, stdio: ['ignore', 'pipe', 'pipe'] })
    const acks: string[] = []
    let buffer = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop()!
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), afterMs)
        else acks.push(line)
      }
    })
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('exit', () => resolve({ acks, stderr }))
  })
}

function seededRandom(seed: number): () => number {
  let s = seed
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
}

const figures = { kills: 0, acknowledgedSaves: 0, lost: 0, importKills: 0, importsAllOrNothing: 0, importsWhole: 0, importsNone: 0 }
afterAll(() => {
  console.log(`[stress] crash harness: ${JSON.stringify(figures)}`)
})

describe('SIGKILL at random moments', () => {
  it(`${KILLS} kills during saves: integrity ok, the registry opens, every acknowledged save is there`, async () => {
    const file = path.join(dir, 'crash.sqlite')
    const conn = createRegistryFile(file, { appVersion: 'stress' })
    for (let i = 1; i <= 20; i++) insertPatientRecord(conn.db, emptyPatientRecord(`SM-${String(i).padStart(3, '0')}`), { osUser: 'seed', at: '2024-01-01T00:00:00.000Z' })
    conn.db.close()
    const random = seededRandom(20_211_203)
    /** Highest acknowledged counter per patient and field. */
    const acked = new Map<string, number>()
    for (let kill = 0; kill < KILLS; kill++) {
      const run = await runAndKill([file, 'edit', String(1 + kill)], Math.floor(random() * 250))
      expect(run.stderr).toBe('')
      figures.kills++
      for (const line of run.acks) {
        const [, id, field, stamp] = line.split(' ')
        figures.acknowledgedSaves++
        acked.set(`${id} ${field}`, Number(stamp))
      }
      // Open as SpineMet does (replaying the WAL the killed writer left), then check.
      const after = await openRegistryFile(file)
      try {
        expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok')
        for (const [key, stamp] of acked) {
          const [id, field] = key.split(' ')
          const sql =
            field === 'identity.fullName'
              ? 'SELECT full_name FROM patient_identities WHERE patient_id = ?'
              : field === 'identity.hospitalNumber'
                ? 'SELECT hospital_number FROM patient_identities WHERE patient_id = ?'
                : 'SELECT notes FROM patients WHERE id = ?'
          const stored = after.db.prepare(sql).pluck().get(Number(id)) as string | null
          // A later save (acknowledged or not) may have replaced it; an older value never may.
          const storedStamp = stored === null ? -1 : Number(/(\d+)$/.exec(stored)?.[1] ?? -1)
          if (storedStamp < stamp) figures.lost++
        }
      } finally {
        after.db.close()
      }
    }
    expect(figures.lost).toBe(0)
    expect(figures.acknowledgedSaves).toBeGreaterThan(KILLS)
  }, 560_000)
})

describe('SIGKILL during an import commit', () => {
  it('leaves all of the import or none of it', async () => {
    // The file to import: an identified export of 1,500 synthetic patients.
    const source = createRegistryFile(path.join(dir, 'source.sqlite'), { appVersion: 'stress' })
    seedSyntheticPatients(source.db, 1500)
    const csv = path.join(dir, 'import.csv')
    exportRegistry(source.db, csv, { identified: true, scope: 'all', now: '2024-06-01T00:00:00.000Z' })
    source.db.close()
    const random = seededRandom(7)
    const IMPORT_KILLS = Number(process.env.SPINEMET_STRESS_IMPORT_KILLS ?? 20)
    for (let kill = 0; kill < IMPORT_KILLS; kill++) {
      const file = path.join(dir, `import-${kill}.sqlite`)
      const conn = createRegistryFile(file, { appVersion: 'stress' })
      insertPatientRecord(conn.db, emptyPatientRecord('KEEP-1'), { osUser: 'seed', at: '2024-01-01T00:00:00.000Z' })
      conn.db.close()
      const run = await runAndKill([file, 'import', '0', csv], Math.floor(random() * 3000))
      figures.importKills++
      const after = await openRegistryFile(file)
      try {
        expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok')
        const n = after.db.prepare('SELECT count(*) FROM patients').pluck().get() as number
        expect([1, 1501]).toContain(n)
        if (run.acks.includes('import-ack')) expect(n).toBe(1501)
        figures.importsAllOrNothing++
        if (n === 1501) figures.importsWhole++
        else figures.importsNone++
      } finally {
        after.db.close()
      }
    }
  }, 560_000)
})
