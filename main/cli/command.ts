import { parseArgs, type ParseArgsConfig } from 'node:util'

export type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & { description: string; valueName?: string }

export interface CliIO {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Current working directory for relative paths. */
  cwd: string
}

export interface CommandContext<V> {
  values: V
  positionals: string[]
  json: boolean
  io: CliIO
}

/** One CLI command. `run` returns the value printed as JSON with --json, and the text otherwise. */
export interface Command<V = Record<string, unknown>> {
  name: string
  summary: string
  /** Extra paragraphs for --help (field meanings, examples). */
  help?: string
  options: Record<string, OptionSpec>
  /** `exitCode` (default 0) lets a report that found a problem (e.g. a failed integrity check) exit non-zero. */
  run(ctx: CommandContext<V>): Promise<{ json: unknown; text: string; exitCode?: number }>
}

/** A usage mistake (exit code 2) as opposed to a failure while running (exit code 1). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  json: { type: 'boolean', description: 'print the result as JSON on stdout' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
}

export function parseCommandArgs(cmd: Command, argv: string[]): { values: Record<string, unknown>; positionals: string[] } {
  const options: ParseArgsConfig['options'] = {}
  for (const [k, spec] of Object.entries({ ...COMMON_OPTIONS, ...cmd.options })) {
    const { description: _d, valueName: _v, ...rest } = spec
    options[k] = rest
  }
  // A negative number after a value option ("--caliper -1") is that option's value, not another
  // option: hand it to parseArgs as --caliper=-1 so that the option's own range check explains it.
  const args = argv.slice()
  for (let i = 0; i + 1 < args.length; i++) {
    const name = args[i]!.startsWith('--') ? args[i]!.slice(2) : null
    if (name !== null && options[name]?.type === 'string' && /^-(\d|\.\d)/.test(args[i + 1]!)) {
      args.splice(i, 2, `--${name}=${args[i + 1]!}`)
    }
  }
  try {
    const parsed = parseArgs({ args, options, strict: true, allowPositionals: false })
    return { values: parsed.values as Record<string, unknown>, positionals: parsed.positionals }
  } catch (err) {
    const msg = (err as Error).message.replace(/\. To specify a positional argument.*$/s, '')
    throw new UsageError(msg)
  }
}

export function commandHelp(cmd: Command): string {
  const lines = [`Usage: npm run cli -- ${cmd.name} [options]`, '', cmd.summary, '', 'Options:']
  const all = { ...cmd.options, ...COMMON_OPTIONS }
  const left = (k: string, s: OptionSpec) => `  --${k}${s.type === 'string' ? ` ${s.valueName ?? 'VALUE'}` : ''}${s.short ? `, -${s.short}` : ''}`
  const width = Math.max(...Object.entries(all).map(([k, s]) => left(k, s).length)) + 2
  for (const [k, s] of Object.entries(all)) lines.push(left(k, s).padEnd(width) + s.description)
  if (cmd.help) lines.push('', cmd.help.trim())
  return lines.join('\n') + '\n'
}

/** Reads a required string option or fails with a usage error naming it. */
export function requireString(values: Record<string, unknown>, name: string): string {
  const v = values[name]
  if (typeof v !== 'string' || v.length === 0) throw new UsageError(`missing required option --${name}`)
  return v
}

/** Parses an optional numeric option; refuses text such as "12abc". */
export function optionalNumber(values: Record<string, unknown>, name: string, opts: { integer?: boolean; min?: number; max?: number } = {}): number | undefined {
  const v = values[name]
  if (v === undefined) return undefined
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got ${JSON.stringify(v)}`)
  if (opts.integer && !Number.isInteger(n)) throw new UsageError(`--${name} must be a whole number, got ${JSON.stringify(v)}`)
  if (opts.min !== undefined && n < opts.min) throw new UsageError(`--${name} must be at least ${opts.min}, got ${n}`)
  if (opts.max !== undefined && n > opts.max) throw new UsageError(`--${name} must be at most ${opts.max}, got ${n}`)
  return n
}

/** Parses a comma-separated list ("a,b,c"), refusing empty items. */
export function listOption(values: Record<string, unknown>, name: string): string[] | undefined {
  const v = values[name]
  if (v === undefined) return undefined
  const items = String(v).split(',').map((s) => s.trim())
  if (items.some((s) => s === '')) throw new UsageError(`--${name} must be a comma-separated list without empty items, got ${JSON.stringify(v)}`)
  return items
}

export function oneOfOption<T extends string>(values: Record<string, unknown>, name: string, allowed: readonly T[]): T | undefined {
  const v = values[name]
  if (v === undefined) return undefined
  if (!allowed.includes(v as T)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`)
  return v as T
}

/** Parses an optional comma-separated list of numbers ("12,24,60"); empty when the option is absent. */
export function numberListOption(values: Record<string, unknown>, name: string): number[] {
  const items = listOption(values, name) ?? []
  return items.map((s) => {
    const v = Number(s)
    if (!Number.isFinite(v)) throw new UsageError(`--${name} must be a comma-separated list of numbers, got ${JSON.stringify(s)}`)
    return v
  })
}

/** A number for JSON output: NaN and ±Infinity (R's NA, NaN, Inf) become null. */
export const jsonNumber = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x)
