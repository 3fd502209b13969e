// Importing an archive of earlier checks through the real dispatch, store and archive worker: CSV with a
// column mapping, ClaimReview JSON-LD (a page, a feed, the Fact Check Tools list) and another library's
// verification package; the checks are found by "Checked before" with their origin, survive a restart,
// and bad files are refused with a code while what was saved stays.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import fc from 'fast-check'
import Papa from 'papaparse'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appSender, openTestCore, withEditor, type TestCore } from '../../testing/test-core'
import { parseArchive } from './parse'

let t: TestCore

beforeEach(async () => {
  t = await openTestCore()
  await withEditor(t, 'Rosa Diaz')
})
afterEach(() => t.cleanup())

const file = (fileName: string, text: string | Buffer) => ({
  fileName,
  dataBase64: Buffer.from(text).toString('base64')
})

const csv = [
  'Statement,Rating,Published,Link,Notes',
  '"The city spent $4 million on the new stadium roof",False,2024-03-02,https://checks.example.org/roof,x',
  '"Unemployment in the region fell to 3.1 percent in May",Mostly true,2024-06-20,https://checks.example.org/jobs,y',
  ',Empty,2024-01-01,https://checks.example.org/empty,z'
].join('\n')
const columns = { claim: 'Statement', verdict: 'Rating', date: 'Published', url: 'Link' }

async function failure(channel: string, input: unknown): Promise<{ code: string; message: string }> {
  const result = await t.core.dispatch(channel, input, appSender)
  if (result.ok) throw new Error(`${channel} did not fail`)
  return result.error
}

const archiveBytes = () => readFile(path.join(t.dir, 'archive.json'))

/** Every file under `dir` with its bytes and modification time. */
async function snapshot(dir: string): Promise<Record<string, { bytes: string; modified: number }>> {
  const out: Record<string, { bytes: string; modified: number }> = {}
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name)
    const info = await stat(file)
    out[path.relative(dir, file)] = {
      bytes: entry.isFile() ? (await readFile(file)).toString('base64') : 'folder',
      modified: info.mtimeMs
    }
  }
  return out
}

