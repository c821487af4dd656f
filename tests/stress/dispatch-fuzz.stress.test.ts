// 10,000 fast-check payloads across every dispatch method, on an open registry with patients:
// each call answers with a typed Result (never a rejection, never INTERNAL), and the clinical
// tables pass SQLite's integrity check at the end.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { METHOD_NAMES } from '../../main/contract/api'
import { ERROR_CODES, type Result } from '../../main/contract/result'
import { createDispatch } from '../../main/dispatch'
import { createServices } from '../../main/services/index'
import { createTestHost } from '../helpers/test-host'
import { seedSyntheticPatients } from '../db/seed-registry'

const PAYLOADS = Number(process.env.SPINEMET_STRESS_PAYLOADS ?? 10_000)
const host = createTestHost()
const services = createServices(host)
const unexpected: string[] = []
const dispatch = createDispatch(services.handlers, { onUnexpectedError: (m, err) => void unexpected.push(`${m}: ${String(err)}`) })
let calls = 0

beforeAll(async () => {
  host.dialogs.save.push(`${host.dir}/fuzz.sqlite`)
  const r = await dispatch('registry.create', {})
  if (!r.ok) throw new Error(r.error.message)
  seedSyntheticPatients(services.session.requireDb(), 50)
})
afterAll(() => {
  console.log(`[stress] dispatch fuzz: ${calls} payloads over ${METHOD_NAMES.length} methods, ${unexpected.length} unexpected errors`)
  services.session.close()
  void services.engine.close()
})

// Values that look like what the contract expects, mixed with anything at all.
const near = fc.oneof(
  fc.anything(),
  fc.record({ id: fc.oneof(fc.integer({ min: -2, max: 60 }), fc.anything()), path: fc.oneof(fc.constantFrom('identity.fullName', 'patient.ageYears', 'preop.kps', 'x'), fc.string()), value: fc.anything() }, { requiredKeys: [] }),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.anything(), { maxKeys: 4 }),
  fc.constant({}),
)

describe('dispatch under random payloads', () => {
  it(`answers ${PAYLOADS} payloads across every method with a typed Result`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...METHOD_NAMES), fc.anything()), near, async (method, input) => {
        calls++
        // Keep a registry open so that most calls reach their service.
        if (!services.session.current) {
          host.dialogs.save.push(`${host.dir}/fuzz-${calls}.sqlite`)
          await dispatch('registry.create', {})
        }
        const r: Result<unknown> = await dispatch(method, input)
        expect(typeof r.ok).toBe('boolean')
        if (!r.ok) {
          expect(ERROR_CODES).toContain(r.error.code)
          expect(typeof r.error.message).toBe('string')
        }
      }),
      { numRuns: PAYLOADS, seed: 20_211_203 },
    )
    expect(unexpected).toEqual([])
    if (services.session.current) expect(services.session.requireDb().pragma('integrity_check', { simple: true })).toBe('ok')
  })
})
