// Shared by every report route (NOMS summary, study report): the route's parameters, the
// document's language and paper, and the handshake with the printer. A report route is a pure
// function of its model: it loads the model once, draws it, then publishes on <html>
//   data-footer  the footer line (versions, data snapshot, generation time) in the report's language,
//   data-page-of the page label with {page} and {pages},
//   data-ready="1" when everything (fonts included) is drawn, or data-report-error on failure.
// The printers (main/electron/pdf.ts, main/print/chromium.ts) wait for it and draw the footer.
import { nextTick } from 'vue'
import type { LocationQuery } from 'vue-router'
import type { ReportFooter, ReportLanguage } from '@contract/reports'
import type { PaperSize } from '@domain/registry-settings'
import { i18n } from '../i18n'
import { formatDateTime } from '../format/dates'

export function queryString(query: LocationQuery, key: string): string | null {
  const v = query[key]
  const s = Array.isArray(v) ? v[0] : v
  return typeof s === 'string' ? s : null
}

/** Patient ids from `ids=1,2,3`; invalid entries are dropped (the service refuses an empty list). */
export function queryIds(query: LocationQuery): number[] {
  return (queryString(query, 'ids') ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0)
}

/** Switches the page to the report's language without remembering it as the UI language. */
export function applyReportLanguage(lang: string | null): ReportLanguage {
  const l: ReportLanguage = lang === 'zh-CN' ? 'zh-CN' : 'en'
  i18n.global.locale.value = l
  document.documentElement.lang = l
  return l
}

/** The @page rule for the paper (preferCSSPageSize makes it win over the printer's default). */
export function applyPaperSize(paper: PaperSize): void {
  let style = document.getElementById('sm-page-size') as HTMLStyleElement | null
  if (!style) {
    style = document.createElement('style')
    style.id = 'sm-page-size'
    document.head.appendChild(style)
  }
  style.textContent = `@page { size: ${paper === 'Letter' ? 'letter' : 'A4'} portrait; }`
  document.documentElement.dataset.paper = paper
}

export function footerLine(footer: ReportFooter): string {
  const t = i18n.global.t
  return t('nomsSummary.footer', {
    app: footer.appName,
    version: footer.appVersion,
    engine: footer.engineVersion,
    file: footer.registryFileName,
    schema: footer.schemaVersion,
    n: footer.patientCount,
    time: formatDateTime(footer.generatedAt),
  })
}

export async function publishReady(footer: ReportFooter): Promise<void> {
  await nextTick()
  await document.fonts.ready
  const d = document.documentElement.dataset
  d.footer = footerLine(footer)
  d.pageOf = i18n.global.t('nomsSummary.pageOf', { page: '{page}', pages: '{pages}' })
  d.ready = '1'
}

export function publishError(message: string): void {
  document.documentElement.dataset.reportError = message
}
