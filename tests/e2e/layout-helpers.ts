// Layout checks for the e2e tests: text that is cut off — sticking out of its box, or hidden by an
// ellipsis or an overflow that clips it.
import type { Page } from 'playwright-core'

/**
 * The texts inside the elements matching `selector` that are cut off: a text outside its box
 * (`box`: each match, or the `cell` elements inside it), or an element that clips its content
 * (overflow not visible) with content wider or taller than itself. Each entry says where.
 */
export async function clippedTexts(page: Page, selector: string, cell?: string): Promise<string[]> {
  return page.evaluate(
    ([sel, cellSel]) => {
      const out: string[] = []
      const boxes = [...document.querySelectorAll<HTMLElement>(sel!)].flatMap((root) => (cellSel ? [...root.querySelectorAll<HTMLElement>(cellSel)] : [root]))
      for (const box of boxes) {
        const b = box.getBoundingClientRect()
        if (b.width === 0 && b.height === 0) continue
        const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT)
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (!n.textContent?.trim() || !n.parentElement || n.parentElement.getClientRects().length === 0) continue
          const range = document.createRange()
          range.selectNodeContents(n)
          const r = range.getBoundingClientRect()
          if (r.width === 0) continue
          if (r.left < b.left - 1 || r.right > b.right + 1 || (cellSel && (r.top < b.top - 1 || r.bottom > b.bottom + 1))) {
            out.push(`${n.textContent.trim()} (outside its box: ${Math.round(r.left)}–${Math.round(r.right)} in ${Math.round(b.left)}–${Math.round(b.right)})`)
            break
          }
        }
        for (const el of [box, ...box.querySelectorAll<HTMLElement>('*')]) {
          const style = getComputedStyle(el)
          if (style.display === 'inline' || !el.textContent?.trim()) continue
          const clipsX = style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1
          const clipsY = style.overflowY === 'hidden' && el.scrollHeight > el.clientHeight + 1
          if (clipsX || clipsY) {
            out.push(`${el.textContent.trim().slice(0, 60)} (cut: ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`)
            break
          }
        }
      }
      return out
    },
    [selector, cell] as const,
  )
}
