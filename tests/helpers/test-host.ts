// A Host for service tests: a temporary user-data folder, scripted dialog answers, a fixed clock
// if asked, and captured events — the same services the app runs, without Electron.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { EventName } from '@contract/events'
import { createDispatch, type Dispatch } from '../../main/dispatch'
import type { Host } from '../../main/services/host'
import { createServices, type Services } from '../../main/services/index'

export interface TestHost extends Host {
  dir: string
  dialogs: { open: (string | null)[]; save: (string | null)[] }
  events: { event: EventName; payload: unknown }[]
  logs: { level: string; message: string; meta?: Record<string, unknown> }[]
}

export function tempDir(prefix = 'spinemet-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

export function createTestHost(options: { now?: () => Date; dir?: string; osUser?: string } = {}): TestHost {
  const dir = options.dir ?? tempDir()
  const dialogs = { open: [] as (string | null)[], save: [] as (string | null)[] }
  const events: TestHost['events'] = []
  const logs: TestHost['logs'] = []
  const host: Host = {
    kind: 'browser-test',
    userDataDir: path.join(dir, 'user-data'),
    osUser: () => options.osUser ?? 'test-nurse',
    now: options.now ?? (() => new Date()),
    chooseNewRegistryPath: async () => dialogs.save.shift() ?? null,
    chooseRegistryToOpen: async () => dialogs.open.shift() ?? null,
    chooseSaveAsPath: async () => dialogs.save.shift() ?? null,
    chooseExportPath: async () => dialogs.save.shift() ?? null,
    chooseImportFile: async () => dialogs.open.shift() ?? null,
    emit: (event, payload) => {
      events.push({ event, payload })
    },
    log: (level, message, meta) => {
      logs.push(meta === undefined ? { level, message } : { level, message, meta })
    },
  }
  return Object.assign(host, { dir, dialogs, events, logs }) as TestHost
}

export interface TestApp {
  host: TestHost
  services: Services
  dispatch: Dispatch
  /** Calls dispatch and returns the value, failing the test with the error message otherwise. */
  call<T = unknown>(method: string, input?: unknown): Promise<T>
  close(): void
}

export function createTestApp(options: { now?: () => Date; dir?: string } = {}): TestApp {
  const host = createTestHost(options)
  const services = createServices(host)
  const dispatch = createDispatch(services.handlers, {
    onUnexpectedError: (method, err) => {
      throw err instanceof Error ? err : new Error(`${method}: ${String(err)}`)
    },
  })
  return {
    host,
    services,
    dispatch,
    async call<T>(method: string, input: unknown = {}): Promise<T> {
      const r = await dispatch(method, input)
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`)
      return r.value as T
    },
    close: () => services.session.close(),
  }
}
