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

const { installMenu } = await import('../../main/electron/menu')

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
})
