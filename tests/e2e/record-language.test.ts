// Switching the UI to Simplified Chinese translates the record screen at once (no restart):
// sections, calculators, side panel, dates in the Chinese form; no English sentence of the
// catalogue is left on the screen.
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp, type E2EApp } from '../helpers/e2e'
import en from '../../renderer/src/i18n/en'
import zhCN from '../../renderer/src/i18n/zh-CN'

let app: E2EApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})
afterAll(closeBrowser)

type Tree = { [k: string]: string | Tree }
function leaves(tree: Tree, out: Map<string, string> = new Map(), prefix = ''): Map<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else leaves(v, out, key)
  }
  return out
}

/** English sentences that must not appear once the UI is Chinese (long enough to be unambiguous). */
function englishSentences(): string[] {
  const zh = leaves(zhCN as unknown as Tree)
  return [...leaves(en as unknown as Tree)]
    .filter(([k, v]) => v !== zh.get(k) && !v.includes('{') && !v.includes('|') && v.length >= 14 && /[a-z]{4}/.test(v))
    .map(([, v]) => v)
}

describe('language', () => {
  it('switching to Chinese translates the whole record screen', async () => {
    app = await launchApp({ viewport: { width: 1400, height: 900 } })
    const { page } = app
    await page.getByTestId('start-demo').click()
    await page.locator('.el-table-v2__row').first().waitFor()
    await page.getByTestId('patient-search').fill('SM-004')
    await page.getByTestId('patient-count').filter({ hasText: 'Showing 1 of' }).waitFor()
    await page.getByTestId('patient-search').press('Enter')
    await page.locator('[data-testid="record-form"][data-drawn="all"]').waitFor()
    await page.getByText('Identity & diagnosis').first().waitFor()

    await page.getByTestId('language-select').click()
    await page.locator('.el-select-dropdown__item', { hasText: '简体中文' }).click()
    await page.getByText('身份与诊断').first().waitFor()

    const text = await page.locator('body').innerText()
    for (const title of ['身份与诊断', '术前评估', '手术', '围手术期', '术后 6 个月结局', '随访事件']) expect(text).toContain(title)
    for (const calc of ['修订版 Tokuhashi 评分（Tokuhashi 2005）', '脊柱不稳定肿瘤评分（SINS，Fisher 2010）', 'Bilsky 硬膜外脊髓压迫（ESCC）分级', '美国脊髓损伤协会（ASIA）残损分级', '东部肿瘤协作组体能状态（ECOG', '视觉模拟评分（VAS）疼痛', 'SOSG-OQ（脊柱肿瘤研究组结局问卷）']) {
      expect(text).toContain(calc)
    }
    expect(text).toContain('研究入组资格（Zheng 2021）')
    expect(text).toContain('可识别身份信息——去标识化导出时不包含')
    expect(text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/)
    expect(text).toContain('所有更改已保存')

    const left = englishSentences().filter((s) => text.includes(s))
    expect(left).toEqual([])
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN')
    expect(app.pageErrors).toEqual([])
  })
})
