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
import { CONTENT_TYPES } from '../../main/electron/origin'
import { createServices, type Services } from '../../main/services/index'
import { createTestHost } from './test-host'
import type { Host } from '../../main/services/host'

export const TEST_ORIGIN = 'http://spinemet.test'
const RENDERER_DIR = path.resolve(__dirname, '../../app/dist/renderer')
const CHROMIUM = process.env.SPINEMET_CHROMIUM ?? '/usr/bin/chromium'


/** Installs window.spinemet in the page, backed by the exposed binding, before any app script runs. */
const BRIDGE_INIT_SCRIPT = `(() => {
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
  reload(): Promise<void>
  close(): Promise<void>
}

let sharedBrowser: Browser | null = null

export async function browser(): Promise<Browser> {
  if (!sharedBrowser) {
    sharedBrowser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
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
  await context.route('**/*', async (route) => {
    const url = route.request().url()
    if (!url.startsWith(TEST_ORIGIN + '/')) {
      blockedRequests.push(url)
      await route.abort('blockedbyclient')
      return
    }
    const rel = decodeURIComponent(new URL(url).pathname).replace(/^\/+/, '') || 'index.html'
    const file = path.resolve(RENDERER_DIR, rel)
    if (!file.startsWith(RENDERER_DIR + path.sep) || !fs.existsSync(file)) {
      await route.fulfill({ status: 404, body: 'not found' })
      return
    }
    await route.fulfill({
      status: 200,
      body: fs.readFileSync(file),
      headers: { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' },
    })
  })
  await context.exposeBinding('__spinemetCall', async (_source, method: unknown, input: unknown) => dispatch(method, input))
  if (options.locale) {
    await context.addInitScript(`localStorage.setItem('spinemet.locale', ${JSON.stringify(options.locale)})`)
  }
  // A string, not a function: tsx/esbuild would inject helpers (__name) the page does not have.
  await context.addInitScript(BRIDGE_INIT_SCRIPT)
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
    async close() {
      services.session.close()
      await context.close()
    },
  }
}
