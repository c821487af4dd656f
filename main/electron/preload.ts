// Sandboxed preload: exposes one frozen object, `window.spinemet`, built from the contract's
// method list. It never hands out ipcRenderer, and listeners get the payload without the event.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, METHOD_NAMES, type SpinemetBridge } from '@contract/api'
import { EVENT_NAMES } from '@contract/events'

const methods = new Set<string>(METHOD_NAMES)
const events = new Set<string>(EVENT_NAMES)

const bridge: SpinemetBridge = {
  methods: Object.freeze([...METHOD_NAMES]),
  call(method, input) {
    if (!methods.has(method)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method ${String(method)}` } })
    }
    return ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input)
  },
  on(event, listener) {
    if (!events.has(event)) throw new Error(`Unknown event ${event}`)
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown): void => {
      if (name === event) listener(payload)
    }
    ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped)
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, wrapped)
    }
  },
}

contextBridge.exposeInMainWorld('spinemet', Object.freeze(bridge))
