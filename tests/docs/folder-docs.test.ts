// The repository explains itself: every top-level folder has a README saying what lives there and
// what it may import, and the repository paths the documents name exist (a renamed file cannot
// leave a document pointing at nothing).
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(__dirname, '../..')

const FOLDERS = ['main/contract', 'main/db', 'main/domain', 'main/engine', 'main/services', 'main/cli', 'main/electron', 'main/worker', 'renderer', 'tests']

const DOCUMENTS = ['docs/architecture.md', 'docs/clinical-reference.md', ...FOLDERS.map((f) => `${f}/README.md`)]

/**
 * Paths the documents name as being built (marked "in progress" there). When one of them is
 * created this list can lose it; a path here that exists is harmless.
 */
const PLANNED = new Set(['renderer/src/report', 'main/services/reports.ts', 'main/electron/pdf.ts', 'main/services/study'])

/** Build output and installed packages: named by the documents, never in the repository. */
const GENERATED = ['app/dist', 'app/node_modules', 'release']

/** Backticked tokens that look like repository paths: contain "/", no spaces, no URL, no alias. */
function pathTokens(text: string): string[] {
  return [...text.matchAll(/`([^`\s]+)`/g)]
    .map((m) => m[1]!)
    .filter((t) => t.includes('/') && !t.includes('://') && !t.startsWith('@') && !t.includes('<') && !/^\d/.test(t))
    .map((t) => t.replace(/\*.*$/, '').replace(/\/$/, ''))
}

describe('every top-level folder explains itself', () => {
  it.each(FOLDERS)('%s/README.md says what lives there and what it may import', (folder) => {
    const file = path.join(ROOT, folder, 'README.md')
    expect(fs.existsSync(file), `${folder}/README.md exists`).toBe(true)
    const text = fs.readFileSync(file, 'utf8')
    expect(text.startsWith(`# ${folder}`)).toBe(true)
    expect(text).toMatch(/\*\*May import:\*\*|may import/)
  })
})

describe('the paths the documents name exist', () => {
  it.each(DOCUMENTS)('%s', (doc) => {
    const text = fs.readFileSync(path.join(ROOT, doc), 'utf8')
    const dir = path.dirname(doc)
    const missing = pathTokens(text).filter((t) => {
      if (GENERATED.some((g) => t === g || t.startsWith(`${g}/`))) return false
      if (PLANNED.has(t) || PLANNED.has(path.posix.join(dir, t))) return false
      return !fs.existsSync(path.join(ROOT, t)) && !fs.existsSync(path.join(ROOT, dir, t))
    })
    expect(missing).toEqual([])
  })

  it.each(DOCUMENTS)('%s: relative links resolve', (doc) => {
    const text = fs.readFileSync(path.join(ROOT, doc), 'utf8')
    const links = [...text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l))
    const broken = links.filter((l) => !fs.existsSync(path.resolve(ROOT, path.dirname(doc), l)))
    expect(broken).toEqual([])
  })
})
