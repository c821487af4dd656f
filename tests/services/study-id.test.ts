// New patients get the next study id in the registry's own numbering style.
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { PatientView } from '@contract/patients'
import { createTestApp, type TestApp } from '../helpers/test-host'

let app: TestApp
afterEach(() => app?.close())

describe('next study id', () => {
  it('numbers a new registry SM-0001, SM-0002 …', async () => {
    app = createTestApp()
    app.host.dialogs.save.push(path.join(app.host.dir, 'r.sqlite'))
    await app.call('registry.create')
    expect((await app.call<PatientView>('patients.create', {})).record.patient.studyId).toBe('SM-0001')
    expect((await app.call<PatientView>('patients.create', {})).record.patient.studyId).toBe('SM-0002')
  })

  it('continues the demo registry (SM-001 … SM-215) as SM-216', async () => {
    app = createTestApp()
    await app.call('registry.openDemo', {})
    expect((await app.call<PatientView>('patients.create', {})).record.patient.studyId).toBe('SM-216')
  })
})
