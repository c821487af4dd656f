// The Electron adapter without the Electron runtime: `electron` is mocked, and each test checks
// a security default a user relies on (nothing outside the app loads, nothing unasked is granted).
import { beforeEach, describe, expect, it, vi } from 'vitest'

type Handler = (...args: unknown[]) => unknown
const ipcHandlers = new Map<string, Handler>()
const exposed: Record<string, unknown> = {}
const rendererListeners = new Map<string, Set<Handler>>()
const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'pong' }))
const sessionHandlers: { permission?: Handler; check?: Handler; request?: Handler } = {}
const appListeners = new Map<string, Handler>()

vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, fn: Handler) => ipcHandlers.set(channel, fn) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...args),
    on: (channel: string, fn: Handler) => {
      if (!rendererListeners.has(channel)) rendererListeners.set(channel, new Set())
      rendererListeners.get(channel)!.add(fn)
    },
    removeListener: (channel: string, fn: Handler) => rendererListeners.get(channel)?.delete(fn),
  },
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn: Handler) => (sessionHandlers.permission = fn),
      setPermissionCheckHandler: (fn: Handler) => (sessionHandlers.check = fn),
      webRequest: { onBeforeRequest: (fn: Handler) => (sessionHandlers.request = fn) },
    },
  },
  app: { on: (event: string, fn: Handler) => appListeners.set(event, fn) },
  shell: { openExternal: vi.fn() },
  BrowserWindow: class {},
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
}))

beforeEach(() => {
  invoke.mockClear()
})

describe('app:// origin and file serving', async () => {
  const { isAppUrl, isAllowedRequest, resolveAppFile } = await import('../../main/electron/origin')
  it('serves files inside the renderer folder only', () => {
    expect(resolveAppFile('/opt/spinemet/renderer', 'app://spinemet/index.html')).toBe('/opt/spinemet/renderer/index.html')
    expect(resolveAppFile('/opt/spinemet/renderer', 'app://spinemet/assets/a.js')).toBe('/opt/spinemet/renderer/assets/a.js')
    expect(resolveAppFile('/opt/spinemet/renderer', 'app://spinemet/')).toBe('/opt/spinemet/renderer/index.html')
    // Traversal attempts, plain or percent-encoded, never resolve outside the renderer folder.
    for (const attack of ['../../etc/passwd', '%2e%2e/%2e%2e/etc/passwd', '..%2f..%2fetc%2fpasswd', '..%5c..%5cetc%5cpasswd', '%00index.html']) {
      const file = resolveAppFile('/opt/spinemet/renderer', `app://spinemet/${attack}`)
      expect(file === null || file.startsWith('/opt/spinemet/renderer/'), attack).toBe(true)
    }
    expect(resolveAppFile('/opt/spinemet/renderer', 'app://spinemet/..%2f..%2fetc%2fpasswd')).toBeNull()
    expect(resolveAppFile('/opt/spinemet/renderer', 'app://other/index.html')).toBeNull()
    expect(resolveAppFile('/opt/spinemet/renderer', 'file:///etc/passwd')).toBeNull()
  })
  it('allows no request outside the app', () => {
    expect(isAllowedRequest('app://spinemet/assets/x.css')).toBe(true)
    expect(isAllowedRequest('data:image/png;base64,AAAA')).toBe(true)
    expect(isAllowedRequest('https://example.com/')).toBe(false)
    expect(isAllowedRequest('http://localhost:3000/')).toBe(false)
    expect(isAllowedRequest('ws://127.0.0.1/')).toBe(false)
    expect(isAllowedRequest('file:///etc/passwd')).toBe(false)
    expect(isAppUrl('app://spinemet.evil.com/')).toBe(false)
  })
})

describe('window security defaults', async () => {
  const { secureWebPreferences } = await import('../../main/electron/windows')
  it('isolates, sandboxes and keeps Node out of the page', () => {
    const p = secureWebPreferences('/x/preload.js')
    expect(p).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false })
  })
})

