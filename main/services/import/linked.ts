// The two linked files of an import: complications and follow-up events, one row per item, linked
// to the patients file by study ID. Their columns are fixed (SpineMet's export writes them); the
// header names are matched with or without the section prefix ("complication.kind" or "kind").
import { COMPLICATION_GRADE_LABELS, COMPLICATION_KIND_LABELS, FOLLOW_UP_KIND_LABELS, type CodeList } from './labels'
import type { CsvField } from './fields'

export interface LinkedColumn {
  /** Name written by the export. */
  name: string
  /** Record key inside the complication / follow-up item ('' for the study ID). */
  key: string
  required: boolean
  field: CsvField
}

const STUDY_ID_FIELD: CsvField = {
  path: 'patient.studyId',
  section: 'patient',
  kind: 'text',
  label: 'Study ID',
  labelZh: '研究编号',
  unit: null,
  maxLength: 40,
  meaning: 'Study ID of the patient in the patients file.',
  source: 'SpineMet registry',
  synonyms: [],
}

function itemField(path: string, kind: CsvField['kind'], label: string, labelZh: string, meaning: string, extra: Partial<CsvField> = {}): CsvField {
  return { path: path as CsvField['path'], section: 'patient', kind, label, labelZh, unit: null, meaning, source: 'Zheng 2021 (complications, follow-up)', synonyms: [], ...extra }
}

const category = (codes: CodeList) => ({ codes })

export const COMPLICATION_COLUMNS: readonly LinkedColumn[] = [
  { name: 'patient.studyId', key: '', required: true, field: STUDY_ID_FIELD },
  {
    name: 'complication.kind',
    key: 'kind',
    required: true,
    field: itemField('complication.kind', 'category', 'Complication', '并发症', 'Kind of perioperative complication.', category(COMPLICATION_KIND_LABELS)),
  },
  {
    name: 'complication.grade',
    key: 'grade',
    required: false,
    field: itemField('complication.grade', 'category', 'Clavien–Dindo grade', 'Clavien–Dindo 分级', 'Severity of the complication (Clavien–Dindo I–V).', category(COMPLICATION_GRADE_LABELS)),
  },
  {
    name: 'complication.onsetDate',
    key: 'onsetDate',
    required: false,
    field: itemField('complication.onsetDate', 'date', 'Onset date', '发生日期', 'Date the complication began.'),
  },
  {
    name: 'complication.description',
    key: 'description',
    required: false,
    field: itemField('complication.description', 'text', 'Description', '描述', 'Free-text description of the complication.', { maxLength: 2000, freeText: true }),
  },
]

export const FOLLOW_UP_COLUMNS: readonly LinkedColumn[] = [
  { name: 'patient.studyId', key: '', required: true, field: STUDY_ID_FIELD },
  {
    name: 'followUp.kind',
    key: 'kind',
    required: true,
    field: itemField(
      'followUp.kind',
      'category',
      'Follow-up event',
      '随访事件',
      'contact = seen or contacted alive; local_progression = local progression of the treated lesion; death = death of any cause.',
      category(FOLLOW_UP_KIND_LABELS),
    ),
  },
  {
    name: 'followUp.eventDate',
    key: 'eventDate',
    required: true,
    field: itemField('followUp.eventDate', 'date', 'Event date', '事件日期', 'Date of the event.'),
  },
  {
    name: 'followUp.note',
    key: 'note',
    required: false,
    field: itemField('followUp.note', 'text', 'Note', '备注', 'Free-text note.', { maxLength: 2000, freeText: true }),
  },
]

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
