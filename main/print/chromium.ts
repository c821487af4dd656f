// Headless Debian Chromium (through playwright-core) serving the built renderer with
// `window.spinemet` bound to a dispatch function: the CLI prints reports with it, and the
// end-to-end tests drive the whole app with it. Nothing leaves the machine: every request the
// page makes is answered from the renderer folder or refused.
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { Dispatch } from '../dispatch'
import { CONTENT_TYPES } from '../electron/origin'
import type { ReportPrintRequest } from '../services/reports'
import { EMPTY_HEADER_TEMPLATE, footerFromPage, READ_READY_SCRIPT, READY_OR_FAILED_SELECTOR, READY_TIMEOUT_MS, type ReadyPage } from './footer'

/** The origin the renderer is served from (never a real host: every request is routed). */
export const SERVED_ORIGIN = 'http://spinemet.test'
export const CHROMIUM_PATH = process.env.SPINEMET_CHROMIUM ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--headless',
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

export function assertRendererBuilt(rendererDir: string): void {
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${rendererDir} has no index.html): run \`npm run build\` first.`)
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
  const call = window.__spinemetCall;
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

/** Binds `window.spinemet` in every page of `context` to `dispatch`. */
export async function bindBridge(context: BrowserContext, dispatch: Dispatch): Promise<void> {
  await context.exposeBinding('__spinemetCall', async (_source, method: unknown, input: unknown) => dispatch(method, input))
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

/**
 * A static server for the renderer on the loopback interface, for printing: Chromium loads the
 * 2.7 MB bundle directly instead of through request interception (about a second faster per
 * page load). Only GET of files inside `rendererDir`; nothing else is served.
 */
export async function startRendererServer(rendererDir: string): Promise<{ origin: string; close(): Promise<void> }> {
  const root = path.resolve(rendererDir)
  const server = http.createServer((req, res) => {
    const file = req.method === 'GET' && req.url ? rendererFile(root, new URL(req.url, 'http://localhost').pathname) : null
    if (!file) {
      res.writeHead(404).end('not found')
      return
    }
    res.writeHead(200, { 'content-type': contentType(file), 'cache-control': 'max-age=3600' })
    fs.createReadStream(file).pipe(res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
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

export function reportUrl(request: Pick<ReportPrintRequest, 'route'>, origin = SERVED_ORIGIN): string {
  return `${origin}/index.html#${request.route}`
}

/** Prints one report route in a new page of `context`, whose renderer is served at `origin`. */
export async function printRouteInContext(context: BrowserContext, request: ReportPrintRequest, origin = SERVED_ORIGIN): Promise<Buffer> {
  const page = await context.newPage()
  try {
    // The page's own ready signal decides when it is drawn; the load event is not waited for.
    await page.goto(reportUrl(request, origin), { waitUntil: 'commit' })
    const ready = await waitForReport(page)
    return await page.pdf({
      format: request.paperSize,
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: EMPTY_HEADER_TEMPLATE,
      footerTemplate: footerFromPage(ready),
    })
  } finally {
    await page.close()
  }
}

/** A Chromium that prints report routes; start it once, print many, close it. */
export interface ChromiumReportPrinter {
  print(request: ReportPrintRequest): Promise<Buffer>
  close(): Promise<void>
}

export async function startChromiumReportPrinter(dispatch: Dispatch, options: { rendererDir?: string; browser?: Browser } = {}): Promise<ChromiumReportPrinter> {
  const rendererDir = options.rendererDir ?? defaultRendererDir()
  assertRendererBuilt(rendererDir)
  const [browser, server] = await Promise.all([options.browser ?? launchChromium(), startRendererServer(rendererDir)])
  const ownsBrowser = options.browser === undefined
  const contexts = new Map<string, BrowserContext>()
  const contextFor = async (lang: string): Promise<BrowserContext> => {
    let c = contexts.get(lang)
    if (!c) {
      c = await browser.newContext({ locale: lang === 'zh-CN' ? 'zh-CN' : 'en-GB', timezoneId: Intl.DateTimeFormat().resolvedOptions().timeZone })
      // Only the loopback renderer server is reachable: anything else the page asks for is refused.
      await c.route((url) => url.origin !== server.origin, (route) => route.abort('blockedbyclient'))
      await bindBridge(c, dispatch)
      contexts.set(lang, c)
    }
    return c
  }
  return {
    async print(request) {
      return printRouteInContext(await contextFor(request.lang), request, server.origin)
    },
    async close() {
      for (const c of contexts.values()) await c.close()
      if (ownsBrowser) await browser.close()
      await server.close()
    },
  }
}
