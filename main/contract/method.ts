import type { z } from 'zod'

/** One callable method: its zod input schema and (type-only) output. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I
  /** Phantom field carrying the output type; never read at run time. */
  output?: O
  /** True when the method may run long (engine jobs); adapters may show progress. */
  long?: boolean
}

export function method<O>() {
  return <I extends z.ZodType>(input: I, extra: { long?: boolean } = {}): MethodSpec<I, O> => ({ input, ...extra })
}
