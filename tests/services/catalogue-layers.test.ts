// The field catalogue (main/domain/catalogue) names every field once; each layer that lists fields
// (the contract's zod schemas, the database tables, the import's columns, the export's columns,
// the UI's labels) must list exactly the catalogue's, and state the same ranges and codes.
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3'
import type { z } from 'zod'
import { FIELD_PATHS as CONTRACT_FIELD_PATHS, FIELD_SCHEMAS } from '@contract/patients'
import { assessmentSchema, complicationSchema, followUpEventSchema, identitySchema, patientCoreSchema, surgerySchema } from '@contract/patient-record'
import {
  COMPLICATION_ITEM_FIELDS,
  FOLLOW_UP_ITEM_FIELDS,
  RECORD_FIELDS,
  SECTION_FIELDS,
  type CatalogueField,
} from '@domain/catalogue/fields'
import { createRegistryFile } from '../../main/db/connection'
import { COMPLICATION_COLUMNS, DERIVED_COLUMNS as EXPORTED_DERIVED, FOLLOW_UP_COLUMNS, exportedFields } from '../../main/services/export/columns'
import { DERIVED_COLUMNS } from '@domain/catalogue/derived-fields'
import { MISSING_CODES_COLUMN } from '@domain/missing-codes-text'
import { dictionaryRows } from '../../main/services/export/dictionary'
import { CSV_FIELDS } from '../../main/services/import/fields'
import { convertCell } from '../../main/services/import/cells'
import en from '../../renderer/src/i18n/en'
import zhCN from '../../renderer/src/i18n/zh-CN'
import { tempDir } from '../db/harness'

const keys = (o: object) => Object.keys(o).sort()
const catalogueKeys = (section: keyof typeof SECTION_FIELDS) => keys(SECTION_FIELDS[section])

describe('every layer lists exactly the catalogue’s fields', () => {
  it('the contract schemas', () => {
    expect(keys(patientCoreSchema.shape)).toEqual(catalogueKeys('patient'))
    expect(keys(identitySchema.shape)).toEqual(catalogueKeys('identity'))
    expect(keys(assessmentSchema.shape)).toEqual(catalogueKeys('preop'))
    expect(keys(surgerySchema.shape)).toEqual(catalogueKeys('surgery'))
    expect(keys(complicationSchema.omit({ id: true }).shape)).toEqual(catalogueKeys('complication'))
    expect(keys(followUpEventSchema.omit({ id: true }).shape)).toEqual(catalogueKeys('followUp'))
    expect([...CONTRACT_FIELD_PATHS].sort()).toEqual(RECORD_FIELDS.map((f) => f.path).sort())
  })

  describe('the database tables', () => {
    let db: Database
    beforeAll(() => {
      db = createRegistryFile(path.join(tempDir(), 'catalogue.sqlite'), { appVersion: 'test' }).db
    })
    afterAll(() => db.close())

    /** Columns of a table that hold no record field: keys, links and bookkeeping. */
    const BOOKKEEPING = new Set(['id', 'patient_id', 'created_at', 'updated_at', 'timepoint', 'status', 'tokuhashi_total', 'sins_total', 'sosgoq_score'])
    const fieldColumns = (table: string) =>
      (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).filter((c) => !BOOKKEEPING.has(c)).sort()
    const catalogueColumns = (fields: readonly CatalogueField[]) => [...new Set(fields.map((f) => f.column).filter((c) => c !== null))].sort()

    it.each([
      ['patients', 'patient'],
      ['patient_identities', 'identity'],
      ['assessments', 'preop'],
      ['surgeries', 'surgery'],
    ] as const)('%s', (table, section) => {
      expect(fieldColumns(table)).toEqual(catalogueColumns(RECORD_FIELDS.filter((f) => f.section === section)))
    })

    it('complications and follow_up_events', () => {
      expect(fieldColumns('complications')).toEqual(catalogueColumns(COMPLICATION_ITEM_FIELDS))
      expect(fieldColumns('follow_up_events')).toEqual(catalogueColumns(FOLLOW_UP_ITEM_FIELDS))
    })
  })

  it('the import’s columns and the export’s columns', () => {
    const paths = RECORD_FIELDS.map((f) => f.path)
    expect(CSV_FIELDS.map((f) => f.path)).toEqual(paths)
    expect(exportedFields(true).map((f) => f.path)).toEqual(paths)
    expect(COMPLICATION_COLUMNS.slice(1).map((c) => c.name)).toEqual(COMPLICATION_ITEM_FIELDS.map((f) => f.path))
    expect(FOLLOW_UP_COLUMNS.slice(1).map((c) => c.name)).toEqual(FOLLOW_UP_ITEM_FIELDS.map((f) => f.path))
  })

  it('the export’s derived columns: the catalogue’s derived fields, none of them a record field', () => {
    expect(EXPORTED_DERIVED).toBe(DERIVED_COLUMNS)
    expect(DERIVED_COLUMNS.every((d) => d.derived && d.name.startsWith('derived.'))).toBe(true)
    expect(DERIVED_COLUMNS.map((d) => d.name)).toContain(MISSING_CODES_COLUMN)
    expect(RECORD_FIELDS.every((f) => !f.derived)).toBe(true)
  })

  it('the UI’s field labels, in both languages', () => {
    for (const ui of [en, zhCN]) {
      expect(keys(ui.fields.patient)).toEqual(catalogueKeys('patient'))
      expect(keys(ui.fields.identity)).toEqual(catalogueKeys('identity'))
      expect(keys(ui.fields.assessment).filter((k) => k !== 'sosgoq')).toEqual(catalogueKeys('preop'))
      expect(keys(ui.fields.surgery)).toEqual(catalogueKeys('surgery'))
      expect(keys(ui.fields.complication)).toEqual(catalogueKeys('complication'))
      expect(keys(ui.fields.followUpEvent)).toEqual(catalogueKeys('followUp'))
    }
  })
})

