import path from 'node:path'
import { BrowserWindow, type WebPreferences } from 'electron'
import { APP_ENTRY_URL } from './origin'

/** Security defaults for every SpineMet window (STYLE.md §2). Exported for the test. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    devTools: process.env.SPINEMET_DEVTOOLS === '1',
  }
}

export function createMainWindow(distDir: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: 'SpineMet',
    show: false,
    backgroundColor: '#f5f7fa',
    webPreferences: secureWebPreferences(path.join(distDir, 'preload', 'index.js')),
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(APP_ENTRY_URL)
  return win
}
