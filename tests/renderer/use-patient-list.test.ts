import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import type { PatientListQuery, PatientListRow } from '@contract/patients'
import { PAGE_SIZE, isPlaceholder, usePatientList } from '@/composables/usePatientList'

const TOTAL = 100_000
let queries: PatientListQuery[] = []

function row(i: number): PatientListRow {
  return {
    id: i + 1,
    studyId: `SM-${String(i + 1).padStart(6, '0')}`,
    fullName: null,
    hospitalNumber: null,
    ageYears: 60,
    sex: 'male',
    histology: 'kidney',
    arm: 'HT',
    surgeryDate: '2015-01-01',
    eligibility: 'unknown',
    completenessFilled: 10,
    completenessRequired: 45,
    nextFollowUpDue: null,
    followUpOverdue: false,
    updatedAt: '2024-01-01T00:00:00Z',
  }
}

beforeEach(() => {
  queries = []
  const call = vi.fn(async (method: string, input: PatientListQuery) => {
    if (method !== 'patients.list') return { ok: false, error: { code: 'UNKNOWN_METHOD', message: method } }
    queries.push(input)
    const offset = input.offset ?? 0
    const total = input.arm === 'TES' ? 3 : TOTAL
    const rows = Array.from({ length: Math.max(0, Math.min(input.limit ?? PAGE_SIZE, total - offset)) }, (_, k) => row(offset + k))
    return { ok: true, value: { total, offset, rows } }
  })
  Object.defineProperty(window, 'spinemet', { value: { call, on: () => () => undefined, methods: [] }, configurable: true })
})

describe('usePatientList with 100,000 patients', () => {
  it('loads only the first page, then only the pages of the rows the table renders', async () => {
    const list = usePatientList()
    await list.reload()
    expect(list.total.value).toBe(TOTAL)
    expect(list.rows.value).toHaveLength(TOTAL)
    expect(queries.map((q) => q.offset)).toEqual([0])
    expect(isPlaceholder(list.rows.value[0])).toBe(false)
    expect(isPlaceholder(list.rows.value[50_000])).toBe(true)

    // jump to the middle (scroll bar dragged): the page holding rows 50,000–50,030 only
    list.ensureRange(50_000, 50_030)
    await vi.waitFor(() => expect(isPlaceholder(list.rows.value[50_010])).toBe(false))
    expect(queries.map((q) => q.offset)).toEqual([0, 50_000])
    expect((list.rows.value[50_010] as PatientListRow).studyId).toBe('SM-050011')

    // a range across a page boundary asks for both pages, once
    list.ensureRange(99_990, 99_999)
    list.ensureRange(99_990, 99_999)
    await vi.waitFor(() => expect(isPlaceholder(list.rows.value[99_999])).toBe(false))
    expect(queries.map((q) => q.offset)).toEqual([0, 50_000, 99_800])
  })

  it('sends search, sort and filters to the service and starts again from the first page', async () => {
    const list = usePatientList({ searchDebounceMs: 0 })
    await list.reload()
    list.query.arm = 'TES'
    list.query.incomplete = true
    list.query.sortBy = 'completeness'
    list.query.sortDir = 'desc'
    await nextTick()
    await vi.waitFor(() => expect(list.total.value).toBe(3))
    const last = queries.at(-1)!
    expect(last).toMatchObject({ arm: 'TES', incomplete: true, sortBy: 'completeness', sortDir: 'desc', offset: 0 })
    list.query.search = ' Li '
    await vi.waitFor(() => expect(queries.at(-1)?.search).toBe('Li'))
    expect(list.filtered.value).toBe(true)
  })
})
