// Small helpers binding calculator props/events to the open record's fields.
import type { FieldPath } from '@contract/patients'
import { useRecordEditor } from './recordEditor'
import { problemText } from '../format/issues'

export function useFieldBinding() {
  const editor = useRecordEditor()
  return {
    editor,
    /** The value a field shows (typed-but-unsaved, else stored). */
    get<T>(path: FieldPath): T {
      return (editor.value(path) ?? null) as T
    },
    set(path: FieldPath, value: unknown, mode: 'now' | 'typing' = 'now'): void {
      editor.set(path, value, mode)
    },
    commit(path: FieldPath): void {
      editor.commit(path)
    },
    /**
     * The value a derived figure may use: the stored value when nothing else is on screen, or the
     * typed one once stored; null while the field shows a refused value (a figure computed from the
     * old value next to a refused one would be misread as belonging to it).
     */
    usable<T>(path: FieldPath): T | null {
      if (editor.problem(path)) return null
      return (editor.value(path) ?? null) as T | null
    },
    /** The refused-value message of a field, in the UI language. */
    message(path: string): string | null {
      const p = editor.problem(path)
      return p ? problemText(p) : null
    },
  }
}
