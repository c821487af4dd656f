import path from 'node:path'
import { app, dialog, shell, type BrowserWindow } from 'electron'
import { IPC_EVENT_CHANNEL } from '@contract/api'
import { currentOsUser, type Host } from '../services/host'
import { createFileLog } from '../services/file-log'
import { setMenuLanguage } from './menu'
import { printReportToPdf } from './pdf'

const REGISTRY_FILTERS = [{ name: 'SpineMet registry', extensions: ['sqlite'] }]

/** The Electron implementation of the services' Host: native dialogs, push events, log file. */
export function createElectronHost(getWindow: () => BrowserWindow | null, options: { preloadPath: string }): Host {
  const userDataDir = app.getPath('userData')
  const log = createFileLog(path.join(userDataDir, 'logs', 'spinemet.log'))
  const parent = () => getWindow() ?? undefined
  return {
    kind: 'electron',
    userDataDir,
    osUser: currentOsUser,
    now: () => new Date(),
    setLanguage: (language) => setMenuLanguage(language),
    async chooseNewRegistryPath(defaultFileName) {
      const opts = { title: 'New registry', defaultPath: path.join(app.getPath('documents'), defaultFileName), filters: REGISTRY_FILTERS }
      const w = parent()
      const r = w ? await dialog.showSaveDialog(w, opts) : await dialog.showSaveDialog(opts)
      return r.canceled || !r.filePath ? null : r.filePath
    },
    async chooseRegistryToOpen() {
      const opts = { title: 'Open registry', properties: ['openFile' as const], filters: REGISTRY_FILTERS }
      const w = parent()
      const r = w ? await dialog.showOpenDialog(w, opts) : await dialog.showOpenDialog(opts)
      return r.canceled ? null : (r.filePaths[0] ?? null)
    },
    async chooseSaveAsPath(defaultFileName) {
      const opts = { title: 'Save a copy of the registry', defaultPath: path.join(app.getPath('documents'), defaultFileName), filters: REGISTRY_FILTERS }
      const w = parent()
      const r = w ? await dialog.showSaveDialog(w, opts) : await dialog.showSaveDialog(opts)
      return r.canceled || !r.filePath ? null : r.filePath
    },
    async chooseExportPath(defaultFileName, kind) {
      const filters = kind === 'csv' ? [{ name: 'CSV (comma-separated values)', extensions: ['csv'] }] : [{ name: 'PDF document', extensions: ['pdf'] }]
      const opts = { title: 'Export', defaultPath: path.join(app.getPath('documents'), defaultFileName), filters }
      const w = parent()
      const r = w ? await dialog.showSaveDialog(w, opts) : await dialog.showSaveDialog(opts)
      return r.canceled || !r.filePath ? null : r.filePath
    },
    async chooseImportFile() {
      const opts = {
        title: 'Import patients from CSV',
        properties: ['openFile' as const],
        filters: [
          { name: 'CSV or text (comma, semicolon or tab separated)', extensions: ['csv', 'txt', 'tsv'] },
          { name: 'All files', extensions: ['*'] },
        ],
      }
      const w = parent()
      const r = w ? await dialog.showOpenDialog(w, opts) : await dialog.showOpenDialog(opts)
      return r.canceled ? null : (r.filePaths[0] ?? null)
    },
    printReportPdf: (request) => printReportToPdf(request, { preloadPath: options.preloadPath }),
    async openPath(file) {
      const problem = await shell.openPath(file)
      if (problem) throw new Error(problem)
    },
    emit(event, payload) {
      const w = getWindow()
      if (w && !w.isDestroyed()) w.webContents.send(IPC_EVENT_CHANNEL, event, payload)
    },
    log,
  }
}
