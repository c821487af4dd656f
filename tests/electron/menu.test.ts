// The native menu without the Electron runtime: each item the renderer acts on sends its command
// to the main window, and the shortcuts it shows are the ones the screens handle.
import { beforeEach, describe, expect, it, vi } from 'vitest'

/** The part of Electron's MenuItemConstructorOptions the test reads. */
interface MenuItemConstructorOptions {
  label?: string
  accelerator?: string
  click?: unknown
  submenu?: MenuItemConstructorOptions[] | unknown
}

const built: { template: MenuItemConstructorOptions[] | null } = { template: null }
vi.mock('electron', () => ({
  Menu: {
    buildFromTemplate: (template: MenuItemConstructorOptions[]) => {
      built.template = template
      return { template }
    },
    setApplicationMenu: vi.fn(),
  },
}))

const { installMenu, setMenuLanguage } = await import('../../main/electron/menu')

function items(): MenuItemConstructorOptions[] {
  return (built.template ?? []).flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : []))
}

function item(label: string): MenuItemConstructorOptions {
  const found = items().find((i) => i.label === label)
  if (!found) throw new Error(`no menu item ${label}`)
  return found
}

describe('native menu', () => {
  const send = vi.fn()
  const window = { isDestroyed: () => false, webContents: { send } }
  beforeEach(() => {
    send.mockClear()
    installMenu(() => window as never, false)
  })

  it('File ▸ Restore from backup… sends restoreBackup', () => {
    ;(item('Restore from backup…').click as () => void)()
    expect(send).toHaveBeenCalledWith(expect.any(String), 'menu.command', { command: 'restoreBackup' })
  })

  it('File ▸ New patient sends newPatient, with the list shortcut Ctrl+Shift+N', () => {
    const newPatient = item('New patient')
    expect(newPatient.accelerator).toBe('CmdOrCtrl+Shift+N')
    ;(newPatient.click as () => void)()
    expect(send).toHaveBeenCalledWith(expect.any(String), 'menu.command', { command: 'newPatient' })
  })

  it('each command item sends its own command; none when the window is gone', () => {
    const commands = items()
      .filter((i) => typeof i.click === 'function')
      .map((i) => {
        send.mockClear()
        ;(i.click as () => void)()
        return (send.mock.calls[0]?.[2] as { command: string } | undefined)?.command
      })
    expect(new Set(commands).size).toBe(commands.length)
    expect(commands).toContain('newPatient')

    installMenu(() => ({ isDestroyed: () => true, webContents: { send } }) as never, false)
    send.mockClear()
    ;(item('New patient').click as () => void)()
    expect(send).not.toHaveBeenCalled()
  })

  it('has every main action: Import and Export with their commands', () => {
    for (const [label, command] of [
      ['Import patients from CSV…', 'import'],
      ['Export data…', 'export'],
    ] as const) {
      send.mockClear()
      ;(item(label).click as () => void)()
      expect(send).toHaveBeenCalledWith(expect.any(String), 'menu.command', { command })
    }
  })

  it('follows the UI language: Chinese labels, same commands and shortcuts', () => {
    setMenuLanguage('zh-CN')
    const top = (built.template ?? []).map((m) => m.label).filter(Boolean)
    expect(top).toEqual(['文件', '编辑', '研究', '语言', '窗口'])
    const newPatient = item('新建患者')
    expect(newPatient.accelerator).toBe('CmdOrCtrl+Shift+N')
    ;(newPatient.click as () => void)()
    expect(send).toHaveBeenCalledWith(expect.any(String), 'menu.command', { command: 'newPatient' })
    expect(items().some((i) => i.label === '从 CSV 导入患者…')).toBe(true)
    // no English label is left in the Chinese menu (the language names stay in their own language)
    const english = items()
      .map((i) => i.label)
      .filter((l): l is string => typeof l === 'string' && /[A-Za-z]{3,}/.test(l.replace(/SpineMet|CSV/g, '')) && l !== 'English')
    expect(english).toEqual([])
    setMenuLanguage('en')
    expect(item('New patient').accelerator).toBe('CmdOrCtrl+Shift+N')
  })
})
