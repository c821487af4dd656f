// npm run bench [-- --sizes 10000,100000,1000000] [--only NAME] [--no-r] [--no-documents] [--no-import]
// npm run bench -- --cli [--sizes …] [--r-cap-matching N] [--repeat N]
// npm run bench -- --only import [--repeat N]   (the import at scale, N runs: see import.ts)
//
// --cli: each case as a user runs it — the CLI process (node scripts/cli.mjs, the bundle) on the
// cohort's CSV, and Rscript reading the same CSV and fitting the same model — each timed as a whole
// process less that side's own start-up (node scripts/cli.mjs --version; Rscript loading its
// packages), each the median of --repeat runs (default 3), printing CLI / R for the wall time and
// for the CPU time (user + system of the whole process, threads included: on a machine shared with
// other work the wall time stretches with the load average, printed in the header, the CPU time
// much less). MatchIt at 10^6 rows takes very long: above --r-cap-matching rows
// (default 100000) its R time is not measured and the row says so.
//
// Times each engine operation on seeded synthetic cohorts, each in a fresh child process so
// that its peak memory (max RSS above the cohort's own) is its own, and, where Rscript is
// installed, times R on the same data written as CSV, printing R time / engine time per row.
// Each case is first run cold (its time is printed as "cold s": the first call in a fresh process,
// parsing and compiling included), then warmed up — repeated until 2 s of warm-up or 8 runs, so
// V8 has optimized the hot loops as it has in the app's long-lived worker — then timed as the
// median of 3 runs ("engine s", the column the R ratio uses), with the CPU time of those runs ("cpu s",
// main and worker threads; on a shared machine the wall time stretches with the load average printed
// in the header, the CPU time much less). Not a test: nothing passes or fails on time.
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { syntheticCohort, writeCohortCsv } from './synthetic-cohort'
import { BENCH_CASES } from './cases/index'
import { benchDocuments } from './documents'
import { benchImport, runImportChild } from './import'

const SEED = 20211
const REPEATS = 3

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

async function runChild(caseName: string, n: number): Promise<void> {
  const bench = BENCH_CASES.find((c) => c.name === caseName)
  if (!bench) throw new Error(`no bench case ${caseName}`)
  const cohort = syntheticCohort(n, SEED)
  const prepared = bench.prepare ? await bench.prepare(cohort) : cohort
  global.gc?.()
  const baseRss = process.resourceUsage().maxRSS
  // Cold run: the first call pays for parsing, compiling and optimizing the engine code.
  const c0 = process.hrtime.bigint()
  const first = await bench.run(prepared)
  const coldSeconds = Number(process.hrtime.bigint() - c0) / 1e9
  const summary = bench.summarize ? bench.summarize(first) : ''
  // Warm-up, untimed, until the optimizing compiler has seen the hot loops enough.
  let warmed = coldSeconds
  for (let k = 0; k < 7 && warmed < 2; k++) {
    const w0 = process.hrtime.bigint()
    await bench.run(prepared)
    warmed += Number(process.hrtime.bigint() - w0) / 1e9
  }
  const times: number[] = []
  // CPU time of the whole process (main thread and worker threads), user + system: on a machine
  // shared with other work the wall time stretches with the load, the CPU time much less.
  const cpuTimes: number[] = []
  // No forced gc() between runs: a full collection shrinks V8's young generation, so the next run
  // pays for regrowing it (measured: 23 ms → 45 ms for matching at 10k), which a long-lived worker never does.
  for (let r = 0; r < REPEATS; r++) {
    const t0 = process.hrtime.bigint()
    const cpu0 = process.cpuUsage()
    await bench.run(prepared)
    times.push(Number(process.hrtime.bigint() - t0) / 1e9)
    const cpu = process.cpuUsage(cpu0)
    cpuTimes.push((cpu.user + cpu.system) / 1e6)
  }
  const peakMb = Math.max(0, process.resourceUsage().maxRSS - baseRss) / 1024
  process.stdout.write(JSON.stringify({ seconds: median(times), cpuSeconds: median(cpuTimes), coldSeconds, peakMb, summary }) + '\n')
}

