/** Push events from main to renderer. Payloads are plain data. */
export interface EventMap {
  /** The open registry changed (opened, closed, or data written by another path such as import). */
  'registry.changed': { path: string | null }
  /** A menu command chosen in the native menu, forwarded to the renderer. */
  'menu.command': { command: MenuCommand }
  /** Progress of a long job (engine, import, report). */
  'job.progress': {
    jobId: string
    done: number
    total: number
    label: string
    /** An import's rows: checked and written so far, of `total`, and the seconds left at the rate so far (null: not known yet). */
    rows?: { checked: number; written: number; total: number; secondsLeft: number | null }
  }
  /**
   * A save is waiting for another writer (an import from the command line, another SpineMet window)
   * to release the registry; `waiting: false` once it saved or gave up.
   */
  'registry.writerWaiting': { waiting: boolean }
}
export type EventName = keyof EventMap
export const EVENT_NAMES: readonly EventName[] = ['registry.changed', 'menu.command', 'job.progress', 'registry.writerWaiting']

export type MenuCommand = 'new' | 'open' | 'saveAs' | 'close' | 'openDemo' | 'restoreBackup' | 'newPatient' | 'import' | 'export' | 'find' | 'undo' | 'redo' | 'language.en' | 'language.zh-CN' | 'study'
