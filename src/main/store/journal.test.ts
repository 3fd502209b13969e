// The change journal: a claim save appends one line instead of rewriting story.json, and whatever
// point a crash stops at (mid-append, between an append and the fold into story.json, in the middle
// of that fold), the next start reopens to exactly the saves that were acknowledged.
import { appendFile, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StoryFile } from '../../shared/model'
import { openTestCore, withEditor, type TestCore } from '../testing/test-core'
import { nodeFileIO, type FileIO } from './file-io'
import { LibraryStore } from './library-store'
import { diffList } from './story-journal'

const text =
  'The ministry said exports rose 12 percent in March.\n\nOfficials blamed the weather for the delay.\n\nThe port handled 4 million tonnes.'

let t: TestCore
let storyId: string
let folder: string
const files = () => ({
  state: path.join(folder, 'story.json'),
  journal: path.join(folder, 'journal.jsonl'),
  activity: path.join(folder, 'activity.jsonl')
})

beforeEach(async () => {
  t = await openTestCore()
  await withEditor(t, 'Rosa Diaz')
  storyId = (await t.call('stories.create', { title: 'Exports', text })).id
  folder = path.join(t.dir, 'stories', storyId)
})
afterEach(() => t.cleanup())

/** Closes the core and starts a new one on the same folder, as a restart does. */
async function restart(store: { compactAtBytes?: number } = {}): Promise<void> {
  await t.core.close()
  t = await openTestCore({ libraryDir: t.dir, identity: t.identity, store })
}

/** A second store on the same folder, as the next start after a crash finds it (the first never closed). */
async function afterCrash(options: { io?: FileIO } = {}): Promise<{ store: LibraryStore; file: StoryFile }> {
  const store = await LibraryStore.open(t.dir, { lock: false, ...options })
  return { store, file: await store.readStory(storyId) }
}

/** Claims made, changed, deleted, restored, with evidence added and removed: every kind of journal line. */
async function workTheStory(): Promise<void> {
  const source = await t.call('sources.create', { fields: { title: 'Ministry release' } })
  const first = await t.call('claims.create', { storyId, start: 0, end: 50 })
  const second = await t.call('claims.create', { storyId, start: 53, end: 96 })
  const third = await t.call('claims.create', { storyId, start: 98, end: 131 })
  await t.call('claims.update', { storyId, claimId: first.id, patch: { status: 'in_progress', rationale: 'Table 4.' } })
  const evidence = await t.call('evidence.add', { storyId, claimId: first.id, sourceId: source.id })
  await t.call('evidence.add', { storyId, claimId: third.id, sourceId: source.id })
  await t.call('evidence.remove', { storyId, evidenceId: evidence.id })
  const deleted = await t.call('claims.delete', { storyId, claimId: second.id })
  await t.call('claims.update', { storyId, claimId: third.id, patch: { verdict: 'accurate', status: 'done' } })
  await t.call('claims.restore', { storyId, deleted })
  await t.call('claims.comment', { storyId, claimId: first.id, body: 'Asked the ministry.' })
  await t.call('stories.update', { id: storyId, patch: { title: 'Exports, checked' } })
}