function hasRscript(): boolean {
  try {
    execFileSync('Rscript', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

function timeR(code: string, packages: readonly string[], csv: string): number | string {
  const libs = process.env.SPINEMET_R_LIB ? `.libPaths(c(${JSON.stringify(process.env.SPINEMET_R_LIB)}, .libPaths()))\n` : ''
  const script = `${libs}suppressPackageStartupMessages({ ${packages.map((p) => `library(${p})`).join('; ')} })
d <- read.csv(${JSON.stringify(csv)}, stringsAsFactors = TRUE)
t <- replicate(${REPEATS}, system.time({ ${code} })[["elapsed"]])
cat(median(t))
`
  const file = path.join(os.tmpdir(), `spinemet-bench-${process.pid}.R`)
  fs.writeFileSync(file, script)
  const res = spawnSync('Rscript', [file], { encoding: 'utf8', maxBuffer: 1 << 24 })
  if (res.status !== 0) return `R failed: ${res.stderr.trim().split('\n').slice(-1)[0]}`
  return Number(res.stdout.trim())
}

/** Wall-clock and CPU seconds of a whole child process, and the CPU clock of its children. */
interface ProcessTime {
  wall: number
  /** User + system CPU seconds of the process and its threads (NaN where /bin/sh is missing). */
  cpu: number
}

/**
 * Runs a child process to completion (throws with its last stderr line if it fails). It runs under
 * /bin/sh, whose `times` reports the CPU time of the finished child on descriptor 3: on a machine
 * shared with other work the wall time stretches with the load, the CPU time much less.
 */
function timedProcess(cmd: string, args: readonly string[]): ProcessTime {
  const withSh = process.platform !== 'win32' && fs.existsSync('/bin/sh')
  const t0 = process.hrtime.bigint()
  const res = withSh
    ? spawnSync('/bin/sh', ['-c', '"$@"; s=$?; times >&3; exit $s', 'sh', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] })
    : spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 })
  const wall = Number(process.hrtime.bigint() - t0) / 1e9
  if (res.status !== 0) throw new Error(res.stderr.trim().split('\n').slice(-1)[0] ?? `exit ${res.status}`)
  // `times`: the shell's own user and system time, then its children's ("0m0.412s 0m0.052s").
  const children = String(res.output[3] ?? '').trim().split('\n')[1] ?? ''
  const secs = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]))
  return { wall, cpu: secs.length === 2 ? secs[0]! + secs[1]! : NaN }
}

/** The median wall and the median CPU time of `repeat` runs of a process. */
function timedRuns(repeat: number, cmd: string, args: readonly string[]): ProcessTime {
  const runs = Array.from({ length: repeat }, () => timedProcess(cmd, args))
  return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) }
}

function rScriptFile(body: string): string {
  const libs = process.env.SPINEMET_R_LIB ? `.libPaths(c(${JSON.stringify(process.env.SPINEMET_R_LIB)}, .libPaths()))\n` : ''
  const file = path.join(os.tmpdir(), `spinemet-bench-${process.pid}-${Math.random().toString(36).slice(2)}.R`)
  fs.writeFileSync(file, libs + body)
  return file
}

