// W3C Web Annotation export and import through dispatch and the store: a round trip onto a fresh copy
// of the story gives the same claims at the same places, a Hypothesis export imports, and hostile or
// invalid files are refused with a code and change nothing.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultVerdictScale, type Claim } from '../../shared/model'

const verdicts = defaultVerdictScale.map((e) => e.id)
import { ANNO_CONTEXT } from '../reports/web-annotation'
import { appSender, openTestCore, withEditor, type TestCore } from '../testing/test-core'

let t: TestCore
beforeEach(async () => {
  t = await openTestCore()
  await withEditor(t, 'Rosa Diaz')
  t.platform.saveDir = t.dir
})
afterEach(() => t.cleanup())

const asFile = (name: string, value: unknown) => ({
  fileName: name,
  dataBase64: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64')
})

async function exportAnnotations(storyId: string, internal = true): Promise<string> {
  const result = await t.call('export.report', {
    scope: 'story',
    storyIds: [storyId],
    format: 'annotations',
    options: { includeExcerpts: true, includeActivity: false, includeOrphaned: true, internal }
  })
  return readFile(result.path, 'utf8')
}

/** What a claim is, for the round trip: its place and what the desk said about it. */
const essence = (c: Claim) => ({
  part: c.anchor.part,
  start: c.anchor.position.start,
  end: c.anchor.position.end,
  words: c.anchor.quote.exact,
  verdict: c.verdict,
  rationale: c.rationale,
  restatement: c.restatement,
  tags: c.tags,
  comments: c.comments.map((m) => m.body)
})
const byPlace = (a: ReturnType<typeof essence>, b: ReturnType<typeof essence>) =>
  a.part.localeCompare(b.part) || a.start - b.start || a.end - b.end

// Repeated words on purpose: the anchoring must tell the two "rose 4 percent" apart by their context.
const TITLE = 'Exports rose 4 percent, ministry says'
const TEXT = [
  'Exports rose 4 percent in March, the ministry said on Tuesday.',
  'Imports rose 4 percent as well, according to the same release.',
  'The minister said the trade deficit had never been smaller.',
  'Economists said the figures would be revised in June.'
].join('\n\n')

describe('W3C Web Annotation export', () => {
  it('is an AnnotationCollection with both selectors, motivations, creator, dates, generator and the story as source', async () => {
    const story = await t.call('stories.create', { title: TITLE, text: TEXT })
    const start = TEXT.indexOf('rose 4 percent as well')
    const claim = await t.call('claims.create', { storyId: story.id, start, end: start + 14 })
    await t.call('claims.update', {
      storyId: story.id,
      claimId: claim.id,
      patch: { verdict: 'false', rationale: 'Imports fell.', tags: ['trade'] }
    })
    await t.call('claims.create', { storyId: story.id, part: 'headline', start: 0, end: 22 })
    const doc = JSON.parse(await exportAnnotations(story.id))
    expect(doc).toMatchObject({ '@context': ANNO_CONTEXT, type: 'AnnotationCollection', total: 2 })
    expect(doc.generator).toMatchObject({ type: 'Software', name: 'Factdesk' })
    const [headline, body] = doc.first.items
    expect(headline.target.selector[0]).toMatchObject({
      type: 'CssSelector',
      value: 'h1',
      refinedBy: { type: 'TextQuoteSelector', exact: 'Exports rose 4 percent' }
    })
    expect(body).toMatchObject({
      type: 'Annotation',
      motivation: 'assessing',
      creator: { type: 'Person', name: 'Rosa Diaz' },
      target: {
        source: `urn:factdesk:story:${story.id}`,
        state: { type: 'TimeState' },
        selector: [
          {
            type: 'TextQuoteSelector',
            exact: 'rose 4 percent',
            prefix: TEXT.slice(start - 32, start),
            suffix: TEXT.slice(start + 14, start + 46)
          },
          { type: 'TextPositionSelector', start, end: start + 14 }
        ]
      }
    })
    expect(body.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ purpose: 'assessing', value: 'False' }),
        expect.objectContaining({ purpose: 'commenting', value: 'Imports fell.' }),
        expect.objectContaining({ purpose: 'tagging', value: 'trade' })
      ])
    )
    expect(typeof body.created).toBe('string')
    expect(typeof body.modified).toBe('string')
  })
})

