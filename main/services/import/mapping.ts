// Suggesting which SpineMet field each file column holds, from its header. SpineMet's own export
// maps one to one (`preop.kps` → preop.kps); other files by label or synonym, in English or
// Chinese (住院号 → hospital number, 年龄 → age). The user checks and edits the suggestion.
import type { ImportMapping } from '@contract/import-export'
import type { FieldPath } from '@contract/patients'
import { CSV_FIELDS } from './fields'
import { normalizeLabel } from './labels'

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

/** Derived columns of SpineMet's export (`derived.*`): computed, never imported. */
export function isDerivedColumn(name: string): boolean {
  return /^derived\./i.test(name.trim())
}

/** The suggested field for each column (null when none fits); a field is suggested once. */
export function suggestMapping(header: readonly string[]): ImportMapping {
  const idx = headerIndex()
  const used = new Set<FieldPath>()
  const out: ImportMapping = {}
  for (const name of header) {
    const candidates = [name, name.replace(/[（(][^)）]*[)）]\s*$/, '')]
    let found: FieldPath | null = null
    if (!isDerivedColumn(name)) {
      for (const c of candidates) {
        const hit = idx.get(normalizeHeader(c))
        if (hit && !used.has(hit)) {
          found = hit
          break
        }
      }
    }
    if (found) used.add(found)
    out[name] = found
  }
  return out
}
