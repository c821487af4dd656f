// The patient list's search finds patients by their primary histology — by its English or Chinese
// name, a common synonym or its code ("lung" finds the NSCLC and SCLC patients) — besides study
// id, name and hospital number; the histology filter narrows the list to one histology.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PatientListPage, PatientView } from '../../main/contract/patients'
import { createPatientTestApp, type ExportTestApp } from '../db/harness'

let app: ExportTestApp
beforeEach(async () => {
  app = createPatientTestApp()
  await app.newRegistry()
})
afterEach(() => app.close())

const create = (studyId: string) => app.call<PatientView>('patients.create', { studyId })
const update = (id: number, path: string, value: unknown) => app.call<PatientView>('patients.update', { id, path, value })
const ids = async (q: Record<string, unknown>) => (await app.call<PatientListPage>('patients.list', q)).rows.map((r) => r.studyId)

describe('patient search by histology', () => {
  it('finds the histology by name, Chinese name, synonym and code; a histology filter narrows the list', async () => {
    const patients: [string, string | null][] = [
      ['SM-A', 'lung_nsclc'],
      ['SM-B', 'lung_sclc'],
      ['SM-C', 'kidney'],
      ['SM-D', null],
    ]
    for (const [studyId, histology] of patients) {
      const v = await create(studyId)
      if (histology) await update(v.record.id!, 'patient.histology', histology)
    }
    expect(await ids({ search: 'lung' })).toEqual(['SM-A', 'SM-B'])
    expect(await ids({ search: 'NSCLC' })).toEqual(['SM-A'])
    expect(await ids({ search: '肺癌' })).toEqual(['SM-A', 'SM-B'])
    expect(await ids({ search: 'renal cell' })).toEqual(['SM-C'])
    expect(await ids({ search: 'SM-C' })).toEqual(['SM-C'])
    expect(await ids({ histology: 'kidney' })).toEqual(['SM-C'])
    expect(await ids({ search: 'lung', histology: 'lung_sclc' })).toEqual(['SM-B'])
  })
})
