// The result envelope every call across the renderer/main boundary returns.
// Errors are values: ipcMain.handle only forwards `error.message` of a thrown Error and
// contextBridge drops custom properties, so nothing is thrown across the boundary.

export const ERROR_CODES = [
  // boundary
  'UNKNOWN_METHOD',
  'INVALID_INPUT',
  'FORBIDDEN_SENDER',
  'CANCELLED',
  'INTERNAL',
  // registry file
  'NO_REGISTRY_OPEN',
  'DB_NOT_FOUND',
  'DB_NOT_SQLITE',
  'DB_NOT_SPINEMET',
  'DB_FROM_NEWER_VERSION',
  'DB_READ_ONLY',
  'DB_CORRUPT',
  'DB_BUSY',
  'DB_MIGRATION_FAILED',
  'DB_ALREADY_EXISTS',
  'DB_CONSTRAINT',
  // clinical data
  'NOT_FOUND',
  'DUPLICATE',
  'SCORE_OUT_OF_RANGE',
  'DATE_ORDER',
  'VALIDATION_FAILED',
  'IMPORT_FAILED',
  'EXPORT_FAILED',
  // statistics
  'ENGINE_INPUT',
  'INSUFFICIENT_DATA',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface AppError {
  code: ErrorCode
  /** English sentence a research nurse can act on; the renderer may translate by `code`. */
  message: string
  /** The input field the error is about, when there is one (dotted path). */
  field?: string
  /** Structured detail (e.g. per-field validation issues, the file's schema version). */
  details?: unknown
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function fail(code: ErrorCode, message: string, extra: { field?: string; details?: unknown } = {}): { ok: false; error: AppError } {
  const error: AppError = { code, message }
  if (extra.field !== undefined) error.field = extra.field
  if (extra.details !== undefined) error.details = extra.details
  return { ok: false, error }
}

/**
 * Thrown inside main-process services; `dispatch` turns it into `{ok:false,error}`.
 * Services throw it rather than return results so that transactions roll back.
 */
export class AppFailure extends Error {
  readonly code: ErrorCode
  readonly field: string | undefined
  readonly details: unknown
  constructor(code: ErrorCode, message: string, extra: { field?: string; details?: unknown } = {}) {
    super(message)
    this.name = 'AppFailure'
    this.code = code
    this.field = extra.field
    this.details = extra.details
  }
  toAppError(): AppError {
    return fail(this.code, this.message, { field: this.field, details: this.details }).error
  }
}
