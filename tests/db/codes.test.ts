// The stored codes (main/domain/codes.ts) and the CHECK constraints of the schema hold the same
// lists: every code is accepted, anything else refused by the database itself.
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3'
import * as codes from '../../main/domain/codes'
import { createRegistryFile } from '../../main/db/connection'
import { insertPatientRecord } from '../../main/db/repositories/patient-records'
import { completeRecord } from '../domain/records'
import { tempDir } from './harness'

let db: Database
beforeAll(() => {
  db = createRegistryFile(path.join(tempDir(), 'codes.sqlite'), { appVersion: 'test' }).db
  insertPatientRecord(db, completeRecord(), { osUser: 't', at: '2024-01-01T00:00:00.000Z' })
})
afterAll(() => db.close())

/** table, column, codes, SQL run first inside the savepoint (to make room for every code). */
const COLUMNS: [string, string, readonly (string | number)[], string?][] = [
  ['patients', 'sex', codes.SEXES],
  ['patients', 'histology', codes.HISTOLOGIES],
  ['patients', 'radiosensitivity', codes.RADIOSENSITIVITY],
  ['patients', 'spinal_region', codes.SPINAL_REGIONS],
  ['assessments', 'timepoint', codes.TIMEPOINTS, "DELETE FROM assessments WHERE timepoint = 'month6'"],
  ['assessments', 'bilsky_grade', codes.BILSKY_GRADES],
  ['assessments', 'asia_grade', codes.ASIA_GRADES],
  ['assessments', 'tokuhashi_frankel', codes.FRANKEL_GRADES],
  ['assessments', 'tokuhashi_visceral', codes.TOKUHASHI_VISCERAL],
  ['assessments', 'ecog', codes.ECOG_GRADES],
  ['assessments', 'kps', codes.KPS_VALUES],
  ['assessments', 'sins_location', codes.SINS_LOCATIONS],
  ['assessments', 'sins_pain', codes.SINS_PAIN],
  ['assessments', 'sins_bone_lesion', codes.SINS_BONE_LESION],
  ['assessments', 'sins_alignment', codes.SINS_ALIGNMENT],
  ['assessments', 'sins_collapse', codes.SINS_COLLAPSE],
  ['assessments', 'sins_posterolateral', codes.SINS_POSTEROLATERAL],
  ['assessments', 'sosgoq_version', codes.SOSGOQ_VERSIONS],
  ['surgeries', 'arm', codes.TREATMENT_ARMS],
  ['surgeries', 'margin_status', codes.MARGIN_STATUSES],
  ['complications', 'kind', codes.COMPLICATION_KINDS],
  ['complications', 'grade', codes.COMPLICATION_GRADES],
  ['follow_up_events', 'kind', codes.FOLLOW_UP_EVENT_KINDS],
]

describe('codes.ts and the CHECK constraints agree', () => {
  it.each(COLUMNS)('%s.%s accepts every code and nothing else', (table, column, list, setup) => {
    db.exec('SAVEPOINT codes')
    try {
      if (setup) db.exec(setup)
      const rowid = db.prepare(`SELECT min(rowid) FROM ${table}`).pluck().get()
      const statement = db.prepare(`UPDATE ${table} SET ${column} = @v WHERE rowid = @r`)
      const update = { run: (v: string | number) => statement.run({ v, r: rowid }) }
      for (const code of list) expect(update.run(code).changes, String(code)).toBe(1)
      for (const bogus of ['', 'unknown', 'x1', 7.5, -1, 101]) {
        if ((list as readonly unknown[]).includes(bogus)) continue
        expect(() => update.run(bogus), String(bogus)).toThrow(/constraint|cannot store/i)
      }
    } finally {
      db.exec('ROLLBACK TO codes; RELEASE codes')
    }
  })

  it('patient_vertebrae.vertebra accepts every vertebra and nothing else', () => {
    db.exec('SAVEPOINT codes')
    try {
      db.exec('DELETE FROM patient_vertebrae')
      const insert = db.prepare('INSERT INTO patient_vertebrae (patient_id, vertebra) VALUES (1, ?)')
      for (const v of codes.VERTEBRAE) insert.run(v)
      for (const bogus of ['T13', 'L6', 'C0', 't8', '']) expect(() => insert.run(bogus), bogus).toThrow(/constraint/i)
    } finally {
      db.exec('ROLLBACK TO codes; RELEASE codes')
    }
  })
})
