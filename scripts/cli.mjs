// `npm run cli` / `npm run demo`: runs the command-line bundle (out/cli/spinemet-cli.cjs) in plain
// Node, so a command starts in a fraction of a second instead of transpiling the sources with tsx
// on every call. `npm run build` writes the bundle; when it is missing or older than a source file
// under main/ (a fresh clone, or sources edited since), it is rebuilt here first with esbuild, which
// takes about a second.
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import v8 from 'node:v8'
import vm from 'node:vm'
import { fileURLToPath } from 'node:url'

// A command runs each of its loops over the rows once, so a loop runs in the interpreter until its
// optimized (OSR) code is ready. Compiled on a background thread (V8's default), that code arrives
// late when the machine is busy, and the loop has meanwhile crawled on; compiled at once it is there
// from the next iteration (measured: Cox at 100 000 rows 0.72 → 0.46 s of CPU). Read by V8 at each
// OSR, so setting it here, before the bundle runs, takes effect.
v8.setFlagsFromString('--no-concurrent-osr')

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bundle = path.join(root, 'out', 'cli', 'spinemet-cli.cjs')

/** Newest modification time of the .ts files under dir (0 when there are none). */
function newestSource(dir) {
  let newest = 0
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p))
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs)
  }
  return newest
}

const built = fs.existsSync(bundle) ? fs.statSync(bundle).mtimeMs : -1
if (built < newestSource(path.join(root, 'main'))) {
  try {
    const { buildCli } = await import('./build-cli.mjs')
    await buildCli()
  } catch (err) {
    process.stderr.write(`spinemet: the command-line bundle ${path.relative(root, bundle)} is ${built < 0 ? 'missing' : 'out of date'} and could not be built (${err instanceof Error ? err.message : String(err)}); run "npm run build" and try again\n`)
    process.exit(1)
  }
}
// One code cache per command: a cache written after `km` also holds the functions km compiled on
// its way, which a cache written after `--version` lacks (they would be compiled on every run).
const command = /^[a-z][a-z-]*$/.test(process.argv[2] ?? '') ? process.argv[2] : 'start'
const { main } = loadWithCodeCache(bundle, command)
process.exitCode = await main(process.argv.slice(2))

/**
 * require(file), with V8's code cache kept beside the bundle (what Node 22's
 * module.enableCompileCache() does; Node 20 lacks it): compiling the 1 MB bundle is most of a
 * cold start. V8 rejects a cache made from other source or by another V8, and it is then rewritten.
 */
function loadWithCodeCache(file, command) {
  const cacheFile = `${file}.${process.versions.v8}.${command}.cache`
  let cachedData
  try {
    cachedData = fs.readFileSync(cacheFile)
  } catch {
    cachedData = undefined
  }
  const source = fs.readFileSync(file, 'utf8')
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData })
  const mod = { exports: {} }
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, path.dirname(file))
  if (cachedData === undefined || script.cachedDataRejected) {
    // After the run, so that the functions compiled on the way are in the cache too.
    process.once('beforeExit', () => {
      try {
        fs.writeFileSync(cacheFile, script.createCachedData())
      } catch {
        // A read-only checkout: run without the cache.
      }
    })
  }
  return mod.exports
}
