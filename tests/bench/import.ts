// Import at scale in `npm run bench`: a seeded synthetic registry export of 100,000 patients
// (tests/bench/import-csv.ts) imported into the demo registry through the real import service, as
// the Import screen runs it: read the file (import.preview), check every row (import.dryRun),
// then back up, check again and write (import.commit). Run once in a fresh child process, so that
// its peak memory (maximum resident set size of the whole process) is its own. Targets: check and
// commit of 100,000 rows in under 15 s at under 400 MB peak. Not a test: nothing passes or fails.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openRegistryFile } from '../../main/db/connection'
import { DEMO_DEFAULT_SEED, writeDemoRegistry } from '../../main/services/demo-cohort'
import type { Host } from '../../main/services/host'
import { commitImportRequest, dryRunImport, previewImport } from '../../main/services/import/index'
import { Session } from '../../main/services/session'
import { writeImportCsv } from '../helpers/import-csv'

const SEED = 20211
export const IMPORT_BENCH_ROWS = 100_000
const TARGET_SECONDS = 15
const TARGET_MB = 400

interface ImportBenchResult {
  rows: number
  readSeconds: number
  checkSeconds: number
  commitSeconds: number
  cpuSeconds: number
  /** CPU time (user + system) of each phase: on a shared machine the wall time stretches with the load, the CPU time much less. */
  readCpuSeconds: number
  checkCpuSeconds: number
  commitCpuSeconds: number
  peakMb: number
  registryMbBefore: number
  registryMbAfter: number
  created: number
  warnings: number
}

const mb = (bytes: number): number => bytes / 1024 / 1024

