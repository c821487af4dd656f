// The mapping's own problems: columns it names that the file lacks, two columns on one field, no
// column that identifies the patients; and the columns left out (derived, or not mapped).
import type { ImportMapping } from '@contract/import-export'
import { isMissingCell } from './cells'
import { csvField } from './fields'
import { isDerivedColumn } from './mapping'
import { MISSING_CODES_COLUMN } from '@domain/missing-codes-text'
import type { ImportSource } from './plan'
import { draft, fileDraft, type Collector } from './plan-problems'
import { quoted, quotedZh } from './problems'

export function checkMapping(source: ImportSource, mapping: ImportMapping, out: Collector): { columns: { index: number; name: string; path: string }[]; usable: boolean } {
  const file = source.patients
  const header = file.header
  const columns: { index: number; name: string; path: string }[] = []
  const byField = new Map<string, string>()
  let usable = true
  for (const [name, path] of Object.entries(mapping)) {
    if (path === null || path === undefined) continue
    const index = header.indexOf(name)
    if (index < 0) {
      out.add(
        draft('error', 'MAPPING', null, name, path, null, `the mapping names the column ${quoted(name)}, which is not in the file.`, `映射中的列${quotedZh(name)}在文件中不存在。`),
        'patients',
        file.fileName,
      )
      usable = false
      continue
    }
    const other = byField.get(path)
    if (other !== undefined) {
      const f = csvField(path)
      out.add(
        draft(
          'error',
          'MAPPING',
          null,
          name,
          path,
          null,
          `both ${quoted(other)} and ${quoted(name)} are mapped to ${f.label}. Map only one of them.`,
          `${quotedZh(other)}和${quotedZh(name)}都被映射到“${f.labelZh}”，请只映射其中一列。`,
        ),
        'patients',
        file.fileName,
      )
      usable = false
      continue
    }
    byField.set(path, name)
    columns.push({ index, name, path })
  }
  if (!byField.has('patient.studyId') && !byField.has('identity.hospitalNumber')) {
    out.add(
      fileDraft(
        'error',
        'MISSING_COLUMN',
        'no column is mapped to the study ID or to the hospital number, so SpineMet cannot tell the patients apart or find duplicates. ' +
          'Map the column that holds one of them (e.g. 住院号 → Hospital number).',
        '没有任何列映射到“研究编号”或“住院号”，SpineMet 无法区分患者或发现重复。请映射包含其中之一的列（例如 住院号 → 住院号）。',
      ),
      'patients',
      file.fileName,
    )
    usable = false
  }
  const mapped = new Set(columns.map((c) => c.name))
  const derived = header.filter((h) => isDerivedColumn(h) && h !== MISSING_CODES_COLUMN)
  const filled = (h: string) => {
    const i = header.indexOf(h)
    return file.stream ? file.stream.filled[i] === true : file.rows.some((r) => !isMissingCell(r.cells[i] ?? ''))
  }
  const unmapped = header.filter((h) => !mapped.has(h) && !isDerivedColumn(h) && filled(h))
  if (derived.length > 0) {
    out.add(
      fileDraft(
        'warning',
        'IGNORED',
        `${derived.length} derived column${derived.length === 1 ? ' is' : 's are'} not imported (${derived.slice(0, 4).join(', ')}${derived.length > 4 ? ', …' : ''}): SpineMet computes totals, intervals and endpoints from the entered values.`,
        `${derived.length} 个计算列未导入（${derived.slice(0, 4).join('、')}${derived.length > 4 ? '…' : ''}）：总分、间隔和终点由 SpineMet 根据录入值计算。`,
      ),
      'patients',
      file.fileName,
    )
  }
  if (unmapped.length > 0) {
    out.add(
      fileDraft(
        'warning',
        'IGNORED',
        `${unmapped.length} column${unmapped.length === 1 ? ' is' : 's are'} not mapped to any field and will not be imported: ${unmapped.slice(0, 8).map(quoted).join(', ')}${unmapped.length > 8 ? ', …' : ''}.`,
        `${unmapped.length} 列没有映射到任何字段，不会导入：${unmapped.slice(0, 8).map(quotedZh).join('、')}${unmapped.length > 8 ? '…' : ''}。`,
      ),
      'patients',
      file.fileName,
    )
  }
  return { columns, usable }
}

