// The desk's memory through the real dispatch and store: earlier checks are found across stories,
// follow edits, reuse copies evidence without touching the verdict, and dismissals survive a restart.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { appSender, openTestCore, withEditor, type TestCore } from '../testing/test-core'
import { MAX_EMBEDDED_SENTENCES, MAX_SUGGESTIONS } from './memory'

let t: TestCore
let editor: string
const first = 'The ministry said exports rose 12 percent in March.\n\nOfficials blamed the weather for the delay.'
const second = 'Trade news. Exports rose twelve per cent in March, the ministry said.\n\nThe mayor opened a new bridge.'

beforeEach(async () => {
  t = await openTestCore()
  editor = await withEditor(t, 'Rosa Diaz')
})
afterEach(() => t.cleanup())

const story = async (title: string, text: string) => (await t.call('stories.create', { title, text })).id
const mark = (storyId: string, text: string, words: string) =>
  t.call('claims.create', { storyId, start: text.indexOf(words), end: text.indexOf(words) + words.length })

async function checkedStory() {
  const a = await story('Exports in spring', first)
  const claim = await mark(a, first, 'exports rose 12 percent in March')
  const source = await t.call('sources.create', {
    fields: { title: 'Ministry trade table', url: 'https://example.org/trade' }
  })
  await t.call('evidence.add', {
    storyId: a,
    claimId: claim.id,
    sourceId: source.id,
    fields: { excerpt: 'March: +12.0%', stance: 'supports' }
  })
  await t.call('claims.update', {
    storyId: a,
    claimId: claim.id,
    patch: { verdict: 'accurate', rationale: 'Matches the ministry table.' }
  })
  return { a, claim, source }
}

