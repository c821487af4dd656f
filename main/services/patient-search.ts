// What the patient list's search text means beyond study id, name and hospital number: the
// primary histologies whose code, English or Chinese name or a common synonym contains it
// ("lung" → non-small-cell and small-cell lung cancer; "肺癌" → the same), using the names CSV
// import accepts, so one vocabulary serves both.
import type { Histology } from '@domain/codes'
import { HISTOLOGY_LIST } from '@domain/catalogue/code-lists'

const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s_\-/,()（）、，]+/g, ' ').trim()
const CJK = /[\u3400-\u9fff]/

/** Histology codes matching `search` (at least 3 characters, or 2 Chinese characters). */
export function histologiesMatching(search: string | undefined): Histology[] {
  const s = norm(search ?? '')
  if (!s || ([...s].length < 3 && !(CJK.test(s) && [...s].length >= 2))) return []
  return HISTOLOGY_LIST.labels.filter((l) => [l.code, l.en, l.zh, ...l.synonyms].some((name) => norm(name).includes(s))).map((l) => l.code as Histology)
}
