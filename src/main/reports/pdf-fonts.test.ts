// The packaged app carries the fonts the PDF worker reads. The worker (out/main/pdf-worker.js, in
// app.asar as it is here) resolves each font file from its own place, pdf-layout.ts `fontFiles`; in a
// package that finds only what electron-builder put in the app's node_modules: the packages of
// "dependencies" (not "devDependencies"), less what electron-builder.yml's `files` exclude. A font
// that resolves in development only (a devDependency, an excluded weight, a file found outside the
// app) fails here, not in an editor's export.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fontFiles } from './pdf-layout'

const root = path.resolve(__dirname, '../../..')
// electron-builder's own YAML reader and glob matcher (app-builder-lib's), with the options it matches `files` with.
const builder = createRequire(createRequire(path.join(root, 'package.json')).resolve('app-builder-lib/package.json'))
const yaml = builder('js-yaml') as { load(text: string): unknown }
const { Minimatch } = builder('minimatch') as {
  Minimatch: new (pattern: string, options: { dot: boolean }) => { match(path: string): boolean }
}
const { excludedExts } = builder('./out/fileMatcher.js') as { excludedExts: string }

const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
}
const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { files: string[] }
const files = [...new Set(Object.values(fontFiles).flat())]
const packageOf = (file: string): string =>
  file
    .split('/')
    .slice(0, file.startsWith('@') ? 2 : 1)
    .join('/')

describe('the PDF fonts in the packaged app', () => {
  it('each font resolves from the built worker to the app’s own node_modules', () => {
    const worker = path.join(root, 'out/main/pdf-worker.js')
    const resolveFromWorker = createRequire(worker).resolve
    for (const file of files) {
      const resolved = resolveFromWorker(file)
      expect(resolved, file).toBe(path.join(root, 'node_modules', file))
      expect(existsSync(resolved), file).toBe(true)
    }
  })

  it('each font’s package is a dependency, so electron-builder ships it', () => {
    for (const file of files) expect(Object.keys(packageJson.dependencies), file).toContain(packageOf(file))
  })

  it('no pattern of electron-builder.yml’s files, nor its own excluded extensions, leaves a font out', () => {
    const exclusions = [
      ...config.files.filter((p) => p.startsWith('!')).map((p) => p.slice(1)),
      `**/*.{${excludedExts},pdb}`,
      '**/._*'
    ].map((p) => new Minimatch(p, { dot: true }))
    expect(exclusions.length).toBeGreaterThan(2)
    // The patterns do match what they mean to leave out (a weight the writer does not use).
    expect(exclusions.some((m) => m.match('node_modules/@expo-google-fonts/noto-sans-sc/300Light/x.ttf'))).toBe(true)
    for (const file of files)
      expect(
        exclusions.filter((m) => m.match(`node_modules/${file}`)),
        file
      ).toEqual([])
  })
})
