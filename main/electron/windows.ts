import path from 'node:path'
import { BrowserWindow, dialog, type WebPreferences } from 'electron'
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
  // The record screen holds back the unload while a refused value is on screen: ask before closing.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'warning',
      buttons: ['Discard and close / 放弃并关闭', 'Stay / 留下'],
      defaultId: 1,
      cancelId: 1,
      title: 'SpineMet',
      message: 'A value you typed was not saved: it was refused, and the record still holds the previous value.\n您输入的值未保存：该值被拒绝，记录中仍为原来的值。',
    })
    if (choice === 0) event.preventDefault()
  })
  void win.loadURL(APP_ENTRY_URL)
  return win
}
