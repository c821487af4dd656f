// Entry of the command-line bundle (scripts/build-cli.mjs → out/cli/spinemet-cli.cjs), called by
// scripts/cli.mjs with the arguments after the script name.
import { runCli } from './index'

export function main(argv: string[]): Promise<number> {
  return runCli(argv, {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
  }).catch((err: unknown) => {
    process.stderr.write(`spinemet: ${String(err)}\n`)
    return 1
  })
}
