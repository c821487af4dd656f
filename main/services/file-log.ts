import fs from 'node:fs'
import path from 'node:path'

const MAX_BYTES = 2 * 1024 * 1024

/**
 * Appends one JSON line per entry to `file`, rotating to `file.1` past 2 MiB. Callers pass record
 * ids and error codes only — never names, hospital numbers or other identifiers.
 */
export function createFileLog(file: string) {
  return (level: 'info' | 'warn' | 'error', message: string, meta?: Record<string, unknown>): void => {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true })
      try {
        if (fs.statSync(file).size > MAX_BYTES) fs.renameSync(file, file + '.1')
      } catch {
        // no log yet
      }
      fs.appendFileSync(file, JSON.stringify({ at: new Date().toISOString(), level, message, ...meta }) + '\n')
    } catch {
      // logging must never break the app
    }
  }
}
