// REDCap export of the demo registry: the dictionary has REDCap's 18 columns, legal variable
// names, choices written as "1, Male | 2, Female"; the data file's columns are exactly the
// dictionary's variables (a checkbox as name___code), its values fit the dictionary, and decoding
// it with the dictionary gives back every stored value.
import fs from 'node:fs'
import path from 'node:path'
import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RedcapExportResult } from '@contract/import-export'
import { VERTEBRAE } from '@domain/codes'
import { openRegistryFile } from '../../main/db/connection'
import { getPatientRecord } from '../../main/db/repositories/patient-records'
import { writeDemoRegistry } from '../../main/services/demo-cohort'
import { CSV_FIELDS } from '../../main/services/import/fields'
import { REDCAP_DICTIONARY_HEADER, REDCAP_NAME_MAX, exportRedcap } from '../../main/services/export/redcap'
import { tempDir } from './import-helpers'

const read = (file: string): string[][] => Papa.parse<string[]>(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data

let dir = ''
let db: Awaited<ReturnType<typeof openRegistryFile>>
let deid: RedcapExportResult
let ident: RedcapExportResult

beforeAll(async () => {
  dir = tempDir()
  const file = path.join(dir, 'demo.sqlite')
  await writeDemoRegistry(file, { seed: 2021, appVersion: 'test', overwrite: true })
  db = await openRegistryFile(file)
  deid = exportRedcap(db.db, path.join(dir, 'deid.csv'), { identified: false, scope: 'all' })
  ident = exportRedcap(db.db, path.join(dir, 'ident.csv'), { identified: true, scope: 'all' })
})
afterAll(() => {
  db?.db.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('REDCap data dictionary', () => {
  it("has REDCap's 18 standard columns, the record ID first, and legal, unique, short variable names", () => {
    const [header, ...rows] = read(deid.dictionaryPath)
    expect(header).toEqual([...REDCAP_DICTIONARY_HEADER])
    expect(rows.every((r) => r.length === 18)).toBe(true)
    expect(rows[0]!.slice(0, 4)).toEqual(['pt_study_id', 'patient', 'Patient and tumour', 'text'])
    const names = rows.map((r) => r[0]!)
    for (const n of names) {
      expect(n).toMatch(/^[a-z][a-z0-9_]*$/)
      expect(n.length).toBeLessThanOrEqual(REDCAP_NAME_MAX)
    }
    expect(new Set(names).size).toBe(names.length)
    expect(deid.fields).toBe(rows.length)
    // instruments are contiguous (REDCap groups a form's fields together)
    const forms = rows.map((r) => r[1]!)
    expect([...new Set(forms)]).toEqual(['patient', 'preoperative', 'surgery', 'month_6', 'complications', 'follow_up'])
    const firsts = forms.filter((f, i) => i === 0 || forms[i - 1] !== f)
    expect(firsts).toEqual([...new Set(forms)])
  })

  it('writes choices as "1, Male | 2, Female", yes/no as yesno, dates as date_ymd, ranges as min/max', () => {
    const rows = read(deid.dictionaryPath).slice(1)
    const byName = new Map(rows.map((r) => [r[0]!, r]))
    const sex = byName.get('pt_sex')!
    expect(sex[3]).toBe('radio')
    expect(sex[5]).toBe('1, Male / 男 | 2, Female / 女')
    for (const r of rows.filter((x) => ['radio', 'dropdown', 'checkbox'].includes(x[3]!))) {
      expect(r[5]).toMatch(/^[a-z0-9_]+, [^|]+( \| [a-z0-9_]+, [^|]+)*$/)
    }
    expect(byName.get('pre_myelopathy')![3]).toBe('yesno')
    expect(byName.get('sx_surgery_date')!.slice(3, 4).concat(byName.get('sx_surgery_date')![7]!)).toEqual(['text', 'date_ymd'])
    expect(byName.get('pt_age_years')!.slice(7, 10)).toEqual(['integer', '0', '120'])
    expect(byName.get('pre_vas_pain')![7]).toBe('number_1dp')
    expect(byName.get('pt_vertebrae')![3]).toBe('checkbox')
    expect(byName.get('pre_bilsky_grade')![5]).toContain('3, 1b')
  })

  it('leaves identifying data out unless asked, and flags it as an identifier when included', () => {
    const deNames = read(deid.dictionaryPath).slice(1).map((r) => r[0])
    const idRows = read(ident.dictionaryPath).slice(1)
    for (const f of CSV_FIELDS.filter((x) => x.identifying || x.freeText)) {
      const name = idRows.find((r) => r[17]!.startsWith(`SpineMet ${f.path}.`))
      expect(name, f.path).toBeDefined()
      expect(name![10]).toBe('y')
      expect(deNames).not.toContain(name![0])
    }
  })
})

describe('REDCap data-import file', () => {
  it("has exactly the dictionary's variables as columns, after the repeating-instrument columns", () => {
    const dict = read(deid.dictionaryPath).slice(1)
    const [header] = read(deid.dataPath)
    const expected = dict.flatMap((r) => (r[3] === 'checkbox' ? VERTEBRAE.map((v) => `${r[0]}___${v.toLowerCase()}`) : [r[0]!]))
    expect(header!.slice(0, 3)).toEqual(['pt_study_id', 'redcap_repeat_instrument', 'redcap_repeat_instance'])
    expect([header![0], ...header!.slice(3)]).toEqual(expected)
  })

  it('holds 215 records and one repeating row per complication and follow-up event, numbered from 1', () => {
    const [, ...rows] = read(deid.dataPath)
    const records = rows.filter((r) => r[1] === '')
    expect(records).toHaveLength(215)
    expect(deid.records).toBe(215)
    const repeating = rows.filter((r) => r[1] !== '')
    expect(repeating).toHaveLength(deid.repeatingRows)
    const ids = new Set(records.map((r) => r[0]))
    const seen = new Map<string, number>()
    for (const r of repeating) {
      expect(ids.has(r[0])).toBe(true)
      expect(['complications', 'follow_up']).toContain(r[1])
      const key = `${r[0]}|${r[1]}`
      seen.set(key, (seen.get(key) ?? 0) + 1)
      expect(r[2]).toBe(String(seen.get(key)))
    }
  })

  it('decoded with its own dictionary, gives back every stored value of every demo patient', () => {
    const dict = read(ident.dictionaryPath).slice(1)
    const [header, ...rows] = read(ident.dataPath)
    const col = new Map(header!.map((h, i) => [h, i]))
    const records = rows.filter((r) => r[1] === '')
    const ids = db.db.prepare('SELECT id FROM patients ORDER BY study_id').pluck().all() as number[]
    expect(records).toHaveLength(ids.length)
    const recordFields = dict.filter((r) => !['complications', 'follow_up'].includes(r[1]!))
    ids.forEach((id, k) => {
      const record = getPatientRecord(db.db, id)! as unknown as Record<string, Record<string, unknown>>
      const row = records[k]!
      for (const d of recordFields) {
        const p = /^SpineMet ([a-zA-Z0-9]+)\.([a-zA-Z0-9]+)\./.exec(d[17]!)!
        const stored = record[p[1]!]![p[2]!]
        if (d[3] === 'checkbox') {
          const ticked = VERTEBRAE.filter((v) => row[col.get(`${d[0]}___${v.toLowerCase()}`)!] === '1')
          expect(ticked, d[0]).toEqual([...((stored as string[] | null) ?? [])].sort((a, b) => VERTEBRAE.indexOf(a as never) - VERTEBRAE.indexOf(b as never)))
          continue
        }
        const cell = row[col.get(d[0]!)!]!
        if (stored === null || stored === undefined || (Array.isArray(stored) && stored.length === 0)) {
          expect(cell, `${d[0]} of ${record.patient!.studyId}`).toBe('')
        } else if (d[3] === 'radio' || d[3] === 'dropdown') {
          const codes = /Codes: (.*?)\.\s/.exec(d[17]!)![1]!.split(', ').map((x) => x.split(' = ') as [string, string])
          expect(new Map(codes).get(cell), d[0]).toBe(String(stored))
        } else if (d[3] === 'yesno') {
          expect(cell).toBe(stored ? '1' : '0')
        } else if (Array.isArray(stored)) {
          expect(cell).toBe(stored.map((a) => (a === null ? 'NA' : String(a))).join(';'))
        } else {
          expect(cell, d[0]).toBe(String(stored))
        }
      }
    })
  })
})
