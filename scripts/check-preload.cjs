// Build check: the sandboxed preload may only require what Electron's sandbox serves. With
// `sandbox: true`, `require` in a preload knows `electron`, `events`, `timers` and `url` (and their
// `node:` forms are NOT among them); anything else throws, the bridge is never exposed and the
// window opens blank. Run after `npm run build`; exits 1 naming each offending require.
const fs = require('node:fs')
const path = require('node:path')

const allowed = new Set(['electron', 'events', 'timers', 'url'])

function offendingRequires(source) {
  const found = []
  const pattern = /\brequire\s*\(\s*([^)]*?)\s*\)/g
  for (const match of source.matchAll(pattern)) {
    const arg = match[1]
    const literal = /^(['"`])([^'"`]+)\1$/.exec(arg)
    if (!literal) found.push(`require(${arg.slice(0, 60)}) (not a string literal)`)
    else if (!allowed.has(literal[2])) found.push(`require("${literal[2]}")`)
  }
  return found
}

function main() {
  const dir = path.resolve(__dirname, '../out/preload')
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.(c?js|mjs)$/.test(f)) : []
  if (files.length === 0) {
    console.error(`[check-preload] no built preload in ${dir}: run "npm run build" first`)
    process.exit(1)
  }
  const problems = files.flatMap((file) =>
    offendingRequires(fs.readFileSync(path.join(dir, file), 'utf8')).map((p) => `${file}: ${p}`)
  )
  if (problems.length > 0) {
    console.error(
      `[check-preload] the sandboxed preload requires modules Electron's sandbox does not serve (only ${[...allowed].join(', ')}):`
    )
    for (const p of problems) console.error(`  ${p}`)
    console.error('Bundle them into the preload (electron.vite.config.ts, preload.build.externalizeDeps: false).')
    process.exit(1)
  }
  console.log(`[check-preload] ${files.join(', ')}: only ${[...allowed].join(', ')} required`)
}

if (require.main === module) main()
module.exports = { offendingRequires }
