import { AppFailure } from '@contract/result'

interface SqliteLikeError {
  code?: string
  message?: string
}

/**
 * Maps an error thrown by better-sqlite3 to an AppFailure whose message a nurse can act on.
 * Constraint failures name the column when SQLite tells us which one.
 */
export function toAppFailure(err: unknown, fileName = 'the registry'): AppFailure {
  if (err instanceof AppFailure) return err
  const e = (err ?? {}) as SqliteLikeError
  const code = typeof e.code === 'string' ? e.code : ''
  const raw = typeof e.message === 'string' ? e.message : String(err)
  if (code === 'SQLITE_NOTADB') {
    return new AppFailure('DB_NOT_SQLITE', `${fileName} is not a SpineMet registry (not an SQLite database). Nothing was changed.`)
  }
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT')) {
    return new AppFailure('DB_CORRUPT', `${fileName} is damaged and cannot be read safely. Open your most recent backup.`)
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return new AppFailure('DB_READ_ONLY', `SpineMet cannot write to ${fileName}. Check that the file and its folder are writable.`)
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppFailure(
      'DB_BUSY',
      `${fileName} is busy: another SpineMet window, the command line or a long import is writing to it. Nothing was saved by this action; wait until that finishes and try again.`,
    )
  }
  if (code === 'SQLITE_FULL') {
    return new AppFailure('INTERNAL', `The disk holding ${fileName} is full. Free some space; your last change was not saved.`)
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    const column = /(?:CHECK constraint failed|NOT NULL constraint failed|UNIQUE constraint failed):\s*([\w.]+)/.exec(raw)?.[1]
    const field = column?.includes('.') ? column.split('.').pop() : column
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      return new AppFailure('DUPLICATE', `This value is already used by another record${field ? ` (${field})` : ''}.`, field ? { field } : {})
    }
    return new AppFailure(
      'DB_CONSTRAINT',
      `The value was refused by the registry's rules${field ? ` for ${field}` : ''}; nothing was saved.`,
      field ? { field, details: { sqlite: code } } : { details: { sqlite: code } },
    )
  }
  return new AppFailure('INTERNAL', `Unexpected database error (${code || 'unknown'}). Nothing was saved.`, { details: { cause: raw } })
}