function cliMain(sizes: number[], cases: typeof BENCH_CASES, withR: boolean, rCapMatching: number, repeat: number): void {
  const cliScript = path.resolve(__dirname, '../../scripts/cli.mjs')
  timedProcess(process.execPath, [cliScript, '--version']) // builds the bundle if stale, fills the code cache
  const start = timedRuns(Math.max(3, repeat), process.execPath, [cliScript, '--version'])
  const rStart = new Map<string, ProcessTime>()
  const header = ['n', 'operation', 'CLI s', 'CLI − start s', 'CLI cpu − start s', ...(withR ? ['R s', 'R − start s', 'R cpu − start s', 'CLI / R', 'CLI / R cpu'] : [])]
  const rows: string[][] = []
  console.log(
    `SpineMet CLI benchmark (whole processes, median of ${repeat}) — seed ${SEED}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}, Node ${process.version}; CLI start-up ${start.wall.toFixed(3)} s (cpu ${start.cpu.toFixed(3)} s)`,
  )
  for (const n of sizes) {
    const csv = path.join(os.tmpdir(), `spinemet-bench-${n}-${SEED}.csv`)
    if (!fs.existsSync(csv)) writeCohortCsv(syntheticCohort(n, SEED), csv)
    for (const c of cases) {
      if (!c.cli) continue
      const row = [String(n), c.name]
      let cli: ProcessTime | null = null
      try {
        const args = [cliScript, ...c.cli.map((a) => (a === 'FILE' ? csv : a))]
        const t = timedRuns(repeat, process.execPath, args)
        cli = { wall: t.wall - start.wall, cpu: t.cpu - start.cpu }
        row.push(t.wall.toFixed(3), cli.wall.toFixed(3), cli.cpu.toFixed(3))
      } catch (err) {
        row.push('failed', (err as Error).message, '')
      }
      if (withR && c.r) {
        const pk = c.r.packages.join(',')
        const load = `suppressPackageStartupMessages({ ${c.r.packages.map((p) => `library(${p})`).join('; ')} })\n`
        if (!rStart.has(pk)) rStart.set(pk, timedRuns(Math.max(3, repeat), 'Rscript', [rScriptFile(load)]))
        if (c.r.packages.includes('MatchIt') && n > rCapMatching) {
          row.push('skipped', `MatchIt above ${rCapMatching} rows not run (raise --r-cap-matching)`, '', '', '')
        } else {
          try {
            const t = timedRuns(repeat, 'Rscript', [rScriptFile(`${load}d <- read.csv(${JSON.stringify(csv)}, stringsAsFactors = TRUE)\n${c.r.code}\n`)])
            const r0 = rStart.get(pk)!
            const r = { wall: t.wall - r0.wall, cpu: t.cpu - r0.cpu }
            row.push(t.wall.toFixed(3), r.wall.toFixed(3), r.cpu.toFixed(3), cli ? (cli.wall / r.wall).toFixed(2) : '', cli ? (cli.cpu / r.cpu).toFixed(2) : '')
          } catch (err) {
            row.push('failed', (err as Error).message, '', '', '')
          }
        }
      }
      rows.push(row)
      console.log(row.join('\t'))
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')
  console.log('\n' + line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const r of rows) console.log(line(r))
  console.log(`load average at the end ${os.loadavg()[0]!.toFixed(1)}`)
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      n: { type: 'string' },
      sizes: { type: 'string', default: '10000,100000,1000000' },
      only: { type: 'string' },
      'no-r': { type: 'boolean' },
      'no-documents': { type: 'boolean' },
      'no-import': { type: 'boolean' },
      'import-child': { type: 'string' },
      cli: { type: 'boolean' },
      'r-cap-matching': { type: 'string', default: '100000' },
      repeat: { type: 'string', default: '3' },
    },
  })
  if (values['import-child']) {
    await runImportChild(Number(values['import-child']))
    process.exit(0)
  }
  if (values.child) {
    await runChild(values.child, Number(values.n))
    // Worker threads or open files a case leaves behind must not keep the child alive.
    process.exit(0)
  }
  const sizes = values.sizes.split(',').map(Number)
  // `--only import` runs the import at scale alone.
  if (values.only === 'import') {
    benchImport(undefined, Math.max(1, Number(values.repeat)))
    return
  }
  const cases = BENCH_CASES.filter((c) => !values.only || c.name === values.only)
  const withR = !values['no-r'] && hasRscript()
  if (values.cli) {
    cliMain(sizes, cases, withR, Number(values['r-cap-matching']), Math.max(1, Number(values.repeat)))
    return
  }
  const rows: string[][] = []
  const header = ['n', 'operation', 'cold s', 'engine s', 'cpu s', 'peak MB', ...(withR ? ['R s', 'R / engine'] : []), 'result']
  console.log(`SpineMet engine benchmark — seed ${SEED}, cold run, warm-up, then the median of ${REPEATS}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}, Node ${process.version}${withR ? '' : ' (Rscript not found: R column skipped)'}`)
  // Cases with their own sizes run once at each of them, after the --sizes runs.
  const runs: { n: number; cases: typeof cases }[] = sizes.map((n) => ({ n, cases: cases.filter((c) => !c.fixedSizes) }))
  for (const c of cases) for (const n of c.fixedSizes ?? []) runs.push({ n, cases: [c] })
  for (const { n, cases: sized } of runs) {
    if (sized.length === 0) continue
    let csv: string | null = null
    if (withR && sized.some((c) => c.r)) {
      csv = path.join(os.tmpdir(), `spinemet-bench-${n}-${SEED}.csv`)
      if (!fs.existsSync(csv)) writeCohortCsv(syntheticCohort(n, SEED), csv)
    }
    for (const c of sized) {
      const child = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', process.argv[1]!, '--child', c.name, '--n', String(n)], {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      })
      if (child.status !== 0) {
        rows.push([String(n), c.name, 'failed', '', '', '', ...(withR ? ['', ''] : []), child.stderr.trim().split('\n').slice(-1)[0] ?? ''])
        continue
      }
      const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as { seconds: number; cpuSeconds: number; coldSeconds: number; peakMb: number; summary: string }
      const row = [String(n), c.name, r.coldSeconds.toFixed(3), r.seconds.toFixed(3), r.cpuSeconds.toFixed(3), r.peakMb.toFixed(0)]
      if (withR) {
        const rt = c.r && csv ? timeR(c.r.code, c.r.packages, csv) : 'n/a'
        row.push(typeof rt === 'number' ? rt.toFixed(3) : rt, typeof rt === 'number' ? (rt / r.seconds).toFixed(1) + '×' : '')
      }
      row.push(r.summary)
      rows.push(row)
      console.log(row.join('\t'))
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')
  console.log('\n' + line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const r of rows) console.log(line(r))
  // --only names an engine case; `--only documents` runs the printed documents alone.
  if (!values['no-documents'] && (!values.only || values.only === 'documents')) await benchDocuments()
  if (!values['no-import'] && !values.only) benchImport(undefined, Math.max(1, Number(values.repeat)))
}

void main()