describe('checked before', () => {
  it('finds a claim checked in another story, with its verdict, story and evidence', async () => {
    const { a, claim } = await checkedStory()
    const b = await story('Trade', second)
    const fresh = await mark(b, second, 'Exports rose twelve per cent in March')
    const matches = await t.call('memory.matches', { storyId: b, claimId: fresh.id })
    expect(matches[0]).toMatchObject({
      storyId: a,
      claimId: claim.id,
      storyTitle: 'Exports in spring',
      verdict: 'accurate',
      figuresDiffer: false,
      evidence: [{ sourceTitle: 'Ministry trade table', excerpt: 'March: +12.0%', stance: 'supports' }]
    })
  })

  it('answers a lookup at once without the encoder while the query is not embedded, then refines it when asked to wait', async () => {
    await checkedStory()
    const memory = t.core.memory
    await memory.claimsReady()
    expect(memory.claimsEmbedded).toBe(true)
    const query = 'Did exports really rise by twelve percent in March?'
    const sentBefore = memory.embedder.sent
    // The first answer does not wait for the worker: the query is on its way there, not embedded yet.
    const quick = await t.call('memory.search', { query })
    expect(memory.embedder.cached([query])).toEqual([undefined])
    expect(quick[0]).toMatchObject({ verdict: 'accurate' })
    const refined = await t.call('memory.search', { query, wait: true })
    expect(memory.embedder.cached([query])[0]).toBeDefined()
    // Sent once: the waiting ask took the embedding the first one started.
    expect(memory.embedder.sent - sentBefore).toBe(1)
    expect(refined[0]).toMatchObject({ verdict: 'accurate' })
    // The query's vector is kept by its words: the next answer is the refined one at once.
    expect(await t.call('memory.search', { query })).toEqual(refined)
  })

  it('sends a new query to the encoder only once its first answer is out, so the two never share the CPU', async () => {
    await checkedStory()
    const memory = t.core.memory
    await memory.claimsReady()
    const query = 'Exports rose by twelve percent in March, said the ministry'
    const sentBefore = memory.embedder.sent
    const quick = await memory.lookup(query)
    expect(quick[0]).toMatchObject({ verdict: 'accurate' })
    // Answered, and nothing posted to the worker yet (before, the job went out before the ranking began).
    expect(memory.embedder.sent).toBe(sentBefore)
    await vi.waitFor(() => expect(memory.embedder.sent).toBe(sentBefore + 1))
    await memory.lookup(query, { wait: true })
    expect(memory.embedder.sent).toBe(sentBefore + 1)
  })

  it("indexes the library without pushing the stories the editor has open out of the store's memory", async () => {
    const text = 'The ministry said exports rose 12 percent in March.'
    for (let i = 0; i < 14; i++) {
      const id = await story(`Exports ${i}`, text)
      const claim = await mark(id, text, 'exports rose 12 percent in March')
      await t.call('claims.update', { storyId: id, claimId: claim.id, patch: { verdict: 'accurate' } })
    }
    const open = await story('Open now', first)
    await t.restart()
    await t.call('stories.get', { id: open })
    expect(t.core.store.storiesInMemory).toBe(1)
    // The first lookup reads all 15 stories to build its index: each read and let go (before, each was
    // kept among the store's twelve, and the story on screen was read from disk again at its next edit).
    expect(await t.core.memory.lookup('exports rose 12 percent in March')).toHaveLength(5)
    expect(t.core.store.storiesInMemory).toBe(1)
  })

  it('only counts claims with a verdict, and follows verdicts being set and cleared', async () => {
    const a = await story('Exports in spring', first)
    const claim = await mark(a, first, 'exports rose 12 percent in March')
    expect(await t.call('memory.search', { query: 'exports rose 12% in March' })).toEqual([])
    await t.call('claims.update', { storyId: a, claimId: claim.id, patch: { verdict: 'false' } })
    expect(await t.call('memory.search', { query: 'exports rose 12% in March' })).toMatchObject([{ verdict: 'false' }])
    await t.call('claims.update', { storyId: a, claimId: claim.id, patch: { verdict: null } })
    expect(await t.call('memory.search', { query: 'exports rose 12% in March' })).toEqual([])
  })

  it('drops a story moved to the trash and takes it back on restore', async () => {
    const { a } = await checkedStory()
    const query = { query: 'Exports rose 12 per cent in March' }
    expect(await t.call('memory.search', query)).toHaveLength(1)
    await t.call('stories.delete', { id: a })
    expect(await t.call('memory.search', query)).toHaveLength(0)
    await t.call('stories.restore', { id: a })
    expect(await t.call('memory.search', query)).toHaveLength(1)
  })

  it('never presents a changed-figure or negated claim as the same: shown flagged, never strong, never marked', async () => {
    await checkedStory()
    const text = 'Exports rose 15 percent in March.\n\nExports did not rise 12 percent in March.'
    const b = await story('Other figures', text)
    const changed = await mark(b, text, 'Exports rose 15 percent in March')
    const negated = await mark(b, text, 'Exports did not rise 12 percent in March')
    const [figure] = await t.call('memory.matches', { storyId: b, claimId: changed.id })
    expect(figure).toMatchObject({ figuresDiffer: true, negationDiffers: false })
    expect(figure!.band).not.toBe('strong')
    const [opposite] = await t.call('memory.matches', { storyId: b, claimId: negated.id })
    expect(opposite).toMatchObject({ figuresDiffer: false, negationDiffers: true })
    expect(opposite!.band).not.toBe('strong')
    expect(await t.call('memory.storyMatches', { storyId: b })).toEqual([])
    expect(await t.call('memory.search', { query: 'Exports rose 15 percent in March' })).toMatchObject([
      { figuresDiffer: true, negationDiffers: false }
    ])
    expect(await t.call('memory.search', { query: 'Exports did not rise 12 percent in March' })).toMatchObject([
      { figuresDiffer: false, negationDiffers: true }
    ])
  })

  it('shows which sentences of a story match earlier checks', async () => {
    await checkedStory()
    const b = await story('Trade', second)
    const matches = await t.call('memory.storyMatches', { storyId: b })
    expect(matches).toHaveLength(1)
    expect(second.slice(matches[0]!.start, matches[0]!.end)).toBe(
      'Exports rose twelve per cent in March, the ministry said.'
    )
  })

  it('copies earlier evidence and rationale as a starting point, linked and logged, never the verdict', async () => {
    const { a, claim } = await checkedStory()
    const b = await story('Trade', second)
    const fresh = await mark(b, second, 'Exports rose twelve per cent in March')
    const reused = await t.call('memory.reuse', {
      storyId: b,
      claimId: fresh.id,
      fromStoryId: a,
      fromClaimId: claim.id
    })
    expect(reused.verdict).toBeNull()
    expect(reused.rationale).toContain('Matches the ministry table.')
    const detail = await t.call('stories.get', { id: b })
    expect(detail.evidence).toMatchObject([
      { claimId: fresh.id, excerpt: 'March: +12.0%', stance: 'supports', createdBy: editor }
    ])
    expect(detail.activity.at(-1)).toMatchObject({
      action: 'evidence.reused',
      claimId: fresh.id,
      from: `${a}/${claim.id}`,
      by: editor
    })
    const again = await t.core.dispatch(
      'memory.reuse',
      { storyId: b, claimId: fresh.id, fromStoryId: a, fromClaimId: claim.id },
      appSender
    )
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })
})

