// Nothing the app accepts is lost on the next start: input the loader would reject is refused with
// a code before anything is written, and the library reopens with no damage notice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LibraryState, StoryDetail } from '../../shared/contract'
import { limits, type Claim, type Source } from '../../shared/model'
import { appSender, openTestCore, withEditor, type TestCore } from '../testing/test-core'
import { LibraryStore } from './library-store'

let t: TestCore
let storyId: string
let claim: Claim
let source: Source
const text = 'The ministry said exports rose 12 percent in March.\n\nOfficials blamed the weather for the delay.'

beforeEach(async () => {
  t = await openTestCore()
  await withEditor(t, 'Rosa Diaz')
  await t.call('settings.update', { patch: { organisationName: 'The Desk' } })
  storyId = (await t.call('stories.create', { title: 'Exports', text })).id
  claim = await t.call('claims.create', { storyId, start: 0, end: 20 })
  source = await t.call('sources.create', { fields: { title: 'Ministry release' } })
})
afterEach(() => t.cleanup())

/** What is saved: the library and the story, without the write counter (it counts this run's writes, not saved data). */
async function snapshot(): Promise<{ library: LibraryState; story: Omit<StoryDetail, 'version'> }> {
  const library = await t.call('library.get', {})
  const { version, ...story } = await t.call('stories.get', { id: storyId })
  expect(version).toBeGreaterThanOrEqual(0)
  return { library: { ...library, notices: [] }, story }
}

const refused: [string, string, unknown][] = [
  ['an undefined setting', 'settings.update', { patch: { organisationName: undefined } }],
  ['an undefined source field', 'sources.update', { id: 'SOURCE', patch: { title: undefined } }],
  ['an undefined claim field', 'claims.create', { storyId: 'STORY', start: 0, end: 10, fields: { status: undefined } }],
  [
    'an undefined evidence field',
    'evidence.add',
    { storyId: 'STORY', claimId: 'CLAIM', sourceId: 'SOURCE', fields: { stance: undefined } }
  ],
  ['an undefined optional field', 'sources.list', { query: undefined }],
  ['a name of spaces', 'people.create', { name: '   \u00a0 ' }],
  ['a story title of spaces', 'stories.create', { title: '  ', text: 'Some words.' }],
  ['a source title of spaces', 'sources.create', { fields: { title: ' \t ' } }],
  [
    'text that grows past its cap when made canonical',
    'stories.create',
    { title: 'Long', text: 'a\u2029'.repeat(limits.storyText / 2) }
  ],
  ['a quote longer than the cap', 'claims.create', { storyId: 'STORY', start: 0, end: limits.longText + 1 }],
  [
    'a re-attached quote longer than the cap',
    'claims.reattach',
    { storyId: 'STORY', claimId: 'CLAIM', start: 0, end: limits.longText + 1 }
  ]
]

/** Puts the ids made in beforeEach into a payload, keeping any field that is undefined. */
const fill = (input: unknown): unknown => {
  if (input === 'STORY') return storyId
  if (input === 'CLAIM') return claim.id
  if (input === 'SOURCE') return source.id
  if (typeof input !== 'object' || input === null) return input
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, fill(v)]))
}

describe('input the loader would reject', () => {
  it.each(refused)(
    'refuses %s with invalid_input, changes nothing, and the library reopens clean',
    async (_name, channel, raw) => {
      const before = await snapshot()
      const result = await t.core.dispatch(channel, fill(raw), appSender)
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
      expect(await snapshot()).toEqual(before)
      await t.restart()
      expect(t.core.store.notices).toEqual([])
      expect(await snapshot()).toEqual(before)
    }
  )

  it('refuses an over-long selection in a long story with words that say what to do', async () => {
    const long = Array.from(
      { length: 400 },
      (_, i) => `Sentence ${i} says the budget grew by ${i} percent over the year before.`
    ).join(' ')
    const id = (await t.call('stories.create', { title: 'Long', text: long })).id
    const result = await t.core.dispatch('claims.create', { storyId: id, start: 0, end: long.length }, appSender)
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('at most 20,000 characters') }
    })
  })

  it('trims a name before checking it, and saves the trimmed name', async () => {
    const person = await t.call('people.create', { name: '  Ana Lima  ' })
    expect(person.name).toBe('Ana Lima')
  })
})

describe('the store checks every document before writing it', () => {
  it('refuses a library change the loader would reject and writes nothing', async () => {
    const store = t.core.store
    await expect(
      store.updateLibrary((l) => void Object.assign(l.settings, { organisationName: undefined }))
    ).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(
      store.updateStory(storyId, (f) => void (f.claims[0]!.anchor.quote.exact = 'x'.repeat(limits.longText + 1)))
    ).rejects.toMatchObject({ code: 'invalid_input' })
    expect(store.library.settings.organisationName).toBe('The Desk')
    await t.restart()
    expect(t.core.store.notices).toEqual([])
    expect(t.core.store.library.settings.organisationName).toBe('The Desk')
    expect((await t.core.store.readStory(storyId)).claims[0]?.anchor.quote.exact).toBe(claim.anchor.quote.exact)
  })

  it('refuses to create a story file the loader would reject', async () => {
    const store = await LibraryStore.open(t.dir + '-other')
    const file = structuredClone(await t.core.store.readStory(storyId))
    file.story.title = ''
    await expect(store.createStory(file)).rejects.toMatchObject({ code: 'invalid_input' })
    expect(store.library.stories).toEqual([])
    await store.close()
  })
})
