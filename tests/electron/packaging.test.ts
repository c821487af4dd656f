// Checks electron-builder.yml packs here, offline, with a stand-in Electron distribution: the
// real runtime cannot be downloaded on this machine, so `electronDist` points at a folder whose
// "binary" is a tiny script carrying Electron's fuse wire (sentinel + version + 8 fuses), which is
// all electron-builder and @electron/fuses need to do their work. Real packaging (with
// `npm run app:deps` rebuilding better-sqlite3 for Electron's ABI) happens on a machine with internet.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { listPackage } from '@electron/asar'
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { parse as parseYaml } from 'yaml'

const root = path.resolve(__dirname, '../..')
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'

function copyDir(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true, dereference: true })
}

let out: string
let config: Record<string, unknown>

beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'app/dist/main/index.js'))) {
    throw new Error('app/dist is missing: run `npm run build` before this test (npm test does).')
  }
  config = parseYaml(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spinemet-pack-'))
  // Stand-in Electron: a script whose bytes include the fuse wire, all fuses at Electron's defaults.
  const dist = path.join(dir, 'electron-dist')
  fs.mkdirSync(path.join(dist, 'resources'), { recursive: true })
  const wire = Buffer.concat([Buffer.from('#!/bin/sh\n# '), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from('10111100'), Buffer.from('\necho "stand-in electron"\n')])
  fs.writeFileSync(path.join(dist, 'electron'), wire, { mode: 0o755 })
  fs.writeFileSync(path.join(dist, 'LICENSE'), 'stand-in')
  fs.writeFileSync(path.join(dist, 'LICENSES.chromium.html'), 'stand-in')
  // A copy of the project's packaging inputs, with the runtime dependency installed in app/.
  const project = path.join(dir, 'project')
  fs.mkdirSync(path.join(project, 'app', 'node_modules'), { recursive: true })
  fs.copyFileSync(path.join(root, 'app/package.json'), path.join(project, 'app/package.json'))
  copyDir(path.join(root, 'app/dist'), path.join(project, 'app/dist'))
  for (const dep of ['better-sqlite3', 'bindings', 'file-uri-to-path']) {
    copyDir(path.join(root, 'node_modules', dep), path.join(project, 'app/node_modules', dep))
  }
  copyDir(path.join(root, 'build'), path.join(project, 'build'))
  fs.copyFileSync(path.join(root, 'electron-builder.yml'), path.join(project, 'electron-builder.yml'))
  const electronVersion = (JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version
  execFileSync(
    path.join(root, 'node_modules/.bin/electron-builder'),
    ['--linux', 'dir', '--projectDir', project, `-c.electronDist=${dist}`, `-c.electronVersion=${electronVersion}`, '-c.npmRebuild=false'],
    { cwd: project, stdio: 'pipe', env: { ...process.env, ELECTRON_BUILDER_OFFLINE: 'true', CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  )
  out = path.join(project, 'release', 'linux-unpacked')
}, 180_000)

describe('electron-builder.yml packs the app with a stand-in Electron', () => {
  it('packs app/ into resources/app.asar with the built main, preload and renderer and no source maps', () => {
    const asar = path.join(out, 'resources', 'app.asar')
    expect(fs.existsSync(asar)).toBe(true)
    const files = listPackage(asar, { isPack: false }).map((f) => f.replace(/\\/g, '/'))
    expect(files).toContain('/dist/main/index.js')
    expect(files).toContain('/dist/preload/index.js')
    // the engine's worker thread entry (Electron ≥ 18 loads worker scripts from inside the asar)
    expect(files).toContain('/dist/main/engine-worker.js')
    expect(files).toContain('/dist/renderer/index.html')
    expect(files).toContain('/package.json')
    expect(files.some((f) => f.endsWith('.map'))).toBe(false)
    expect(files.some((f) => f.startsWith('/main/') || f.startsWith('/renderer/src'))).toBe(false)
  })

  it('unpacks better-sqlite3 from the asar so its native module can load', () => {
    const unpacked = path.join(out, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
    expect(fs.existsSync(unpacked)).toBe(true)
  })

  it('names the executable after the product and flips the security fuses', async () => {
    const exe = path.join(out, 'spinemet')
    expect(fs.existsSync(exe)).toBe(true)
    const wire = await getCurrentFuseWire(exe)
    const DISABLE = 48
    const ENABLE = 49
    expect(wire[FuseV1Options.RunAsNode]).toBe(DISABLE)
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(DISABLE)
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(DISABLE)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ENABLE)
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ENABLE)
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ENABLE)
  })

  it('declares installers for Linux, Windows and macOS', () => {
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'] })
    expect(config.win).toMatchObject({ target: ['nsis'] })
    expect(config.mac).toMatchObject({ target: ['dmg'] })
    expect(config.directories).toMatchObject({ app: 'app', buildResources: 'build' })
    for (const icon of ['build/icon.ico', 'build/icon.icns', 'build/icons/512x512.png', 'build/entitlements.mac.plist']) {
      expect(fs.existsSync(path.join(root, icon)), icon).toBe(true)
    }
  })

  it('pins the same better-sqlite3 version in app/ and at the root', () => {
    const app = JSON.parse(fs.readFileSync(path.join(root, 'app/package.json'), 'utf8')) as { dependencies: Record<string, string> }
    const rootPkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
    expect(app.dependencies['better-sqlite3']).toBe(rootPkg.devDependencies['better-sqlite3'])
    expect(app.dependencies['better-sqlite3']).toMatch(/^\d+\.\d+\.\d+$/)
  })
})
