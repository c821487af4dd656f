// Import checks text cells without a schema parse when textAcceptedAsIs says the value passes as it
// is. That shortcut must say yes exactly when the field's schema accepts the value unchanged, for
// every text field of the catalogue, or the import would let in (or refuse) what the record screen
// refuses (or takes).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FIELD_SCHEMAS } from '../../main/contract/patients'
import { textAcceptedAsIs } from '../../main/contract/patient-record'
import { CSV_FIELDS } from '../../main/services/import/fields'
import { convertCell } from '../../main/services/import/cells'

const textFields = CSV_FIELDS.filter((f) => f.kind === 'text' && FIELD_SCHEMAS[f.path])

// Strings near the edges: hidden characters, spaces at either end, empty, and lengths around each maximum.
const edgy = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: fc.constantFrom('a', ' ', '\t', '\n', '\u0000', '\u0007', '\u007f', '\u202e', '\u2066', '肾', 'é', '\u00a0'), maxLength: 12 }),
  fc.integer({ min: 0, max: 2100 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 0, max: 2100 }).map((n) => ' ' + 'y'.repeat(n)),
)

describe('text accepted as it is', () => {
  it('covers the text fields of the catalogue', () => {
    expect(textFields.map((f) => f.path)).toEqual(expect.arrayContaining(['patient.studyId', 'identity.fullName', 'identity.hospitalNumber', 'patient.notes']))
  })

  it('agrees with each text field’s schema: yes exactly when the schema accepts the value unchanged', () => {
    for (const f of textFields) {
      fc.assert(
        fc.property(edgy, (s) => {
          const parsed = FIELD_SCHEMAS[f.path]!.safeParse(s)
          expect(textAcceptedAsIs(s, f), `${f.path}: ${JSON.stringify(s)}`).toBe(parsed.success && parsed.data === s)
        }),
        { numRuns: 300, seed: 20211 },
      )
    }
  })

  it('leaves import’s verdict on a text cell as the schema’s', () => {
    const name = textFields.find((f) => f.path === 'identity.fullName')!
    expect(convertCell(name, '  王芳 ')).toEqual({ ok: true, value: '王芳' })
    const hidden = convertCell(name, 'Wang\u202eFang')
    expect(hidden.ok).toBe(false)
    expect(!hidden.ok && hidden.detail).toMatch(/control character or text-direction override/)
  })
})
