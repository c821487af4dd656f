import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

const alias = {
  '@contract': resolve(import.meta.dirname, 'main/contract'),
  '@domain': resolve(import.meta.dirname, 'main/domain'),
  '@engine': resolve(import.meta.dirname, 'main/engine'),
  '@': resolve(import.meta.dirname, 'renderer/src'),
}

const node = (name: string, include: string[], extra: Record<string, unknown> = {}) => ({
  resolve: { alias },
  test: { name, include, environment: 'node' as const, ...extra },
})

export default defineConfig({
  test: {
    projects: [
      node('engine', ['tests/engine/**/*.test.ts']),
      node('domain', ['tests/domain/**/*.test.ts', 'tests/docs/**/*.test.ts']),
      node('db', ['tests/db/**/*.test.ts']),
      node('services', ['tests/services/**/*.test.ts', 'tests/cli/**/*.test.ts']),
      node('electron', ['tests/electron/**/*.test.ts']),
      {
        plugins: [vue()],
        resolve: { alias },
        test: { name: 'renderer', include: ['tests/renderer/**/*.test.ts'], environment: 'happy-dom' },
      },
      // Drives the built renderer (app/dist/renderer) in Debian's chromium; run `npm run build` first.
      node('e2e', ['tests/e2e/**/*.test.ts'], { testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false }),
    ],
  },
})
