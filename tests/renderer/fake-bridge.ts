// A stand-in for window.spinemet in renderer unit tests: an in-memory patient service answering
// the record methods like the real one (one record, ids from 1, refusals on request).
import { vi } from 'vitest'
import { emptyPatientRecord, type PatientRecord } from '@contract/patient-record'
import type { PatientView } from '@contract/patients'
import type { Result } from '@contract/result'
import { completeness } from '@domain/completeness'
import { deriveRecord } from '@domain/derived'
import { evaluateEligibility } from '@domain/eligibility'

export interface FakeCall {
  method: string
  input: Record<string, unknown>
}

export function viewOf(record: PatientRecord): PatientView {
  const derived = deriveRecord(record)
  return { record: structuredClone(record), derived, eligibility: evaluateEligibility(record, undefined, derived), completeness: completeness(record, derived), issues: [] }
}

export function installFakeBridge() {
  const record: PatientRecord = { ...emptyPatientRecord('SM-0001'), id: 1, createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z' }
  const calls: FakeCall[] = []
  let nextItemId = 1
  /** Paths whose next update is refused with DATE_ORDER. */
  const refuse = new Set<string>()
  const ok = (): Result<PatientView> => ({ ok: true, value: viewOf(record) })
  const handlers: Record<string, (i: Record<string, unknown>) => Result<unknown>> = {
    'patients.get': () => ok(),
    'patients.update': (i) => {
      const path = i.path as string
      if (refuse.has(path)) {
        return { ok: false, error: { code: 'DATE_ORDER', message: 'The SRS date is before the surgery date.', field: path } }
      }
      const [s, f] = path.split('.') as [string, string]
      ;(record as unknown as Record<string, Record<string, unknown>>)[s]![f] = i.value
      return ok()
    },
    'patients.addComplication': (i) => {
      record.complications.push({ ...(i.complication as object), id: nextItemId++ } as PatientRecord['complications'][number])
      return ok()
    },
    'patients.updateComplication': (i) => {
      const k = record.complications.findIndex((c) => c.id === i.complicationId)
      if (k < 0) return { ok: false, error: { code: 'NOT_FOUND', message: 'gone' } }
      record.complications[k] = { ...(i.complication as object), id: i.complicationId } as PatientRecord['complications'][number]
      return ok()
    },
    'patients.removeComplication': (i) => {
      const k = record.complications.findIndex((c) => c.id === i.complicationId)
      if (k < 0) return { ok: false, error: { code: 'NOT_FOUND', message: 'gone' } }
      record.complications.splice(k, 1)
      return ok()
    },
  }
  const call = vi.fn(async (method: string, input: Record<string, unknown>) => {
    // structuredClone, as Electron IPC does: a Vue proxy in an input would throw here too
    calls.push({ method, input: structuredClone(input) })
    await Promise.resolve()
    const h = handlers[method]
    return h ? h(input) : { ok: false, error: { code: 'UNKNOWN_METHOD', message: method } }
  })
  Object.defineProperty(window, 'spinemet', { value: { call, on: () => () => undefined, methods: [] }, configurable: true })
  return { record, calls, refuse, call, handlers }
}
