// The columns of an export: every record field (from the field catalogue, which import reads too,
// so import maps an export back one to one), the derived read-only columns (the catalogue's derived fields), the derived read-only columns, and the linked files' columns.
import type { PatientRecordInput } from '@contract/patient-record'
import type { DerivedColumn, DerivedInput } from '@domain/catalogue/derived-fields'
import { RECORD_FIELDS, type FieldKind, type RecordField } from '@domain/catalogue/fields'
import { COMPLICATION_COLUMNS, FOLLOW_UP_COLUMNS, type LinkedColumn } from '../import/linked'
import { CSV_NA, guardFormula } from './csv-writer'

/** Record fields in an export: identity and free text only when identified. */
export function exportedFields(identified: boolean): RecordField[] {
  return RECORD_FIELDS.filter((f) => identified || (!f.identifying && !f.freeText))
}

/** A value as written in a cell; NA when missing. */
export function formatValue(kind: FieldKind, value: unknown): string {
  if (value === null || value === undefined) return CSV_NA
  switch (kind) {
    case 'text':
      return guardFormula(String(value))
    case 'boolean':
      return value ? '1' : '0'
    case 'vertebrae':
      return Array.isArray(value) && value.length > 0 ? value.join(';') : CSV_NA
    case 'answers':
      return Array.isArray(value) && value.length > 0 ? value.map((a) => (a === null || a === undefined ? CSV_NA : String(a))).join(';') : CSV_NA
    default:
      return String(value)
  }
}

export function fieldValue(record: PatientRecordInput, path: string): unknown {
  const [section, key] = path.split('.') as [keyof PatientRecordInput, string]
  return (record[section] as unknown as Record<string, unknown>)[key]
}

export { DERIVED_COLUMNS, type DerivedColumn, type DerivedInput } from '@domain/catalogue/derived-fields'

export function derivedCell(column: DerivedColumn, x: DerivedInput): string {
  return formatValue(column.kind, column.value(x))
}

/** Linked-file columns in an export: free text only when identified. */
export function exportedLinkedColumns(columns: readonly LinkedColumn[], identified: boolean): LinkedColumn[] {
  return columns.filter((c) => identified || !c.field.freeText)
}

export { COMPLICATION_COLUMNS, FOLLOW_UP_COLUMNS }
