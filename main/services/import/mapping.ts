// Suggesting which SpineMet field each file column holds, from its header. SpineMet's own export
// maps one to one (`preop.kps` → preop.kps); other files by label or synonym, in English or
// Chinese (住院号 → hospital number, 年龄 → age). The user checks and edits the suggestion.
import type { ImportMapping } from '@contract/import-export'
import type { FieldPath } from '@contract/patients'
import { CSV_FIELDS } from './fields'
import { normalizeLabel } from './labels'
import { REJECTS_PROBLEM_COLUMN } from './problem-list'

/** Header text for comparison: folded, lower case, separators as single spaces, no unit brackets. */
export function normalizeHeader(h: string): string {
  return normalizeLabel(h.replace(/\./g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2'))
}

let index: Map<string, FieldPath> | null = null

function headerIndex(): Map<string, FieldPath> {
  if (index) return index
  const map = new Map<string, FieldPath>()
  const add = (key: string, path: FieldPath) => {
    const k = normalizeHeader(key)
    if (k !== '' && !map.has(k)) map.set(k, path)
  }
  // Exact field paths first, so that SpineMet's own columns can never be taken by a synonym.
  for (const f of CSV_FIELDS) add(f.path, f.path)
  for (const f of CSV_FIELDS) {
    add(f.label, f.path)
    add(f.labelZh, f.path)
  }
  for (const f of CSV_FIELDS) for (const s of f.synonyms) add(s, f.path)
  index = map
  return map
}

/**
 * Headers of values SpineMet computes, in other registries' words: length of stay, follow-up and
 * survival times, score bands. Reported as computed columns, not as unmapped ones.
 */
const COMPUTED_HEADERS: ReadonlySet<string> = new Set(
  [
    'length of stay',
    'los',
    'hospital stay',
    'hospital stay days',
    'days in hospital',
    '住院天数',
    '住院日',
    '住院时间',
    '住院时间(天)',
    '住院时间（天）',
    '住院天数(天)',
    '术后住院天数',
    'follow up months',
    'follow up time',
    'follow-up (months)',
    '随访时间',
    '随访时间(月)',
    '随访时间（月）',
    '随访月数',
    'survival months',
    'survival time',
    'os months',
    'os',
    '生存时间',
    '生存期',
    '总生存期',
    '生存时间(月)',
    '生存时间（月）',
    'tokuhashi band',
    'tokuhashi分级',
    'tokuhashi分组',
    '预计生存期',
    'sins band',
    'sins分级',
    '稳定性分级',
    // the problems column of a rejects file (import the good rows, set the others aside)
    ...Object.values(REJECTS_PROBLEM_COLUMN),
  ].map((h) => normalizeHeader(h)),
)

/**
 * Derived columns: SpineMet's export (`derived.*`) and other registries' computed values (length
 * of stay, follow-up time, score bands). Computed from the entered values, never imported.
 */
export function isDerivedColumn(name: string): boolean {
  return /^derived\./i.test(name.trim()) || headerCandidates(name).some((c) => COMPUTED_HEADERS.has(normalizeHeader(c)))
}

/**
 * The header as written, then without a trailing unit in brackets ("Blood loss (mL)") or after a
 * slash ("年龄/岁", "Blood loss/ml").
 */
function headerCandidates(name: string): string[] {
  const out = [name, name.replace(/[（(][^)）]*[)）]\s*$/, ''), name.replace(/\s*[/／]\s*[^/／]{1,6}$/, '')]
  return [...new Set(out.map((c) => c.trim()).filter((c) => c !== ''))]
}

/**
 * Where a header goes when its field is already taken by an earlier column: a file with both
 * 原发 (the primary) and 病理 (the pathology) keeps the second as the histology detail.
 */
const SECOND_CHOICE: Partial<Record<FieldPath, FieldPath>> = {
  'patient.histology': 'patient.histologyDetail',
}

/** The suggested field for each column (null when none fits); a field is suggested once. */
export function suggestMapping(header: readonly string[]): ImportMapping {
  const idx = headerIndex()
  const used = new Set<FieldPath>()
  const out: ImportMapping = {}
  for (const name of header) {
    let found: FieldPath | null = null
    if (!isDerivedColumn(name)) {
      for (const c of headerCandidates(name)) {
        const hit = idx.get(normalizeHeader(c))
        if (!hit) continue
        const second = SECOND_CHOICE[hit]
        if (!used.has(hit)) found = hit
        else if (second && !used.has(second)) found = second
        if (found) break
      }
    }
    if (found) used.add(found)
    out[name] = found
  }
  return out
}