describe('the change journal', () => {
  it('saves a claim by appending one line, leaving story.json as it was', async () => {
    const claim = await t.call('claims.create', { storyId, start: 0, end: 50 })
    const before = await readFile(files().state, 'utf8')
    const lines = (await readFile(files().journal, 'utf8').catch(() => '')).split('\n').filter(Boolean).length
    await t.call('claims.update', { storyId, claimId: claim.id, patch: { rationale: 'Matches table 4.' } })
    expect(await readFile(files().state, 'utf8')).toBe(before)
    const journal = (await readFile(files().journal, 'utf8')).split('\n').filter(Boolean)
    expect(journal).toHaveLength(lines + 1)
    const line = JSON.parse(journal.at(-1)!) as Record<string, unknown>
    expect(Object.keys(line).sort()).toEqual(['activity', 'claims', 'seq', 'story'])
    // The story's text stays in story.json: a line carries what the save changed.
    expect(journal.at(-1)).not.toContain('exports rose 12 percent in March.\\n')
  })

  it('reopens after a crash (no close) to exactly the acknowledged story, for every kind of change', async () => {
    await workTheStory()
    const acknowledged = await t.core.store.readStory(storyId)
    const { store, file } = await afterCrash()
    expect(store.notices).toEqual([])
    expect(file).toEqual(acknowledged)
    expect(store.library.stories.find((s) => s.id === storyId)?.title).toBe('Exports, checked')
    await store.close()
  })

  it('shows a story saved after a clean close, whose index line a crash cut off, as saved on the next open', async () => {
    await restart()
    // The restart closed the library cleanly: its next open checks no story folder unless something is written.
    await t.call('claims.create', { storyId, start: 0, end: 50 })
    await t.call('claims.create', { storyId, start: 53, end: 96 })
    await t.call('stories.update', { id: storyId, patch: { title: 'Exports, checked after the restart' } })
    // The line as opening the library finds it, before anything reads the story.
    const store = await LibraryStore.open(t.dir, { lock: false })
    expect(store.library.stories.find((s) => s.id === storyId)).toMatchObject({
      title: 'Exports, checked after the restart',
      claimCount: 2
    })
    expect(store.notices).toEqual([])
    await store.close()
  })

  it('folds the journal into story.json on close, and the story reads the same', async () => {
    await workTheStory()
    const acknowledged = await t.core.store.readStory(storyId)
    await t.core.close()
    expect((await stat(files().journal)).size).toBe(0)
    const state = JSON.parse(await readFile(files().state, 'utf8')) as { journalSeq: number; activityLength: number }
    expect(state.journalSeq).toBeGreaterThan(10)
    expect(state.activityLength).toBe(acknowledged.activity.length)
    const { store, file } = await afterCrash()
    expect(file).toEqual(acknowledged)
    await store.close()
  })

  it('folds the journal in once it outgrows its limit, while saves go on', async () => {
    await restart({ compactAtBytes: 2000 })
    const claim = await t.call('claims.create', { storyId, start: 0, end: 50 })
    for (let i = 0; i < 30; i++)
      await t.call('claims.update', { storyId, claimId: claim.id, patch: { rationale: `Pass ${i} against table 4.` } })
    // Each fold empties the journal: it never holds more than the limit and one more save.
    expect((await stat(files().journal)).size).toBeLessThan(4000)
    const state = JSON.parse(await readFile(files().state, 'utf8')) as { journalSeq: number }
    expect(state.journalSeq).toBeGreaterThan(0)
    const acknowledged = await t.core.store.readStory(storyId)
    const { store, file } = await afterCrash()
    expect(file).toEqual(acknowledged)
    expect(file.claims[0]?.rationale).toBe('Pass 29 against table 4.')
    await store.close()
  })

  it('skips lines story.json already holds (a crash after the fold wrote story.json, before it emptied the journal)', async () => {
    await workTheStory()
    const acknowledged = await t.core.store.readStory(storyId)
    const journal = await readFile(files().journal, 'utf8')
    await t.core.close()
    await writeFile(files().journal, journal)
    const { store, file } = await afterCrash()
    expect(store.notices).toEqual([])
    expect(file).toEqual(acknowledged)
    // The next save follows on, and a restart after it sees it once.
    await store.updateStory(storyId, (f) => void (f.story.title = 'After the crash'))
    const again = await LibraryStore.open(t.dir, { lock: false })
    const reread = await again.readStory(storyId)
    expect(reread.story.title).toBe('After the crash')
    expect(reread.activity).toEqual(acknowledged.activity)
    await again.close()
    await store.close()
  })

  it('replays the journal over a fold cut off after it appended the activity, before story.json was written', async () => {
    await workTheStory()
    const acknowledged = await t.core.store.readStory(storyId)
    const logBefore = await readFile(files().activity, 'utf8')
    // A process that dies mid-fold: story.json is never written and nothing is cleaned up after.
    const dying: FileIO = {
      ...nodeFileIO,
      writeFile: async (file, data, flag) => {
        if (file.includes('story.json')) throw Object.assign(new Error('killed'), { code: 'EIO' })
        return nodeFileIO.writeFile(file, data, flag)
      },
      truncate: async () => undefined
    }
    const { store: doomed } = await afterCrash({ io: dying })
    await doomed.close()
    expect((await readFile(files().activity, 'utf8')).length).toBeGreaterThan(logBefore.length)
    const { store, file } = await afterCrash()
    expect(store.notices).toEqual([])
    expect(file).toEqual(acknowledged)
    expect(await readFile(files().activity, 'utf8')).toBe(logBefore)
    await store.close()
  })

  it('cuts off a torn last line (a crash mid-append) and goes on after the last whole line', async () => {
    await workTheStory()
    const acknowledged = await t.core.store.readStory(storyId)
    const journal = await readFile(files().journal, 'utf8')
    await appendFile(files().journal, '{"seq":999,"story":{"id":"')
    const { store, file } = await afterCrash()
    expect(store.notices).toEqual([])
    expect(file).toEqual(acknowledged)
    expect(await readFile(files().journal, 'utf8')).toBe(journal)
    await store.updateStory(storyId, (f) => void (f.story.title = 'Saved after the tear'))
    const again = await LibraryStore.open(t.dir, { lock: false })
    expect((await again.readStory(storyId)).story.title).toBe('Saved after the tear')
    await again.close()
    await store.close()
  })

  it('passes over a damaged line with a notice that counts it, keeping the journal in recovered/', async () => {
    const claim = await t.call('claims.create', { storyId, start: 0, end: 50 })
    await restart()
    await t.call('claims.update', { storyId, claimId: claim.id, patch: { rationale: 'First.' } })
    await t.call('claims.update', { storyId, claimId: claim.id, patch: { rationale: 'Second.' } })
    const [first, second] = (await readFile(files().journal, 'utf8')).split('\n') as [string, string]
    await writeFile(files().journal, `${first}\n${second.replace('Second.', 'Sec\u0000')}X\n`)
    const { store, file } = await afterCrash()
    expect(store.notices.map((n) => n.kind)).toEqual(['quarantined'])
    expect(store.notices[0]?.movedTo).toMatch(/recovered\/[^/]*-stories-[^/]*-journal\.jsonl$/)
    expect(store.notices[0]?.message).toMatch(/1 change in it was restored and 1 line of it could not be read/)
    expect(await readFile(store.notices[0]!.movedTo!, 'utf8')).toBe(
      `${first}\n${second.replace('Second.', 'Sec\u0000')}X\n`
    )
    expect(file.claims[0]?.rationale).toBe('First.')
    await store.close()
  })

  it('refuses a save the loader would reject before anything reaches the journal', async () => {
    const claim = await t.call('claims.create', { storyId, start: 0, end: 50 })
    const journal = await readFile(files().journal, 'utf8').catch(() => '')
    await expect(
      t.core.store.updateStory(storyId, (f) => void Object.assign(f.claims[0]!, { status: 'maybe' }))
    ).rejects.toMatchObject({ code: 'invalid_input' })
    expect(await readFile(files().journal, 'utf8').catch(() => '')).toBe(journal)
    const { store, file } = await afterCrash()
    expect(file.claims[0]).toEqual(claim)
    await store.close()
  })
})

