// Paged, sorted, filtered, searchable patient list. The table holds one slot per patient (a
// placeholder until its page arrives) and asks for the pages of the rows it renders, so a
// registry of 100,000 patients scrolls to any row without loading the rows in between.
import { computed, reactive, ref, shallowRef, watch } from 'vue'
import type { PatientListQuery, PatientListRow, PatientSortKey } from '@contract/patients'
import type { Histology, TreatmentArm } from '@domain/codes'
import type { AppError } from '@contract/result'
import { call } from '../api/client'

export const PAGE_SIZE = 200

export interface PlaceholderRow {
  id: number
  placeholder: true
}
export type ListItem = PatientListRow | PlaceholderRow

export function isPlaceholder(item: ListItem | undefined): item is PlaceholderRow {
  return !!item && (item as PlaceholderRow).placeholder === true
}

export interface ListFilters {
  search: string
  sortBy: PatientSortKey
  sortDir: 'asc' | 'desc'
  arm: TreatmentArm | null
  histology: Histology | null
  eligibility: 'eligible' | 'ineligible' | 'unknown' | null
  incomplete: boolean
  overdue: boolean
  /** Form status filter: `all:verified` (whole record) or `preop:complete` (one section); null = any. */
  formStatus?: string | null
}

export function usePatientList(options: { searchDebounceMs?: number } = {}) {
  const rows = shallowRef<ListItem[]>([])
  const total = ref(0)
  /** Every patient of the registry, whatever the filters. */
  const registryTotal = ref(0)
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<AppError | null>(null)
  const query = reactive<ListFilters>({ search: '', sortBy: 'studyId', sortDir: 'asc', arm: null, histology: null, eligibility: null, incomplete: false, overdue: false, formStatus: null })
  const filtered = computed(
    () => !!query.search.trim() || query.arm !== null || query.histology !== null || query.eligibility !== null || query.incomplete || query.overdue || !!query.formStatus,
  )
  const pages = new Map<number, PatientListRow[]>()
  const inFlight = new Set<number>()
  let generation = 0
  let lastRange: [number, number] = [0, PAGE_SIZE - 1]

  function buildInput(offset: number): PatientListQuery {
    const input: PatientListQuery = { sortBy: query.sortBy, sortDir: query.sortDir, offset, limit: PAGE_SIZE }
    const search = query.search.trim()
    if (search) input.search = search
    if (query.arm) input.arm = query.arm
    if (query.histology) input.histology = query.histology
    if (query.eligibility) input.eligibility = query.eligibility
    if (query.incomplete) input.incomplete = true
    if (query.overdue) input.overdue = true
    if (query.formStatus) {
      const [section, status] = query.formStatus.split(':') as [string, NonNullable<PatientListQuery['formStatus']>]
      input.formStatus = status
      if (section !== 'all') input.formSection = section as NonNullable<PatientListQuery['formSection']>
    }
    return input
  }

  function rebuild(): void {
    const out: ListItem[] = new Array(total.value)
    for (let i = 0; i < total.value; i++) out[i] = { id: -(i + 1), placeholder: true }
    for (const [page, list] of pages) {
      const base = page * PAGE_SIZE
      for (let k = 0; k < list.length && base + k < total.value; k++) out[base + k] = list[k]!
    }
    rows.value = out
  }

  async function fetchPage(page: number): Promise<void> {
    if (pages.has(page) || inFlight.has(page)) return
    const gen = generation
    inFlight.add(page)
    loading.value = true
    const r = await call('patients.list', buildInput(page * PAGE_SIZE))
    if (gen !== generation) return // a newer query replaced this one
    inFlight.delete(page)
    loading.value = inFlight.size > 0
    if (!r.ok) {
      error.value = r.error
      return
    }
    error.value = null
    const changed = r.value.total !== total.value && pages.size > 0
    // the registry changed under us (another window, an import): keep only this page
    if (changed) pages.clear()
    total.value = r.value.total
    registryTotal.value = r.value.registryTotal
    pages.set(page, r.value.rows)
    loaded.value = true
    rebuild()
    if (changed) ensureRange(lastRange[0], lastRange[1])
  }

  /** Makes sure the rows from `start` to `end` (inclusive) are loaded or loading. */
  function ensureRange(start: number, end: number): void {
    lastRange = [start, end]
    if (total.value === 0) return
    const last = Math.min(end, total.value - 1)
    for (let p = Math.floor(Math.max(0, start) / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) void fetchPage(p)
  }

  async function reload(): Promise<void> {
    generation++
    pages.clear()
    inFlight.clear()
    await fetchPage(0)
  }

  /** Kept for callers that page by "more" (end of the table reached). */
  async function loadMore(): Promise<void> {
    const next = Math.floor(rows.value.findIndex(isPlaceholder) / PAGE_SIZE)
    if (next >= 0) await fetchPage(next)
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  watch(
    () => query.search,
    () => {
      clearTimeout(timer)
      timer = setTimeout(() => void reload(), options.searchDebounceMs ?? 150)
    },
  )
  watch(() => [query.sortBy, query.sortDir, query.arm, query.histology, query.eligibility, query.incomplete, query.overdue, query.formStatus], () => void reload())

  return { rows, total, registryTotal, loading, loaded, error, query, filtered, reload, loadMore, ensureRange }
}
