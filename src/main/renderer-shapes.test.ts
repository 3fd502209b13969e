// Small shared shapes, written once: one select component (app/EnumSelect.tsx) that every picker is,
// and one person picker (app/PersonItems.tsx) built on it; no view builds its own Select again.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// Read as text from main's side: renderer code and its tests run without Node.
const rendererDir = path.resolve(__dirname, '../renderer/src')

function views(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return views(full)
    return /\.tsx$/.test(name) && !/\.test\.tsx$/.test(name) ? [full] : []
  })
}

describe('the person picker', () => {
  it('is written once: no other view maps the people into Select items or opens a Select around them', () => {
    const copies = views(rendererDir)
      .filter((file) => path.basename(file) !== 'PersonItems.tsx')
      .filter((file) => {
        const text = readFileSync(file, 'utf8')
        return /<PersonItems\b/.test(text) || /people\.map\([^)]*\)\s*=>\s*\(\s*<Select\.Item/.test(text)
      })
      .map((file) => path.relative(rendererDir, file))
    expect(copies).toEqual([])
    expect(readFileSync(path.join(rendererDir, 'app/PersonItems.tsx'), 'utf8')).toMatch(/export function PersonSelect/)
  })
})

describe('the select component', () => {
  it('is written once: only EnumSelect opens a Radix Select; every other picker is an EnumSelect', () => {
    const copies = views(rendererDir)
      .filter((file) => path.basename(file) !== 'EnumSelect.tsx')
      .filter((file) => /<Select\.(Root|Item|Content|Trigger)\b/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(rendererDir, file))
    expect(copies).toEqual([])
  })
})

describe('layout props', () => {
  it('are never given per breakpoint: the build leaves out Radix Themes breakpoint classes (scripts/build/responsive-css.ts)', () => {
    const responsive = views(rendererDir)
      .filter((file) => /=\{\{\s*(initial|xs|sm|md|lg|xl)\s*:/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(rendererDir, file))
    expect(responsive).toEqual([])
  })
})
