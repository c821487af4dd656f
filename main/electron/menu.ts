import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import { IPC_EVENT_CHANNEL } from '@contract/api'
import type { MenuCommand } from '@contract/events'

/** The native menu; its commands are forwarded to the renderer, which runs them like its own buttons. */
export function installMenu(getWindow: () => BrowserWindow | null, isMac: boolean): void {
  const send = (command: MenuCommand) => () => {
    const w = getWindow()
    if (w && !w.isDestroyed()) w.webContents.send(IPC_EVENT_CHANNEL, 'menu.command', { command })
  }
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New registry…', accelerator: 'CmdOrCtrl+N', click: send('new') },
        { label: 'Open registry…', accelerator: 'CmdOrCtrl+O', click: send('open') },
        { label: 'Open demo registry', click: send('openDemo') },
        { type: 'separator' },
        { label: 'New patient', accelerator: 'CmdOrCtrl+Shift+N', click: send('newPatient') },
        { type: 'separator' },
        { label: 'Save a copy as…', accelerator: 'CmdOrCtrl+Shift+S', click: send('saveAs') },
        { label: 'Restore from backup…', click: send('restoreBackup') },
        { label: 'Close registry', accelerator: 'CmdOrCtrl+W', click: send('close') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: send('undo') },
        { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', click: send('redo') },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        { label: 'Find patient', accelerator: 'CmdOrCtrl+F', click: send('find') },
      ],
    },
    {
      label: 'Language',
      submenu: [
        { label: 'English', click: send('language.en') },
        { label: '简体中文', click: send('language.zh-CN') },
      ],
    },
    { role: 'windowMenu' },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
