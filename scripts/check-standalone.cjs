// A clean clone with nothing beside it must pass `npm test`: no test, spec or test helper may read a path
// outside the repository (../shared holds the benchmarks' large data sets; tests use test/fixtures).
const { readdirSync, readFileSync, statSync } = require('node:fs')
const path = require('node:path')

const root = path.resolve(__dirname, '..')
const roots = ['src', 'e2e', 'test']
const isTestCode = (file) =>
  /\.(test|spec)\.tsx?$/.test(file) || /[\\/](testing|support)[\\/]/.test(file) || file.startsWith('e2e')
const outside =
  /\.\.[\\/]shared[\\/](fixtures|datasets)|['"`]\.\.['"`],\s*['"`]shared['"`]|join\([^)]*['"`]\.\.\/shared/

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) yield* files(full)
    else if (/\.(ts|tsx|cjs|mjs|js)$/.test(name)) yield full
  }
}

const offenders = []
for (const top of roots) {
  let dir
  try {
    dir = statSync(path.join(root, top)).isDirectory() ? path.join(root, top) : null
  } catch {
    dir = null
  }
  if (!dir) continue
  for (const file of files(dir)) {
    const rel = path.relative(root, file)
    if (!isTestCode(rel)) continue
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (outside.test(line)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`)
      })
  }
}
if (offenders.length > 0) {
  console.error('Tests must not read outside the repository (copy what they need into test/fixtures):')
  for (const o of offenders) console.error(`  ${o}`)
  process.exit(1)
}
console.log('check:standalone: no test reads outside the repository')
