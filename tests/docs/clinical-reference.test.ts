// Keeps docs/clinical-reference.md honest: every table the document marks "checked by a test" is read
// here and compared with the code that implements it, so a change to a score, a band, the NOMS table
// or the eligibility rules cannot leave the clinical reference behind.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { BILSKY_GRADES, HISTOLOGIES } from '../../main/domain/codes'
import { CRITERIA, CRITERION_KIND, ZHENG_2021_PROTOCOL } from '../../main/domain/eligibility'
import { evaluateNoms, type NomsInput } from '../../main/domain/noms'
import { defaultRadiosensitivity } from '../../main/domain/radiosensitivity'
import { isHighGradeEscc } from '../../main/domain/scores/bilsky'
import { ECOG_KPS_PLAUSIBLE } from '../../main/domain/scores/performance-status'
import { SINS_BANDS, SINS_COMPONENTS, SINS_POINTS } from '../../main/domain/scores/sins'
import { SOSGOQ_PROFILES } from '../../main/domain/scores/sosgoq'
import { TOKUHASHI_BANDS, tokuhashiPrimarySitePoints } from '../../main/domain/scores/tokuhashi'
import { kaplanMeier } from '../../main/engine/kaplan-meier'
import { coxProportionalHazards } from '../../main/engine/cox-ph'
import { logRankTest } from '../../main/engine/log-rank'
import { matchNearestNeighbor } from '../../main/engine/nearest-neighbor-matching'
import { fitLogisticRegression } from '../../main/engine/logistic-regression'
import { buildModelMatrix } from '../../main/engine/model-matrix'

const DOC = fs.readFileSync(path.resolve(__dirname, '../../docs/clinical-reference.md'), 'utf8')

