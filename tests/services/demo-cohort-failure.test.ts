// All or nothing: a failure while the demo cohort is written leaves no half-written registry
// and does not touch a file that was already there.
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { writeDemoRegistry } from '../../main/services/demo-cohort'

// vi.mock is hoisted above the imports; the counter it reads must be hoisted with it.
const counter = vi.hoisted(() => ({ inserts: 0 }))
vi.mock('../../main/db/repositories/patient-records', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../main/db/repositories/patient-records')>()
  return {
    ...real,
    insertPatientRecord: (...args: Parameters<typeof real.insertPatientRecord>) => {
      if (++counter.inserts === 120) throw new Error('disk full (simulated)')
      return real.insertPatientRecord(...args)
    },
  }
})

let dir: string
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-demo-fail-'))
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex')

describe('writeDemoRegistry failure', () => {
  it('leaves no file behind when an insert fails', async () => {
    counter.inserts = 0
    const file = path.join(dir, 'new.sqlite')
    await expect(writeDemoRegistry(file, { seed: 1, appVersion: 'test', overwrite: false })).rejects.toThrow('disk full')
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it('leaves an existing file byte-for-byte as it was when replacing it fails', async () => {
    counter.inserts = 0
    const file = path.join(dir, 'old.sqlite')
    fs.writeFileSync(file, 'previous registry')
    const before = sha(file)
    await expect(writeDemoRegistry(file, { seed: 1, appVersion: 'test', overwrite: true })).rejects.toThrow('disk full')
    expect(sha(file)).toBe(before)
    expect(fs.readdirSync(dir)).toEqual(['old.sqlite'])
  })

  it('refuses an existing file without overwrite', async () => {
    const file = path.join(dir, 'old.sqlite')
    const before = sha(file)
    await expect(writeDemoRegistry(file, { seed: 1, appVersion: 'test', overwrite: false })).rejects.toMatchObject({ code: 'DB_ALREADY_EXISTS' })
    expect(sha(file)).toBe(before)
  })
})
