// What the built window loads before its first paint (out/renderer/index.html's script and the modules it
// preloads) holds no zod: the window builds no schema (the preload and main check every call), and takes the
// model's and the contract's plain values from shared/model/values.ts and shared/contract/values.ts. Building
// the contract's schemas in the window as well cost its start-up about 110 KB of JS and their construction.
// Reads the build, as main-boot.test.ts does (`npm test` builds before the unit tests).
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const rendererOut = path.resolve(__dirname, '../../out/renderer')

function firstPaintScripts(): string[] {
  const html = readFileSync(path.join(rendererOut, 'index.html'), 'utf8')
  const scripts = [
    ...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g),
    ...html.matchAll(/rel="modulepreload"[^>]*href="([^"]+)"/g)
  ]
  return scripts.map((m) => m[1] as string)
}

describe('the window before its first paint', () => {
  it('loads no zod', () => {
    expect(existsSync(path.join(rendererOut, 'index.html')), 'run "npm run build" first').toBe(true)
    const scripts = firstPaintScripts()
    expect(scripts.length).toBeGreaterThan(1)
    // `_zod` is the property every zod schema keeps its internals under; minifying leaves property names.
    const withZod = scripts.filter((src) => /\b_zod\b/.test(readFileSync(path.join(rendererOut, src), 'utf8')))
    expect(withZod).toEqual([])
  })
})
