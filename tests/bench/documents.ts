// Printed documents in `npm run bench` (`--only documents`): headless Chromium's start-up on its
// own; the study report as a user makes it, `npm run cli -- report --db F --out report.pdf`, timed
// as a whole process (CLI start-up, registry, analysis, Chromium start, drawing, printing, writing,
// exit) on the demo registry (215 patients) and on the seeded 10,000-patient registry of the study
// bench cases, with the command's own breakdown (SPINEMET_TIMINGS=1: analysis, Chromium start, page
// ready, page.pdf); then the CLI's NOMS command to PDF on the demo registry (215 patients → one
// 215-page PDF, and one patient), timed end to end in process. Median of 3 after one untimed
// warm-up; the load average is printed with each (the machine may be shared). Needs `npm run build`
// (the report routes are the built renderer) and Debian's chromium. Not a test: nothing passes or
// fails on time.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runCli } from '../../main/cli/index'
import { assertRendererBuilt, defaultRendererDir, launchChromium } from '../../main/print/chromium'
import { DEMO_DEFAULT_SEED, writeDemoRegistry } from '../../main/services/demo-cohort'
import { APP_VERSION } from '../../main/version'
import { registryFile } from './cases/study'

const REPEATS = 3
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

interface ReportRun {
  wall: number
  /** The command's breakdown (seconds): analysis, chromium, pageReady, pdf, total. */
  parts: Record<string, number>
}

/** One whole `report` process; its wall time and the breakdown it writes with SPINEMET_TIMINGS=1. */
function reportProcess(db: string, out: string, lang: string): ReportRun {
  const cli = path.resolve(__dirname, '../../scripts/cli.mjs')
  const t0 = process.hrtime.bigint()
  const res = spawnSync(process.execPath, [cli, 'report', '--db', db, '--out', out, '--lang', lang], { encoding: 'utf8', env: { ...process.env, SPINEMET_TIMINGS: '1' } })
  const wall = Number(process.hrtime.bigint() - t0) / 1e9
  if (res.status !== 0) throw new Error(`report failed: ${res.stderr.trim().split('\n').slice(-1)[0]}`)
  const line = /timings: (.*)/.exec(res.stderr)?.[1] ?? ''
  const parts: Record<string, number> = {}
  for (const m of line.matchAll(/([a-zA-Z. ]+?) ([\d.]+) s/g)) parts[m[1]!.trim()] = Number(m[2])
  return { wall, parts }
}

function benchReport(label: string, db: string, out: string, lang: string): void {
  reportProcess(db, out, lang) // warm-up (disk cache, the CLI's code cache)
  const runs = Array.from({ length: REPEATS }, () => ({ load: os.loadavg()[0]!, ...reportProcess(db, out, lang) })).sort((a, b) => a.wall - b.wall)
  const m = runs[Math.floor(REPEATS / 2)]!
  const p = (k: string) => (m.parts[k] ?? NaN).toFixed(2)
  console.log(
    `${m.wall.toFixed(3).padStart(8)} s  cli report ${label} (whole process; load average ${m.load.toFixed(1)}): ` +
      `analysis ${p('analysis')} s ‖ Chromium start ${p('Chromium start')} s, then page ready ${p('page ready')} s, page.pdf ${p('page.pdf')} s; ` +
      `after the analysis ${p('print after analysis')} s; command ${p('total')} s, CLI start-up and exit ${(m.wall - (m.parts['total'] ?? NaN)).toFixed(2)} s`,
  )
}

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
    console.log(`\nPrinted documents — median of ${REPEATS} after a warm-up; Chromium start-up alone ${chromiumStart.toFixed(3)} s (launch, first page, close)`)
    const big = await registryFile(10_000)
    for (const lang of ['en', 'zh-CN']) {
      benchReport(`--lang ${lang}, demo registry (215 patients)`, db, path.join(dir, 'report.pdf'), lang)
      benchReport(`--lang ${lang}, 10,000 patients`, big, path.join(dir, 'report-10k.pdf'), lang)
    }
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