/** The child: writes (once) the CSV and a fresh demo registry, imports, prints the result as JSON. */
export async function runImportChild(n: number): Promise<void> {
  const dir = path.join(os.tmpdir(), `spinemet-bench-import-${n}-${SEED}`)
  const csv = path.join(dir, `import-${n}-${SEED}.csv`)
  if (!fs.existsSync(csv)) {
    const tmp = `${dir}.${process.pid}.writing`
    writeImportCsv(tmp, n, SEED)
    fs.rmSync(dir, { recursive: true, force: true })
    fs.renameSync(tmp, dir)
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-bench-import-run-'))
  try {
    const registry = path.join(work, 'registry.sqlite')
    await writeDemoRegistry(registry, { seed: DEMO_DEFAULT_SEED, appVersion: 'bench', overwrite: true })
    const registryMbBefore = mb(fs.statSync(registry).size)
    const host: Host = {
      kind: 'cli',
      userDataDir: work,
      osUser: () => 'bench',
      now: () => new Date(),
      chooseNewRegistryPath: async () => null,
      chooseRegistryToOpen: async () => null,
      chooseSaveAsPath: async () => null,
      chooseImportFile: async () => csv,
      emit: () => {},
      log: () => {},
    }
    const session = new Session(host)
    session.adopt(await openRegistryFile(registry))
    const cpu0 = process.cpuUsage()
    const cpuSince = (from: NodeJS.CpuUsage) => {
      const c = process.cpuUsage(from)
      return (c.user + c.system) / 1e6
    }
    const t0 = performance.now()
    const preview = await previewImport(session)
    const t1 = performance.now()
    const cpu1 = process.cpuUsage()
    const request = { token: preview.token, mapping: preview.suggestedMapping, onDuplicate: 'refuse' as const, includeLinked: false }
    const dry = await dryRunImport(session, request)
    if (!dry.canCommit) throw new Error(`the synthetic file has ${dry.problemCount} problems (first: ${dry.problems[0]?.message ?? ''})`)
    const t2 = performance.now()
    const cpu2 = process.cpuUsage()
    const committed = await commitImportRequest(session, request)
    const t3 = performance.now()
    const cpu = process.cpuUsage(cpu0)
    const commitCpuSeconds = cpuSince(cpu2)
    session.close()
    const result: ImportBenchResult = {
      rows: n,
      readSeconds: (t1 - t0) / 1000,
      checkSeconds: (t2 - t1) / 1000,
      commitSeconds: (t3 - t2) / 1000,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      readCpuSeconds: (cpu1.user + cpu1.system - cpu0.user - cpu0.system) / 1e6,
      checkCpuSeconds: (cpu2.user + cpu2.system - cpu1.user - cpu1.system) / 1e6,
      commitCpuSeconds,
      peakMb: process.resourceUsage().maxRSS / 1024,
      registryMbBefore,
      registryMbAfter: mb(fs.statSync(registry).size),
      created: committed.created,
      warnings: dry.warningCount,
    }
    process.stdout.write(JSON.stringify(result) + '\n')
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
}

/**
 * The parent: runs the child `repeat` times (this machine's CPU is shared, and one run's wall time
 * can be a fifth off the next one's) and prints the median run's phases, every run, and the
 * numbers against the targets: the median check + commit, and the highest peak of all runs.
 */
export function benchImport(n: number = IMPORT_BENCH_ROWS, repeat = 3): void {
  console.log(`\nImport at scale — ${n} synthetic patients (seed ${SEED}) into the demo registry through the import service, ${repeat} run${repeat === 1 ? '' : 's'}, load average ${os.loadavg()[0]!.toFixed(1)}`)
  const runs: ImportBenchResult[] = []
  for (let i = 0; i < repeat; i++) {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--import-child', String(n)], { encoding: 'utf8', maxBuffer: 1 << 24 })
    if (child.status !== 0) {
      console.log(`  failed: ${child.stderr.trim().split('\n').slice(-3).join(' ')}`)
      return
    }
    runs.push(JSON.parse(child.stdout.trim().split('\n').pop()!) as ImportBenchResult)
  }
  const total = (r: ImportBenchResult) => r.checkSeconds + r.commitSeconds
  const sorted = [...runs].sort((a, b) => total(a) - total(b))
  const r = sorted[Math.floor((sorted.length - 1) / 2)]!
  const peak = Math.max(...runs.map((x) => x.peakMb))
  const rows: [string, string][] = [
    ['read the file (preview)', `${r.readSeconds.toFixed(2)} s (CPU ${r.readCpuSeconds.toFixed(2)} s)`],
    ['check every row (dry run)', `${r.checkSeconds.toFixed(2)} s (CPU ${r.checkCpuSeconds.toFixed(2)} s)`],
    ['back up, check again and write (commit)', `${r.commitSeconds.toFixed(2)} s (CPU ${r.commitCpuSeconds.toFixed(2)} s)`],
    [
      `check + commit${repeat > 1 ? `, median of ${repeat}` : ''}`,
      `${total(r).toFixed(2)} s (target < ${TARGET_SECONDS} s: ${total(r) < TARGET_SECONDS ? 'met' : 'NOT met'}); CPU ${(r.checkCpuSeconds + r.commitCpuSeconds).toFixed(2)} s (${r.cpuSeconds.toFixed(2)} s for all three)`,
    ],
    [`peak memory (whole process${repeat > 1 ? ', highest run' : ''})`, `${peak.toFixed(0)} MB (target < ${TARGET_MB} MB: ${peak < TARGET_MB ? 'met' : 'NOT met'})`],
    ['registry file', `${r.registryMbBefore.toFixed(1)} MB → ${r.registryMbAfter.toFixed(1)} MB (${r.created} patients created, ${r.warnings} warnings)`],
  ]
  for (const [label, value] of rows) console.log(`  ${label.padEnd(42)}${value}`)
  if (repeat > 1) {
    runs.forEach((x, i) =>
      console.log(`  ${`run ${i + 1}`.padEnd(42)}check + commit ${total(x).toFixed(2)} s (CPU ${(x.checkCpuSeconds + x.commitCpuSeconds).toFixed(2)} s), peak ${x.peakMb.toFixed(0)} MB`),
    )
  }
}
