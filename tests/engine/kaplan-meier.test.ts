import { describe, expect, it } from 'vitest'
import { kaplanMeier, type KaplanMeierConfType, type KaplanMeierCurve } from '@engine/kaplan-meier'
import { EngineInputError } from '@engine/errors'
import { ENGINE_VERSION } from '@engine/version'
import { expectClose } from '../helpers/close'
import { codesOf, loadSurvivalFixture, type RNum } from './survival-fixtures'

interface RSummary {
  group: string[]
  time: number[]
  nRisk: number[]
  nEvent: number[]
  nCensor: number[]
  surv: number[]
  se: RNum[]
  lower: RNum[]
  upper: RNum[]
}
interface RGroup {
  group: string
  n: number
  events: number
  median: RNum
  medianLower: RNum
  medianUpper: RNum
  quantiles: { probs: number[]; quantile: RNum[]; lower: RNum[]; upper: RNum[] }
  steps: { time: number[]; nRisk: number[]; nEvent: number[]; nCensor: number[]; surv: number[]; stdErrLog: number[]; se: RNum[]; lower: RNum[]; upper: RNum[] }
}
interface KmCase {
  name: string
  rCall: string
  data: { time: number[]; event: number[]; group: string[] | null }
  levels: string[]
  at: number[] | null
  riskTimes: number[] | null
  fits: Record<KaplanMeierConfType, { groups: RGroup[]; at: RSummary | null; atExtend: RSummary | null; riskTable: RSummary | null }>
}

const fixture = loadSurvivalFixture<KmCase>('km')

function fitCase(c: KmCase, confType: KaplanMeierConfType, extend = false) {
  return kaplanMeier(
    { time: c.data.time, event: c.data.event, group: c.data.group ? { codes: codesOf(c.data.group, c.levels), levels: c.levels } : undefined },
    { confType, times: c.at ?? [], extend, riskTableTimes: c.riskTimes ?? [] },
  )
}

function compareSummary(curves: KaplanMeierCurve[], r: RSummary, label: string) {
  for (const curve of curves) {
    const rows = r.group.map((g, i) => (g === curve.group ? i : -1)).filter((i) => i >= 0)
    const pick = <T,>(v: T[]) => rows.map((i) => v[i]!)
    const at = curve.at
    expectClose(at.time, pick(r.time), 1e-12, `${label} ${curve.group} time`)
    expectClose(at.nRisk, pick(r.nRisk), 0, `${label} ${curve.group} n.risk`)
    expectClose(at.nEvent, pick(r.nEvent), 0, `${label} ${curve.group} n.event`)
    expectClose(at.nCensor, pick(r.nCensor), 0, `${label} ${curve.group} n.censor`)
    expectClose(at.surv, pick(r.surv), 1e-12, `${label} ${curve.group} surv`)
    expectClose(at.se, pick(r.se), 1e-10, `${label} ${curve.group} std.err`)
    expectClose(at.lower, pick(r.lower), 1e-10, `${label} ${curve.group} lower`)
    expectClose(at.upper, pick(r.upper), 1e-10, `${label} ${curve.group} upper`)
  }
}

describe('kaplanMeier against survival::survfit (R fixtures)', () => {
  it(`fixtures come from survival ${fixture.meta.survival}`, () => {
    expect(fixture.meta.survival).toBe('3.5.3')
  })
  for (const c of fixture.cases) {
    for (const confType of ['log', 'log-log', 'plain'] as const) {
      const rfit = c.fits[confType]
      const what = `${c.name}${c.data.group ? ' by group' : ''}`
      it(`matches survival::survfit(conf.type = "${confType}") step table, print.survfit median and quantile.survfit on ${what} (${c.rCall})`, () => {
        const res = fitCase(c, confType)
        expect(res.curves.map((k) => k.group)).toEqual(rfit.groups.map((g) => g.group))
        res.curves.forEach((curve, k) => {
          const g = rfit.groups[k]!
          const l = `${c.name}/${confType}/${g.group}`
          expect(curve.n, `${l} n`).toBe(g.n)
          expect(curve.events, `${l} events`).toBe(g.events)
          const s = curve.steps
          expectClose(s.time, g.steps.time, 1e-12, `${l} time`)
          expectClose(s.nRisk, g.steps.nRisk, 0, `${l} n.risk`)
          expectClose(s.nEvent, g.steps.nEvent, 0, `${l} n.event`)
          expectClose(s.nCensor, g.steps.nCensor, 0, `${l} n.censor`)
          expectClose(s.surv, g.steps.surv, 1e-12, `${l} surv`)
          expectClose(s.stdErrLog, g.steps.stdErrLog, 1e-10, `${l} std.err`)
          expectClose(s.se, g.steps.se, 1e-10, `${l} se(S)`)
          expectClose(s.lower, g.steps.lower, 1e-10, `${l} lower`)
          expectClose(s.upper, g.steps.upper, 1e-10, `${l} upper`)
          expectClose(curve.median.estimate, g.median, 1e-12, `${l} median`)
          expectClose(curve.median.lower, g.medianLower, 1e-12, `${l} median LCL`)
          expectClose(curve.median.upper, g.medianUpper, 1e-12, `${l} median UCL`)
          expect(curve.quantiles.map((q) => q.probability)).toEqual(g.quantiles.probs)
          expectClose(curve.quantiles.map((q) => q.estimate), g.quantiles.quantile, 1e-12, `${l} quantile`)
          expectClose(curve.quantiles.map((q) => q.lower), g.quantiles.lower, 1e-12, `${l} quantile lower`)
          expectClose(curve.quantiles.map((q) => q.upper), g.quantiles.upper, 1e-12, `${l} quantile upper`)
        })
      })
      if (rfit.at) {
        it(`matches summary(survfit(conf.type = "${confType}"), times = c(${c.at!.join(', ')})) on ${what}`, () => {
          const res = fitCase(c, confType)
          compareSummary(res.curves, rfit.at!, `${c.name}/${confType}/at`)
        })
      }
      if (rfit.atExtend) {
        it(`matches summary(..., times, extend = TRUE) with conf.type = "${confType}" on ${what}`, () => {
          const res = fitCase(c, confType, true)
          compareSummary(res.curves, rfit.atExtend!, `${c.name}/${confType}/extend`)
        })
      }
      if (rfit.riskTable && confType === 'log') {
        it(`number-at-risk table matches summary(fit, times, extend = TRUE)$n.risk on ${what}`, () => {
          const res = fitCase(c, confType)
          const r = rfit.riskTable!
          res.curves.forEach((curve, k) => {
            const rows = r.group.map((g, i) => (g === curve.group ? i : -1)).filter((i) => i >= 0)
            expect(res.riskTable.nRisk[k]).toEqual(rows.map((i) => r.nRisk[i]))
          })
          expect(res.riskTable.times).toEqual(c.riskTimes)
        })
      }
    }
  }
})

