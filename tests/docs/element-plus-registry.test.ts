// Element Plus is registered component by component (renderer/src/element-plus.ts): a component
// used in a template but not registered renders as an unknown element and its screen silently
// misses a dialog, tab or button. This keeps the list and the templates in step.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../../renderer/src')

function vueFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    return e.isDirectory() ? vueFiles(p) : p.endsWith('.vue') ? [p] : []
  })
}

const pascal = (tag: string) => tag.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')

describe('Element Plus registration', () => {
  it('registers every <el-…> component a template uses', () => {
    const registry = fs.readFileSync(path.join(root, 'element-plus.ts'), 'utf8')
    const used = new Set<string>()
    for (const file of vueFiles(root)) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/<el-([a-z0-9-]+)/g)) used.add(`El${pascal(m[1]!)}`)
    }
    expect(used.size).toBeGreaterThan(10)
    const missing = [...used].filter((name) => !new RegExp(`^  ${name},$`, 'm').test(registry))
    expect(missing).toEqual([])
  })
})
