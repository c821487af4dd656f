// Typed input errors and the warnings convention shared by every engine method.

/**
 * An input problem the caller can fix (negative time, empty group, length mismatch, unknown option).
 *
 * Engine functions throw this, and only this, for bad input; statistical conditions that still give
 * a result (non-convergence, separation, small expected counts) are {@link EngineWarning}s in the
 * result instead. `code` is a stable UPPER_SNAKE string that the renderer and CLI map to messages;
 * `message` is already readable by a research nurse and echoes the offending value.
 *
 * @example
 * throw new EngineInputError('NEGATIVE_TIME', 'Follow-up time must not be negative (row 12 has -3).')
 */
export class EngineInputError extends Error {
  /** Stable UPPER_SNAKE error code, e.g. `LENGTH_MISMATCH`, `EMPTY_GROUP`, `NEGATIVE_TIME`. */
  readonly code: string
  /** Optional extra facts about the problem (column name, row index, offending value). */
  readonly details?: Readonly<Record<string, unknown>>

  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message)
    this.name = 'EngineInputError'
    this.code = code
    if (details !== undefined) this.details = details
  }
}

/** True when `e` is an {@link EngineInputError} (also across realms, by name and code). */
export function isEngineInputError(e: unknown): e is EngineInputError {
  return (
    e instanceof EngineInputError ||
    (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'EngineInputError' && typeof (e as { code?: unknown }).code === 'string')
  )
}

/**
 * A statistical condition worth telling the user about, attached to a result (never thrown).
 *
 * Convention: every engine result has `warnings: EngineWarning[]` (empty when all is well).
 * `code` is stable UPPER_SNAKE (`NOT_CONVERGED`, `INFINITE_COEFFICIENT`, `SINGULAR_COLUMN`,
 * `SMALL_EXPECTED_COUNTS`, `UNMATCHED_TREATED`); `message` reads like R's own warning where R has one;
 * `term` names the model term concerned when there is one.
 */
export interface EngineWarning {
  readonly code: string
  readonly message: string
  readonly term?: string
  readonly details?: Readonly<Record<string, unknown>>
}

/** Build an {@link EngineWarning} (plain object, safe for structured clone). */
export function engineWarning(code: string, message: string, extra?: { term?: string; details?: Record<string, unknown> }): EngineWarning {
  const w: { code: string; message: string; term?: string; details?: Record<string, unknown> } = { code, message }
  if (extra?.term !== undefined) w.term = extra.term
  if (extra?.details !== undefined) w.details = extra.details
  return w
}
