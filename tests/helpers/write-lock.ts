// A second process that takes a registry's write lock (BEGIN IMMEDIATE and a write), says so, and
// commits after `ms`: another writer, as a command-line import is to the app. `released` resolves
// once that process has exited, with the time (Date.now() in the child) it committed.
import { spawn } from 'node:child_process'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '../..')

export function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<number> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    db.prepare("UPDATE registry_meta SET value = value WHERE key = 'registry_id'").run();
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); process.stdout.write('released ' + Date.now() + '\\n'); process.exit(0) }, Number(process.argv[2]));
  `
  const child = spawn(process.execPath, ['-e', script, file, String(ms)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  let releasedAt = 0
  const released = new Promise<number>((resolve) => child.on('exit', () => resolve(releasedAt)))
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      const text = d.toString()
      const at = /released (\d+)/.exec(text)?.[1]
      if (at) releasedAt = Number(at)
      if (text.includes('locked')) resolve({ released })
    })
    child.on('error', reject)
  })
}
