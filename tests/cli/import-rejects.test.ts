// cli import --problems F and --write-rejects F on the demo legacy file: the problem list is saved
// whatever the outcome; without --write-rejects the import stays all-or-nothing; with it the good
// rows are imported and the rejects file, once corrected, imports cleanly.
import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/index'
import { countPatients, tempDir } from '../services/import-helpers'

const LEGACY = path.resolve(__dirname, '../../demo/legacy/spine-registry-2012-2019.csv')

async function cli(args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: process.cwd() })
  return { code, stdout, stderr }
}
const patients = (file: string) => {
  const db = new BetterSqlite3(file, { readonly: true })
  try {
    return countPatients(db)
  } finally {
    db.close()
  }
}

describe('cli import --problems / --write-rejects', () => {
  it('saves the problem list and refuses the file by default', async () => {
    const dir = tempDir()
    const db = path.join(dir, 'ward.sqlite')
    const list = path.join(dir, 'problems.csv')
    const r = await cli(['import', '--db', db, '--create', '--csv', LEGACY, '--problems', list, '--lang', 'zh-CN'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`Problem list: ${list}`)
    const lines = fs.readFileSync(list, 'utf8').replace(/^\uFEFF/, '').split('\r\n')
    expect(lines[0]).toBe('文件,行,列,值,级别,问题,建议')
    expect(lines.filter((l) => l.includes(',错误,'))).toHaveLength(3)
    expect(fs.existsSync(db)).toBe(false)
  })

  it('imports the good rows, writes the others for correction, and the corrected file imports cleanly', async () => {
    const dir = tempDir()
    const db = path.join(dir, 'ward.sqlite')
    const rejects = path.join(dir, 'to-correct.csv')
    const r = await cli(['import', '--db', db, '--create', '--csv', LEGACY, '--write-rejects', rejects])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Imported 9 patients (the rows without errors)')
    expect(r.stdout).toContain(`3 rows with 3 problems written for correction to ${rejects}`)
    expect(patients(db)).toBe(9)

    const before = await cli(['import', '--db', db, '--csv', rejects, '--dry-run'])
    expect(before.code).toBe(1)
    fs.writeFileSync(
      rejects,
      fs
        .readFileSync(rejects, 'utf8')
        .replace(',55,肺,腺癌,', ',55,肺腺癌,腺癌,')
        .replace(',0,无,16,10,', ',0,无,12,10,')
        .replace(',2014-07-22,2014-07-20,', ',2014-07-18,2014-07-20,'),
    )
    const after = await cli(['import', '--db', db, '--csv', rejects])
    expect(after.code).toBe(0)
    expect(after.stdout).toContain('Imported 3 patients')
    expect(patients(db)).toBe(12)
  })
})
