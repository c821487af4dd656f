import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

// npm run test:stress: the crash harness, the dispatch fuzzing and the other long proofs.
// Separate from `npm test` (minutes, not seconds); .ci/run runs it after the main suite.
const alias = {
  '@contract': resolve(import.meta.dirname, 'main/contract'),
  '@domain': resolve(import.meta.dirname, 'main/domain'),
  '@engine': resolve(import.meta.dirname, 'main/engine'),
}

export default defineConfig({
  resolve: { alias },
  test: {
    name: 'stress',
    include: ['tests/stress/**/*.stress.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
})
