// End-to-end harness: the real built renderer (app/dist/renderer) in Debian's chromium, driven by
// playwright-core, with `window.spinemet` wired by page.exposeBinding to the real services and a
// real SQLite file in a temporary folder. No Electron, no network: every request the page makes
// is answered from disk by a route handler or refused.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import type { EventMap, EventName } from '@contract/events'
import { createDispatch } from '../../main/dispatch'
import { CHROMIUM_ARGS, CHROMIUM_PATH, SERVED_ORIGIN, serveRenderer, startChromiumReportPrinter, type ChromiumReportPrinter } from '../../main/print/chromium'
import { createServices, type Services } from '../../main/services/index'
import { createTestHost } from './test-host'
import type { Host } from '../../main/services/host'

export const TEST_ORIGIN = SERVED_ORIGIN
const RENDERER_DIR = path.resolve(__dirname, '../../app/dist/renderer')


export interface DialogAnswers {
  /** Paths the next "open" dialogs (Open, Import) return, in order (null = the user cancels). */
  open: (string | null)[]
  /** Paths the next "save" dialogs (New, Save as, Export) return, in order. */
  save: (string | null)[]
}

export interface E2EApp {
  page: Page
  context: Browser | BrowserContext
  services: Services
  host: Host
  dialogs: DialogAnswers
  /** Temporary folder holding the user-data folder and any registry files of this test. */
  dir: string
  /** Requests the page tried to make outside the app (must stay empty: SpineMet is offline). */
  blockedRequests: string[]
  /** Console errors and page errors (a test can assert there are none). */
  pageErrors: string[]
  /** Files the app asked the system viewer to open. */
  openedFiles: string[]
  reload(): Promise<void>
  close(): Promise<void>
}

let sharedBrowser: Browser | null = null

export async function browser(): Promise<Browser> {
  if (!sharedBrowser) {
    sharedBrowser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    })
  }
  return sharedBrowser
}

export async function closeBrowser(): Promise<void> {
  await sharedBrowser?.close()
  sharedBrowser = null
}

export function assertRendererBuilt(): void {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('The renderer is not built: run `npm run build` before the e2e tests.')
  }
}

export interface LaunchOptions {
  dir?: string
  locale?: 'en' | 'zh-CN'
  viewport?: { width: number; height: number }
  deviceScaleFactor?: number
  now?: () => Date
}

export async function launchApp(options: LaunchOptions = {}): Promise<E2EApp> {
  assertRendererBuilt()
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-e2e-'))
  let page: Page | null = null
  const host = createTestHost({ dir, osUser: 'e2e-nurse', ...(options.now ? { now: options.now } : {}) })
  const dialogs: DialogAnswers = host.dialogs
  // Push events reach the page's listeners (window.spinemet.on) instead of a list.
  host.emit = <E extends EventName>(event: E, payload: EventMap[E]): void => {
    void page
      ?.evaluate(([name, data]) => (globalThis as unknown as { __spinemetEmit?: (n: string, d: unknown) => void }).__spinemetEmit?.(name, data), [event, payload] as const)
      .catch(() => undefined)
  }
  // Printing (reports.exportNomsPdf): the report route in another context of the same chromium.
  let printer: ChromiumReportPrinter | null = null
  host.printReportPdf = async (request) => {
    printer ??= await startChromiumReportPrinter(dispatch, { rendererDir: RENDERER_DIR, browser: await browser() })
    return printer.print(request)
  }
  host.openPath = async (file) => {
    openedFiles.push(file)
  }
  const openedFiles: string[] = []
  const services = createServices(host)
  const dispatch = createDispatch(services.handlers, {
    onUnexpectedError: (method, err) => {
      console.error(`[e2e] unexpected error in ${method}:`, err)
    },
  })

  const b = await browser()
  const context = await b.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    locale: options.locale ?? 'en-GB',
    timezoneId: 'Asia/Shanghai',
  })
  const blockedRequests: string[] = []
  const pageErrors: string[] = []
  await serveRenderer(context, RENDERER_DIR, dispatch, blockedRequests)
  if (options.locale) {
    await context.addInitScript(`localStorage.setItem('spinemet.locale', ${JSON.stringify(options.locale)})`)
  }
  page = await context.newPage()
  page.on('pageerror', (err) => pageErrors.push(String(err)))
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().includes('ERR_BLOCKED_BY_CLIENT')) pageErrors.push(msg.text())
  })
  await page.goto(`${TEST_ORIGIN}/index.html`)
  const p = page
  return {
    page: p,
    context,
    services,
    host,
    dialogs,
    dir,
    blockedRequests,
    pageErrors,
    async reload() {
      await p.reload()
    },
    openedFiles,
    async close() {
      await printer?.close()
      services.session.close()
      await context.close()
    },
  }
}
