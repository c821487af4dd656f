// Loads tests/fixtures/r/matching.json (made by tests/fixtures/r/matching-fixtures.R) and the CSV
// files its cases were fitted on, turning formula terms into engine covariate columns.
import fs from 'node:fs'
import path from 'node:path'
import Papa from 'papaparse'
import type { CovariateColumn } from '../../main/engine/model-matrix'
import { factorize } from '../../main/engine/factor'

const root = path.resolve(__dirname, '../..')

export interface GlmFixture {
  name: string
  rCall: string
  terms: string[]
  estimate: (number | null)[]
  se: (number | null)[]
  fitted: number[]
  linearPredictor: number[]
  deviance: number
  nullDeviance: number
  aic: number
  iterations: number
  converged: boolean
  rank: number
  warnings: string[]
}

export interface BalanceFixture {
  term: string[]
  meanTreated: number[]
  meanControl: number[]
  smd: (number | null)[]
  varianceRatio: (number | null)[]
  ecdfMean: (number | null)[]
  ecdfMax: (number | null)[]
}

export interface MatchFixture {
  name: string
  data: string
  formula: string
  rCall: string
  args: Record<string, string | number | boolean>
  seed: number | null
  nTreated: number
  nControl: number
  nPairs: number
  pairs: [number, number][]
  unmatched: number[]
  caliper: number | null
  weights: number[]
  warnings: string[]
  balanceBefore?: BalanceFixture
  balanceAfter?: BalanceFixture
  distance?: number[]
}

export interface MatchingFixtures {
  meta: Record<string, string>
  glm: GlmFixture[]
  matches: MatchFixture[]
  noMatch: { rows: number[]; formula: string; caliper: number; error: string }
}

export function loadMatchingFixtures(): MatchingFixtures {
  return JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures/r/matching.json'), 'utf8')) as MatchingFixtures
}

export type Table = Record<string, string[]>

export function readCsv(name: string): Table {
  const text = fs.readFileSync(path.join(root, 'tests/fixtures/data', `${name}.csv`), 'utf8')
  const rows = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true }).data
  const [header, ...data] = rows
  return Object.fromEntries(header!.map((h, j) => [h, data.map((r) => r[j]!)]))
}

const isNumeric = (cells: string[]): boolean => cells.every((c) => c.trim() !== '' && Number.isFinite(Number(c)))

/**
 * Covariate columns for "y ~ a + b + factor(c)" (read.csv semantics: text columns are factors), and
 * the treatment as MatchIt's binarize() reads it: numbers as they are, text 1 for its second level.
 */
export function formulaColumns(table: Table, formula: string): { treat: number[]; covariates: CovariateColumn[]; treatName: string } {
  const [lhs, rhs] = formula.split('~').map((s) => s.trim())
  const covariates = rhs!.split('+').map((t): CovariateColumn => {
    const term = t.trim()
    const f = /^factor\((\w+)\)$/.exec(term)
    if (f) return { name: term, type: 'factor', values: table[f[1]!]!.map(Number) }
    const cells = table[term]!
    return isNumeric(cells) ? { name: term, type: 'numeric', values: cells.map(Number) } : { name: term, type: 'factor', values: cells }
  })
  const y = table[lhs!]!
  const treat = isNumeric(y) ? y.map(Number) : Array.from(factorize(y).codes)
  return { treat, covariates, treatName: lhs! }
}
