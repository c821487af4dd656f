// Bundles the command line (main/cli/bin.ts) into one CommonJS file for plain Node:
// out/cli/spinemet-cli.cjs. better-sqlite3 stays external: it is a native module, required at run
// time from the root node_modules (built for Node; app/node_modules holds Electron's build).
// Run by `npm run build`, and by scripts/cli.mjs when the bundle is missing or stale.
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

// @stdlib's inverse incomplete gamma/beta log through the `debug` package, which loads node:tty at
// start-up (tens of ms on every call); its output is only ever seen with DEBUG=… set, so a no-op.
const noDebug = {
  name: 'no-debug',
  setup(b) {
    b.onResolve({ filter: /^debug$/ }, () => ({ path: 'debug', namespace: 'no-debug' }))
    b.onLoad({ filter: /.*/, namespace: 'no-debug' }, () => ({ contents: 'module.exports = () => Object.assign(() => {}, { enabled: false })', loader: 'js' }))
  },
}

export async function buildCli() {
  // The engine worker beside the CLI: services look for engine-worker.js next to the running bundle
  // (main/services/engine-jobs.ts defaultEngineWorker), as in the app's app/dist/main.
  await Promise.all([bundle('bin.ts', 'spinemet-cli.cjs'), bundle('../worker/engine-worker.ts', 'engine-worker.js')])
}

function bundle(entry, outName) {
  return build({
    entryPoints: [path.join(root, 'main', 'cli', entry)],
    outfile: path.join(root, 'out', 'cli', outName),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    tsconfig: path.join(root, 'tsconfig.node.json'),
    external: ['better-sqlite3', 'playwright-core'],
    // import() becomes a lazy require(): scripts/cli.mjs runs the bundle through vm.Script, which
    // has no dynamic-import hook (main/print/chromium.ts loads playwright-core only when printing).
    supported: { 'dynamic-import': false },
    minify: true,
    keepNames: true,
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [noDebug],
  })
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildCli()
