// The patient list at 100,000 patients: every filter is answered by an index and no query reads a
// whole table row by row. Checked on the query plans (EXPLAIN QUERY PLAN), not on timings — timings
// are `npx tsx scripts/bench-registry.ts`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { patientListQuery, PATIENT_SORT_KEYS, type PatientListPage } from '../../main/contract/patients'
import { buildListQuery } from '../../main/db/repositories/patient-list'
import { seedSyntheticPatients } from '../db/seed-registry'
import { createPatientTestApp, type ExportTestApp } from '../db/harness'

const N = 100_000
const TODAY = '2024-06-01'
let app: ExportTestApp

beforeAll(async () => {
  app = createPatientTestApp({ now: () => new Date(`${TODAY}T08:00:00`) })
  await app.newRegistry()
  seedSyntheticPatients(app.db(), N)
}, 120_000)
afterAll(() => app.close())

function plan(query: Record<string, unknown>): { ids: string[]; count: string[] } {
  const q = patientListQuery.parse(query)
  const built = buildListQuery(q, TODAY)
  const explain = (sql: string, params: Record<string, unknown>) =>
    (app.db().prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail)
  return { ids: explain(built.idsSql, { ...built.params, limit: q.limit, offset: q.offset }), count: explain(built.countSql, built.params) }
}

/** A plan line that reads a whole table without an index ("SCAN p", not "SCAN p USING INDEX …"). */
const fullTableScan = (line: string) => /^SCAN \w+$/.test(line) || (/^SCAN /.test(line) && !/USING|VIRTUAL TABLE/.test(line))

const FILTERS: [string, Record<string, unknown>, RegExp][] = [
  ['arm', { arm: 'HT' }, /SEARCH st USING (COVERING )?INDEX patient_status_arm \(arm=\?\)/],
  ['eligibility', { eligibility: 'eligible' }, /SEARCH st USING (COVERING )?INDEX patient_status_eligibility \(eligibility=\?\)/],
  ['overdue', { overdue: true }, /SEARCH st USING (COVERING )?INDEX patient_status_next_follow_up \(next_follow_up_due<\?\)/],
  ['histology', { histology: 'kidney' }, /SEARCH p USING (COVERING )?INDEX patients_histology \(histology=\?\)/],
  ['search (name)', { search: 'wang' }, /patient_search VIRTUAL TABLE INDEX \d+:M/],
  ['search (study id)', { search: 'SM-00012' }, /patient_search VIRTUAL TABLE INDEX \d+:M/],
  ['search (hospital number)', { search: 'H0000' }, /patient_search VIRTUAL TABLE INDEX \d+:M/],
  ['combined', { arm: 'HT', eligibility: 'eligible', overdue: true }, /SEARCH st USING (COVERING )?INDEX patient_status_/],
]

describe(`patient list at ${N.toLocaleString('en')} patients`, () => {
  it.each(FILTERS)('filter %s: counted and paged through an index', (_name, query, index) => {
    const p = plan(query)
    expect(p.count.join('\n')).toMatch(index)
    expect(p.ids.join('\n')).toMatch(index)
    expect([...p.ids, ...p.count].filter(fullTableScan)).toEqual([])
  })

  it('incomplete records are counted through the partial index', () => {
    const p = plan({ incomplete: true })
    expect(p.count.join('\n')).toMatch(/patient_status_incomplete/)
    // the page walks the study-id index and stops after one page
    expect(p.ids.join('\n')).toMatch(/SCAN p USING COVERING INDEX sqlite_autoindex_patients_1/)
    expect([...p.ids, ...p.count].filter(fullTableScan)).toEqual([])
  })

  it.each(PATIENT_SORT_KEYS.flatMap((k) => [[k, 'asc'], [k, 'desc']] as const))('sort by %s %s walks an index, never a whole table', (sortBy, sortDir) => {
    const p = plan({ sortBy, sortDir })
    expect([...p.ids, ...p.count].filter(fullTableScan)).toEqual([])
    expect(p.count.join('\n')).toMatch(/USING (COVERING )?INDEX/)
  })

  it('the default order (study id) needs no sorting at all', () => {
    for (const sortDir of ['asc', 'desc']) {
      const p = plan({ sortBy: 'studyId', sortDir })
      expect(p.ids.join('\n')).not.toMatch(/TEMP B-TREE/)
    }
  })

  it('one- and two-character searches (no trigram for them) scan narrow covering indexes, not tables', () => {
    for (const search of ['wa', '7']) {
      const p = plan({ search })
      const text = p.ids.join('\n')
      expect(text).toMatch(/SCAN patients USING COVERING INDEX sqlite_autoindex_patients_1/)
      expect(text).toMatch(/SCAN patient_identities USING COVERING INDEX patient_identities_name/)
      expect(text).toMatch(/SCAN patient_identities USING COVERING INDEX sqlite_autoindex_patient_identities_1/)
      expect([...p.ids, ...p.count].filter(fullTableScan)).toEqual([])
    }
  })

  it('the pages returned through dispatch agree with the counts', async () => {
    const all = await app.call<PatientListPage>('patients.list', { limit: 1000 })
    expect(all.total).toBe(N)
    expect(all.rows).toHaveLength(1000)
    const db = app.db()
    const count = (sql: string) => db.prepare(sql).pluck().get() as number
    expect((await app.call<PatientListPage>('patients.list', { arm: 'HT' })).total).toBe(count("SELECT count(*) FROM surgeries WHERE arm = 'HT'"))
    expect((await app.call<PatientListPage>('patients.list', { histology: 'kidney' })).total).toBe(count("SELECT count(*) FROM patients WHERE histology = 'kidney'"))
    const search = await app.call<PatientListPage>('patients.list', { search: 'SM-000123' })
    expect(search.rows.map((r) => r.studyId)).toEqual(['SM-000123'])
    const byName = await app.call<PatientListPage>('patients.list', { search: 'wang', limit: 5 })
    expect(byName.total).toBe(count("SELECT count(*) FROM patient_identities WHERE full_name LIKE '%wang%'"))
    expect(byName.rows.every((r) => r.fullName!.toLowerCase().includes('wang'))).toBe(true)
    const last = await app.call<PatientListPage>('patients.list', { sortBy: 'surgeryDate', sortDir: 'desc', offset: N - 10, limit: 50 })
    expect(last.rows).toHaveLength(10)
    expect(last.rows.every((r) => r.surgeryDate === null)).toBe(true)
  })
})
