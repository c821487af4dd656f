// `match --out FILE` writes MatchIt's match.data(m): the matched rows with every column plus
// distance, weights and subclass — compared with R (tests/fixtures/r/match-data-fixtures.R).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Papa from 'papaparse'
import { runCli } from '../../main/cli/index'
import { expectClose } from '../helpers/close'

const DATA = path.resolve(__dirname, '../fixtures/data')
interface MdCase { name: string; args: string[]; row: number[]; distance: number[]; weights: number[]; subclass: number[] }
const fx = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../fixtures/r/match-data.json'), 'utf8')) as { cases: MdCase[] }

let tmp: string
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-cli-match-out-'))
})
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

describe('match --out (MatchIt match.data)', () => {
  for (const c of fx.cases) {
    it(`writes match.data's rows, distance, weights and subclass: ${c.name}`, async () => {
      const out = path.join(tmp, 'matched.csv')
      const code = await runCli(['match', '--csv', 'lalonde.csv', '--treat', 'treat', ...c.args, '--out', out], { cwd: DATA, stdout: () => undefined, stderr: () => undefined })
      expect(code).toBe(0)
      const [header, ...rows] = Papa.parse<string[]>(fs.readFileSync(out, 'utf8').trim()).data
      const source = Papa.parse<string[]>(fs.readFileSync(path.join(DATA, 'lalonde.csv'), 'utf8').trim()).data
      expect(header).toEqual([...source[0]!, 'distance', 'weights', 'subclass'])
      expect(rows).toHaveLength(c.row.length)
      // The first columns are the source rows R kept, in data order.
      expect(rows.map((r) => r.slice(0, -3))).toEqual(c.row.map((i) => source[i]!))
      const col = (k: number) => rows.map((r) => Number(r[header!.length - 3 + k]))
      expectClose(col(0), c.distance, 1e-6, 'distance')
      expectClose(col(1), c.weights, 1e-9, 'weights')
      expect(col(2)).toEqual(c.subclass)
    })
  }

  it('refuses --out with --replace (no subclasses)', async () => {
    let err = ''
    const code = await runCli(['match', '--csv', 'lalonde.csv', '--treat', 'treat', '--covariates', 'age', '--replace', '--out', path.join(tmp, 'x.csv')], { cwd: DATA, stdout: () => undefined, stderr: (t) => void (err += t) })
    expect(code).toBe(2)
    expect(err).toContain('get_matches')
  })
})