describe('one label per code', () => {
  it('the UI, the import and the data dictionary name liver cancer alike', () => {
    const liver = RECORD_FIELDS.find((f) => f.path === 'patient.histology')!.codes!.labels.find((l) => l.code === 'liver')!
    expect(zhCN.codes.histology.liver).toBe(liver.zh)
    expect(en.codes.histology.liver).toBe(liver.en)
    const dictionary = dictionaryRows({
      patientsFile: 'p.csv',
      complicationsFile: 'c.csv',
      followUpFile: 'f.csv',
      identified: false,
      appVersion: 't',
      exportedAt: 't',
      scope: 'all',
      rows: 0,
      fields: exportedFields(false),
      derived: [],
      complicationColumns: [],
      followUpColumns: [],
    })
    expect(dictionary.find((r) => r[1] === 'patient.histology')![6]).toContain(`liver = Liver (HCC) / ${zhCN.codes.histology.liver}`)
    // The other spelling still imports.
    expect(convertCell(RECORD_FIELDS.find((f) => f.path === 'patient.histology')!, '肝细胞癌')).toEqual({ ok: true, value: 'liver' })
  })
})

describe('the contract schemas agree with the catalogue', () => {
  const schemaOf = (f: CatalogueField): z.ZodType => {
    if (f.section === 'complication') return complicationSchema.shape[f.key as keyof typeof complicationSchema.shape]
    if (f.section === 'followUp') return followUpEventSchema.shape[f.key as keyof typeof followUpEventSchema.shape]
    return FIELD_SCHEMAS[f.path]!
  }
  const all = [...RECORD_FIELDS, ...COMPLICATION_ITEM_FIELDS, ...FOLLOW_UP_ITEM_FIELDS]

  it('accepts null exactly where the catalogue allows an empty field', () => {
    for (const f of all) {
      if (f.kind === 'vertebrae') continue // a list: empty is []
      expect(schemaOf(f).safeParse(null).success, f.path).toBe(f.required !== true)
    }
  })

  it('accepts every code of the code list and nothing else', () => {
    for (const f of all.filter((x) => x.kind === 'category')) {
      for (const code of f.codes!.codes) expect(schemaOf(f).safeParse(code).success, `${f.path} ${code}`).toBe(true)
      expect(schemaOf(f).safeParse('not-a-code').success, f.path).toBe(false)
    }
  })

  it('states the same hard ranges (accepts min and max, refuses one step outside) on the record screen and on import', () => {
    for (const f of all) {
      if (f.min === undefined || f.max === undefined) continue
      const schema = schemaOf(f)
      const step = f.kind === 'integer' ? (f.step ?? 1) : (f.step ?? 0.1)
      expect(schema.safeParse(f.min).success, `${f.path} min`).toBe(f.minExclusive !== true)
      expect(convertCell(f, String(f.min)).ok, `${f.path} min`).toBe(f.minExclusive !== true)
      expect(schema.safeParse(f.min - step).success, `${f.path} min-`).toBe(false)
      expect(schema.safeParse(f.max).success, `${f.path} max`).toBe(true)
      expect(convertCell(f, String(f.max)).ok, `${f.path} max`).toBe(true)
      expect(schema.safeParse(f.max + step).success, `${f.path} max+`).toBe(false)
      const above = convertCell(f, String(f.max + step))
      expect(above.ok).toBe(false)
      if (!above.ok) expect(above.code).toBe('OUT_OF_RANGE')
      if (f.step !== undefined && f.kind === 'integer') expect(schema.safeParse(f.min + f.step / 2).success, `${f.path} between steps`).toBe(false)
    }
  })

  it('states the same maximum lengths', () => {
    for (const f of all) {
      if (f.maxLength === undefined) continue
      expect(schemaOf(f).safeParse('x'.repeat(f.maxLength)).success, f.path).toBe(true)
      expect(schemaOf(f).safeParse('x'.repeat(f.maxLength + 1)).success, f.path).toBe(false)
    }
  })
})
