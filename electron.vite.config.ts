import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { dropResponsiveVariants } from './scripts/build/responsive-css'
import { channelNames, eventNames } from './src/shared/contract'

// Main bundles zod (its CommonJS build is some hundred files, all read and compiled at start-up; bundled, only
// what the schemas use is in one file), lowdb, steno, approx-string-match and the Markdown reader and writer (unified's mdast and
// micromark packages) into its CommonJS output: they are ESM-only, and Node 20 cannot require them. Other
// dependencies stay external and ship in app.asar. `core` is the Electron-free composition root as
// its own entry, so the e2e browser driver and the benchmarks run the very code the app runs.
//
// The preload runs with `sandbox: true`, where `require` serves only `electron`, `events`, `timers`
// and `url`. Being CommonJS is not enough: everything else it imports (zod and the contract) must be
// bundled into the one file, so dependencies are not externalised here. `scripts/check-preload.cjs`
// fails `npm test` if the built preload requires anything else. At load the preload needs only the names of the
// contract's channels and events: they are read from the contract here and written into it, so the contract's
// schemas are built on its first call (src/preload/index.ts); `codeSplitting: false` keeps the lazily loaded
// part in the one file (a chunk would be a require the sandbox refuses), evaluated on first use.
export default defineConfig({
  main: {
    build: {
      externalizeDeps: {
        exclude: [
          'zod',
          'lowdb',
          'steno',
          'approx-string-match',
          'mdast-util-from-markdown',
          'mdast-util-frontmatter',
          'mdast-util-gfm',
          'mdast-util-to-markdown',
          'micromark-extension-frontmatter',
          'micromark-extension-gfm'
        ]
      },
      // The import, embedding, archive and PDF workers are their own files (out/main/import-worker.js,
      // out/main/embed-worker.js, out/main/archive-worker.js, out/main/pdf-worker.js): the parsers, the
      // sentence encoder and the PDF writer (pdfkit, its fonts) load only there.
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          core: resolve('src/main/core.ts'),
          'import-worker': resolve('src/main/import/worker.ts'),
          'embed-worker': resolve('src/main/memory/embed-worker.ts'),
          'archive-worker': resolve('src/main/memory/archive/worker.ts'),
          'pdf-worker': resolve('src/main/reports/pdf-worker.ts')
        }
      }
    }
  },
  preload: {
    define: {
      __FACTDESK_CHANNELS__: JSON.stringify(channelNames),
      __FACTDESK_EVENTS__: JSON.stringify(eventNames)
    },
    build: {
      externalizeDeps: false,
      rollupOptions: {
        external: ['electron'],
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false }
      }
    }
  },
  renderer: {
    root: resolve('src/renderer'),
    resolve: { alias: { '@renderer': resolve('src/renderer/src') } },
    plugins: [react()],
    // Radix Themes' per-breakpoint prop classes are left out (scripts/build/responsive-css.ts).
    css: { postcss: { plugins: [dropResponsiveVariants()] } },
    // FACTDESK_NO_MINIFY=1 keeps function names in the bundle, for reading a CPU profile of the renderer.
    build: {
      minify: process.env.FACTDESK_NO_MINIFY !== '1',
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } }
    }
  }
})
