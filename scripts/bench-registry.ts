// npx tsx --tsconfig tsconfig.node.json scripts/bench-registry.ts [--sizes 10000,100000] [--repeats 7]
//
// Times the patient list (search, each filter, each sort, deep pages) and a single-field autosave
// on synthetic registries of the given sizes, through the same services the renderer calls.
// Prints the median of the repeats in milliseconds. Not a test: nothing passes or fails on time
// (tests/services/patients-list-plan.test.ts checks the query plans instead).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { createDispatch } from '../main/dispatch'
import { createServices } from '../main/services/index'
import type { Host } from '../main/services/host'
import { insertPatientRecord } from '../main/db/repositories/patient-records'
import { PATIENT_SORT_KEYS } from '../main/contract/patients'
import { seedSyntheticPatients } from '../tests/db/seed-registry'
import { completeRecord } from '../tests/domain/records'

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function benchSize(n: number, repeats: number): Promise<string[][]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-bench-registry-'))
  const file = path.join(dir, 'bench.sqlite')
  const host: Host = {
    kind: 'cli',
    userDataDir: path.join(dir, 'user-data'),
    osUser: () => 'bench',
    now: () => new Date('2024-06-01T08:00:00'),
    chooseNewRegistryPath: async () => file,
    chooseRegistryToOpen: async () => null,
    chooseSaveAsPath: async () => null,
    emit: () => undefined,
    log: () => undefined,
  }
  const services = createServices(host)
  const dispatch = createDispatch(services.handlers)
  const call = async (method: string, input: unknown) => {
    const r = await dispatch(method, input)
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`)
    return r.value
  }
  await call('registry.create', {})
  const db = services.session.requireDb()
  const t0 = performance.now()
  seedSyntheticPatients(db, n)
  const id = insertPatientRecord(db, completeRecord('SM-BENCH'), { osUser: 'bench', at: '2024-01-01T00:00:00.000Z' })
  const seedMs = performance.now() - t0

  const cases: [string, string, unknown][] = [
    ['list: first page (study id)', 'patients.list', {}],
    ['list: page 250 of 500 (offset 50,000)', 'patients.list', { offset: Math.floor(n / 2) }],
    ['list: search name "wang"', 'patients.list', { search: 'wang' }],
    ['list: search study id "SM-00012"', 'patients.list', { search: 'SM-00012' }],
    ['list: search hospital no. "H0000"', 'patients.list', { search: 'H0000' }],
    ['list: search 2 characters "wa"', 'patients.list', { search: 'wa' }],
    ['list: arm HT', 'patients.list', { arm: 'HT' }],
    ['list: eligible', 'patients.list', { eligibility: 'eligible' }],
    ['list: incomplete', 'patients.list', { incomplete: true }],
    ['list: follow-up overdue', 'patients.list', { overdue: true }],
    ['list: HT + eligible + overdue', 'patients.list', { arm: 'HT', eligibility: 'eligible', overdue: true }],
    ['list: histology kidney', 'patients.list', { histology: 'kidney' }],
    ...PATIENT_SORT_KEYS.flatMap((k): [string, string, unknown][] => [
      [`list: sort ${k} asc`, 'patients.list', { sortBy: k }],
      [`list: sort ${k} desc`, 'patients.list', { sortBy: k, sortDir: 'desc' }],
    ]),
    ['list: sort surgeryDate desc, last page', 'patients.list', { sortBy: 'surgeryDate', sortDir: 'desc', offset: n - 100 }],
    ['get one patient', 'patients.get', { id }],
  ]
  const rows: string[][] = [[String(n), 'seed (SQL, not timed per query)', seedMs.toFixed(0), '']]
  for (const [name, method, input] of cases) {
    await call(method, input) // warm the statement cache
    const times: number[] = []
    let total = ''
    for (let r = 0; r < repeats; r++) {
      const t = performance.now()
      const v = (await call(method, input)) as { total?: number }
      times.push(performance.now() - t)
      if (v.total !== undefined) total = String(v.total)
    }
    rows.push([String(n), name, median(times).toFixed(1), total])
  }
  // autosave: alternate two values so that every call writes (field, audit, updated_at, status cache)
  const times: number[] = []
  for (let r = 0; r < repeats * 3; r++) {
    const t = performance.now()
    await call('patients.update', { id, path: 'preop.vasPain', value: r % 2 ? 6.5 : 7.2 })
    times.push(performance.now() - t)
  }
  rows.push([String(n), 'autosave one field (synchronous = FULL)', median(times).toFixed(1), ''])
  services.session.close()
  fs.rmSync(dir, { recursive: true, force: true })
  return rows
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sizes: { type: 'string', default: '100000' }, repeats: { type: 'string', default: '7' } } })
  const sizes = values.sizes.split(',').map(Number)
  const repeats = Number(values.repeats)
  console.log(`SpineMet registry benchmark — median of ${repeats}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}, Node ${process.version}`)
  const header = ['n', 'operation', 'ms', 'rows matched']
  const rows: string[][] = []
  for (const n of sizes) rows.push(...(await benchSize(n, repeats)))
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) => cells.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')
  console.log('\n' + line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const r of rows) console.log(line(r))
}

void main()
