import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { compareLabels, factorCodes, factorLevels, factorize, rNumberLabel } from '@engine/factor'
import { EngineInputError } from '@engine/errors'

interface FactorCase {
  name: string
  values: (string | number)[]
  levels: string[]
  codes: number[]
}
const fixture = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../fixtures/r/factor-levels.json'), 'utf8')) as {
  meta: { R: string; note: string }
  text: FactorCase[]
  numbers: FactorCase
  logical: { values: boolean[]; levels: string[] }
}

describe(`factor levels against ${fixture.meta.R} (ICU collation, C.UTF-8)`, () => {
  for (const c of fixture.text) {
    it(`matches levels(factor(x)) and its codes: ${c.name}`, () => {
      const f = factorize(c.values)
      expect(f.levels).toEqual(c.levels)
      expect(Array.from(f.codes)).toEqual(c.codes)
      expect(factorLevels(c.values)).toEqual(c.levels)
    })
  }

  it('sorts the reference study\'s histology labels case-insensitively, as R with ICU (not by code point)', () => {
    expect(factorLevels(['thyroid', 'RCC', 'colorectal', 'liver', 'Melanoma', 'rectal'])).toEqual(['colorectal', 'liver', 'Melanoma', 'RCC', 'rectal', 'thyroid'])
    expect(factorLevels(['b', 'A', 'a', 'B'])).toEqual(['a', 'A', 'b', 'B'])
  })

  it('does not follow the computer\'s language: the order is the root collation whatever the default locale', () => {
    // Intl.Collator() and Intl.Collator('und') follow the process locale (zh-CN: pinyin); the engine must not.
    expect(compareLabels('ä', 'z')).toBeLessThan(0) // Swedish would put ä after z
    expect(factorLevels(['肺癌', '乳腺癌', '肝癌'])).toEqual(['乳腺癌', '肝癌', '肺癌']) // pinyin would give fei, gan, ru
  })

  it('orders numbers numerically and labels them as R prints them', () => {
    const f = factorize(fixture.numbers.values as number[])
    expect(f.levels).toEqual(fixture.numbers.levels)
    expect(Array.from(f.codes)).toEqual(fixture.numbers.codes)
    expect(factorLevels([10, 9, 2, 9])).toEqual(['2', '9', '10'])
    // R: levels(factor(c(0.1 + 0.2, 0.3))) is "0.3": one level, as.character() shows 15 digits
    expect(factorize([0.1 + 0.2, 0.3])).toEqual({ levels: ['0.3'], codes: Int32Array.from([0, 0]) })
  })

  it('orders logical levels FALSE, TRUE', () => {
    expect(factorLevels(fixture.logical.values.map((b) => (b ? 'TRUE' : 'FALSE')))).toEqual(fixture.logical.levels)
  })

  it('labels numbers as R\'s as.character() does', () => {
    // R 4.2: as.character(c(2, 1.5, 1e5, 123456, 0.0001, 0.3, 1/3, 12.25, -7, 1e15, 123456789012, 0.1 + 0.2, 2.5e-7))
    const r = ['2', '1.5', '1e+05', '123456', '1e-04', '0.3', '0.333333333333333', '12.25', '-7', '1e+15', '123456789012', '0.3', '2.5e-07']
    const x = [2, 1.5, 1e5, 123456, 0.0001, 0.3, 1 / 3, 12.25, -7, 1e15, 123456789012, 0.1 + 0.2, 2.5e-7]
    expect(x.map(rNumberLabel)).toEqual(r)
  })

  it('codes values against given levels and refuses a value that is not among them', () => {
    expect(Array.from(factorCodes([2, 10, 2], ['10', '2']))).toEqual([1, 0, 1])
    expect(() => factorCodes(['x'], ['a', 'b'], 'grade')).toThrow(EngineInputError)
    expect(() => factorize(['x'], ['a'], 'grade')).toThrow(/not one of its levels/)
  })
})
