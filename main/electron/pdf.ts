// Printing a report route to PDF in the desktop app: a hidden, sandboxed window of our own origin
// loads the route (which fetches its model through the same IPC as the main window), waits until
// the page says it is ready (with a timeout, never a fixed sleep), prints with printToPDF and is
// destroyed in `finally`. The same route is printed by headless Chromium in the CLI and tests.
import { BrowserWindow, type WebContents } from 'electron'
import type { ReportPrintRequest } from '../services/reports'
import { EMPTY_HEADER_TEMPLATE, footerFromPage, READ_READY_SCRIPT, READY_TIMEOUT_MS, REPORT_ENTRY, type ReadyPage } from '../print/footer'
import { APP_ORIGIN } from './origin'
import { secureWebPreferences } from './windows'

/** Hidden report windows alive right now: the IPC adapter accepts calls from them too. */
const reportWindows = new Set<BrowserWindow>()

export function isReportWindow(win: BrowserWindow | null): boolean {
  return win !== null && reportWindows.has(win)
}

const POLL_MS = 50

/** Polls the page until it has published `data-ready` (or an error); rejects after `timeoutMs`. */
export async function waitForReportReady(contents: WebContents, timeoutMs = READY_TIMEOUT_MS): Promise<ReadyPage> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const state = (await contents.executeJavaScript(READ_READY_SCRIPT, true)) as ReadyPage
    if (state.error !== undefined) throw new Error(`The report could not be drawn: ${state.error}`)
    if (state.ready === '1') return state
    if (Date.now() > deadline) throw new Error(`The report page was not ready after ${Math.round(timeoutMs / 1000)} s.`)
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

export interface PdfPrinterOptions {
  preloadPath: string
  timeoutMs?: number
}

export async function printReportToPdf(request: ReportPrintRequest, options: PdfPrinterOptions): Promise<Buffer> {
  const win = new BrowserWindow({
    show: false,
    width: 900,
    height: 1200,
    webPreferences: secureWebPreferences(options.preloadPath),
  })
  reportWindows.add(win)
  try {
    await win.loadURL(`${APP_ORIGIN}/${REPORT_ENTRY}#${request.route}`)
    const ready = await waitForReportReady(win.webContents, options.timeoutMs)
    return await win.webContents.printToPDF({
      // Electron's default is Letter: always pass the registry's paper setting.
      pageSize: request.paperSize,
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: EMPTY_HEADER_TEMPLATE,
      footerTemplate: footerFromPage(ready),
    })
  } finally {
    reportWindows.delete(win)
    if (!win.isDestroyed()) win.destroy()
  }
}
