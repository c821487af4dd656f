// Fisher's exact test on r × c tables larger than the clinical ones in tests.json, against R's
// fisher.test (FEXACT) — tests/fixtures/r/fisher-rxc-fixtures.R made the JSON.
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'vitest'
import { expectClose } from '../helpers/close'
import { fisherExactTest } from '../../main/engine/fisher-exact-test'

interface RxcFixture {
  meta: { R: string }
  cases: { name: string; table: number[][]; n: number; p: number; rCall: string }[]
}
const fx = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../fixtures/r/fisher-rxc.json'), 'utf8')) as RxcFixture

describe(`Fisher r × c against ${fx.meta.R}`, () => {
  for (const c of fx.cases) {
    it(`gives fisher.test's p on ${c.name}`, () => {
      expectClose(fisherExactTest({ table: c.table }).p, c.p, 1e-6, c.name)
    }, 60_000)
  }
})
