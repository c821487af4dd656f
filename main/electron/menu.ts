import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import { IPC_EVENT_CHANNEL } from '@contract/api'
import type { MenuCommand } from '@contract/events'

export type MenuLanguage = 'en' | 'zh-CN'

/** Every label of the native menu, in the UI languages (the menu follows the UI language). */
const LABELS = {
  en: {
    file: 'File',
    newRegistry: 'New registry…',
    openRegistry: 'Open registry…',
    openDemo: 'Open demo registry',
    newPatient: 'New patient',
    importCsv: 'Import patients from CSV…',
    exportData: 'Export data…',
    saveAs: 'Save a copy as…',
    restoreBackup: 'Restore from backup…',
    closeRegistry: 'Close registry',
    quit: 'Quit SpineMet',
    closeWindow: 'Close window',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    find: 'Find patient',
    study: 'Study',
    studyRun: 'Study: HT vs TES (propensity matched)',
    language: 'Language',
    window: 'Window',
  },
  'zh-CN': {
    file: '文件',
    newRegistry: '新建登记库…',
    openRegistry: '打开登记库…',
    openDemo: '打开演示登记库',
    newPatient: '新建患者',
    importCsv: '从 CSV 导入患者…',
    exportData: '导出数据…',
    saveAs: '另存副本…',
    restoreBackup: '从备份恢复…',
    closeRegistry: '关闭登记库',
    quit: '退出 SpineMet',
    closeWindow: '关闭窗口',
    edit: '编辑',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    find: '查找患者',
    study: '研究',
    studyRun: '研究：混合治疗与全脊椎整块切除（倾向评分匹配）',
    language: '语言',
    window: '窗口',
  },
} as const satisfies Record<MenuLanguage, Record<string, string>>

let installed: { getWindow: () => BrowserWindow | null; isMac: boolean; language: MenuLanguage } | null = null

/** The native menu; its commands are forwarded to the renderer, which runs them like its own buttons. */
export function installMenu(getWindow: () => BrowserWindow | null, isMac: boolean, language: MenuLanguage = installed?.language ?? 'en'): void {
  installed = { getWindow, isMac, language }
  const l = LABELS[language]
  const send = (command: MenuCommand) => () => {
    const w = getWindow()
    if (w && !w.isDestroyed()) w.webContents.send(IPC_EVENT_CHANNEL, 'menu.command', { command })
  }
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: l.file,
      submenu: [
        { label: l.newRegistry, accelerator: 'CmdOrCtrl+N', click: send('new') },
        { label: l.openRegistry, accelerator: 'CmdOrCtrl+O', click: send('open') },
        { label: l.openDemo, click: send('openDemo') },
        { type: 'separator' },
        { label: l.newPatient, accelerator: 'CmdOrCtrl+Shift+N', click: send('newPatient') },
        { type: 'separator' },
        { label: l.importCsv, click: send('import') },
        { label: l.exportData, click: send('export') },
        // Study commands (new study, matching, reports) go here, between data and the file itself.
        { type: 'separator' },
        { label: l.saveAs, accelerator: 'CmdOrCtrl+Shift+S', click: send('saveAs') },
        { label: l.restoreBackup, click: send('restoreBackup') },
        { label: l.closeRegistry, accelerator: 'CmdOrCtrl+W', click: send('close') },
        { type: 'separator' },
        isMac ? { role: 'close', label: l.closeWindow } : { role: 'quit', label: l.quit },
      ],
    },
    {
      label: l.edit,
      submenu: [
        { label: l.undo, accelerator: 'CmdOrCtrl+Z', click: send('undo') },
        { label: l.redo, accelerator: 'CmdOrCtrl+Shift+Z', click: send('redo') },
        { type: 'separator' },
        { role: 'cut', label: l.cut },
        { role: 'copy', label: l.copy },
        { role: 'paste', label: l.paste },
        { role: 'selectAll', label: l.selectAll },
        { type: 'separator' },
        { label: l.find, accelerator: 'CmdOrCtrl+F', click: send('find') },
      ],
    },
    {
      label: l.study,
      submenu: [{ label: l.studyRun, accelerator: 'CmdOrCtrl+Shift+Y', click: send('study') }],
    },
    {
      label: l.language,
      submenu: [
        { label: 'English', type: 'radio', checked: language === 'en', click: send('language.en') },
        { label: '简体中文', type: 'radio', checked: language === 'zh-CN', click: send('language.zh-CN') },
      ],
    },
    { role: 'windowMenu', label: l.window },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

/** Rebuilds the installed menu in `language` (the renderer reports each change of UI language). */
export function setMenuLanguage(language: MenuLanguage): void {
  if (installed && installed.language !== language) installMenu(installed.getWindow, installed.isMac, language)
}
