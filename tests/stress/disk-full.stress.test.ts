// A disk that fills up during saves and during an import: each failure is a clear message, and
// nothing already saved is lost. Runs on a small tmpfs (mounted when the tests run as root and
// may mount; skipped otherwise, with a note in the output).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PatientView } from '@contract/patients'
import { createTestApp, type TestApp } from '../helpers/test-host'
import { openRegistryFile } from '../../main/db/connection'

const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-full-'))
const mounted = process.getuid?.() === 0 && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mountPoint]).status === 0
let app: TestApp

beforeAll(() => {
  if (!mounted) console.log('[stress] disk full: skipped (cannot mount a tmpfs here)')
  app = createTestApp({ dir: fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-full-host-')) })
})
afterAll(() => {
  app?.close()
  if (mounted) spawnSync('umount', [mountPoint])
  fs.rmSync(mountPoint, { recursive: true, force: true })
})

describe.runIf(mounted)('disk full', () => {
  it('saves fail with the disk-full sentence, an import is refused whole, and every acknowledged save survives', async () => {
    const file = path.join(mountPoint, 'full.sqlite')
    app.host.dialogs.save.push(file)
    await app.call('registry.create')
    const saved = new Map<number, string>()
    let failure: { code: string; message: string } | null = null
    const filler = 'x'.repeat(3000)
    for (let i = 0; i < 5000 && failure === null; i++) {
      const p = await app.dispatch('patients.create', {})
      if (!p.ok) {
        failure = p.error
        break
      }
      const id = (p.value as PatientView).record.id
      const note = `${i} ${filler}`
      const r = await app.dispatch('patients.update', { id, path: 'patient.notes', value: note })
      if (r.ok) saved.set(id, note)
      else failure = r.error
    }
    expect(failure).not.toBeNull()
    expect(failure!.message).toMatch(/disk .* is full|not enough disk space/i)
    expect(failure!.message).not.toMatch(/SQLITE_FULL|database or disk is full/)

    // An import on the full disk: refused before anything is written (its backup cannot be made).
    const csv = path.join(app.host.dir, 'import.csv')
    fs.writeFileSync(csv, 'patient.studyId,patient.ageYears\nIMP-1,60\nIMP-2,61\n')
    app.host.chooseImportFile = async () => csv
    const before = saved.size
    const preview = await app.dispatch('import.preview', { source: 'dialog' })
    if (preview.ok) {
      const p = preview.value as { token: string; suggestedMapping: Record<string, string | null> }
      const commit = await app.dispatch('import.commit', { token: p.token, mapping: p.suggestedMapping })
      expect(commit.ok).toBe(false)
      if (!commit.ok) expect(commit.error.message).toMatch(/disk|space/i)
    }

    app.close()
    // Space freed (the tmpfs is grown), the registry opens with every acknowledged save.
    spawnSync('mount', ['-o', 'remount,size=64m', mountPoint])
    const conn = await openRegistryFile(file)
    try {
      expect(conn.db.pragma('integrity_check', { simple: true })).toBe('ok')
      for (const [id, note] of saved) expect(conn.db.prepare('SELECT notes FROM patients WHERE id = ?').pluck().get(id)).toBe(note)
      expect(conn.db.prepare("SELECT count(*) FROM patients WHERE study_id LIKE 'IMP-%'").pluck().get()).toBe(0)
      console.log(`[stress] disk full: ${before} saves acknowledged before the disk filled, 0 lost; failure: ${failure!.code}`)
    } finally {
      conn.db.close()
    }
  })
})
