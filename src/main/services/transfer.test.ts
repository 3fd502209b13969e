// Import, re-import, export and verification packages through the real dispatch and store.
import { readdir, readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { appSender, openTestCore, withEditor, type TestCore } from '../testing/test-core'

const fixtures = path.resolve(__dirname, '../import/fixtures')
const asFile = async (name: string) => ({
  fileName: name,
  dataBase64: (await readFile(path.join(fixtures, name))).toString('base64')
})

let t: TestCore
let server: Server
let base = ''
let articleBody = ''

beforeAll(async () => {
  articleBody = await readFile(path.join(fixtures, 'article.html'), 'utf8')
  server = createServer((req, res) => {
    if (req.url === '/article') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(articleBody)
    } else {
      res.writeHead(404, { 'content-type': 'text/html' })
      res.end('<h1>Not found</h1>')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

beforeEach(async () => {
  t = await openTestCore()
  await withEditor(t)
})
afterEach(() => t.cleanup())

const storyCount = async () => (await t.call('stories.list', {})).length

describe('import', () => {
  it('brings in pasted text, every file format and a URL as new stories', async () => {
    const pasted = await t.call('stories.create', { title: 'Headline here', text: 'The mayor said\n40 percent.' })
    expect(pasted.title).toBe('Headline here')
    for (const name of ['story.txt', 'story.md', 'article.html', 'story.docx']) {
      const imported = await t.call('import.file', await asFile(name))
      const detail = await t.call('stories.get', { id: imported.story.id })
      expect(detail.story.text.length, name).toBeGreaterThan(100)
      expect(detail.story.text, name).not.toMatch(/SCRIPT-LEAK|<script/)
      expect(detail.story.origin).toEqual({ kind: 'file', location: name })
    }
    const fromUrl = await t.call('import.url', { url: `${base}/article` })
    const detail = await t.call('stories.get', { id: fromUrl.story.id })
    expect(detail.story.title).toBe('Did the factory closure cost 2,000 jobs?')
    expect(detail.story.origin).toEqual({ kind: 'url', location: `${base}/article` })
    expect(await storyCount()).toBe(7)
  })

  it('gives bad input a coded error and creates nothing', async () => {
    const before = await storyCount()
    const cases: [string, unknown, string][] = [
      ['import.file', await asFile('junk.txt'), 'invalid_input'],
      ['import.file', await asFile('empty.txt'), 'invalid_input'],
      ['import.file', await asFile('damaged.docx'), 'invalid_input'],
      ['import.file', { fileName: 'photo.png', dataBase64: 'iVBORw0KGgo=' }, 'unsupported'],
      ['import.url', { url: `${base}/missing` }, 'network_error'],
      ['import.url', { url: 'file:///etc/passwd' }, 'invalid_input'],
      ['stories.create', { title: 'Blank', text: '   \n\n  ' }, 'invalid_input']
    ]
    for (const [channel, input, code] of cases) {
      const result = await t.core.dispatch(channel, input, appSender)
      expect(result.ok ? 'ok' : result.error.code, `${channel} ${JSON.stringify(input).slice(0, 60)}`).toBe(code)
    }
    expect(await storyCount()).toBe(before)
  })

  it('re-imports a newer version from the same URL as a revision with claims re-anchored', async () => {
    const imported = await t.call('import.url', { url: `${base}/article` })
    const text = (await t.call('stories.get', { id: imported.story.id })).story.text
    const words = text
      .split('\n\n')
      .find((p) => p.length > 80)!
      .slice(0, 60)
    const start = text.indexOf(words)
    await t.call('claims.create', { storyId: imported.story.id, start, end: start + words.length })
    const original = articleBody
    articleBody = articleBody.replace(
      '</h1>',
      '</h1><p>An editor’s note added to the top of the story after publication.</p>'
    )
    try {
      const report = await t.call('stories.reimport', { id: imported.story.id })
      expect(report).toMatchObject({ revision: 2, orphaned: [] })
      expect(report.exact + report.moved).toBe(1)
    } finally {
      articleBody = original
    }
  })
})

describe('export and verification packages', () => {
  it('writes every format to the chosen file and reports what it skipped', async () => {
    const storyId = (await t.call('stories.list', {}))[0]!.id
    t.platform.saveDir = t.dir
    const formats = ['html', 'markdown', 'csv', 'json', 'claimreview'] as const
    for (const format of formats) {
      const result = await t.call('export.report', {
        scope: 'story',
        storyIds: [storyId],
        format,
        options: { includeExcerpts: true, includeActivity: true, includeOrphaned: true, internal: false }
      })
      expect(result.saved, format).toBe(true)
      expect((await readFile(result.path)).byteLength).toBe(result.bytes)
      // The sample story is not signed off, so ClaimReview leaves all of its claims out.
      if (format === 'claimreview')
        expect(result.leftOut).toEqual({ not_signed_off: 3, not_done: 0, no_verdict: 0, needs_recheck: 0, orphaned: 0 })
    }
    expect((await readdir(t.dir)).filter((f) => f.startsWith('factdesk-')).length).toBe(formats.length)
    const progress = t.platform.events.filter((e) => e.event === 'export.progress')
    expect(progress.at(-1)!.payload).toEqual({ phase: 'saving', done: 3, total: 3 })
  })

  it('exports a package that imports into another library once, without duplicates', async () => {
    const storyId = (await t.call('stories.list', {}))[0]!.id
    t.platform.saveDir = t.dir
    const source = await t.call('sources.create', {
      fields: { title: 'Ministry table', url: 'https://example.org/table' }
    })
    const claimId = (await t.call('stories.get', { id: storyId })).claims[0]!.id
    await t.call('evidence.add', {
      storyId,
      claimId,
      sourceId: source.id,
      fields: { excerpt: 'Row 4', stance: 'supports' }
    })
    const exported = await t.call('export.report', {
      scope: 'library',
      storyIds: [],
      format: 'json',
      options: { includeExcerpts: true, includeActivity: true, includeOrphaned: true, internal: false }
    })
    const file = { fileName: 'package.json', dataBase64: (await readFile(exported.path)).toString('base64') }

    const other = await openTestCore()
    try {
      await withEditor(other, 'Second Desk')
      const first = (await other.call('package.import', { file }))!
      expect(first.stories.added).toBe(1)
      expect(first.sources.added).toBe(1)
      const again = (await other.call('package.import', { file }))!
      expect(again.stories).toEqual({ added: 0, merged: 1 })
      expect(again.claims.added).toBe(0)
      expect(again.sources).toEqual({ added: 0, reused: 1 })
      const stories = await other.call('stories.list', {})
      expect(stories.filter((s) => s.id === storyId)).toHaveLength(1)
      const sources = await other.call('sources.list', {})
      expect(sources.filter((s) => s.url === 'https://example.org/table')).toHaveLength(1)
      const imported = await other.call('stories.get', { id: storyId })
      expect(imported.evidence).toHaveLength(1)
      expect(imported.claims).toHaveLength(3)

      await other.call('stories.delete', { id: storyId })
      const fromTrash = (await other.call('package.import', { file }))!
      expect(fromTrash.stories).toEqual({ added: 0, merged: 1 })
      expect(
        (await other.call('stories.list', {})).filter((s) => s.id === storyId && s.deletedAt === null)
      ).toHaveLength(1)

      const broken = await other.core.dispatch(
        'package.import',
        { file: { fileName: 'x.json', dataBase64: Buffer.from('{"format":"nope"}').toString('base64') } },
        appSender
      )
      expect(broken).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    } finally {
      await other.cleanup()
    }
  })
})
