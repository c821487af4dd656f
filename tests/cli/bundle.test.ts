// `npm run cli` runs the esbuild bundle (scripts/cli.mjs → out/cli/spinemet-cli.cjs) in plain Node,
// rebuilding it first when a source under main/ is newer. The same commands as in-process, through
// the real process: the bundle must carry every command and the native better-sqlite3 must load.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_VERSION } from '../../main/version'

const ROOT = path.resolve(__dirname, '../..')
const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'scripts/cli.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 })

describe('the CLI bundle (npm run cli)', () => {
  it('prints the version, runs km on a CSV and opens a registry', () => {
    const v = cli('--version', '--json')
    expect(v.status, v.stderr).toBe(0)
    expect(JSON.parse(v.stdout)).toMatchObject({ app: APP_VERSION })

    const km = cli('km', '--csv', 'tests/fixtures/data/lung.csv', '--time', 'time', '--event', 'status', '--group', 'sex', '--json')
    expect(km.status, km.stderr).toBe(0)
    const j = JSON.parse(km.stdout) as { n: number; groups: { n: number }[]; logrank: { df: number } }
    expect(j.n).toBe(228) // survival::lung
    expect(j.groups.map((g) => g.n)).toEqual([138, 90])
    expect(j.logrank.df).toBe(1)

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-cli-bundle-'))
    try {
      const db = path.join(dir, 'demo.sqlite')
      expect(cli('demo', '--db', db).status).toBe(0)
      const info = cli('info', '--db', db, '--json')
      expect(info.status, info.stderr).toBe(0)
      expect((JSON.parse(info.stdout) as { counts: { patients: number } }).counts.patients).toBe(215)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }, 180_000)
})
