// Mapping between camelCase record fields and snake_case columns, one list per table section,
// derived from the field catalogue (main/domain/catalogue/fields.ts): the column is the key in
// snake_case, and the storage kind follows the field's type (booleans as 0/1, SOSG-OQ answers as
// JSON text). The vertebrae live in patient_vertebrae.
import { sectionColumns, type ItemSection, type RecordSection, type StorageKind } from '@domain/catalogue/fields'

export type ColumnKind = StorageKind

export interface ColumnSpec {
  field: string
  column: string
  kind: ColumnKind
}

function columnsOf(section: RecordSection | ItemSection): readonly ColumnSpec[] {
  return sectionColumns(section).map((f) => ({ field: f.key, column: f.column!, kind: f.storage! }))
}

/** `patients` table (vertebrae live in patient_vertebrae; studyId is also here). */
export const PATIENT_COLUMNS = columnsOf('patient')
export const IDENTITY_COLUMNS = columnsOf('identity')
export const ASSESSMENT_COLUMNS = columnsOf('preop')
export const SURGERY_COLUMNS = columnsOf('surgery')
export const COMPLICATION_COLUMNS = columnsOf('complication')
export const FOLLOW_UP_COLUMNS = columnsOf('followUp')

/** Converts a record value to what SQLite stores. */
export function toDb(kind: ColumnKind, value: unknown): string | number | null {
  if (value === null || value === undefined) return null
  switch (kind) {
    case 'bool':
      return value ? 1 : 0
    case 'json':
      return JSON.stringify(value)
    case 'int':
    case 'real':
      return value as number
    default:
      return value as string
  }
}

/** Converts a stored value back to the record's type. */
export function fromDb(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null
  switch (kind) {
    case 'bool':
      return value === 1 || value === 1n
    case 'json':
      return JSON.parse(value as string) as unknown
    case 'int':
      return typeof value === 'bigint' ? Number(value) : value
    default:
      return value
  }
}

export function rowToObject<T>(row: Record<string, unknown>, columns: readonly ColumnSpec[]): T {
  const out: Record<string, unknown> = {}
  for (const col of columns) out[col.field] = fromDb(col.kind, row[col.column])
  return out as T
}

/** rowToObject for a row read in raw mode (an array): the columns' values start at `offset`. */
export function arrayToObject<T>(row: readonly unknown[], columns: readonly ColumnSpec[], offset: number): T {
  const out: Record<string, unknown> = {}
  for (let j = 0; j < columns.length; j++) {
    const col = columns[j]!
    out[col.field] = fromDb(col.kind, row[offset + j])
  }
  return out as T
}

export function objectToParams(obj: Record<string, unknown>, columns: readonly ColumnSpec[]): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {}
  for (const col of columns) out[col.column] = toDb(col.kind, obj[col.field])
  return out
}
