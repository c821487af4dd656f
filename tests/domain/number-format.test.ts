// The one number formatter (screen, PDF, CSV).
import { describe, expect, it } from 'vitest'
import { formatCountPercent, formatEstimateCi, formatInterval, formatMeanSd, formatNumber, formatPercent, formatPValue, formatSigned } from '../../main/domain/number-format'

describe('number-format', () => {
  it('p-values: three decimals, <0.001 below, never 0.000', () => {
    expect(formatPValue(0.0004, 'en')).toBe('<0.001')
    expect(formatPValue(0.001, 'en')).toBe('0.001')
    expect(formatPValue(0.04449, 'en')).toBe('0.044')
    expect(formatPValue(0.0495, 'zh-CN')).toBe('0.050')
    expect(formatPValue(1, 'plain')).toBe('1.000')
    expect(formatPValue(null, 'en')).toBe('')
  })
  it('percentages, counts, mean ± SD, intervals', () => {
    expect(formatPercent(0.4523, 'en')).toBe('45.2%')
    expect(formatCountPercent(55, 157, 'en')).toBe('55 (35.0%)')
    expect(formatMeanSd(64.25, 7.2, 'en')).toBe('64.3 ± 7.2')
    expect(formatMeanSd(64.25, null, 'en')).toBe('64.3')
    expect(formatInterval(-0.21, 0.4, 'en', { digits: 2 })).toBe('\u22120.21\u20130.40')
    expect(formatInterval(-0.21, 0.4, 'plain', { digits: 2 })).toBe('-0.21 to 0.40')
    expect(formatEstimateCi(0.83, 0.52, 1.31, 'en', { digits: 2 })).toBe('0.83 (0.52\u20131.31)')
  })
  it('numbers: fixed or trimmed decimals, no grouping, no negative zero, blank for missing', () => {
    expect(formatNumber(12345.678, 'en', { digits: 2 })).toBe('12345.68')
    expect(formatNumber(4, 'en', { digits: 1, trim: true })).toBe('4')
    expect(formatNumber(-0.04, 'en', { digits: 1 })).toBe('0.0')
    expect(formatNumber(-1.5, 'en')).toBe('\u22121.5')
    expect(formatNumber(-1.5, 'plain')).toBe('-1.5')
    expect(formatNumber(Number.NaN, 'en')).toBe('')
    expect(formatSigned(1.5, 'en', { trim: true })).toBe('+1.5')
    expect(formatSigned(-2, 'en', { trim: true })).toBe('\u22122')
    expect(formatSigned(0, 'en', { trim: true })).toBe('0')
  })
})
