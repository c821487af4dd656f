import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

const root = __dirname
const alias = {
  '@contract': resolve(root, 'main/contract'),
  '@domain': resolve(root, 'main/domain'),
  '@engine': resolve(root, 'main/engine'),
}

// One build for the three processes, written into app/ (electron-builder's application directory).
export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'app/dist/main',
      // better-sqlite3 is a native module: it must be required from app/node_modules at run time.
      externalizeDeps: { include: ['better-sqlite3'] },
      rollupOptions: {
        input: {
          index: resolve(root, 'main/index.ts'),
          'engine-worker': resolve(root, 'main/worker/engine-worker.ts'),
        },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'app/dist/preload',
      // A sandboxed preload cannot require files, so everything (zod-free) is bundled into one CJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    resolve: { alias: { ...alias, '@': resolve(root, 'renderer/src') } },
    plugins: [vue()],
    build: {
      outDir: resolve(root, 'app/dist/renderer'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 4096,
      // report.html: the printed documents' own small entry (renderer/src/report/main.ts).
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html'), report: resolve(root, 'renderer/report.html') } },
    },
  },
})
