#!/usr/bin/env node
// Fails when a file of the repository points at material outside it: a private brief, a sibling
// folder, or an absolute path on a developer's machine. The repository must explain itself, so the
// clinical definitions are cited as docs/clinical-reference.md §N and the literature by author and
// year. Usage:
//
//   node scripts/check-no-outside-refs.mjs            # main/ renderer/ docs/ tests/ scripts/ README.md
//   node scripts/check-no-outside-refs.mjs main docs  # only these paths
//   node scripts/check-no-outside-refs.mjs --style    # also flag citations of the private style guide
//
// Prints one line per hit (file:line: text) and exits with 1 when there is any, 0 otherwise.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const self = path.relative(root, fileURLToPath(import.meta.url))

const DEFAULT_PATHS = ['main', 'renderer', 'docs', 'tests', 'scripts', 'README.md']

/** What counts as pointing outside: the private brief by name, a sibling "shared" folder, an absolute work path. */
const PATTERNS = [
  { name: 'domain.md', re: /\bdomain\.md\b/ },
  { name: 'shared/ folder', re: /(^|[\s"'`(<[=:])(\.\.\/)+shared\/|(^|[^\w.-])shared\/(domain|reference|STYLE)\b/ },
  { name: 'absolute /work path', re: /\/work\/(shared|main|wt-[\w-]+)\b/ },
]

/** The private style guide lives beside the brief; its section numbers mean nothing to a reader of the repository. */
const STYLE_PATTERN = { name: 'style guide', re: /\bSTYLE(\.md)?\s*§|\bSTYLE\.md\b/ }

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'release', 'coverage', '.tmp'])
const TEXT_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.vue', '.md', '.json', '.html', '.css', '.yml', '.yaml', '.R', '.r', '.sh', '.txt', '.csv', '.tsv'])

function* files(p) {
  const stat = fs.statSync(p, { throwIfNoEntry: false })
  if (!stat) return
  if (stat.isFile()) {
    yield p
    return
  }
  for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
    if (entry.isDirectory() && SKIP_DIRS.has(entry.name)) continue
    yield* files(path.join(p, entry.name))
  }
}

const args = process.argv.slice(2)
if (args.includes('--style')) PATTERNS.push(STYLE_PATTERN)
const named = args.filter((a) => !a.startsWith('--'))
const targets = named.length > 0 ? named : DEFAULT_PATHS
const hits = []
for (const target of targets) {
  for (const file of files(path.resolve(root, target))) {
    const rel = path.relative(root, file)
    if (rel === self || !TEXT_EXTENSIONS.has(path.extname(file))) continue
    const lines = fs.readFileSync(file, 'utf8').split('\n')
    lines.forEach((line, i) => {
      const found = PATTERNS.filter((p) => p.re.test(line)).map((p) => p.name)
      if (found.length > 0) hits.push(`${rel}:${i + 1}: [${found.join(', ')}] ${line.trim().slice(0, 160)}`)
    })
  }
}

if (hits.length > 0) {
  process.stderr.write(
    `${hits.length} line${hits.length === 1 ? '' : 's'} point outside the repository. ` +
      'Cite docs/clinical-reference.md §N or the literature instead:\n' +
      hits.join('\n') +
      '\n',
  )
  process.exit(1)
}
process.stdout.write(`No references outside the repository in ${targets.join(', ')}.\n`)
