// The two linked files of an import: complications and follow-up events, one row per item, linked
// to the patients file by study ID. Their columns are fixed (SpineMet's export writes them); the
// header names are matched with or without the section prefix ("complication.kind" or "kind").
import { COMPLICATION_ITEM_FIELDS, FOLLOW_UP_ITEM_FIELDS, catalogueField, type CatalogueField } from '@domain/catalogue/fields'

export interface LinkedColumn {
  /** Name written by the export. */
  name: string
  /** Record key inside the complication / follow-up item ('' for the study ID). */
  key: string
  required: boolean
  field: CatalogueField
}

/** The study ID column that links an item to its patient. */
const STUDY_ID_COLUMN: LinkedColumn = {
  name: 'patient.studyId',
  key: '',
  required: true,
  field: { ...catalogueField('patient.studyId')!, meaning: 'Study ID of the patient in the patients file.', synonyms: [] },
}

function itemColumns(fields: readonly CatalogueField[]): LinkedColumn[] {
  return [STUDY_ID_COLUMN, ...fields.map((f) => ({ name: f.path, key: f.key, required: f.required === true, field: f }))]
}

export const COMPLICATION_COLUMNS: readonly LinkedColumn[] = itemColumns(COMPLICATION_ITEM_FIELDS)
export const FOLLOW_UP_COLUMNS: readonly LinkedColumn[] = itemColumns(FOLLOW_UP_ITEM_FIELDS)

/** Position of each fixed column in a linked file's header (−1 when absent). */
export function locateLinkedColumns(header: readonly string[], columns: readonly LinkedColumn[]): Map<LinkedColumn, number> {
  const norm = (s: string) => s.trim().toLowerCase().replace(/[\s_]+/g, '')
  const names = header.map(norm)
  const out = new Map<LinkedColumn, number>()
  for (const c of columns) {
    const full = norm(c.name)
    const short = norm(c.name.split('.').pop()!)
    let i = names.indexOf(full)
    if (i < 0) i = names.indexOf(short)
    if (i < 0 && c.key === '') i = names.findIndex((n) => n === 'studyid' || n === '研究编号')
    out.set(c, i)
  }
  return out
}
