// Loads tests/fixtures/r/tests.json (made by tests/fixtures/r/tests-fixtures.R).
import fs from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import { expectClose } from '../helpers/close'
import type { TwoGroupTestResult } from '../../main/engine/two-group-test'

export interface HtestFixture {
  statistic: number | string | null
  df: number | null
  p: number | string
  method: string
  warnings: string[]
  estimate: number[] | null
  confInt: (number | string)[] | null
  rCall: string | string[]
}

export interface TwoGroupCase {
  name: string
  values: number[]
  groups: string[]
  levels: string[]
  welch: HtestFixture
  student: HtestFixture
  mannWhitney: HtestFixture
  mannWhitneyNoCorrection: HtestFixture
  mannWhitneyLess: HtestFixture
  welchGreater: HtestFixture
}

export interface PairedCase {
  name: string
  x: number[]
  y: number[]
  pairedT: HtestFixture
  signedRank: HtestFixture
  signedRankNoCorrection: HtestFixture
  signedRankGreater: HtestFixture
}

export interface TableCase {
  name: string
  table: number[][]
  chisq?: HtestFixture & { expected: number[][] }
  chisqNoCorrection?: HtestFixture
  fisher?: HtestFixture
  fisher_less?: HtestFixture
  fisher_greater?: HtestFixture
  mcnemar?: HtestFixture
  mcnemarNoCorrection?: HtestFixture
}

export interface TestsFixtures {
  meta: Record<string, string>
  twoGroups: TwoGroupCase[]
  paired: PairedCase[]
  tables: TableCase[]
  cli: Record<string, HtestFixture>
}

/** Group labels as the engine should get them: numbers when every label is numeric (R sorts those numerically). */
export function groupLabels(groups: string[]): (string | number)[] {
  return groups.every((g) => g.trim() !== '' && Number.isFinite(Number(g))) ? groups.map(Number) : groups
}

export function loadTestsFixtures(): TestsFixtures {
  return JSON.parse(fs.readFileSync(path.resolve(__dirname, '../fixtures/r/tests.json'), 'utf8')) as TestsFixtures
}

const num = (v: number | string | null): number | null => (v === 'NaN' ? NaN : v === 'Inf' ? Infinity : v === '-Inf' ? -Infinity : (v as number | null))

/** Compares statistic, df, p, method name, warnings and (when present) estimate and CI with R's. */
export function expectHtest(res: TwoGroupTestResult, r: HtestFixture, rel = 1e-6): void {
  expect(res.test).toBe(r.method)
  expectClose(res.statistic, num(r.statistic), rel, 'statistic')
  expectClose(res.df, r.df, rel, 'df')
  expectClose(res.p, num(r.p), rel, 'p', 1e-300)
  expect(res.warnings.filter((w) => w.code !== 'EMPTY_DISCORDANT_PAIR').map((w) => w.message)).toEqual(r.warnings)
  if (r.estimate && res.estimate) expectClose(res.estimate, r.estimate, rel, 'estimate')
  if (r.confInt && res.confidenceInterval) expectClose([res.confidenceInterval.lower, res.confidenceInterval.upper], r.confInt.map((v) => num(v)), rel, 'conf.int')
}
