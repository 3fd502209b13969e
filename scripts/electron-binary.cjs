// Where the installed Electron binary is, without side effects: `require('electron')` tries to
// download a missing binary (Electron 45+), which machines without network access must never do.
const fs = require('node:fs')
const path = require('node:path')

function electronBinary() {
  let dir
  try {
    dir = path.dirname(require.resolve('electron/package.json'))
  } catch {
    return null
  }
  const pathFile = path.join(dir, 'path.txt')
  if (!fs.existsSync(pathFile)) return null
  const relative = fs.readFileSync(pathFile, 'utf8').trim()
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(dir, 'dist')
  const binary = path.join(distDir, relative)
  return fs.existsSync(binary) ? binary : null
}

module.exports = { electronBinary }
