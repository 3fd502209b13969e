// The data desk's export: a claim filter across the library (status, verdict, editor, days, tag,
// story), previewed by export.claims and written as CSV by export.report, through dispatch and the store.
import { readFile } from 'node:fs/promises'
import fc from 'fast-check'
import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anyClaim, type ClaimFilter } from '../../shared/contract'
import { defaultVerdictScale, workflowStages, type Claim } from '../../shared/model'

const verdicts = defaultVerdictScale.map((e) => e.id)
const claimStatuses = workflowStages
import { appSender, openTestCore, withEditor, type TestCore } from '../testing/test-core'

let t: TestCore
/** The clock the core reads: each day of the setup is a day later. */
let clock = new Date('2026-11-01T10:00:00Z')
const editors: string[] = []
const stories: { id: string; title: string }[] = []
const claims: (Claim & { verdictBy: string | null })[] = []
const tags = ['budget', 'health', 'Transport']

beforeAll(async () => {
  t = await openTestCore({ now: () => clock })
  editors.push(await withEditor(t, 'Amira Haddad'), await withEditor(t, 'Jonas Berg'))
  // The sample story goes to the trash: a data export never takes a trashed story's claims.
  for (const sample of await t.call('stories.list', {})) await t.call('stories.delete', { id: sample.id })
  const text = Array.from({ length: 8 }, (_, i) => `Sentence number ${i} says ${i * 7} percent rose.`).join(' ')
  for (let s = 0; s < 3; s++) {
    const story = await t.call('stories.create', { title: `Story ${s}`, text })
    stories.push({ id: story.id, title: story.title })
    for (let c = 0; c < 5; c++) {
      const n = s * 5 + c
      clock = new Date(Date.UTC(2026, 10, 1 + n, 10))
      const marker = editors[n % 2]!
      await t.call('people.setCurrent', { id: marker })
      const start = text.indexOf(`Sentence number ${c}`)
      const claim = await t.call('claims.create', {
        storyId: story.id,
        start,
        end: start + 17,
        fields: {
          tags: n % 4 === 3 ? [] : [tags[n % 3]!],
          assignee: n % 3 === 0 ? null : editors[(n + 1) % 2]!
        }
      })
      let verdictBy: string | null = null
      if (n % 5 !== 4) {
        // The verdict is given by the other editor, on a later day, for some claims.
        const giver = editors[(n >> 1) % 2]!
        await t.call('people.setCurrent', { id: giver })
        await t.call('claims.update', {
          storyId: story.id,
          claimId: claim.id,
          patch: { verdict: verdicts[n % verdicts.length]!, status: claimStatuses[n % claimStatuses.length]! }
        })
        verdictBy = giver
      }
      const detail = await t.call('stories.get', { id: story.id })
      claims.push({ ...detail.claims.find((x) => x.id === claim.id)!, verdictBy })
    }
  }
  t.platform.saveDir = t.dir
})
afterAll(() => t.cleanup())

/** The filter's meaning, written out field by field against what stories.get says. */
function expectedIds(f: ClaimFilter): string[] {
  return claims
    .filter(
      (c) =>
        (f.storyId === 'all' || c.storyId === f.storyId) &&
        (f.status === 'all' || c.status === f.status) &&
        (f.verdict === 'all' || (f.verdict === 'none' ? c.verdict === null : c.verdict === f.verdict)) &&
        (f.editor === 'all' || [c.createdBy, c.assignee, c.verdictBy].includes(f.editor)) &&
        (f.tag === '' || c.tags.map((x) => x.toLowerCase()).includes(f.tag.toLowerCase())) &&
        (f.from === '' || c.updatedAt.slice(0, 10) >= f.from) &&
        (f.to === '' || c.updatedAt.slice(0, 10) <= f.to)
    )
    .map((c) => c.id)
    .sort()
}

const day = fc.integer({ min: 0, max: 17 }).map((d) => new Date(Date.UTC(2026, 10, d)).toISOString().slice(0, 10))
/** Filters over the setup's editors and stories (known once beforeAll has run). */
const filters = (): fc.Arbitrary<ClaimFilter> =>
  fc.record({
    status: fc.constantFrom('all' as const, ...claimStatuses),
    verdict: fc.constantFrom('all' as const, 'none' as const, ...verdicts),
    editor: fc.constantFrom('all', ...editors),
    from: fc.oneof(fc.constant(''), day),
    to: fc.oneof(fc.constant(''), day),
    tag: fc.constantFrom('', 'budget', 'HEALTH', 'transport', 'nowhere'),
    storyId: fc.constantFrom('all', ...stories.map((s) => s.id))
  })

const csvIds = async (filter: ClaimFilter, rows: 'claim' | 'evidence' = 'claim') => {
  const result = await t.core.dispatch(
    'export.report',
    {
      scope: 'library',
      storyIds: [],
      format: 'csv',
      options: { includeExcerpts: true, includeActivity: false, includeOrphaned: true, internal: false },
      filter,
      rows
    },
    appSender
  )
  if (!result.ok) return result.error.code
  const text = await readFile((result.value as { path: string }).path, 'utf8')
  return Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true })
    .data.map((r) => r.claimId!.replace(/^'(?=[=+\-@\t\r])/, '')) // an id may start with '-': the formula guard quotes it
    .sort()
}

describe('the data export across the library', () => {
  it('previews and exports exactly the claims the filter describes (property over filters)', async () => {
    expect(claims).toHaveLength(15)
    await fc.assert(
      fc.asyncProperty(filters(), async (filter) => {
        const want = expectedIds(filter)
        const preview = await t.call('export.claims', { filter, limit: 500 })
        expect(preview.total).toBe(want.length)
        expect(preview.claims.map((c) => c.claimId).sort()).toEqual(want)
        // An empty result is refused with a code, not written as an empty sheet.
        expect(await csvIds(filter)).toEqual(want.length === 0 ? 'invalid_input' : want)
      }),
      { numRuns: 40, examples: [[anyClaim], [{ ...anyClaim, verdict: 'none' }]] }
    )
  })

  it('lists the stories and tags to choose from, and caps the preview at its limit', async () => {
    const preview = await t.call('export.claims', { filter: anyClaim, limit: 4 })
    expect(preview.total).toBe(15)
    expect(preview.claims).toHaveLength(4)
    expect(preview.claims[0]).toMatchObject({ storyTitle: 'Story 0', label: 'C1', words: 'Sentence number 0' })
    expect(preview.stories.map((s) => s.title)).toEqual(stories.map((s) => s.title))
    expect(preview.tags).toEqual(['budget', 'health', 'Transport'])
  })

  it('refuses a malformed filter with a coded error', async () => {
    for (const filter of [
      { ...anyClaim, from: '2026-13' },
      { ...anyClaim, status: 'maybe' },
      { ...anyClaim, extra: 1 }
    ]) {
      const result = await t.core.dispatch('export.claims', { filter, limit: 10 }, appSender)
      expect(result.ok ? 'ok' : result.error.code).toBe('invalid_input')
    }
  })
})
