// One person picker: every Select that offers the desk's people is PersonSelect (app/PersonItems.tsx);
// no view builds its own Select over the people again.
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