describe('kaplanMeier hand-worked cases', () => {
  it('sorts unsorted input and handles a tie and a missing time (exact values)', () => {
    // times 6, 3, 9, 3, 12, 1, NaN; the NaN row is excluded as na.omit would
    const res = kaplanMeier({ time: [6, 3, 9, 3, 12, 1, NaN], event: [1, 1, 0, 0, 1, 1, 1] })
    expect(res.n).toEqual({ used: 6, excluded: 1 })
    const s = res.curves[0]!.steps
    expect(Array.from(s.time)).toEqual([1, 3, 6, 9, 12])
    expect(Array.from(s.nRisk)).toEqual([6, 5, 3, 2, 1])
    // S = 5/6, 5/6·4/5 = 2/3, 2/3·2/3 = 4/9, 4/9, 0
    expectClose(s.surv, [5 / 6, 2 / 3, 4 / 9, 4 / 9, 0], 1e-15)
    // Greenwood: 1/(6·5), + 1/(5·4), + 1/(3·2)
    expectClose(s.stdErrLog, [Math.sqrt(1 / 30), Math.sqrt(1 / 30 + 1 / 20), Math.sqrt(1 / 30 + 1 / 20 + 1 / 6), Math.sqrt(0.25), Infinity], 1e-15)
    expect(res.curves[0]!.median.estimate).toBe(6)
    expect(res.method).toBe('kaplan-meier')
    expect(res.engineVersion).toBe(ENGINE_VERSION)
    expect(res.options.confType).toBe('log')
  })

  it('takes the midpoint for the median when S(t) sits exactly at 0.5 and then drops (print.survfit)', () => {
    const res = kaplanMeier({ time: [1, 2, 3, 4], event: [1, 1, 1, 1] })
    expect(res.curves[0]!.median.estimate).toBe(2.5)
    expect(res.curves[0]!.quantiles[1]!.estimate).toBe(2.5)
  })

  it('reports a median that is not reached as null (all censored)', () => {
    const res = kaplanMeier({ time: [2, 5, 5, 8], event: [0, 0, 0, 0] })
    const c = res.curves[0]!
    expect(c.events).toBe(0)
    expect(c.median).toEqual({ estimate: null, lower: null, upper: null, level: 0.95 })
    expect(Array.from(c.steps.surv)).toEqual([1, 1, 1])
  })

  it('warns when requested times fall after the last follow-up and extend is false', () => {
    const res = kaplanMeier({ time: [1, 2, 3], event: [1, 0, 1] }, { times: [2, 10] })
    expect(Array.from(res.curves[0]!.at.time)).toEqual([2])
    expect(res.warnings.map((w) => w.code)).toEqual(['TIMES_BEYOND_FOLLOW_UP'])
    const ext = kaplanMeier({ time: [1, 2, 3], event: [1, 0, 1] }, { times: [2, 10], extend: true })
    expect(Array.from(ext.curves[0]!.at.nRisk)).toEqual([2, 0])
    expect(ext.warnings).toEqual([])
  })
})

describe('kaplanMeier input errors', () => {
  const err = (f: () => unknown) => {
    try {
      f()
    } catch (e) {
      expect(e).toBeInstanceOf(EngineInputError)
      return (e as EngineInputError).code
    }
    throw new Error('expected an EngineInputError')
  }
  it('refuses an empty group with a clear error', () => {
    expect(err(() => kaplanMeier({ time: [1, 2], event: [1, 0], group: { codes: [0, 0], levels: ['a', 'b'] } }))).toBe('EMPTY_GROUP')
  })
  it('refuses negative times, bad event codes and length mismatches', () => {
    expect(err(() => kaplanMeier({ time: [1, -2], event: [1, 0] }))).toBe('NEGATIVE_TIME')
    expect(err(() => kaplanMeier({ time: [1, 2], event: [1, 2] }))).toBe('INVALID_EVENT')
    expect(err(() => kaplanMeier({ time: [1, 2], event: [1] }))).toBe('LENGTH_MISMATCH')
    expect(err(() => kaplanMeier({ time: [NaN], event: [1] }))).toBe('NO_DATA')
    expect(err(() => kaplanMeier({ time: [1], event: [1] }, { confType: 'logit' as never }))).toBe('INVALID_OPTION')
  })
})