describe('session and web-contents hardening', async () => {
  const { applySessionSecurity, hardenWebContents } = await import('../../main/electron/security')
  applySessionSecurity()
  it('refuses every permission request and check', () => {
    const cb = vi.fn()
    sessionHandlers.permission!({}, 'media', cb)
    expect(cb).toHaveBeenCalledWith(false)
    expect(sessionHandlers.check!({}, 'geolocation')).toBe(false)
  })
  it('cancels requests to the network and lets the app load its files', () => {
    const cb = vi.fn()
    sessionHandlers.request!({ url: 'https://tracker.example/pixel' }, cb)
    expect(cb).toHaveBeenLastCalledWith({ cancel: true })
    sessionHandlers.request!({ url: 'app://spinemet/index.html' }, cb)
    expect(cb).toHaveBeenLastCalledWith({ cancel: false })
  })
  it('prevents navigation away from the app and denies new windows', () => {
    const events = new Map<string, Handler>()
    let openHandler: Handler | null = null
    const contents = {
      on: (e: string, fn: Handler) => events.set(e, fn),
      setWindowOpenHandler: (fn: Handler) => (openHandler = fn),
    }
    hardenWebContents(contents as never)
    const nav = { preventDefault: vi.fn() }
    events.get('will-navigate')!(nav, 'https://example.com')
    expect(nav.preventDefault).toHaveBeenCalled()
    const inApp = { preventDefault: vi.fn() }
    events.get('will-navigate')!(inApp, 'app://spinemet/index.html#/patients')
    expect(inApp.preventDefault).not.toHaveBeenCalled()
    expect(openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' })
    const webview = { preventDefault: vi.fn() }
    events.get('will-attach-webview')!(webview)
    expect(webview.preventDefault).toHaveBeenCalled()
    expect(appListeners.has('web-contents-created')).toBe(true)
  })
})

describe('IPC adapter', async () => {
  const { registerIpc } = await import('../../main/electron/ipc')
  const { IPC_CALL_CHANNEL } = await import('../../main/contract/api')
  const ours = { id: 1 }
  const dispatch = vi.fn(async (method: unknown) => ({ ok: true as const, value: method }))
  registerIpc(dispatch, (w) => w === (ours as never), (e) => (e as unknown as { win: never }).win)
  const handler = ipcHandlers.get(IPC_CALL_CHANNEL)!
  it('forwards calls from our page in our window to dispatch', async () => {
    const r = await handler({ senderFrame: { url: 'app://spinemet/index.html' }, win: ours }, 'app.info', {})
    expect(r).toEqual({ ok: true, value: 'app.info' })
  })
  it('refuses calls from another origin or another window, without calling dispatch', async () => {
    dispatch.mockClear()
    const foreign = await handler({ senderFrame: { url: 'https://evil.example/' }, win: ours }, 'registry.close', {})
    expect(foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
    const otherWindow = await handler({ senderFrame: { url: 'app://spinemet/index.html' }, win: { id: 2 } }, 'registry.close', {})
    expect(otherWindow).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
    expect(dispatch).not.toHaveBeenCalled()
  })
})

describe('preload bridge', async () => {
  await import('../../main/electron/preload')
  const { IPC_EVENT_CHANNEL } = await import('../../main/contract/api')
  const bridge = exposed.spinemet as {
    call: (m: string, i: unknown) => Promise<unknown>
    on: (e: string, l: (p: unknown) => void) => () => void
    methods: readonly string[]
  }
  it('exposes one frozen object with the contract methods and no ipcRenderer', () => {
    expect(Object.isFrozen(bridge)).toBe(true)
    expect(Object.keys(bridge).sort()).toEqual(['call', 'methods', 'on'])
    expect(bridge.methods).toContain('patients.list')
  })
  it('refuses unknown methods before they reach IPC', async () => {
    const r = await bridge.call('fs.readFile', { path: '/etc/passwd' })
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
    expect(invoke).not.toHaveBeenCalled()
    await bridge.call('app.info', {})
    expect(invoke).toHaveBeenCalledTimes(1)
  })
  it('gives listeners the payload only, never the IPC event object', () => {
    const got: unknown[] = []
    const off = bridge.on('registry.changed', (p) => got.push(p))
    for (const fn of rendererListeners.get(IPC_EVENT_CHANNEL) ?? []) fn({ sender: 'secret' }, 'registry.changed', { path: null })
    expect(got).toEqual([{ path: null }])
    off()
    expect(rendererListeners.get(IPC_EVENT_CHANNEL)?.size).toBe(0)
  })
})
