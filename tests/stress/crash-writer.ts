// The writer the crash harness kills: saves edits through the real services (dispatch →
// patients.update, names and hospital numbers included so the search index is exercised) and
// prints "ack <patient> <path> <counter>" after each save returned ok. With "import" it commits
// one CSV import and prints "import-ack" when it returned. Run as a bundled child process.
import path from 'node:path'
import { createDispatch } from '../../main/dispatch'
import { createServices } from '../../main/services/index'
import { createTestHost } from '../helpers/test-host'

async function main(): Promise<void> {
  const [file, mode, seedText, csv] = process.argv.slice(2)
  const host = createTestHost({ dir: path.dirname(file!) })
  host.chooseImportFile = async () => csv ?? null
  const services = createServices(host)
  const dispatch = createDispatch(services.handlers)
  host.dialogs.open.push(file!)
  const opened = await dispatch('registry.open', {})
  if (!opened.ok) throw new Error(opened.error.message)
  process.stdout.write('ready\n')
  if (mode === 'import') {
    const preview = await dispatch('import.preview', { source: 'dialog' })
    if (!preview.ok) throw new Error(preview.error.message)
    const p = preview.value as { token: string; suggestedMapping: Record<string, string | null> }
    const r = await dispatch('import.commit', { token: p.token, mapping: p.suggestedMapping })
    process.stdout.write(r.ok ? 'import-ack\n' : `import-failed ${r.error.code}\n`)
    return
  }
  // Counters are unique across runs (run number × 1,000,000 + k), so a stored value tells which save wrote it.
  const base = Number(seedText) * 1_000_000
  let seed = Number(seedText)
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
  const paths = ['identity.fullName', 'identity.hospitalNumber', 'patient.notes'] as const
  for (let k = 1; ; k++) {
    const id = 1 + Math.floor(next() * 20)
    const field = paths[Math.floor(next() * paths.length)]!
    const stamp = base + k
    const value = field === 'identity.hospitalNumber' ? `HN-${id}-${stamp}` : `${field === 'identity.fullName' ? 'Name' : 'Note'} ${id} ${stamp}`
    const r = await dispatch('patients.update', { id, path: field, value })
    if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`)
    process.stdout.write(`ack ${id} ${field} ${stamp}\n`)
  }
}

main().catch((err: unknown) => {
  process.stderr.write(String(err) + '\n')
  process.exit(3)
})
