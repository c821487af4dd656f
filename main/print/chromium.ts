// Headless Debian Chromium (through playwright-core) with the built renderer and `window.spinemet`
// bound to a dispatch function: the CLI prints reports with it (the report entry opened as a file),
// and the end-to-end tests drive the whole app with it (served by request interception). Nothing
// leaves the machine: every request the page makes is a file of the renderer folder, answered from
// it, or refused.
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { Dispatch } from '../dispatch'
import { CONTENT_TYPES } from '../electron/origin'
import type { ReportPrintRequest } from '../services/reports'
import { EMPTY_HEADER_TEMPLATE, footerFromPage, READ_READY_SCRIPT, READY_OR_FAILED_SELECTOR, READY_TIMEOUT_MS, REPORT_ENTRY, type ReadyPage } from './footer'

/** The origin the renderer is served from (never a real host: every request is routed). */
export const SERVED_ORIGIN = 'http://spinemet.test'
export const CHROMIUM_PATH = process.env.SPINEMET_CHROMIUM ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--headless',
  // The printers open the built renderer's report entry as a file (no server, no request
  // interception): its ES modules and fonts are files beside it. The page's CSP still refuses
  // every other origin, and the host resolver knows no host, so nothing leaves the machine.
  '--allow-file-access-from-files',
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--disable-dev-shm-usage',
]

/** The built renderer (npm run build), from the repository root. */
export function defaultRendererDir(): string {
  return path.resolve(__dirname, '../../app/dist/renderer')
}

export function assertRendererBuilt(rendererDir: string, entry = 'index.html'): void {
  if (!fs.existsSync(path.join(rendererDir, entry))) {
    throw new Error(`The renderer is not built (${rendererDir} has no ${entry}): run \`npm run build\` first.`)
  }
}

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium was not found at ${CHROMIUM_PATH}. Install Debian's chromium package or set SPINEMET_CHROMIUM.`)
  }
  // Loaded here, not at the top: playwright-core takes a few hundred ms to load, and every CLI
  // command (km, cox, …) would pay for it at start-up although only printing needs it.
  const { chromium } = await import('playwright-core')
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS })
}

/** Installs window.spinemet in the page, backed by the exposed binding, before any app script runs. */
export const BRIDGE_INIT_SCRIPT = `(() => {
  const listeners = new Map();
  window.__spinemetEmit = (name, payload) => { const set = listeners.get(name); if (set) for (const l of set) l(payload); };
  // The printers' binding answers with JSON text (parsed here): a large model crosses much faster
  // as one string than through Playwright's value serializer.
  const call = window.__spinemetCallJson ? (method, input) => window.__spinemetCallJson(method, input).then((text) => JSON.parse(text)) : window.__spinemetCall;
  Object.defineProperty(window, 'spinemet', {
    value: Object.freeze({
      methods: Object.freeze([]),
      call: (method, input) => call(method, input),
      on: (event, listener) => {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event).add(listener);
        return () => { const set = listeners.get(event); if (set) set.delete(listener); };
      },
    }),
    writable: false,
    configurable: false,
  });
})();`

/** The file of `rendererDir` a URL path names, or null outside it or missing. */
function rendererFile(root: string, urlPath: string): string | null {
  let rel: string
  try {
    rel = decodeURIComponent(urlPath).replace(/^\/+/, '') || 'index.html'
  } catch {
    return null
  }
  const file = path.resolve(root, rel)
  return file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile() ? file : null
}

const contentType = (file: string) => CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream'

/**
 * Binds `window.spinemet` in every page of `context` to `dispatch`. `json`: results cross as JSON
 * text (the printers, whose calls return report models: JSON data by contract, and large).
 */
export async function bindBridge(context: BrowserContext, dispatch: Dispatch, transport: 'values' | 'json' = 'values'): Promise<void> {
  if (transport === 'json') {
    await context.exposeBinding('__spinemetCallJson', async (_source, method: unknown, input: unknown) => JSON.stringify(await dispatch(method, input)))
  } else {
    await context.exposeBinding('__spinemetCall', async (_source, method: unknown, input: unknown) => dispatch(method, input))
  }
  // A string, not a function: tsx/esbuild would inject helpers (__name) the page does not have.
  await context.addInitScript(BRIDGE_INIT_SCRIPT)
}

/**
 * Serves `rendererDir` at SERVED_ORIGIN in `context` by request interception, refuses every other
 * request (listed in `blocked`), and binds `window.spinemet` to `dispatch` (the e2e harness).
 */
