// The page footer both printers draw (Chromium's and Electron's header/footer templates): the
// report's own footer line, which the page publishes in `data-footer` once it is ready, and
// "page / pages". Templates are rendered apart from the page, so they carry their own font list
// (a CJK font first for Chinese) and an explicit size.

const FONT_STACK = "'Noto Sans', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'Helvetica Neue', Arial, sans-serif"

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

/**
 * Footer template: the report's footer text on the left, page numbers on the right. `pageOf` is
 * the page label in the report's language with `{page}` and `{pages}` placeholders.
 */
export function footerTemplate(footerText: string, pageOf: string): string {
  const pages = escapeHtml(pageOf).replace('{page}', '<span class="pageNumber"></span>').replace('{pages}', '<span class="totalPages"></span>')
  return (
    `<div style="font-family:${FONT_STACK};font-size:6.5pt;color:#333;width:100%;margin:0 12mm;display:flex;justify-content:space-between;gap:8mm;">` +
    `<span>${escapeHtml(footerText)}</span>` +
    `<span style="white-space:nowrap">${pages}</span>` +
    `</div>`
  )
}

/** The printed documents' own entry of the built renderer (renderer/report.html), which both printers open. */
export const REPORT_ENTRY = 'report.html'

/** An empty header (Chromium prints the title and date when none is given). */
export const EMPTY_HEADER_TEMPLATE = '<span></span>'

/** What the page publishes for the printer once it has drawn everything. */
export interface ReadyPage {
  ready: string | undefined
  footer: string | undefined
  pageOf: string | undefined
  error: string | undefined
}

/** Script run in the page to read what it published (a string: it runs in the page, not here). */
export const READ_READY_SCRIPT = `(() => { const d = document.documentElement.dataset; return { ready: d.ready, footer: d.footer, pageOf: d.pageOf, error: d.reportError } })()`

/** Matches <html> once the page is ready or has failed. */
export const READY_OR_FAILED_SELECTOR = 'html[data-ready="1"], html[data-report-error]'

export function footerFromPage(p: ReadyPage): string {
  return footerTemplate(p.footer ?? '', p.pageOf ?? '{page} / {pages}')
}

/** How long a printer waits for `data-ready` before giving up. */
export const READY_TIMEOUT_MS = 30_000
