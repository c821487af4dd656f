// The linked files while the patients are planned: their rows grouped by study ID, attached to
// their patient as complications or follow-up events, and the rows no patient claimed.
import type { Complication, FollowUpEvent } from '@contract/patient-record'
import { isMissingCell, type CellConverter } from './cells'
import { rowChunks, type CsvFile, type CsvRow } from './csv'
import { COMPLICATION_COLUMNS, FOLLOW_UP_COLUMNS, locateLinkedColumns, type LinkedColumn } from './linked'
import type { PlannedRow } from './plan'
import { draft, fileDraft, type Collector } from './plan-problems'
import { quoted, quotedZh } from './problems'

const key = (s: string) => s.trim().toUpperCase()

/** A linked file, its rows grouped by study ID until the patient they belong to is planned. */
export interface LinkedPlan {
  kind: 'complications' | 'followUp'
  file: CsvFile
  columns: readonly LinkedColumn[]
  located: Map<LinkedColumn, number>
  /** The rows, each packed into one string (packRow): a follow-up file of a large registry has about 10 rows per patient. */
  byStudyId: Map<string, string[]>
}

/**
 * A row kept until its patient is planned, as one JSON string rather than an array of cell
 * strings: a tenth of the memory for short cells, and no cell keeps the block of text it was
 * cut from alive.
 */
const packRow = (r: CsvRow): string => JSON.stringify([r.row, ...r.cells])

export function unpackRow(packed: string): CsvRow {
  const [row, ...cells] = JSON.parse(packed) as [number, ...string[]]
  return { row, cells }
}

export function prepareLinked(kind: 'complications' | 'followUp', file: CsvFile, out: Collector): LinkedPlan | null {
  const columns = kind === 'complications' ? COMPLICATION_COLUMNS : FOLLOW_UP_COLUMNS
  const located = locateLinkedColumns(file.header, columns)
  const missing = columns.filter((c) => c.required && located.get(c)! < 0)
  if (missing.length > 0) {
    out.add(
      fileDraft(
        'error',
        'MISSING_COLUMN',
        `the file has no ${missing.map((c) => quoted(c.name)).join(' or ')} column, which every ${kind === 'complications' ? 'complication' : 'follow-up event'} needs. ` +
          `Its columns must be ${columns.map((c) => c.name).join(', ')}.`,
        `文件缺少 ${missing.map((c) => c.name).join('、')} 列。该文件的列应为 ${columns.map((c) => c.name).join('、')}。`,
      ),
      kind,
      file.fileName,
    )
    return null
  }
  const studyIndex = located.get(columns[0]!)!
  const byStudyId = new Map<string, string[]>()
  for (const chunk of rowChunks(file, 10_000)) {
    for (const r of chunk) {
      const k = key(r.cells[studyIndex] ?? '')
      const list = byStudyId.get(k)
      if (list) list.push(packRow(r))
      else byStudyId.set(k, [packRow(r)])
    }
  }
  return { kind, file, columns, located, byStudyId }
}

/** The rows of a linked file that belong to `owner` become its complications or follow-up events. */
export function attachLinked(linked: LinkedPlan, rows: readonly CsvRow[], owner: PlannedRow, out: Collector, cells: CellConverter): void {
  const { kind, file, columns, located } = linked
  const list = kind === 'complications' ? owner.record.complications : owner.record.followUp
  for (const r of rows) {
    const cell = (c: LinkedColumn) => {
      const i = located.get(c)!
      return i < 0 ? '' : (r.cells[i] ?? '')
    }
    const item: Record<string, unknown> = { id: null }
    const index = list.length
    let ok = true
    for (const c of columns.slice(1)) {
      const i = located.get(c)!
      const raw = cell(c)
      const columnName = i >= 0 ? file.header[i]! : c.name
      if (isMissingCell(raw)) {
        if (c.required) {
          out.add(
            draft('error', 'MISSING_VALUE', r.row, columnName, c.field.path, raw, `${c.field.label} is empty; every row needs one.`, `${c.field.labelZh}为空；每一行都必须填写。`),
            kind,
            file.fileName,
            owner,
          )
          ok = false
        }
        item[c.key] = null
        continue
      }
      const result = cells.convert(c.field, raw)
      if (!result.ok) {
        out.add(draft('error', result.code, r.row, columnName, c.field.path, raw, result.detail, result.detailZh), kind, file.fileName, owner)
        ok = false
        continue
      }
      item[c.key] = result.value
      owner.sources.set(`${kind}.${index}.${c.key}`, { file: kind, fileName: file.fileName, row: r.row, column: columnName })
    }
    if (!ok) continue
    if (kind === 'complications') owner.record.complications.push(item as unknown as Complication)
    else owner.record.followUp.push(item as unknown as FollowUpEvent)
  }
}

/** Rows of a linked file whose study ID no patient row has. */
export function unknownPatients(linked: LinkedPlan, skippedStudyIds: Set<string>, out: Collector): void {
  const { kind, file, columns, located } = linked
  const studyColumn = columns[0]!
  const rows = [...linked.byStudyId.entries()].filter(([k]) => !skippedStudyIds.has(k)).flatMap(([, list]) => list.map(unpackRow))
  rows.sort((a, b) => a.row - b.row)
  for (const r of rows) {
    const studyId = (r.cells[located.get(studyColumn)!] ?? '').trim()
    out.add(
      draft(
        'error',
        'UNKNOWN_PATIENT',
        r.row,
        file.header[located.get(studyColumn)!] ?? studyColumn.name,
        'patient.studyId',
        studyId,
        studyId === ''
          ? 'the study ID is empty, so this row cannot be linked to a patient.'
          : `study ID ${quoted(studyId)} is not in the patients file, so this row cannot be linked to a patient.`,
        studyId === '' ? '研究编号为空，无法与患者对应。' : `研究编号${quotedZh(studyId)}不在患者文件中，无法与患者对应。`,
      ),
      kind,
      file.fileName,
    )
  }
  linked.byStudyId.clear()
}

