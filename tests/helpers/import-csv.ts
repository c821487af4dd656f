// A seeded synthetic registry export to import at scale: n patients in SpineMet's own export
// format (identified: names, hospital numbers, free text), with the complications and follow-up
// files beside it, built from the demo cohorts of seeds 1–8 (the reference study's shape),
// renumbered so that every study ID and hospital number is unique. Deterministic for (n, seed).
import fs from 'node:fs'
import path from 'node:path'
import type { PatientRecordInput } from '../../main/contract/patient-record'
import { generateDemoCohort } from '../../main/services/demo-cohort'
import { exportedFields, exportedLinkedColumns, fieldValue, formatValue, COMPLICATION_COLUMNS, FOLLOW_UP_COLUMNS } from '../../main/services/export/columns'
import { CSV_BOM, csvLine } from '../../main/services/export/csv-writer'
import { linkedPaths } from '../../main/services/import/source'

const SEEDS = 8

export interface ImportCsvFiles {
  patients: string
  complications: string
  followUp: string
  rows: number
}

/** The record of synthetic patient i (0-based): a demo patient with a new study ID and hospital number. */
function* syntheticRecords(n: number, seed: number): Generator<PatientRecordInput> {
  const cohorts = Array.from({ length: SEEDS }, (_, s) => generateDemoCohort(seed + s).records)
  for (let i = 0; i < n; i++) {
    const c = cohorts[i % SEEDS]!
    const r = c[Math.floor(i / SEEDS) % c.length]!
    yield {
      ...r,
      patient: { ...r.patient, studyId: `SM-${String(i + 1).padStart(6, '0')}` },
      identity: { ...r.identity, hospitalNumber: `H${String(i + 1).padStart(8, '0')}` },
    }
  }
}

/** Writes the three CSV files into `dir` (written in pieces, so a million rows never sit in memory). */
export function writeImportCsv(dir: string, n: number, seed: number): ImportCsvFiles {
  fs.mkdirSync(dir, { recursive: true })
  const patients = path.join(dir, `import-${n}-${seed}.csv`)
  const linked = linkedPaths(patients)
  const fields = exportedFields(true)
  const complicationColumns = exportedLinkedColumns(COMPLICATION_COLUMNS, true)
  const followUpColumns = exportedLinkedColumns(FOLLOW_UP_COLUMNS, true)
  const out = {
    patients: fs.openSync(patients, 'w'),
    complications: fs.openSync(linked.complications, 'w'),
    followUp: fs.openSync(linked.followUp, 'w'),
  }
  const buffers = { patients: [] as string[], complications: [] as string[], followUp: [] as string[] }
  const flush = (force: boolean) => {
    for (const k of ['patients', 'complications', 'followUp'] as const) {
      if (buffers[k].length > 0 && (force || buffers[k].length >= 2000)) {
        fs.writeSync(out[k], buffers[k].join(''))
        buffers[k] = []
      }
    }
  }
  try {
    buffers.patients.push(CSV_BOM + csvLine(fields.map((f) => f.path)))
    buffers.complications.push(CSV_BOM + csvLine(complicationColumns.map((c) => c.name)))
    buffers.followUp.push(CSV_BOM + csvLine(followUpColumns.map((c) => c.name)))
    for (const record of syntheticRecords(n, seed)) {
      const studyId = record.patient.studyId
      buffers.patients.push(csvLine(fields.map((f) => formatValue(f.kind, fieldValue(record, f.path)))))
      for (const c of record.complications) {
        const item = c as unknown as Record<string, unknown>
        buffers.complications.push(csvLine(complicationColumns.map((col) => (col.key === '' ? studyId : formatValue(col.field.kind, item[col.key])))))
      }
      for (const e of record.followUp) {
        const item = e as unknown as Record<string, unknown>
        buffers.followUp.push(csvLine(followUpColumns.map((col) => (col.key === '' ? studyId : formatValue(col.field.kind, item[col.key])))))
      }
      flush(false)
    }
    flush(true)
  } finally {
    fs.closeSync(out.patients)
    fs.closeSync(out.complications)
    fs.closeSync(out.followUp)
  }
  return { patients, complications: linked.complications, followUp: linked.followUp, rows: n }
}
