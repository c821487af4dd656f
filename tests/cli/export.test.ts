import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/index'
import { insertPatientRecord } from '../../main/db/repositories/patient-records'
import { ACTOR, fullRecord, newRegistry, tempDir } from '../services/import-helpers'

async function cli(args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: process.cwd() })
  return { code, stdout, stderr }
}

function registryFile(): string {
  const reg = newRegistry()
  insertPatientRecord(reg.db, fullRecord('SM-0001'), ACTOR)
  reg.close()
  return reg.path
}

describe('cli export', () => {
  it('writes the five files, de-identified by default, and says so', async () => {
    const db = registryFile()
    const out = path.join(tempDir(), 'study.csv')
    const r = await cli(['export', '--db', db, '--csv', out])
    expect(r).toMatchObject({ code: 0, stderr: '' })
    expect(r.stdout).toContain('Wrote 1 patients (de-identified, ')
    expect(r.stdout).toContain('De-identified export: no names, hospital numbers, dates of birth or free-text notes')
    for (const suffix of ['', '_complications', '_follow_up', '_dictionary']) expect(fs.existsSync(out.replace(/\.csv$/, `${suffix}.csv`))).toBe(true)
    expect(fs.existsSync(out.replace(/\.csv$/, '_spss.sps'))).toBe(true)
    expect(r.stdout).toContain(out.replace(/\.csv$/, '_spss.sps'))
    expect(fs.readFileSync(out, 'utf8')).not.toContain('王芳')
  })

  it('--identified adds names and hospital numbers; --json gives the paths and counts', async () => {
    const db = registryFile()
    const out = path.join(tempDir(), 'study.csv')
    const r = await cli(['export', '--db', db, '--csv', out, '--identified', '--json'])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout) as { rows: number; complicationRows: number; followUpRows: number; identified: boolean; dictionaryPath: string }
    expect(json).toMatchObject({ rows: 1, complicationRows: 2, followUpRows: 3, identified: true })
    expect(json.dictionaryPath).toBe(out.replace(/\.csv$/, '_dictionary.csv'))
    expect(fs.readFileSync(out, 'utf8')).toContain('王芳 1')
  })

  it('refuses bad input with one line on stderr and a non-zero exit', async () => {
    const db = registryFile()
    const scope = await cli(['export', '--db', db, '--csv', path.join(tempDir(), 'x.csv'), '--scope', 'some'])
    expect(scope.code).toBe(2)
    expect(scope.stderr).toBe('spinemet export: --scope must be one of all, eligible, got "some" (see "npm run cli -- export --help")\n')
    const nodb = await cli(['export', '--db', '/nonexistent/r.sqlite', '--csv', path.join(tempDir(), 'x.csv')])
    expect(nodb.code).toBe(1)
    expect(nodb.stderr.trim().split('\n')).toHaveLength(1)
    expect(nodb.stderr).toContain('[DB_NOT_FOUND]')
    const help = await cli(['export', '--help'])
    expect(help.stdout).toContain('De-identified by default')
    expect(help.stdout).toContain('identity.fullName')
  })

  it('--format redcap writes a REDCap dictionary and data file, with --json counts, and refuses an unknown format', async () => {
    const db = registryFile()
    const out = path.join(tempDir(), 'pool.csv')
    const r = await cli(['export', '--db', db, '--csv', out, '--format', 'redcap', '--json'])
    expect(r).toMatchObject({ code: 0, stderr: '' })
    const json = JSON.parse(r.stdout) as { records: number; repeatingRows: number; dictionaryPath: string; dataPath: string; repeatingInstruments: string[] }
    expect(json).toMatchObject({ records: 1, repeatingRows: 5, repeatingInstruments: ['complications', 'follow_up'] })
    expect(json.dictionaryPath).toBe(out.replace(/\.csv$/, '_redcap_dictionary.csv'))
    const data = fs.readFileSync(json.dataPath, 'utf8').trim().split('\r\n')
    expect(data).toHaveLength(1 + 1 + 5)
    expect(data[1]).toMatch(/^SM-0001,,,/)
    expect(data.slice(2).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      'SM-0001,complications,1',
      'SM-0001,complications,2',
      'SM-0001,follow_up,1',
      'SM-0001,follow_up,2',
      'SM-0001,follow_up,3',
    ])
    expect(fs.readFileSync(json.dataPath, 'utf8')).not.toContain('王芳')
    const text = await cli(['export', '--db', db, '--csv', out, '--format', 'redcap'])
    expect(text.stdout).toContain('mark complications and follow_up as repeating instruments')
    const bad = await cli(['export', '--db', db, '--csv', out, '--format', 'xlsx'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--format must be one of spinemet, redcap')
  })
})
