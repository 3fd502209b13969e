// The built renderer's server (app:// in Electron, the browser driver's static server): each file read
// from disk once, the hashed assets cacheable, the page itself revalidated, nothing outside the folder.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rendererFileServer } from './renderer-files'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-renderer-files-'))
  await mkdir(path.join(dir, 'assets'))
  await writeFile(path.join(dir, 'index.html'), '<p>first page</p>')
  await writeFile(path.join(dir, 'assets', 'index-abc123.js'), 'export const first = 1')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const text = (body: Buffer | string): string => body.toString()

describe('rendererFileServer', () => {
  it('reads each file once and answers later requests from memory (a reload reads nothing from disk)', async () => {
    const serve = rendererFileServer(dir)
    expect(text((await serve('/index.html')).body)).toBe('<p>first page</p>')
    expect(text((await serve('/assets/index-abc123.js')).body)).toBe('export const first = 1')
    await rm(path.join(dir, 'index.html'))
    await writeFile(path.join(dir, 'assets', 'index-abc123.js'), 'export const changed = 2')
    expect(text((await serve('/')).body)).toBe('<p>first page</p>')
    expect(text((await serve('/assets/index-abc123.js')).body)).toBe('export const first = 1')
  })

  it('asks the disk again for a file it could not read', async () => {
    const serve = rendererFileServer(dir)
    expect((await serve('/assets/later.js')).status).toBe(404)
    await writeFile(path.join(dir, 'assets', 'later.js'), 'export {}')
    const later = await serve('/assets/later.js')
    expect(later.status).toBe(200)
    expect(text(later.body)).toBe('export {}')
  })

  it("lets the page's caches keep the hashed assets, revalidates the page, and stores no refusal", async () => {
    const serve = rendererFileServer(dir)
    const asset = await serve('/assets/index-abc123.js')
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/)
    expect(asset.headers['content-security-policy']).toContain("default-src 'none'")
    expect((await serve('/index.html')).headers['cache-control']).toBe('no-cache')
    const outside = await serve('/..%2f..%2fetc%2fpasswd')
    expect(outside.status).toBe(403)
    expect(outside.headers['cache-control']).toBe('no-store')
    expect((await serve('/assets/missing.js')).headers['cache-control']).toBe('no-store')
  })
})
