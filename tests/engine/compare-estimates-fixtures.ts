// Loads tests/fixtures/r/compare-estimates.json (made by tests/fixtures/r/compare-estimates-fixtures.R).
import fs from 'node:fs'
import path from 'node:path'
import type { Alternative } from '../../main/engine/two-group-test'

type Num = number | 'Inf' | '-Inf' | 'NaN' | null
export interface EstimateRun {
  options: { alternative: Alternative; correct?: boolean; exact?: boolean | null; confLevel: number }
  p: number
  method: string
  estimate: Num
  estimateName: string
  confInt: Num[]
  confLevel: number
  warnings: string[]
  rCall: string
}
export interface EstimatesFixture {
  meta: { R: string }
  rankSum: { name: string; x: number[]; y: number[]; runs: EstimateRun[] }[]
  signedRank: { name: string; x: number[]; y: number[]; runs: EstimateRun[] }[]
  fisher: { name: string; table: number[][]; runs: EstimateRun[] }[]
  fisherSimulated: { name: string; table: number[][]; seed: number; B: number; p: number; method: string; rCall: string }[]
}

export function loadEstimatesFixtures(): EstimatesFixture {
  return JSON.parse(fs.readFileSync(path.resolve(__dirname, '../fixtures/r/compare-estimates.json'), 'utf8')) as EstimatesFixture
}

/** R's Inf / -Inf / NaN (written as strings) as numbers. */
export function rNumber(v: Num): number {
  if (v === 'Inf') return Infinity
  if (v === '-Inf') return -Infinity
  if (v === 'NaN' || v === null) return NaN
  return v
}
