// Electron entry: lifecycle only. Everything else is plain TypeScript behind dispatch().
import path from 'node:path'
import { app, BrowserWindow, dialog } from 'electron'
import { createDispatch } from './dispatch'
import { createServices } from './services/index'
import { createElectronHost } from './electron/host'
import { registerIpc } from './electron/ipc'
import { isReportWindow } from './electron/pdf'
import { installMenu } from './electron/menu'
import { registerAppScheme, serveRenderer } from './electron/protocol'
import { applySessionSecurity } from './electron/security'
import { createMainWindow } from './electron/windows'

const distDir = path.join(__dirname, '..')
let mainWindow: BrowserWindow | null = null
const getWindow = () => mainWindow

app.enableSandbox()
registerAppScheme()

if (!app.requestSingleInstanceLock()) {
  // Another SpineMet is running: it gets focus (second-instance) and this one leaves.
  app.quit()
} else {
  const host = createElectronHost(getWindow, { preloadPath: path.join(distDir, 'preload', 'index.js') })
  const services = createServices(host)
  const dispatch = createDispatch(services.handlers, {
    onUnexpectedError: (method, err) => host.log('error', 'unexpected error', { method, error: err instanceof Error ? err.stack : String(err) }),
  })

  process.on('uncaughtException', (err) => {
    host.log('error', 'uncaught exception', { error: err.stack })
    dialog.showErrorBox('SpineMet', 'SpineMet met an unexpected problem. Your saved data is safe. If this happens again, send the log file to support.')
  })

  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore()
      mainWindow.focus()
    }
  })

  void app.whenReady().then(() => {
    applySessionSecurity()
    serveRenderer(path.join(distDir, 'renderer'))
    registerIpc(
      dispatch,
      (win) => win !== null && (win === mainWindow || isReportWindow(win)),
      (event) => BrowserWindow.fromWebContents(event.sender),
    )
    installMenu(getWindow, process.platform === 'darwin')
    mainWindow = createMainWindow(distDir)
    mainWindow.on('closed', () => {
      mainWindow = null
    })
  })

  app.on('window-all-closed', () => {
    services.session.close()
    app.quit()
  })
}
