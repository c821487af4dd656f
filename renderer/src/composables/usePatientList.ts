// Paged, sorted, searchable patient list. Pages are fetched as the virtual table scrolls, so a
// registry of 100,000 patients shows its first rows at once.
import { reactive, ref, watch } from 'vue'
import type { PatientListQuery, PatientListRow, PatientSortKey } from '@contract/patients'
import type { AppError } from '@contract/result'
import { call } from '../api/client'

const PAGE = 200

export function usePatientList() {
  const rows = ref<PatientListRow[]>([])
  const total = ref(0)
  const loading = ref(false)
  const error = ref<AppError | null>(null)
  const query = reactive<{ search: string; sortBy: PatientSortKey; sortDir: 'asc' | 'desc' }>({ search: '', sortBy: 'studyId', sortDir: 'asc' })
  let generation = 0

  async function fetchPage(offset: number): Promise<void> {
    const gen = generation
    loading.value = true
    const input: PatientListQuery = { sortBy: query.sortBy, sortDir: query.sortDir, offset, limit: PAGE }
    if (query.search.trim()) input.search = query.search.trim()
    const r = await call('patients.list', input)
    if (gen !== generation) return // a newer query replaced this one
    loading.value = false
    if (!r.ok) {
      error.value = r.error
      return
    }
    error.value = null
    total.value = r.value.total
    rows.value = offset === 0 ? r.value.rows : rows.value.concat(r.value.rows)
  }

  async function reload(): Promise<void> {
    generation++
    await fetchPage(0)
  }

  async function loadMore(): Promise<void> {
    if (loading.value || rows.value.length >= total.value) return
    await fetchPage(rows.value.length)
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  watch(
    () => query.search,
    () => {
      clearTimeout(timer)
      timer = setTimeout(() => void reload(), 150)
    },
  )
  watch(() => [query.sortBy, query.sortDir], () => void reload())

  return { rows, total, loading, error, query, reload, loadMore }
}