/** The text of top-level section §n (from its `## n.` heading to the next `## `). */
function section(n: number): string {
  const start = DOC.search(new RegExp(`^## ${n}\\. `, 'm'))
  if (start < 0) throw new Error(`docs/clinical-reference.md has no section ${n}`)
  const rest = DOC.slice(start + 3)
  const end = rest.search(/^## /m)
  return end < 0 ? rest : rest.slice(0, end)
}

/** Table rows of a text as trimmed cells, without separator rows; backticks removed. */
function rows(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|[\s|:-]+\|$/.test(l))
    .map((l) =>
      l
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim().replace(/`/g, '')),
    )
}

/** The row whose first cell is exactly `key` (the only one). */
function row(text: string, key: string): string[] {
  const found = rows(text).filter((r) => r[0] === key)
  expect(found, `one table row starting with "${key}"`).toHaveLength(1)
  return found[0]!
}

const range = (min: number, max: number) => `${min}–${max}`

describe('docs/clinical-reference.md keeps the section numbers code comments cite', () => {
  it('has sections 0 to 15, in order, each once', () => {
    const numbers = [...DOC.matchAll(/^## (\d+)\. /gm)].map((m) => Number(m[1]))
    expect(numbers).toEqual(Array.from({ length: 16 }, (_, i) => i))
  })
})

describe('§0 eligibility table matches main/domain/eligibility.ts', () => {
  const s = section(0)
  it('lists every criterion, in the code order, with its kind', () => {
    const ids = rows(s)
      .map((r) => r[0]!)
      .filter((id) => (CRITERIA as readonly string[]).includes(id))
    expect(ids).toEqual([...CRITERIA])
    for (const id of CRITERIA) expect(row(s, id)[1]).toBe(CRITERION_KIND[id])
  })
  it('states the protocol parameters the code uses', () => {
    for (const [key, value] of Object.entries(ZHENG_2021_PROTOCOL)) {
      if (key === 'id') continue
      expect(row(s, key)[1]).toBe(String(value))
    }
  })
})

describe('§1 revised Tokuhashi bands match TOKUHASHI_BANDS', () => {
  it('gives each band its range of totals', () => {
    for (const b of TOKUHASHI_BANDS) expect(row(section(1), b.band)[1]).toBe(range(b.min, b.max))
  })
})

describe('§2 SINS tables match SINS_POINTS and SINS_BANDS', () => {
  const s = section(2)
  it('gives every option of every component its points, and nothing else', () => {
    const documented: string[] = []
    let component: string | null = null
    for (const r of rows(s)) {
      const c = r[0]!.match(/\((\w+)\)$/)?.[1]
      if (c) component = c
      else if (r[0] !== '') continue
      const option = r[1]?.match(/\((\w+)\)$/)?.[1]
      if (!component || !option || !(SINS_COMPONENTS as readonly string[]).includes(component)) continue
      const points = (SINS_POINTS as Record<string, Record<string, number>>)[component]![option]
      expect(points, `${component}.${option} exists in SINS_POINTS`).toBeDefined()
      expect(Number(r[2]), `points of ${component}.${option}`).toBe(points)
      documented.push(`${component}.${option}`)
    }
    const expected = SINS_COMPONENTS.flatMap((c) => Object.keys(SINS_POINTS[c]).map((o) => `${c}.${o}`))
    expect(documented.sort()).toEqual(expected.sort())
  })
  it('gives each band its range of totals', () => {
    for (const b of SINS_BANDS) expect(row(s, b.band)[1]).toBe(range(b.min, b.max))
  })
})

describe('§3 Bilsky grades match isHighGradeEscc', () => {
  it('marks exactly the high-grade grades', () => {
    for (const g of BILSKY_GRADES) expect(row(section(3), g)[2]).toBe(isHighGradeEscc(g) ? 'yes' : 'no')
  })
})

describe('§5 plausible ECOG–KPS pairs match ECOG_KPS_PLAUSIBLE', () => {
  it('gives each ECOG grade the KPS range SpineMet accepts without a warning', () => {
    const s = section(5)
    const table = s.slice(s.indexOf('| ECOG | Plausible KPS'))
    for (const [ecog, [lo, hi]] of Object.entries(ECOG_KPS_PLAUSIBLE)) expect(row(table, ecog)[1]).toBe(range(lo, hi))
  })
})

describe('§7 SOSG-OQ profiles match SOSGOQ_PROFILES', () => {
  it('states items, scored items and direction of each version', () => {
    for (const p of Object.values(SOSGOQ_PROFILES)) {
      expect(row(section(7), p.version)).toEqual([p.version, p.profile, String(p.itemCount), String(p.scoredItems), p.direction])
    }
  })
})

describe('§8 NOMS decision table matches evaluateNoms', () => {
  const table = rows(section(8)).filter((r) => /^\d+$/.test(r[0]!))
  it('has the ten rows', () => {
    expect(table.map((r) => Number(r[0]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  })
  it.each(table.map((r) => [Number(r[0]), r] as const))('row %i gives the documented decision', (n, r) => {
    const [, nCell, oCell, mCell, sCell, decision] = r
    const systemic = sCell === 'any' ? [true, false, null] : [sCell === 'able']
    for (const toleratesSurgery of systemic) {
      const input: NomsInput = {
        bilskyGrade: nCell === 'high-grade' ? '2' : '1a',
        radiosensitivity: oCell as 'sensitive' | 'resistant',
        sinsTotal: mCell === 'stable' ? 0 : 18,
        myelopathy: false,
        toleratesSurgery,
      }
      expect(evaluateNoms(input).decision).toEqual({ kind: 'treatment', treatment: decision, row: n })
    }
  })
})

describe('§13 cross-walk matches the Tokuhashi points and radiosensitivity defaults', () => {
  it('has one row per histology code, in the code order', () => {
    const codes = rows(section(13))
      .map((r) => r[0]!)
      .filter((c) => (HISTOLOGIES as readonly string[]).includes(c))
    expect(codes).toEqual([...HISTOLOGIES])
  })
  it.each([...HISTOLOGIES])('%s', (h) => {
    const r = row(section(13), h)
    const points = tokuhashiPrimarySitePoints(h)
    const rs = defaultRadiosensitivity(h)
    expect(r[2]).toBe(points === null ? 'chosen' : String(points))
    expect(r[3]).toBe(rs ?? 'chosen')
  })
})

describe('§11 statistical defaults are the engine defaults', () => {
  const s = section(11)
  it('Kaplan–Meier: log confidence intervals', () => {
    const km = kaplanMeier({ time: [1, 2, 3], event: [1, 0, 1] })
    expect(km.options.confType).toBe('log')
    expect(s).toContain('`conf.type = "log"`')
  })
  it('log-rank: rho = 0', () => {
    const lr = logRankTest({ time: [1, 2, 3, 4], event: [1, 1, 1, 1], group: { codes: [0, 1, 0, 1], levels: ['a', 'b'] } })
    expect(lr.options.rho).toBe(0)
    expect(s).toContain('`rho = 0`')
  })
  it('Cox: Efron ties and the coxph.control tolerances', () => {
    const cox = coxProportionalHazards({ time: [1, 2, 3, 4, 5], event: [1, 1, 0, 1, 1], covariates: [{ name: 'x', type: 'numeric', values: [0.5, 1.5, 0.2, 2, 1] }] })
    expect(cox.options).toMatchObject({ ties: 'efron', eps: 1e-9, iterMax: 20 })
    expect(s).toMatch(/\*\*Efron\*\*/)
    expect(s).toContain('eps 1e-9, at most 20 iterations')
  })
  it('logistic propensity model: glm.control defaults', () => {
    const design = buildModelMatrix([{ name: 'x', type: 'numeric', values: [1, 2, 3, 4, 5, 6] }])
    const fit = fitLogisticRegression(design, [0, 1, 0, 1, 1, 0])
    expect(fit.options).toMatchObject({ epsilon: 1e-8, maxit: 25 })
    expect(s).toContain('epsilon 1e-8, at most 25 iterations')
  })
  it('matching: 1:1, without replacement, largest first, no caliper unless asked', () => {
    const m = matchNearestNeighbor({ treat: [1, 0, 1, 0], distance: [0.9, 0.8, 0.3, 0.2] })
    expect(m.options).toMatchObject({ ratio: 1, replace: false, order: 'largest', caliper: null })
    expect(s).toContain('**1:1**, **without replacement**')
    expect(s).toContain('`m.order = "largest"`')
  })
})