describe('W3C Web Annotation import', () => {
  it('round trip: export, then import onto a fresh copy of the story, gives the same claims at the same places (property)', async () => {
    const wordStarts = [...TEXT.matchAll(/\S+/g)].map((m) => m.index)
    const claimArb = fc.record({
      from: fc.integer({ min: 0, max: wordStarts.length - 1 }),
      words: fc.integer({ min: 1, max: 6 }),
      verdict: fc.option(fc.constantFrom(...verdicts), { nil: null }),
      rationale: fc.constantFrom('', 'Checked against the release.', 'Line one.\nLine two, with “quotes”.'),
      tags: fc.subarray(['trade', 'march', 'ministry']),
      comment: fc.option(fc.constantFrom('Ask the ministry again.', '<b>not markup</b>'), { nil: null })
    })
    await fc.assert(
      fc.asyncProperty(fc.array(claimArb, { minLength: 1, maxLength: 6 }), fc.boolean(), async (specs, headline) => {
        const original = await t.call('stories.create', { title: TITLE, text: TEXT })
        for (const spec of specs) {
          const start = wordStarts[spec.from]!
          const last = Math.min(spec.from + spec.words, wordStarts.length) - 1
          const end = wordStarts[last]! + TEXT.slice(wordStarts[last]!).search(/\s|$/)
          const made = await t.core.dispatch('claims.create', { storyId: original.id, start, end }, appSender)
          if (!made.ok) continue // the same words twice
          const claimId = (made.value as Claim).id
          await t.call('claims.update', {
            storyId: original.id,
            claimId,
            patch: { verdict: spec.verdict, rationale: spec.rationale, tags: spec.tags }
          })
          if (spec.comment) await t.call('claims.comment', { storyId: original.id, claimId, body: spec.comment })
        }
        if (headline) await t.call('claims.create', { storyId: original.id, part: 'headline', start: 8, end: 22 })
        const file = await exportAnnotations(original.id)
        const copy = await t.call('stories.create', { title: TITLE, text: TEXT })
        const result = await t.call('stories.importAnnotations', { storyId: copy.id, file: asFile('a.jsonld', file) })
        const before = (await t.call('stories.get', { id: original.id })).claims.map(essence).sort(byPlace)
        const after = (await t.call('stories.get', { id: copy.id })).claims.map(essence).sort(byPlace)
        expect(result.orphaned).toEqual([])
        expect(result.placed.every((p) => p.how === 'exact')).toBe(true)
        expect(after).toEqual(before)
      }),
      { numRuns: 12 }
    )
  })

  it('imports a Hypothesis export: notes, tags, a headline quote and replies placed, the cut paragraph and a page note listed as orphaned', async () => {
    await withEditor(t, 'Jonas Berg')
    const story = await t.call('stories.create', {
      title: 'Harbour expansion created 2,000 jobs, mayor says',
      text: 'The expansion of the harbour has created 2,000 new jobs in its first year, the mayor said on Monday.\n\nThe port authority said most of the jobs were in logistics.'
    })
    const bytes = await readFile(path.resolve(__dirname, '../package/testing/hypothesis-export.json'))
    const result = await t.call('stories.importAnnotations', {
      storyId: story.id,
      file: { fileName: 'hypothesis.json', dataBase64: bytes.toString('base64') }
    })
    expect(result.placed.map((p) => p.words)).toEqual([
      'created 2,000 new jobs in its first year',
      'created 2,000 jobs'
    ])
    expect(result.orphaned.map((o) => o.words)).toEqual(['unemployment in the district fell to a record low', ''])
    expect(result.replies).toBe(1)
    const claims = (await t.call('stories.get', { id: story.id })).claims
    const jobs = claims.find((c) => c.anchor.part === 'body')!
    expect(jobs).toMatchObject({ tags: ['jobs', 'port'], verdict: null, orphaned: false })
    const people = (await t.call('library.get', {})).people
    const rosa = people.find((p) => p.name === 'Rosa Diaz')!.id
    const jonas = people.find((p) => p.name === 'Jonas Berg')!.id
    expect(jobs.comments.map((c) => [c.by, c.body])).toEqual([
      [rosa, "The port authority's own report says 1,400. Check the annual report, p. 12."],
      [jonas, 'Agreed, and the 2,000 includes seasonal contracts.']
    ])
    expect(claims.find((c) => c.anchor.part === 'headline')).toMatchObject({ tags: ['headline'] })
    // Importing the same file again places nothing twice.
    const again = await t.call('stories.importAnnotations', {
      storyId: story.id,
      file: { fileName: 'hypothesis.json', dataBase64: bytes.toString('base64') }
    })
    expect(again.placed).toEqual([])
    expect(again.skipped.length).toBeGreaterThanOrEqual(2)
  })

  it('refuses hostile and invalid files with a coded error and changes nothing', async () => {
    const story = await t.call('stories.create', { title: TITLE, text: TEXT })
    const quote = (exact: unknown, more: Record<string, unknown> = {}) => ({
      type: 'Annotation',
      target: { source: 'x', selector: [{ type: 'TextQuoteSelector', exact, ...more }] }
    })
    const collection = (items: unknown[]) => ({
      '@context': ANNO_CONTEXT,
      type: 'AnnotationCollection',
      first: { items }
    })
    const cases: [string, unknown, string][] = [
      ['not JSON', 'this is not { json', 'invalid_input'],
      ['not UTF-8', Buffer.from([0xff, 0xfe, 0x00, 0x7b]).toString('latin1'), 'invalid_input'],
      ['a number', '42', 'invalid_input'],
      ['an unknown object', { hello: 'world' }, 'invalid_input'],
      ['an empty collection', collection([]), 'invalid_input'],
      ['a string as annotation', collection(['Annotation']), 'invalid_input'],
      ['a quote that is a number', collection([quote(12)]), 'invalid_input'],
      ['an empty quote', collection([quote('')]), 'invalid_input'],
      ['an overlong quote', collection([quote('x'.repeat(20_001))]), 'invalid_input'],
      [
        'a negative position',
        collection([
          { ...quote('Exports'), target: { selector: [{ type: 'TextPositionSelector', start: -1, end: 3 }] } }
        ]),
        'invalid_input'
      ],
      [
        'a backwards position',
        collection([{ target: { selector: [{ type: 'TextPositionSelector', start: 9, end: 3 }] } }]),
        'invalid_input'
      ],
      [
        'a body value that is an object',
        collection([{ ...quote('Exports'), body: { value: { a: 1 } } }]),
        'invalid_input'
      ],
      ['an overlong tag', { annotations: [{ ...quote('Exports'), tags: ['t'.repeat(501)] }] }, 'invalid_input'],
      ['too many annotations', { annotations: Array.from({ length: 5_001 }, () => quote('Exports')) }, 'invalid_input'],
      ['a good annotation beside a bad one', collection([quote('Exports rose'), quote(null)]), 'invalid_input']
    ]
    const before = await t.call('stories.get', { id: story.id })
    for (const [what, value, code] of cases) {
      const result = await t.core.dispatch(
        'stories.importAnnotations',
        { storyId: story.id, file: asFile('bad.json', value) },
        appSender
      )
      expect(result.ok ? 'ok' : result.error.code, what).toBe(code)
      if (!result.ok) expect(result.error.message, what).toMatch(/Nothing was changed/)
    }
    const big = await t.core.dispatch(
      'stories.importAnnotations',
      {
        storyId: story.id,
        file: { fileName: 'big.json', dataBase64: Buffer.alloc(10 * 1024 * 1024 + 1, 32).toString('base64') }
      },
      appSender
    )
    expect(big.ok ? 'ok' : big.error.code).toBe('too_large')
    const missing = await t.core.dispatch(
      'stories.importAnnotations',
      { storyId: 'no-such-story', file: asFile('a.json', collection([quote('Exports rose')])) },
      appSender
    )
    expect(missing.ok ? 'ok' : missing.error.code).toBe('not_found')
    const after = await t.call('stories.get', { id: story.id })
    expect(after.claims).toEqual(before.claims)
    expect(after.version).toBe(before.version)
    // Markup and prototype keys in a file are only text: they end up as words or nowhere.
    const odd = await t.call('stories.importAnnotations', {
      storyId: story.id,
      file: asFile(
        'odd.json',
        `{"type":"AnnotationCollection","__proto__":{"polluted":true},"first":{"items":[{"type":"Annotation","constructor":{"prototype":{"x":1}},"body":[{"type":"TextualBody","purpose":"tagging","value":"<script>alert(1)</script>"}],"target":{"selector":{"type":"TextQuoteSelector","exact":"Exports rose 4 percent"}}}]}}`
      )
    })
    expect(odd.placed).toHaveLength(1)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    const placed = (await t.call('stories.get', { id: story.id })).claims[0]!
    expect(placed.tags).toEqual(['<script>alert(1)</script>'])
  })
})
