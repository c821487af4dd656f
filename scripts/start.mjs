// npm start: build, then open the SpineMet window with the Electron runtime. Where that runtime
// cannot be had (an offline machine, CI), say so in one sentence and point to the headless
// commands instead of printing a stack trace.
import { spawnSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const electronDir = path.join(root, 'node_modules', 'electron')

function headlessHint() {
  return 'Use the headless commands instead: `npm run demo` (demo registry), `npm run cli -- --help`, `npm test`.'
}

function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt')
  if (!fs.existsSync(pathFile)) return null
  const bin = path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim())
  return fs.existsSync(bin) ? bin : null
}

const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

let bin = electronBinary()
if (!bin && fs.existsSync(path.join(electronDir, 'install.js'))) {
  // Electron ≥ 45 fetches its runtime on first launch; try once, quietly, with a time limit.
  const r = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { cwd: electronDir, stdio: 'ignore', timeout: 120_000 })
  if (r.status === 0) bin = electronBinary()
}
if (!bin) {
  console.error(`SpineMet cannot open its window here: the Electron runtime is not installed and could not be downloaded (this machine is offline). ${headlessHint()}`)
  process.exit(1)
}
const child = spawn(bin, [root], { stdio: 'inherit' })
child.on('exit', (code) => process.exit(code ?? 0))
