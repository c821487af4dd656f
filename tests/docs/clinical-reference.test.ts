// Keeps docs/clinical-reference.md honest: every table the document marks "checked by a test" is read
// here and compared with the code that implements it, so a change to a score, a band, the NOMS table
// or the eligibility rules cannot leave the clinical reference behind.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { BILSKY_GRADES, HISTOLOGIES } from '../../main/domain/codes'
import { CRITERIA, CRITERION_KIND, ZHENG_2021_PROTOCOL } from '../../main/domain/eligibility'
import { evaluateNoms, ROWS_STABILIZATION_ANY_FITNESS, type NomsInput, type NomsNote } from '../../main/domain/noms'
import { DEFAULT_RADIOSENSITIVITY_CLASSES, RADIOSENSITIVITY_CLASSES, RADIOSENSITIVITY_SOURCES, defaultRadiosensitivity, type RadiosensitivityClass } from '../../main/domain/radiosensitivity'
import { DEFAULT_STUDY_SETTINGS } from '../../main/contract/study'
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
  it('covers every radiosensitivity class once for each compression grade and stability', () => {
    for (const n of ['low-grade', 'high-grade']) {
      for (const m of ['stable', 'unstable']) {
        // one row per class, counting rows 7–10 once (their "unable" twin repeats the classes)
        const classes = table.filter((r) => r[1] === n && r[3] === m && r[4] !== 'unable').flatMap((r) => r[2]!.split(', '))
        expect(classes.sort(), `${n}, ${m}`).toEqual([...RADIOSENSITIVITY_CLASSES].sort())
      }
    }
  })
  it.each(table.map((r) => [Number(r[0]), r] as const))('row %i gives the documented decision and notes', (n, r) => {
    const [, nCell, oCell, mCell, sCell, decision, notesCell] = r
    const systemic = sCell === 'any' ? [true, false, null] : [sCell === 'able']
    const classes = oCell!.split(', ') as RadiosensitivityClass[]
    for (const c of classes) expect(RADIOSENSITIVITY_CLASSES).toContain(c)
    const documentedNotes = [...(notesCell ?? '').matchAll(/\b([a-z]+[A-Z]\w+)\b/g)].map((m) => m[1] as NomsNote)
    for (const radiosensitivity of classes) {
      for (const toleratesSurgery of systemic) {
        const input: NomsInput = {
          bilskyGrade: nCell === 'high-grade' ? '2' : '1a',
          radiosensitivity,
          sinsTotal: mCell === 'stable' ? 0 : 18,
          myelopathy: false,
          toleratesSurgery,
        }
        const result = evaluateNoms(input)
        expect(result.decision).toEqual({ kind: 'treatment', treatment: decision, row: n })
        // "unless able" / "if moderate" as the last column says.
        const expected = documentedNotes.filter((note) =>
          note === 'stabilizationNeedsFitness' ? toleratesSurgery !== true : note === 'moderateTreatedAsResistant' ? radiosensitivity === 'moderate' : true,
        )
        expect(result.notes.sort(), `notes of row ${n}, ${radiosensitivity}, tolerates ${String(toleratesSurgery)}`).toEqual(expected.sort())
      }
    }
  })
  it('names as fitness rows exactly the rows the code marks', () => {
    const documented = table.filter((r) => r[6]!.includes('stabilizationNeedsFitness')).map((r) => Number(r[0]))
    expect(documented).toEqual([...ROWS_STABILIZATION_ANY_FITNESS])
  })
  it('treats an unrecorded myelopathy as missing for low-grade compression only, as documented', () => {
    expect(section(8)).toContain('**Myelopathy not recorded** is a missing input')
    const base: NomsInput = { bilskyGrade: '1a', radiosensitivity: 'resistant', sinsTotal: 0, myelopathy: null, toleratesSurgery: true }
    const low = evaluateNoms(base)
    expect(low.decision).toEqual({ kind: 'flag', flag: 'missingInput' })
    expect(low.missing).toEqual(['myelopathy'])
    const high = evaluateNoms({ ...base, bilskyGrade: '3' })
    expect(high.decision).toEqual({ kind: 'treatment', treatment: 'separationSurgeryThenSrs', row: 7 })
    expect(high.missing).toEqual([])
  })
  it('counts Bilsky 1c as low-grade unless the registry setting says otherwise, with a note either way', () => {
    const base: NomsInput = { bilskyGrade: '1c', radiosensitivity: 'resistant', sinsTotal: 0, myelopathy: false, toleratesSurgery: true }
    expect(evaluateNoms(base).decision).toEqual({ kind: 'treatment', treatment: 'SRS', row: 3 })
    expect(evaluateNoms({ ...base, escc1cIsHigh: true }).decision).toEqual({ kind: 'treatment', treatment: 'separationSurgeryThenSrs', row: 7 })
    for (const escc1cIsHigh of [false, true]) expect(evaluateNoms({ ...base, escc1cIsHigh }).notes).toContain('bilsky1cControversial')
    expect(section(8)).toContain('`escc1cIsHigh`')
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
    const def = DEFAULT_RADIOSENSITIVITY_CLASSES[h]
    expect(r[2], 'Tokuhashi points').toBe(points === null ? 'chosen' : String(points))
    expect(r[3], 'NOMS class').toBe(def?.class ?? 'chosen')
    expect(r[4], 'source').toBe(def?.source ?? '—')
    expect(r[5], 'study class').toBe(defaultRadiosensitivity(h) ?? 'chosen')
  })
})

describe('§9 names every source key the defaults cite', () => {
  it('gives each source key in its table', () => {
    const s = section(9)
    for (const key of new Set(Object.values(DEFAULT_RADIOSENSITIVITY_CLASSES).map((d) => d!.source))) {
      expect(Object.keys(RADIOSENSITIVITY_SOURCES)).toContain(key)
      expect(s).toContain(`(\`${key}\`)`)
    }
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
  it('the study: caliper 0.02 on the propensity score, 1:1, largest first, without replacement', () => {
    expect(DEFAULT_STUDY_SETTINGS).toMatchObject({ caliper: { scale: 'propensity', width: 0.02 }, ratio: 1, order: 'largest', replace: false })
    expect(s).toContain("**The study's\n  default is 0.02 on the propensity-score scale**")
  })
  it('the study test rule: Shapiro–Wilk at 0.05, Cochran, continuity correction, Stuart–Maxwell', () => {
    expect(DEFAULT_STUDY_SETTINGS.testRule).toEqual({ continuous: 'shapiro', normalityAlpha: 0.05, categorical: 'cochran', continuityCorrection: true, pairedCategorical: 'stuart-maxwell' })
    expect(s).toContain("(`continuous: 'shapiro'`, `normalityAlpha: 0.05`)")
    expect(s).toContain("`categorical: 'cochran'`")
    expect(s).toContain("`pairedCategorical: 'stuart-maxwell'`")
    expect(s).toContain('(`continuityCorrection`)')
  })
  it('the study survival rates at the documented times', () => {
    expect(DEFAULT_STUDY_SETTINGS.survivalTimes).toEqual([12, 24, 60])
    expect(s).toContain('rates at 12, 24 and 60 months')
  })
})
