// Width of a text as the screen draws it, for sizing table columns to their content (the virtual
// patient table needs widths up front; it cannot measure the cells it has not drawn).

let context: CanvasRenderingContext2D | null = null
const cache = new Map<string, number>()

/** Pixel width of `text` in a CSS `font` (e.g. "700 14px 'Segoe UI', sans-serif"). */
export function textWidth(text: string, font: string): number {
  if (!text) return 0
  const key = `${font}\u0000${text}`
  const hit = cache.get(key)
  if (hit !== undefined) return hit
  context ??= document.createElement('canvas').getContext('2d')
  let w: number
  if (context) {
    context.font = font
    w = context.measureText(text).width
  } else {
    // no canvas (unit tests): a generous estimate, CJK characters counting double
    w = [...text].reduce((sum, ch) => sum + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.62), 0) * parseFloat(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? '14')
  }
  if (cache.size > 5000) cache.clear()
  cache.set(key, w)
  return w
}

/** The widest of `texts`. */
export function widestText(texts: Iterable<string>, font: string): number {
  let max = 0
  for (const t of texts) max = Math.max(max, textWidth(t, font))
  return max
}