describe('archive import', () => {
  it('imports a CSV with the columns the editor chose, finds its checks with their origin, and keeps them after a restart', async () => {
    const preview = await t.call('memory.archivePreview', { file: file('checks.csv', csv) })
    expect(preview).toMatchObject({
      format: 'csv',
      columns: ['Statement', 'Rating', 'Published', 'Link', 'Notes'],
      guess: { claim: 'Statement', verdict: 'Rating', date: 'Published', url: 'Link' }
    })
    const result = await t.call('memory.archiveImport', { file: file('checks.csv', csv), columns })
    expect(result).toEqual({ added: 2, alreadyThere: 0, skipped: 1, total: 2 })
    const progress = t.platform.events.filter((e) => e.event === 'memory.archiveProgress').map((e) => e.payload)
    expect(progress).toContainEqual({ stage: 'reading', done: 3, total: 3 })
    // Indexing in two halves: the worker prepares each check, then main adds them to its index.
    expect(progress).toContainEqual({ stage: 'indexing', done: 2, total: 4 })
    expect(progress).toContainEqual({ stage: 'indexing', done: 4, total: 4 })

    const lookFor = async () =>
      (await t.call('memory.search', { query: 'Did the city spend 4 million dollars on the stadium roof?' }))[0]
    const found = await lookFor()
    expect(found).toMatchObject({
      storyId: 'archive',
      quote: 'The city spent $4 million on the new stadium roof',
      checkedAt: '2024-03-02T00:00:00.000Z',
      verdict: null,
      imported: { url: 'https://checks.example.org/roof', origin: 'checks.csv', rating: 'False' }
    })
    // A reference, not a claim of this library: it cannot be copied onto a claim.
    const text = 'The mayor said the city spent $4 million on the new stadium roof.'
    const story = await t.call('stories.create', { title: 'Roof', text })
    const start = text.indexOf('the city spent')
    const claim = await t.call('claims.create', { storyId: story.id, start, end: text.length - 1 })
    const matches = await t.call('memory.matches', { storyId: story.id, claimId: claim.id })
    expect(matches[0]?.imported?.url).toBe('https://checks.example.org/roof')
    const reuse = await failure('memory.reuse', {
      storyId: story.id,
      claimId: claim.id,
      fromStoryId: 'archive',
      fromClaimId: found!.claimId
    })
    expect(reuse.code).toBe('read_only')

    await t.restart()
    expect(await lookFor()).toMatchObject({ imported: { origin: 'checks.csv' } })
    expect(await t.call('memory.archives', {})).toMatchObject([
      { fileName: 'checks.csv', format: 'csv', added: 2, skipped: 1 }
    ])
    // The same archive again adds nothing.
    expect(await t.call('memory.archiveImport', { file: file('checks.csv', csv), columns })).toEqual({
      added: 0,
      alreadyThere: 2,
      skipped: 1,
      total: 2
    })
  })

  it('reads ClaimReview from a page, a data feed and the Fact Check Tools list, with rating, date, URL and publisher', async () => {
    const review = (claim: string, url: string) => ({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url,
      claimReviewed: claim,
      datePublished: '2023-11-05',
      author: { '@type': 'Organization', name: 'Example Checks' },
      reviewRating: { '@type': 'Rating', ratingValue: 1, alternateName: 'False' },
      itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: 'A. Senator' } }
    })
    const page = `<html><head><script type="application/ld+json">${JSON.stringify(
      review('Vaccines contain microchips for tracking people', 'https://example.org/chips')
    )}</script><script type="application/ld+json">not json</script></head><body></body></html>`
    const feed = {
      '@context': 'https://schema.org',
      '@type': 'DataFeed',
      dataFeedElement: [
        { '@type': 'DataFeedItem', item: [review('The river flooded 40 homes in 2022', 'https://example.org/river')] }
      ]
    }
    const api = {
      claims: [
        {
          text: 'The bridge cost twice its budget',
          claimDate: '2022-01-01T00:00:00Z',
          claimReview: [
            {
              publisher: { name: 'Bridge Watch', site: 'example.net' },
              url: 'https://example.net/bridge',
              title: 'Bridge costs',
              reviewDate: '2022-02-03T00:00:00Z',
              textualRating: 'Misleading'
            }
          ]
        }
      ]
    }
    expect(await t.call('memory.archivePreview', { file: file('page.html', page) })).toEqual({ format: 'claimreview' })
    for (const [name, content] of [
      ['page.html', page],
      ['feed.json', JSON.stringify(feed)],
      ['api.json', JSON.stringify(api)]
    ] as const)
      expect((await t.call('memory.archiveImport', { file: file(name, content) })).added, name).toBe(1)
    const [chips] = await t.call('memory.search', { query: 'microchips in vaccines track people' })
    expect(chips).toMatchObject({
      checkedAt: '2023-11-05T00:00:00.000Z',
      imported: { url: 'https://example.org/chips', origin: 'Example Checks', rating: 'False' }
    })
    const [bridge] = await t.call('memory.search', { query: 'the bridge cost twice the budget' })
    expect(bridge).toMatchObject({
      storyTitle: 'Bridge costs',
      imported: { origin: 'Bridge Watch', rating: 'Misleading', url: 'https://example.net/bridge' }
    })
  })

  it("reads another library's checked claims from its verification package", async () => {
    const other = await openTestCore()
    try {
      await withEditor(other, 'Second Desk')
      const text = 'The port handled 9 million containers last year, the authority said.'
      const story = await other.call('stories.create', { title: 'Port traffic', text })
      const claim = await other.call('claims.create', { storyId: story.id, start: 4, end: text.indexOf(' last year') })
      await other.call('claims.update', { storyId: story.id, claimId: claim.id, patch: { verdict: 'misleading' } })
      other.platform.saveDir = other.dir
      const exported = await other.call('export.report', {
        scope: 'library',
        storyIds: [],
        format: 'json',
        options: { includeExcerpts: true, includeActivity: false, includeOrphaned: true, internal: false }
      })
      const pkg = file('desk-b.json', await readFile(exported.path))
      expect(await t.call('memory.archivePreview', { file: pkg })).toEqual({ format: 'package' })
      const result = await t.call('memory.archiveImport', { file: pkg })
      expect(result.added).toBeGreaterThanOrEqual(1)
      const [found] = await t.call('memory.search', { query: 'port handled 9 million containers' })
      expect(found).toMatchObject({
        quote: 'port handled 9 million containers',
        storyTitle: 'Port traffic',
        imported: { origin: 'Factdesk package desk-b.json', rating: 'Misleading' }
      })
    } finally {
      await other.cleanup()
    }
  })

  it("reads another library's folder without writing to it, and imports its checked claims once", async () => {
    const other = await openTestCore()
    try {
      await withEditor(other, 'Sam Okafor')
      const text = 'The port handled 9 million containers in 2023. Rents rose 8 percent. The mayor opened a bridge.'
      const story = await other.call('stories.create', { title: 'Harbour year', text })
      const mark = async (words: string, verdict: 'accurate' | 'false' | null) => {
        const start = text.indexOf(words)
        const claim = await other.call('claims.create', { storyId: story.id, start, end: start + words.length })
        if (verdict) await other.call('claims.update', { storyId: story.id, claimId: claim.id, patch: { verdict } })
      }
      await mark('The port handled 9 million containers in 2023', 'accurate')
      await mark('Rents rose 8 percent', 'false')
      await mark('The mayor opened a bridge', null)
      await other.core.close()
      const before = await snapshot(other.dir)

      // The editor cancels the dialog: nothing happens.
      expect(await t.call('memory.archiveImportLibrary', {})).toBeNull()
      // The library open now is not an archive of itself.
      t.platform.libraryFolder = t.dir
      expect((await failure('memory.archiveImportLibrary', {})).code).toBe('invalid_input')

      t.platform.libraryFolder = other.dir
      expect(await t.call('memory.archiveImportLibrary', {})).toEqual({
        added: 2,
        alreadyThere: 0,
        skipped: 0,
        total: 2
      })
      const [found] = await t.call('memory.search', { query: 'port handled 9 million containers' })
      expect(found).toMatchObject({
        storyId: 'archive',
        storyTitle: 'Harbour year',
        quote: 'The port handled 9 million containers in 2023',
        imported: { origin: `Factdesk library ${path.basename(other.dir)}`, rating: 'Accurate' }
      })
      expect(await t.call('memory.archives', {})).toMatchObject([{ format: 'library', added: 2 }])
      // Again: nothing new.
      expect(await t.call('memory.archiveImportLibrary', {})).toMatchObject({ added: 0, alreadyThere: 2 })
      // Not a byte, a file or a lock was written there.
      expect(await snapshot(other.dir)).toEqual(before)
      // A folder that is not a library is refused with a code, and what was saved stays.
      const saved = await archiveBytes()
      t.platform.libraryFolder = path.join(other.dir, 'stories')
      expect((await failure('memory.archiveImportLibrary', {})).code).toBe('invalid_input')
      expect((await archiveBytes()).equals(saved)).toBe(true)
    } finally {
      await other.cleanup().catch(() => undefined)
    }
  })

  it('refuses bad archives with a code and keeps every check saved before', async () => {
    await t.call('memory.archiveImport', { file: file('checks.csv', csv), columns })
    const saved = await archiveBytes()
    const bad: [string, unknown, string][] = [
      ['memory.archiveImport', { file: file('broken.json', '{"@type": "ClaimReview", ') }, 'invalid_input'],
      ['memory.archiveImport', { file: file('none.json', '{"hello": "world"}') }, 'invalid_input'],
      ['memory.archiveImport', { file: file('page.html', '<html><body>No data</body></html>') }, 'invalid_input'],
      ['memory.archiveImport', { file: file('checks.csv', csv), columns: { claim: 'Nope' } }, 'invalid_input'],
      [
        'memory.archiveImport',
        { file: file('blank.csv', 'Claim,Rating\n  ,False\n"",True\n'), columns: { claim: 'Claim' } },
        'invalid_input'
      ],
      ['memory.archiveImport', { file: file('checks.csv', csv) }, 'invalid_input'],
      [
        'memory.archiveImport',
        {
          file: file('latin1.csv', Buffer.from([0x43, 0x6c, 0x61, 0x69, 0x6d, 0x0a, 0xe9, 0xff])),
          columns: { claim: 'Claim' }
        },
        'invalid_input'
      ],
      ['memory.archiveImport', { file: file('photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47])) }, 'unsupported'],
      ['memory.archivePreview', { file: file('empty.csv', '') }, 'invalid_input']
    ]
    for (const [channel, input, code] of bad)
      expect((await failure(channel, input)).code, JSON.stringify(input).slice(0, 80)).toBe(code)
    expect((await archiveBytes()).equals(saved)).toBe(true)
    await t.restart()
    expect((await t.call('memory.search', { query: 'stadium roof 4 million' }))[0]?.imported?.origin).toBe('checks.csv')
  })

  it('restores a damaged archive.json from its backup, says so with the true counts, and loses no check', async () => {
    await t.call('memory.archiveImport', { file: file('checks.csv', csv), columns })
    const saved = await archiveBytes()
    await t.restart()
    // Torn in the middle, as a crash or a sync tool might leave it.
    await writeFile(path.join(t.dir, 'archive.json'), saved.subarray(0, saved.length >> 1))
    t.platform.events.length = 0
    const found = await t.call('memory.search', { query: 'stadium roof 4 million' })
    expect(found[0]?.imported?.origin).toBe('checks.csv')
    const notices = t.platform.events.filter((e) => e.event === 'store.recovered').map((e) => e.payload)
    expect(notices).toEqual([
      expect.objectContaining({
        kind: 'quarantined',
        movedTo: expect.stringContaining(`${path.sep}recovered${path.sep}`)
      }),
      expect.objectContaining({
        kind: 'recovered_from_backup',
        file: path.join(t.dir, 'archive.json'),
        message: expect.stringContaining('It holds 2 imported checks from 1 import.')
      })
    ])
    expect((await t.call('library.get', {})).notices).toEqual(expect.arrayContaining(notices))
    // The backup was written back: after another restart nothing is said and every check is there.
    expect(JSON.parse((await archiveBytes()).toString())).toEqual(JSON.parse(saved.toString()))
    await t.restart()
    t.platform.events.length = 0
    expect(await t.call('memory.archives', {})).toMatchObject([{ fileName: 'checks.csv', added: 2 }])
    expect(t.platform.events.filter((e) => e.event === 'store.recovered')).toEqual([])
  })

  it('is cancelled while reading: the import fails with cancelled and nothing of it is kept', async () => {
    const rows = Array.from(
      { length: 150_000 },
      (_, i) => `"Claim number ${i} about the harbour",False,https://x.example/${i}`
    )
    const big = file('big.csv', ['Claim,Rating,URL', ...rows].join('\n'))
    const importing = t.core.dispatch('memory.archiveImport', { file: big, columns: { claim: 'Claim' } }, appSender)
    // Waits for the worker's first word of progress (state, not time), then cancels.
    while (!t.platform.events.some((e) => e.event === 'memory.archiveProgress'))
      await new Promise((resolve) => setImmediate(resolve))
    expect(await t.call('memory.archiveCancel', {})).toEqual({ cancelled: 1 })
    const result = await importing
    expect(result.ok ? null : result.error.code).toBe('cancelled')
    expect(await t.call('memory.archives', {})).toEqual([])
    expect(await t.call('memory.search', { query: 'Claim number 5 about the harbour' })).toEqual([])
  })
})

describe('archive parsing', () => {
  it('reads every CSV row with words in the claim column, whatever quotes, commas and line breaks it holds', () => {
    const cell = fc.string({ maxLength: 40 })
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 30 }), (rows) => {
        const text = Papa.unparse({ fields: ['claim', 'verdict'], data: rows })
        const wanted = new Set(rows.map(([c]) => c.replace(/\s+/g, ' ').trim()).filter(Boolean))
        let parsed
        try {
          parsed = parseArchive({ fileName: 'x.csv', text, columns: { claim: 'claim', verdict: 'verdict' } })
        } catch (error) {
          // Only an archive with no claim's words at all is refused.
          expect(wanted.size).toBe(0)
          expect((error as { code?: string }).code).toBe('invalid_input')
          return
        }
        expect(new Set(parsed.checks.map((c) => c.claim))).toEqual(wanted)
        for (const c of parsed.checks) {
          const row = rows.find(([claim]) => claim.replace(/\s+/g, ' ').trim() === c.claim)
          expect(
            rows
              .filter(([claim]) => claim.replace(/\s+/g, ' ').trim() === c.claim)
              .map(([, v]) => v.replace(/\s+/g, ' ').trim())
          ).toContain(c.rating)
          expect(row).toBeDefined()
        }
      })
    )
  })
})
