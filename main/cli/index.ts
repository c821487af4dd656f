import { APP_NAME, APP_VERSION, ENGINE_VERSION, LATEST_SCHEMA_VERSION } from '../version'
import { AppFailure } from '@contract/result'
import { toAppFailure } from '../db/errors'
import { COMMANDS } from './commands/index'
import { UsageError, commandHelp, parseCommandArgs, type CliIO } from './command'

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2
  return [
    `${APP_NAME} ${APP_VERSION} — command line`,
    '',
    'Usage: npm run cli -- <command> [options]',
    '       npm run cli -- <command> --help',
    '       npm run cli -- --version',
    '',
    'Commands:',
    ...COMMANDS.map((c) => '  ' + c.name.padEnd(width) + c.summary),
    '',
    'Every command prints text for people, or JSON on stdout with --json.',
    'Errors go to stderr as one line (with --json also {"ok": false, "error": {"code", "message"}} on stdout);',
    'the exit code is 2 for a usage mistake (code USAGE) and 1 for a failure.',
    '',
  ].join('\n')
}

/** Runs one CLI invocation; returns the process exit code. Exported for tests. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(mainHelp())
    return name === undefined ? 2 : 0
  }
  if (name === '--version' || name === '-v') {
    const json = rest.includes('--json')
    io.stdout(
      json
        ? JSON.stringify({ app: APP_VERSION, engine: ENGINE_VERSION, schema: LATEST_SCHEMA_VERSION }) + '\n'
        : `${APP_NAME} ${APP_VERSION} (engine ${ENGINE_VERSION}, registry format ${LATEST_SCHEMA_VERSION})\n`,
    )
    return 0
  }
  const cmd = COMMANDS.find((c) => c.name === name)
  if (!cmd) {
    io.stderr(`spinemet: unknown command "${name}"; run "npm run cli -- --help" for the list\n`)
    return 2
  }
  // Known before parsing, so that a usage mistake is reported as JSON too.
  let json = rest.includes('--json')
  let answered = false
  const cmdIo: CliIO = { ...io, stdout: (t) => ((answered = true), io.stdout(t)) }
  /** The error as one line on stderr and, with --json, as {ok: false, error: {code, message}} on stdout. */
  const fail = (exit: number, code: string, message: string, line: string): number => {
    io.stderr(line)
    // A command that already answered on stdout (import's list of problems) keeps that answer.
    if (json && !answered) io.stdout(JSON.stringify({ ok: false, error: { code, message } }, null, 2) + '\n')
    return exit
  }
  try {
    const { values, positionals } = parseCommandArgs(cmd, rest)
    if (values.help) {
      io.stdout(commandHelp(cmd))
      return 0
    }
    json = values.json === true
    const out = await cmd.run({ values, positionals, json, io: cmdIo })
    io.stdout(json ? JSON.stringify(out.json, null, 2) + '\n' : out.text.endsWith('\n') ? out.text : out.text + '\n')
    return out.exitCode ?? 0
  } catch (err) {
    if (err instanceof UsageError) {
      return fail(2, 'USAGE', err.message, `spinemet ${cmd.name}: ${err.message} (see "npm run cli -- ${cmd.name} --help")\n`)
    }
    if (err instanceof AppFailure) {
      const message = err.message.replace(/\s+/g, ' ')
      return fail(1, err.code, message, `spinemet ${cmd.name}: ${message} [${err.code}]\n`)
    }
    const e = err as { code?: unknown; message?: unknown }
    if (typeof e?.code === 'string' && e.code.startsWith('SQLITE_')) {
      // Never SQLite's raw words ("database is locked"): the same sentence the app shows.
      const mapped = toAppFailure(err)
      io.stderr(`spinemet ${cmd.name}: ${mapped.message.replace(/\s+/g, ' ')} [${mapped.code}]\n`)
      return 1
    }
    if (typeof e?.code === 'string' && typeof e.message === 'string') {
      const message = e.message.replace(/\s+/g, ' ')
      return fail(1, e.code, message, `spinemet ${cmd.name}: ${message} [${e.code}]\n`)
    }
    const message = err instanceof Error ? err.message : String(err)
    return fail(1, 'UNEXPECTED', message, `spinemet ${cmd.name}: unexpected error: ${message}\n`)
  }
}

const isEntry = typeof process !== 'undefined' && process.argv[1] !== undefined && /cli[\\/]index\.[cm]?[tj]s$/.test(process.argv[1])
if (isEntry) {
  runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
  }).then(
    (code) => {
      process.exitCode = code
    },
    (err: unknown) => {
      process.stderr.write(`spinemet: ${String(err)}\n`)
      process.exitCode = 1
    },
  )
}
