// Printed documents in `npm run bench`: headless Chromium's start-up on its own, then the CLI's
// NOMS command to PDF on the demo registry (215 patients → one 215-page PDF, and one patient),
// timed end to end in process (registry read, model, Chromium start, drawing, printing, writing).
// Median of 3 after one untimed warm-up. Needs `npm run build` (the report route is the built
// renderer) and Debian's chromium. Not a test: nothing passes or fails on time.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runCli } from '../../main/cli/index'
import { assertRendererBuilt, defaultRendererDir, launchChromium } from '../../main/print/chromium'
import { DEMO_DEFAULT_SEED, writeDemoRegistry } from '../../main/services/demo-cohort'
import { APP_VERSION } from '../../main/version'

const REPEATS = 3
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function timed(fn: () => Promise<void>): Promise<number> {
  await fn() // warm-up (disk cache, V8)
  const times: number[] = []
  for (let r = 0; r < REPEATS; r++) {
    const t0 = process.hrtime.bigint()
    await fn()
    times.push(Number(process.hrtime.bigint() - t0) / 1e9)
  }
  return median(times)
}

export async function benchDocuments(): Promise<void> {
  try {
    assertRendererBuilt(defaultRendererDir())
  } catch (err) {
    console.log(`\nPrinted documents: skipped (${(err as Error).message})`)
    return
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-bench-docs-'))
  try {
    const db = path.join(dir, 'demo.sqlite')
    await writeDemoRegistry(db, { seed: DEMO_DEFAULT_SEED, appVersion: APP_VERSION, overwrite: true })
    const io = { cwd: dir, stdout: () => undefined, stderr: (t: string) => void process.stderr.write(t) }
    const noms = (patient: string, out: string) => async () => {
      if ((await runCli(['noms', '--db', db, '--patient', patient, '--out', out], io)) !== 0) throw new Error(`noms --patient ${patient} failed`)
    }
    const chromiumStart = await timed(async () => {
      const b = await launchChromium()
      await (await b.newPage()).close()
      await b.close()
    })
    const all = await timed(noms('all', 'all.pdf'))
    const one = await timed(noms('SM-001', 'one.pdf'))
    const rows = [
      ['Chromium start-up (launch, first page, close)', chromiumStart],
      ['cli noms --patient all --out (215 patients, 215 pages; Chromium start included)', all],
      ['  of which without Chromium start-up', all - chromiumStart],
      ['cli noms --patient SM-001 --out (1 page; Chromium start included)', one],
      ['  of which without Chromium start-up', one - chromiumStart],
    ] as const
    console.log(`\nPrinted documents — demo registry (215 patients), median of ${REPEATS} after a warm-up`)
    for (const [label, s] of rows) console.log(`${s.toFixed(3).padStart(8)} s  ${label}`)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
