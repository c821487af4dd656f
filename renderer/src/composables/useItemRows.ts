// The rows of a list in the record — complications, follow-up events — as their editors show
// them: stored rows are edited like fields (autosaved, undoable), and a new row stays on screen as
// a draft until it has what the service needs, is added, and hands the keyboard focus to the row
// just created. Both editors share this; what makes a draft complete is theirs.
import { computed, nextTick, reactive, type Ref } from 'vue'
import type { DateReading } from '@domain/dates'
import { problemFromDateReading, problemFromError, problemText } from '../format/issues'
import { useRecordEditor } from './recordEditor'
import type { ItemData, ItemKind } from './usePatientRecord'

export interface DraftRow<D> {
  key: number
  data: D
  /** Why the service refused the row, in the UI language. */
  error: string | null
}

export function useItemRows<K extends ItemKind, D extends object>(kind: K, root: Ref<HTMLElement | null>) {
  const editor = useRecordEditor()
  const drafts = reactive<DraftRow<D>[]>([]) as DraftRow<D>[]
  let nextKey = 1

  /** Ids of the stored rows, in the record's order. */
  const storedIds = computed(() =>
    (kind === 'complication' ? (editor.view.value?.record.complications ?? []) : (editor.view.value?.record.followUp ?? []))
      .filter((x) => x.id !== null)
      .map((x) => x.id as number),
  )

  /** What a stored row shows: the unsaved edit, else the stored values. */
  const rowData = (id: number): ItemData<K> | null => editor.itemValue(kind, id)

  /** The refused-value message of a stored row. */
  function rowError(id: number): string | null {
    const p = editor.problem(`${kind}:${id}`)
    return p ? problemText(p) : null
  }

  function change(id: number, patch: Partial<ItemData<K>>, mode: 'now' | 'typing' = 'now'): void {
    const cur = rowData(id)
    if (!cur) return
    editor.setItem(kind, id, { ...cur, ...patch }, mode)
  }

  /** A date typed into a stored row that the date reader refused: kept on screen with the reason. */
  function refuseDate(id: number, field: keyof ItemData<K> & string, text: string, reading: Extract<DateReading, { ok: false }>): void {
    const cur = rowData(id)
    if (!cur) return
    editor.refuseLocal(`${kind}:${id}`, { ...cur, [field]: text }, problemFromDateReading(`${kind}:${id}`, reading))
  }

  /**
   * A free-text field of a stored row, for v-bind on an el-input: saved after a pause in typing
   * and at once on leaving it; '' is "not recorded".
   */
  function textBinding(id: number, field: keyof ItemData<K> & string) {
    return {
      modelValue: (rowData(id)?.[field] as string | null | undefined) ?? '',
      'onUpdate:modelValue': (v: string) => change(id, { [field]: v === '' ? null : v } as Partial<ItemData<K>>, 'typing'),
      onBlur: () => editor.commit(`${kind}:${id}`),
    }
  }

  /** Adds an empty draft and focuses `focus` inside it. */
  async function addDraft(data: D, focus: string): Promise<void> {
    const key = nextKey++
    drafts.push({ key, data, error: null })
    await nextTick()
    root.value?.querySelector<HTMLInputElement>(`[data-draft="${key}"] ${focus}`)?.focus()
  }

  function removeDraft(d: DraftRow<D>): void {
    const i = drafts.indexOf(d)
    if (i >= 0) drafts.splice(i, 1)
  }

  /**
   * Adds the draft's row. Refused: the draft stays with the reason. Added: the draft goes and the
   * focus moves to `focus` inside the new row, to keep the keyboard flow.
   */
  async function saveDraft(d: DraftRow<D>, data: ItemData<K>, focus: string): Promise<void> {
    const before = new Set(storedIds.value)
    const r = await editor.addItem(kind, data)
    if (!r.ok) {
      d.error = problemText(problemFromError(kind, r.error))
      return
    }
    removeDraft(d)
    const created = storedIds.value.find((id) => !before.has(id))
    await nextTick()
    if (created !== undefined) root.value?.querySelector<HTMLInputElement>(`[data-item-id="${created}"] ${focus}`)?.focus()
  }

  return { editor, drafts, storedIds, rowData, rowError, change, refuseDate, textBinding, addDraft, removeDraft, saveDraft }
}
