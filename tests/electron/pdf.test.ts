// Printing a report in the desktop app without the Electron runtime: `electron` is mocked. The
// hidden window loads the report route of our origin, waits for the page's ready signal (not a
// fixed sleep), prints with the options a user relies on (paper, background, CSS page size,
// footer with page numbers) and is destroyed whatever happens.
import { beforeEach, describe, expect, it, vi } from 'vitest'

interface FakeWindow {
  options: { show: boolean; webPreferences: Record<string, unknown> }
  url: string | null
  destroyed: boolean
  printOptions: Record<string, unknown> | null
  wasReportWindowWhilePrinting: boolean
  self: unknown
}
const windows: FakeWindow[] = []
/** What the page reports on each poll, in order (the last one repeats). */
let pageStates: Record<string, string | undefined>[] = []
let isReport: ((w: unknown) => boolean) | null = null

vi.mock('electron', () => ({
  BrowserWindow: class {
    state: FakeWindow
    webContents: unknown
    constructor(options: FakeWindow['options']) {
      this.state = { options, url: null, destroyed: false, printOptions: null, wasReportWindowWhilePrinting: false, self: this }
      windows.push(this.state)
      let poll = 0
      this.webContents = {
        executeJavaScript: async () => pageStates[Math.min(poll++, pageStates.length - 1)],
        printToPDF: async (o: Record<string, unknown>) => {
          this.state.printOptions = o
          this.state.wasReportWindowWhilePrinting = isReport?.(this) ?? false
          return Buffer.from('%PDF-1.4 fake')
        },
      }
    }
    async loadURL(url: string) {
      this.state.url = url
    }
    isDestroyed() {
      return this.state.destroyed
    }
    destroy() {
      this.state.destroyed = true
    }
  },
}))

const { printReportToPdf, isReportWindow } = await import('../../main/electron/pdf')
isReport = isReportWindow as (w: unknown) => boolean

beforeEach(() => {
  windows.length = 0
})

const request = { route: '/report/noms?ids=3&identified=0&lang=zh-CN', paperSize: 'A4' as const, lang: 'zh-CN' as const }

describe('printReportToPdf (Electron)', () => {
  it('loads the route in a hidden sandboxed window, waits for ready, prints A4 with a footer and page numbers, then destroys the window', async () => {
    pageStates = [{}, {}, { ready: '1', footer: 'SpineMet 0.1.0 · engine 0.1.0 · data: demo.sqlite (format 2, 215 patients)', pageOf: '第 {page} 页，共 {pages} 页' }]
    const pdf = await printReportToPdf(request, { preloadPath: '/app/dist/preload/index.js' })
    expect(pdf.toString('latin1')).toMatch(/^%PDF/)
    const w = windows[0]!
    expect(w.options.show).toBe(false)
    expect(w.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, preload: '/app/dist/preload/index.js' })
    expect(w.url).toBe('app://spinemet/report.html#/report/noms?ids=3&identified=0&lang=zh-CN')
    expect(w.printOptions).toMatchObject({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true })
    const footer = String(w.printOptions!.footerTemplate)
    expect(footer).toContain('demo.sqlite (format 2, 215 patients)')
    expect(footer).toContain('第 <span class="pageNumber"></span> 页，共 <span class="totalPages"></span> 页')
    expect(w.wasReportWindowWhilePrinting).toBe(true)
    expect(w.destroyed).toBe(true)
    expect(isReportWindow(w.self as never)).toBe(false)
  })

  it('prints on Letter when the registry says so', async () => {
    pageStates = [{ ready: '1', footer: 'x', pageOf: 'Page {page} of {pages}' }]
    await printReportToPdf({ ...request, paperSize: 'Letter' }, { preloadPath: 'p' })
    expect(windows[0]!.printOptions).toMatchObject({ pageSize: 'Letter' })
  })

  it('gives up after the timeout and still destroys the window', async () => {
    pageStates = [{}]
    await expect(printReportToPdf(request, { preloadPath: 'p', timeoutMs: 120 })).rejects.toThrow(/not ready/)
    expect(windows[0]!.destroyed).toBe(true)
    expect(windows[0]!.printOptions).toBeNull()
    expect(isReportWindow(windows[0]!.self as never)).toBe(false)
  })

  it('reports the page error (e.g. a patient that does not exist) and destroys the window', async () => {
    pageStates = [{ error: 'There is no patient with record number 3 in this registry.' }]
    await expect(printReportToPdf(request, { preloadPath: 'p' })).rejects.toThrow(/record number 3/)
    expect(windows[0]!.destroyed).toBe(true)
  })
})
