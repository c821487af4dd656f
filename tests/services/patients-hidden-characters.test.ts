// Text with characters that hide or reorder what a reader sees — NUL and other control characters,
// Unicode text-direction overrides (the "Trojan source" trick) — is refused in every text field,
// with a message that says what to remove; ordinary text, line breaks and Chinese pass.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PatientView } from '../../main/contract/patients'
import { createPatientTestApp, type ExportTestApp } from '../db/harness'

let app: ExportTestApp
beforeEach(async () => {
  app = createPatientTestApp()
  await app.newRegistry()
})
afterEach(() => app.close())

describe('hidden characters in text fields', () => {
  it('refuses NUL, control characters and direction overrides; accepts ordinary text', async () => {
    const v = await app.call<PatientView>('patients.create', { studyId: 'SM-1' })
    const id = v.record.id!
    for (const [path, value] of [
      ['identity.fullName', 'Wang\u202EniM'],
      ['identity.fullName', 'Wang\u0000Min'],
      ['patient.notes', 'see \u2066attached\u2069'],
      ['patient.studyId', 'SM-\u00072'],
      ['surgery.procedureDetail', 'T9\u001B corpectomy'],
    ] as const) {
      const r = await app.dispatch('patients.update', { id, path, value })
      expect(r.ok, `${path} ${JSON.stringify(value)}`).toBe(false)
      if (!r.ok) expect(r.error.message).toMatch(/control character|direction/i)
    }
    for (const [path, value] of [
      ['identity.fullName', '王敏'],
      ['patient.notes', 'Line one\nLine two\twith a tab'],
    ] as const) {
      const r = await app.dispatch('patients.update', { id, path, value })
      expect(r.ok, `${path} ${JSON.stringify(value)}`).toBe(true)
    }
    const add = await app.dispatch('patients.addComplication', { id, complication: { kind: 'pneumonia', grade: 'II', onsetDate: null, description: 'ok\u202Dbad' } })
    expect(add.ok).toBe(false)
  })
})
