import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

// Main bundles lowdb, steno and approx-string-match (ESM-only) into its CommonJS output; other dependencies stay external.
// The preload is CommonJS so it runs with `sandbox: true`.
export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: ['lowdb', 'steno', 'approx-string-match'] },
      // The import worker is its own file (out/main/import-worker.js): the parsers load only there.
      rollupOptions: { input: { index: resolve('src/main/index.ts'), 'import-worker': resolve('src/main/import/worker.ts') } }
    }
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve('src/renderer'),
    resolve: { alias: { '@renderer': resolve('src/renderer/src') } },
    plugins: [react()],
    build: { rollupOptions: { input: { index: resolve('src/renderer/index.html') } } }
  }
})