describe('suggest claims', () => {
  const text =
    'Unemployment fell to 3.5 percent in 2019, the lowest rate in fifty years, according to the Bureau of Labor Statistics.\n\n' +
    'Thank you all for coming tonight.\n\nWhat a lovely evening it is.'

  it('ranks at once with the n-gram model, then with the encoder once the sentences are embedded', async () => {
    const id = await story('Jobs', text)
    const quick = await t.call('memory.suggest', { storyId: id })
    expect(quick).toMatchObject({ model: 'ngram', refining: true })
    expect(quick.suggestions.map((s) => text.slice(s.start, s.end))).toEqual([text.split('\n\n')[0]])
    const refined = await t.call('memory.suggest', { storyId: id, wait: true })
    expect(refined).toMatchObject({ model: 'encoder', refining: false })
    expect(refined.suggestions.map((s) => text.slice(s.start, s.end))).toEqual([text.split('\n\n')[0]])
    expect(refined.suggestions[0]!.score).not.toBe(quick.suggestions[0]!.score)
    // The vectors are kept: the next ranking is the encoder's straight away.
    expect(await t.call('memory.suggest', { storyId: id })).toEqual(refined)
  })

  it('remembers a dismissal across a restart', async () => {
    const id = await story('Jobs', text)
    const { suggestions } = await t.call('memory.suggest', { storyId: id, wait: true })
    expect(suggestions[0]!.reason).toContain('a figure')
    await t.call('memory.dismiss', { storyId: id, key: suggestions[0]!.key })
    await t.restart()
    expect(await t.call('memory.suggest', { storyId: id, wait: true })).toEqual({
      suggestions: [],
      model: 'encoder',
      refining: false,
      embedded: 2,
      sentences: 2
    })
  })

  it('does not suggest a sentence that is already a claim', async () => {
    const id = await story('Jobs', text)
    await mark(id, text, 'Unemployment fell to 3.5 percent in 2019')
    expect((await t.call('memory.suggest', { storyId: id, wait: true })).suggestions).toEqual([])
  })

  it('ranks a story too long to embed with the n-gram model alone, and promises nothing more', async () => {
    const long = Array.from(
      { length: MAX_EMBEDDED_SENTENCES + 1 },
      (_, i) => `Spending rose ${i + 1} percent in district ${i + 1}.`
    ).join(' ')
    const id = await story('Every district', long)
    const answer = await t.call('memory.suggest', { storyId: id, wait: true })
    expect(answer).toMatchObject({ model: 'ngram', refining: false })
    expect(answer.suggestions).toHaveLength(MAX_SUGGESTIONS)
    expect(t.core.memory.embedder.workerRunning).toBe(false)
  })

  it('still suggests, with the n-gram model, when the sentence encoder cannot run', async () => {
    await t.cleanup()
    t = await openTestCore({ embedder: { workerFile: '/nowhere/embed-worker.js' } })
    await withEditor(t, 'Rosa Diaz')
    const id = await story('Jobs', text)
    const answer = await t.call('memory.suggest', { storyId: id, wait: true })
    expect(answer).toMatchObject({ model: 'ngram', refining: false })
    expect(answer.suggestions.map((s) => text.slice(s.start, s.end))).toEqual([text.split('\n\n')[0]])
    // Asked again without waiting, it does not promise a refinement it cannot make.
    expect(await t.call('memory.suggest', { storyId: id })).toMatchObject({ model: 'ngram', refining: false })
  })
})
