// The library search through the real core: every place the desk writes is found, ranked, shown with
// its words marked and where it matched; trash, a restart and source edits keep it true.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LibraryPage, LibraryQuery } from '../../shared/contract'
import { openTestCore, withEditor, type TestCore } from '../testing/test-core'

let t: TestCore
const text =
  'The mayor said unemployment fell below 100 people in the town.\n\nThe new bridge opened in March, two weeks late.\n\nCouncil spending rose by 4 percent.'

const query = (words: string, more: Partial<LibraryQuery> = {}): Promise<LibraryPage> =>
  t.call('library.search', {
    query: words,
    deskState: 'all',
    assignee: 'all',
    desk: 'all',
    sort: 'updated',
    offset: 0,
    limit: 50,
    ...more
  })
const titles = async (words: string): Promise<string[]> => {
  const page = await query(words)
  return page.stories.map((s) => s.title)
}
/** Each hit of a story as "label: snippet with [marked] words". */
const shown = (page: LibraryPage, storyId: string): string[] =>
  (page.hits[storyId] ?? []).map((hit) => {
    let out = hit.snippet
    for (const [start, end] of [...hit.marks].reverse())
      out = `${out.slice(0, start)}[${out.slice(start, end)}]${out.slice(end)}`
    return `${hit.label}: ${out}`
  })

let storyId: string
let claimId: string

beforeEach(async () => {
  t = await openTestCore()
  await withEditor(t, 'Rosa Diaz')
  storyId = (await t.call('stories.create', { title: 'Town jobs', text, outlet: 'Gazette' })).id
  const words = 'unemployment fell below 100 people'
  const start = text.indexOf(words)
  const claim = await t.call('claims.create', { storyId, start, end: start + words.length })
  claimId = claim.id
  await t.call('claims.update', {
    storyId,
    claimId,
    patch: { rationale: 'The jobcentre register shows 340 claimants, not fewer than a hundred.', tags: ['labour'] }
  })
  const source = await t.call('sources.create', {
    fields: { title: 'Régional Statistics Office', notes: 'Quarterly bulletin' }
  })
  await t.call('evidence.add', {
    storyId,
    claimId,
    sourceId: source.id,
    fields: { excerpt: 'Claimant count: 340 in September (table 3).' }
  })
  await t.call('claims.comment', { storyId, claimId, body: 'Asked the press office about the denominator.' })
})
afterEach(() => t.cleanup())

describe('library search through the core', () => {
  it('finds each place the desk wrote, says where, and marks the words', async () => {
    const page = await query('jobcentre')
    expect(page.stories.map((s) => s.id)).toEqual([storyId])
    expect(shown(page, storyId)).toEqual([
      'rationale of C1: The [jobcentre] register shows 340 claimants, not fewer than a hundred.'
    ])
    expect(page.hits[storyId]?.[0]?.claimId).toBe(claimId)
    expect(shown(await query('claimant'), storyId)).toEqual([
      'rationale of C1: The jobcentre register shows 340 [claimants], not fewer than a hundred.',
      'evidence from Régional Statistics Office (C1): [Claimant] count: 340 in September (table 3).'
    ])
    expect(shown(await query('denominator'), storyId)).toEqual([
      'comment on C1: Asked the press office about the [denominator].'
    ])
    expect(shown(await query('labour'), storyId)).toEqual(['tags of C1: [labour]'])
    expect(shown(await query('bulletin'), storyId)).toEqual([
      'source Régional Statistics Office, cited by C1: Régional Statistics Office · Quarterly [bulletin]'
    ])
    expect(shown(await query('bridge'), storyId)).toEqual([
      'story text: The mayor said unemployment fell below 100 people in the town. The new [bridge] opened in March, two weeks late. Council spending rose by 4 percent.'
    ])
    expect(shown(await query('gazette'), storyId)).toEqual(['outlet: [Gazette]'])
  })

  it('folds case and accents, matches a word being typed as a prefix, and a quoted phrase only as a phrase', async () => {
    expect(await titles('REGIONAL statistics')).toEqual(['Town jobs'])
    expect(await titles('régional')).toEqual(['Town jobs'])
    expect(await titles('unemploy')).toEqual(['Town jobs'])
    expect(await titles('"fell below"')).toEqual(['Town jobs'])
    expect(await titles('"below fell"')).toEqual([])
    expect(await titles('"unemploy fell"')).toEqual([])
    expect(await titles('bridge jobcentre')).toEqual(['Town jobs'])
    expect(await titles('bridge zebra')).toEqual([])
  })

  it('ranks a headline or claim hit above a hit in the story text', async () => {
    const other = (await t.call('stories.create', { title: 'Bridge repairs', text: 'Works start in May.' })).id
    const third = (
      await t.call('stories.create', {
        title: 'Roads',
        text: 'A long report on roads, resurfacing, potholes, budgets, contractors and one bridge among many other things.'
      })
    ).id
    const page = await query('bridge')
    expect(page.stories[0]?.id).toBe(other)
    expect(new Set(page.stories.map((s) => s.id))).toEqual(new Set([other, storyId, third]))
    expect(shown(page, other)).toEqual(['headline: [Bridge] repairs'])
  })

  it('leaves trashed stories out and brings them back on restore; a deleted claim takes its words with it', async () => {
    await t.call('stories.delete', { id: storyId })
    expect(await titles('jobcentre')).toEqual([])
    await t.call('stories.restore', { id: storyId })
    expect(await titles('jobcentre')).toEqual(['Town jobs'])
    await t.call('claims.delete', { storyId, claimId })
    expect(await titles('jobcentre')).toEqual([])
    expect(await titles('claimant')).toEqual([])
    expect(await titles('unemployment')).toEqual(['Town jobs']) // still in the story text
  })

  it('follows a source renamed after it was cited', async () => {
    const sources = await t.call('sources.list', {})
    const source = sources.find((s) => s.title.startsWith('Régional'))!
    await t.call('sources.update', { id: source.id, patch: { title: 'Labour Market Agency' } })
    expect(await titles('agency')).toEqual(['Town jobs'])
    expect(await titles('statistics')).toEqual([])
  })

  it('after a restart, builds the index again from the story files', async () => {
    await t.restart()
    await t.core.searchIndex.settled()
    expect(shown(await query('jobcentre'), storyId)).toEqual([
      'rationale of C1: The [jobcentre] register shows 340 claimants, not fewer than a hundred.'
    ])
    expect((await query('jobcentre')).indexing).toBeNull()
  })
})
