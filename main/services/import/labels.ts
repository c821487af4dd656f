// Reading a code from a cell: the code itself, either label of the catalogue's code list, or one of
// its synonyms (case, spacing and full-width characters ignored). The lists live in the field
// catalogue (main/domain/catalogue/code-lists.ts).
import type { CodeList } from '@domain/catalogue/code-lists'

export type { CodeList } from '@domain/catalogue/code-lists'

/** Lower case, one space, full-width characters folded (ＡＢＣ → abc), '-' and '_' as spaces. */
export function normalizeLabel(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-–—]+/g, ' ')
    .trim()
}

const lookups = new WeakMap<CodeList, Map<string, string>>()

/** The stored code for a cell: the code itself, a label in either language, or a synonym. */
export function lookupCode(list: CodeList, cell: string): string | null {
  let map = lookups.get(list)
  if (!map) {
    map = new Map()
    for (const l of list.labels) {
      for (const s of [l.code, l.en, l.zh, ...l.synonyms]) {
        const k = normalizeLabel(s)
        if (!map.has(k)) map.set(k, l.code)
      }
    }
    lookups.set(list, map)
  }
  return map.get(normalizeLabel(cell)) ?? null
}
