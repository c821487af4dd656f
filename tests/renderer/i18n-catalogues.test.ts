import { describe, expect, it } from 'vitest'
import en from '@/i18n/en'
import zhCN from '@/i18n/zh-CN'
import validationEntry from '@domain/validation.ts?raw'

/** The domain validation's source: its entry and its steps (main/domain/validation/). */
const validationSource = [validationEntry, ...Object.values(import.meta.glob<string>('../../main/domain/validation/*.ts', { query: '?raw', import: 'default', eager: true }))].join('\n')

type Tree = { [k: string]: string | Tree }

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv)
  }
  return out
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
const pluralForms = (s: string) => s.split('|').length

describe('UI catalogues (en, zh-CN)', () => {
  const a = leaves(en as unknown as Tree)
  const b = leaves(zhCN as unknown as Tree)

  it('have the same keys', () => {
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort())
  })

  it('have no empty message', () => {
    for (const [k, v] of [...a, ...b]) expect(v.trim(), k).not.toBe('')
  })

  it('use the same placeholders and plural forms in both languages', () => {
    for (const [k, v] of a) {
      const z = b.get(k)!
      expect(placeholders(z), k).toEqual(placeholders(v))
      expect(pluralForms(z), k).toBe(pluralForms(v))
    }
  })

  it('keep "@" out of messages (vue-i18n linked-message syntax)', () => {
    for (const [k, v] of [...a, ...b]) expect(v.includes('@'), k).toBe(false)
  })

  it('translate every message key of the domain validation (record screen and import problems)', () => {
    const keys = [...new Set([...validationSource.matchAll(/'(validation\.[A-Za-z.]+)'/g)].map((m) => m[1]!))]
    expect(keys.length).toBeGreaterThan(10)
    for (const k of keys) {
      expect(a.has(`issues.${k}`), k).toBe(true)
      expect(b.has(`issues.${k}`), k).toBe(true)
    }
    // validation.dateOrder.<later>Before<Earlier> and …AfterDeath: one sentence each names both dates
    for (const k of ['issues.dateOrder', 'issues.afterDeath']) expect(a.has(k) && b.has(k), k).toBe(true)
  })

  it('translate the clinical terms with the standard mainland names', () => {
    const zh = [...b.values()].join('\n')
    for (const term of ['脊柱不稳定肿瘤评分', '硬膜外脊髓压迫', '修订版 Tokuhashi 评分', '美国脊髓损伤协会（ASIA）', '东部肿瘤协作组体能状态', '卡氏功能状态', '视觉模拟评分', '混合治疗', '全脊椎整块切除术']) {
      expect(zh, term).toContain(term)
    }
  })
})