describe('diffList', () => {
  const r = (id: string, v = 0) => ({ id, v })
  it('tells records changed in place, added, removed and moved', () => {
    const a = r('a'),
      b = r('b'),
      c = r('c')
    expect(diffList([a, b, c], [a, b, c])).toBeUndefined()
    const b2 = r('b', 1)
    expect(diffList([a, b, c], [a, b2, c])).toEqual({ put: [b2], removed: [] })
    const d = r('d')
    expect(diffList([a, b, c], [a, b, c, d])).toEqual({ put: [d], removed: [] })
    expect(diffList([a, b, c], [a, c])).toEqual({ put: [], removed: ['b'] })
    expect(diffList([a, b, c], [c, a, b])).toEqual({ put: [], removed: [], order: ['c', 'a', 'b'] })
  })

  it('gives up on a list with the same id twice (that save rewrites story.json)', () => {
    const a = r('a')
    expect(diffList([a], [a, r('a', 1)])).toBeNull()
  })
})

describe('journalLine', () => {
  it('leaves a change to a part of the story file it does not carry to a rewrite of story.json', async () => {
    const { journalLine } = await import('./story-journal')
    const file = await t.core.store.readStory(storyId)
    expect(journalLine(1, file, { ...file, story: { ...file.story, title: 'New' } }, [])).not.toBeNull()
    expect(journalLine(1, file, { ...file, revisions: [...file.revisions] }, [])).toBeNull()
    expect(journalLine(1, file, { ...file, later: 1 } as StoryFile, [])).toBeNull()
  })
})
