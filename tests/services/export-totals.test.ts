// Export of scores known only as their total: the items, the entered total and the total used, with
// where it came from, in the patients file and the data dictionary; and back in by import.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { insertPatientRecord } from '../../main/db/repositories/patient-records'
import { exportRegistry } from '../../main/services/export/index'
import { readCsv } from '../../main/services/import/csv'
import { commitImport } from '../../main/services/import/commit'
import { suggestMapping } from '../../main/services/import/mapping'
import { loadImportSource } from '../../main/services/import/source'
import fs from 'node:fs'
import { ACTOR, allRecords, fullRecord, options, registriesClosedAfterEach, tempDir } from './import-helpers'

const registry = registriesClosedAfterEach()
const table = (file: string) => {
  const f = readCsv(fs.readFileSync(file), path.basename(file))
  return f.rows.map((r) => Object.fromEntries(f.header.map((h, i) => [h, r.cells[i] ?? ''])))
}

describe('export of entered totals', () => {
  it('writes items, entered total, the total used and its source; the dictionary explains them; import takes them back', () => {
    const r = registry()
    const items = fullRecord('SM-0001', 1) // items complete: Tokuhashi 10, SINS 11; entered totals agree
    const totalsOnly = fullRecord('SM-0002', 2)
    Object.assign(totalsOnly.preop, { kps: null, tokuhashiFrankel: null, tokuhashiEnteredTotal: 9, sinsPain: null, sinsEnteredTotal: 14 })
    insertPatientRecord(r.db, items, ACTOR)
    insertPatientRecord(r.db, totalsOnly, ACTOR)
    const result = exportRegistry(r.db, path.join(tempDir(), 'study'), { identified: true, scope: 'all', now: '2026-01-01T08:00:00.000Z' })
    const [a, b] = table(result.path)
    expect(a).toMatchObject({ 'preop.tokuhashiEnteredTotal': '10', 'derived.tokuhashiTotal': '10', 'derived.tokuhashiTotalSource': 'items', 'derived.sinsPreopTotalSource': 'items' })
    expect(b).toMatchObject({
      'preop.kps': 'NA',
      'preop.tokuhashiEnteredTotal': '9',
      'derived.tokuhashiTotal': '9',
      'derived.tokuhashiTotalSource': 'entered',
      'derived.tokuhashiBand': 'atLeast6Months',
      'preop.sinsEnteredTotal': '14',
      'derived.sinsPreopTotal': '14',
      'derived.sinsPreopTotalSource': 'entered',
      'derived.sinsPreopBand': 'unstable',
    })
    const dictionary = table(result.dictionaryPath)
    const entry = (name: string) => dictionary.find((d) => d.column === name)
    expect(Object.values(entry('preop.tokuhashiEnteredTotal') ?? {}).join(' ')).toContain('known without its items')
    expect(Object.values(entry('derived.tokuhashiTotalSource') ?? {}).join(' ')).toContain('entered = the total recorded without items')
    expect(Object.values(entry('derived.sinsMonth6TotalSource') ?? {}).join(' ')).toContain('items = the sum of every item')

    const target = registry()
    const source = loadImportSource(result.path)
    commitImport(target.db, source, options(suggestMapping(source.patients.header)), ACTOR)
    expect(allRecords(target.db).map((x) => [x.preop.tokuhashiEnteredTotal, x.preop.sinsEnteredTotal])).toEqual([
      [10, 11],
      [9, 14],
    ])
  })
})
