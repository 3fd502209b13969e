// `npm start` (and `npm run dev` with --dev): Factdesk in its window, on your library (the sample
// story on first start). It needs the Electron binary; on first use it is fetched where the network
// allows. Without it, this says so plainly and how to get it, instead of a stack trace.
const { spawnSync } = require('node:child_process')
const path = require('node:path')
const { electronBinary } = require('./electron-binary.cjs')

const root = path.resolve(__dirname, '..')
const dev = process.argv.includes('--dev')

function explainMissing(reason) {
  console.error(
    [
      '',
      'Factdesk could not start: its window needs the Electron binary, which is not installed.',
      `  Why: ${reason}`,
      '  Fix: on a machine that can reach the internet, run `npx install-electron` in this folder, then `npm start` again.',
      '       (Or use an installed Factdesk: `npm run package` builds one in release/.)',
      '  Meanwhile `npm test` runs the whole test suite without Electron (the browser driver).',
      ''
    ].join('\n')
  )
  process.exit(1)
}

if (!electronBinary()) {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD)
    explainMissing('ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it was not fetched.')
  console.log('[factdesk] Fetching the Electron binary (first start only)…')
  const fetched = spawnSync(process.execPath, [require.resolve('electron/install.js')], { cwd: root, stdio: 'inherit' })
  if (fetched.status !== 0 || !electronBinary())
    explainMissing('fetching it failed (no network, or the download was refused).')
}

const cli = path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin/electron-vite.js')
const run = spawnSync(process.execPath, [cli, dev ? 'dev' : 'preview'], { cwd: root, stdio: 'inherit' })
process.exit(run.status ?? 1)
