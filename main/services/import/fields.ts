// The CSV layout of one patient: one column per record field, named by its path
// (`patient.ageYears`, `preop.kps`), in the field catalogue's order and words
// (main/domain/catalogue/fields.ts), which the import screen, the problem messages and the
// export's data dictionary share.
import type { ImportTarget } from '@contract/import-export'
import { RECORD_FIELDS, catalogueField, type FieldKind, type RecordField } from '@domain/catalogue/fields'

export type CsvKind = FieldKind
export type CsvField = RecordField

/** Every column of the patients file, in export order. */
export const CSV_FIELDS: readonly CsvField[] = RECORD_FIELDS

export const CSV_FIELD_BY_PATH: ReadonlyMap<string, CsvField> = new Map(CSV_FIELDS.map((f) => [f.path, f]))

export function csvField(path: string): CsvField {
  const f = catalogueField(path)
  if (!f || !CSV_FIELD_BY_PATH.has(path)) throw new Error(`No CSV field for ${path}`)
  return f as CsvField
}

/** What the mapping screen lists as targets. */
export function importTargets(): ImportTarget[] {
  return CSV_FIELDS.map((f) => ({
    field: f.path,
    section: f.section,
    label: f.label,
    labelZh: f.labelZh,
    kind: f.kind,
    unit: f.unit,
    codes: f.codes ? f.codes.labels.map((l) => l.code) : null,
    identifying: f.identifying === true,
  }))
}