export async function serveRenderer(context: BrowserContext, rendererDir: string, dispatch: Dispatch, blocked: string[] = []): Promise<void> {
  const root = path.resolve(rendererDir)
  await context.route('**/*', async (route) => {
    const url = route.request().url()
    if (!url.startsWith(SERVED_ORIGIN + '/')) {
      blocked.push(url)
      await route.abort('blockedbyclient')
      return
    }
    const file = rendererFile(root, new URL(url).pathname)
    if (!file) {
      await route.fulfill({ status: 404, body: 'not found' })
      return
    }
    await route.fulfill({ status: 200, body: fs.readFileSync(file), headers: { 'content-type': contentType(file) } })
  })
  await bindBridge(context, dispatch)
}

/** Waits until the report page says it is ready (or failed), at most READY_TIMEOUT_MS. */
export async function waitForReport(page: Page, timeoutMs = READY_TIMEOUT_MS): Promise<ReadyPage> {
  // A selector, not waitForFunction: the renderer's CSP (no 'unsafe-eval') refuses string predicates.
  await page.waitForSelector(READY_OR_FAILED_SELECTOR, { state: 'attached', timeout: timeoutMs })
  const ready = (await page.evaluate(READ_READY_SCRIPT)) as ReadyPage
  if (ready.error !== undefined) throw new Error(`The report could not be drawn: ${ready.error}`)
  // Fonts (the CJK font in particular) must be loaded before printing.
  await page.evaluate('document.fonts.ready.then(() => true)')
  return ready
}

/** The report route as a file:// URL of the built renderer's report entry (renderer/report.html). */
export function reportFileUrl(rendererDir: string, request: Pick<ReportPrintRequest, 'route'>): string {
  return `${pathToFileURL(path.join(path.resolve(rendererDir), REPORT_ENTRY)).href}#${request.route}`
}

/**
 * Prints one report route in a new page of `context` from the built renderer in `rendererDir`.
 * `readyTimeoutMs`: how long the page may take to say it is drawn (longer when the page is opened
 * before its data exist, and waits for them).
 */
export async function printRouteInContext(
  context: BrowserContext,
  request: ReportPrintRequest,
  rendererDir: string,
  readyTimeoutMs = READY_TIMEOUT_MS,
  timings?: PrintTimings,
): Promise<Buffer> {
  const t0 = performance.now()
  const page = await context.newPage()
  try {
    // The page's own ready signal decides when it is drawn; the load event is not waited for.
    await page.goto(reportFileUrl(rendererDir, request), { waitUntil: 'commit' })
    const ready = await waitForReport(page, readyTimeoutMs)
    const t1 = performance.now()
    if (timings) timings.pageReadyMs = t1 - t0
    const pdf = await page.pdf({
      format: request.paperSize,
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: EMPTY_HEADER_TEMPLATE,
      footerTemplate: footerFromPage(ready),
    })
    if (timings) timings.pdfMs = performance.now() - t1
    return pdf
  } finally {
    await page.close()
  }
}

/** Where printing one route spends its time: opening the page until it says it is drawn, then page.pdf. */
export interface PrintTimings {
  pageReadyMs: number
  pdfMs: number
}

/** A Chromium that prints report routes; start it once, print many, close it. */
export interface ChromiumReportPrinter {
  /** Prints one route; `timings`, when given, receives where the time went. */
  print(request: ReportPrintRequest, timings?: PrintTimings): Promise<Buffer>
  close(): Promise<void>
}

export async function startChromiumReportPrinter(dispatch: Dispatch, options: { rendererDir?: string; browser?: Browser; readyTimeoutMs?: number } = {}): Promise<ChromiumReportPrinter> {
  const rendererDir = options.rendererDir ?? defaultRendererDir()
  assertRendererBuilt(rendererDir, REPORT_ENTRY)
  const browser = options.browser ?? (await launchChromium())
  const ownsBrowser = options.browser === undefined
  const contexts = new Map<string, BrowserContext>()
  const contextFor = async (lang: string): Promise<BrowserContext> => {
    let c = contexts.get(lang)
    if (!c) {
      c = await browser.newContext({ locale: lang === 'zh-CN' ? 'zh-CN' : 'en-GB', timezoneId: Intl.DateTimeFormat().resolvedOptions().timeZone })
      await bindBridge(c, dispatch, 'json')
      contexts.set(lang, c)
    }
    return c
  }
  return {
    async print(request, timings) {
      return printRouteInContext(await contextFor(request.lang), request, rendererDir, options.readyTimeoutMs, timings)
    },
    async close() {
      for (const c of contexts.values()) await c.close()
      if (ownsBrowser) await browser.close()
    },
  }
}
