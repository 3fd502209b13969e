// Story folders: the activity log appended to, revision texts written once, the state file holding
// only current state; stories released from memory; a library written by format 1 upgraded on open.
import { cpSync } from 'node:fs'
import { appendFile, mkdtemp, readdir, readFile, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { LIBRARY_SCHEMA_VERSION, STORY_SCHEMA_VERSION, StoryFile, type Activity } from '../../shared/model'
import { z } from 'zod'
import { upgradeStoryRecord } from './migrations'
import { loadSafely } from './safe-load'
import { StoryState } from './story-record'
import { openTestCore, withEditor } from '../testing/test-core'
import { nodeFileIO, type FileIO } from './file-io'
import { LibraryStore } from './library-store'
import { STORY_STATE_VERSION } from './story-record'

const fixture = path.join(__dirname, 'fixtures', 'library-v1')
const at = '2026-11-25T10:00:00.000Z'

let dir: string
beforeEach(async () => {
  dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'factdesk-folders-')), 'library')
})

const entry = (i: number, storyId = 's1'): Activity => ({
  id: `a${i}`,
  at,
  by: 'ed',
  action: 'story.updated',
  storyId,
  claimId: null,
  field: 'title',
  from: null,
  to: i,
  summary: `change ${i}`
})

async function storyWithHistory(): Promise<LibraryStore> {
  const store = await LibraryStore.open(dir)
  await store.createStory({
    schemaVersion: STORY_SCHEMA_VERSION,
    story: {
      id: 's1',
      title: 'One',
      outlet: '',
      byline: '',
      url: '',
      publishedAt: '',
      language: 'en',
      text: 'Second text.',
      revision: 2,
      deskState: 'draft',
      signOff: null,
      corrections: [],
      nextClaimNumber: 1,
      origin: { kind: 'paste', location: '' },
      createdAt: at,
      updatedAt: at
    },
    revisions: [
      { revision: 1, text: 'First text.', createdAt: at, createdBy: 'ed', note: 'first' },
      { revision: 2, text: 'Second text.', createdAt: at, createdBy: 'ed', note: 'second' }
    ],
    claims: [],
    evidence: [],
    activity: [entry(0)]
  })
  return store
}

describe('a story folder', () => {
  it('appends activity, writes each revision text once, and keeps only current state in story.json', async () => {
    const store = await storyWithHistory()
    const folder = path.join(dir, 'stories', 's1')
    const revisionTime = (await stat(path.join(folder, 'rev-1.txt'))).mtimeMs
    for (let i = 1; i <= 5; i++) await store.updateStory('s1', (f) => void f.activity.push(entry(i)))
    await store.close()
    expect((await readdir(folder)).filter((f) => !f.endsWith('.bak')).sort()).toEqual([
      'activity.jsonl',
      'checked.json',
      'head.json',
      'journal.jsonl',
      'rev-1.txt',
      'rev-2.txt',
      'story.json'
    ])
    expect(await readFile(path.join(folder, 'rev-1.txt'), 'utf8')).toBe('First text.')
    expect((await stat(path.join(folder, 'rev-1.txt'))).mtimeMs).toBe(revisionTime)
    const state = JSON.parse(await readFile(path.join(folder, 'story.json'), 'utf8')) as Record<string, unknown>
    // Closing folded the five journal lines into story.json and emptied the journal.
    expect(state).toMatchObject({
      schemaVersion: STORY_STATE_VERSION,
      activityLength: 6,
      journalSeq: 5,
      revisions: [
        { revision: 1, length: 11 },
        { revision: 2, length: 12 }
      ]
    })
    expect(await readFile(path.join(folder, 'journal.jsonl'), 'utf8')).toBe('')
    expect(JSON.stringify(state)).not.toContain('First text.')
    expect((await readFile(path.join(folder, 'activity.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(6)
    const again = await LibraryStore.open(dir)
    const file = await again.readStory('s1')
    expect(file.activity.map((a) => a.id)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5'])
    expect(file.revisions.map((r) => r.text)).toEqual(['First text.', 'Second text.'])
    await again.close()
  })

  it('tolerates a torn last line and lines past what the state counts, and cuts them off', async () => {
    const store = await storyWithHistory()
    await store.updateStory('s1', (f) => void f.activity.push(entry(1)))
    await store.close()
    const log = path.join(dir, 'stories', 's1', 'activity.jsonl')
    const good = await readFile(log, 'utf8')
    // A save whose state never landed, then a crash halfway through the next append.
    await appendFile(log, `${JSON.stringify(entry(2))}\n{"id":"a3","at":"2026-`)
    const again = await LibraryStore.open(dir)
    expect(again.notices).toEqual([])
    expect((await again.readStory('s1')).activity.map((a) => a.id)).toEqual(['a0', 'a1'])
    expect(await readFile(log, 'utf8')).toBe(good)
    await again.updateStory('s1', (f) => void f.activity.push(entry(4)))
    await again.close()
    const third = await LibraryStore.open(dir)
    expect((await third.readStory('s1')).activity.map((a) => a.id)).toEqual(['a0', 'a1', 'a4'])
    await third.close()
  })

  it('cuts back what a failed save appended, so the next save follows the last good line', async () => {
    let failJournal = false
    const io: FileIO = {
      ...nodeFileIO,
      appendFile: async (file, data) => {
        if (failJournal && file.endsWith('journal.jsonl')) {
          // Half the line reaches the disk before the disk fills up.
          await nodeFileIO.appendFile(file, data.slice(0, data.length >> 1))
          throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' })
        }
        return nodeFileIO.appendFile(file, data)
      }
    }
    const setup = await storyWithHistory()
    await setup.close()
    const failing = await LibraryStore.open(dir, { io })
    await failing.updateStory('s1', (f) => void f.activity.push(entry(1)))
    failJournal = true
    await expect(failing.updateStory('s1', (f) => void f.activity.push(entry(2)))).rejects.toMatchObject({
      code: 'io_error'
    })
    failJournal = false
    expect((await failing.readStory('s1')).activity.map((a) => a.id)).toEqual(['a0', 'a1'])
    await failing.updateStory('s1', (f) => void f.activity.push(entry(3)))
    // No close: what a restart finds is story.json and the journal as the saves left them.
    const again = await LibraryStore.open(dir, { lock: false })
    expect(again.notices).toEqual([])
    expect((await again.readStory('s1')).activity.map((a) => a.id)).toEqual(['a0', 'a1', 'a3'])
    await again.close()
    await failing.close()
  })

  it('keeps the journal when folding it into story.json fails, and loses nothing', async () => {
    let failState = false
    const io: FileIO = {
      ...nodeFileIO,
      writeFile: async (file, data, flag) => {
        if (failState && file.includes('story.json')) throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' })
        return nodeFileIO.writeFile(file, data, flag)
      }
    }
    const setup = await storyWithHistory()
    await setup.close()
    const failing = await LibraryStore.open(dir, { io })
    await failing.updateStory('s1', (f) => void (f.story.title = 'In the journal'))
    await failing.updateStory('s1', (f) => void f.activity.push(entry(1)))
    failState = true
    // Closing tries to fold the journal in; story.json cannot be written, so the journal stays.
    await failing.close()
    expect((await readFile(path.join(dir, 'stories', 's1', 'journal.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(
      2
    )
    const again = await LibraryStore.open(dir)
    expect(again.notices).toEqual([])
    const file = await again.readStory('s1')
    expect(file.story.title).toBe('In the journal')
    expect(file.activity.map((a) => a.id)).toEqual(['a0', 'a1'])
    await again.close()
  })

  it('releases stories nobody has used lately from memory', async () => {
    const store = await storyWithHistory()
    const base = await store.readStory('s1')
    for (let i = 0; i < 40; i++)
      await store
        .createStory({ ...structuredClone(base), story: { ...base.story, id: `x${i}` }, activity: [entry(0, `x${i}`)] })
        .catch(() => undefined)
    for (let i = 0; i < 40; i++) await store.readStory(`x${i}`)
    expect(store.storiesInMemory).toBeLessThanOrEqual(12)
    expect((await store.readStory('x0')).story.id).toBe('x0')
    await store.close()
  })
})

describe('a library written by the previous version (story format 1)', () => {
  it('is upgraded on open with each old file kept, shows the same content, and saves afterwards', async () => {
    cpSync(fixture, dir, { recursive: true })
    const originals = new Map<string, StoryFile>()
    for (const name of await readdir(path.join(fixture, 'stories'))) {
      if (name.endsWith('.json'))
        originals.set(
          name.slice(0, -5),
          StoryFile.parse(
            upgradeStoryRecord(
              JSON.parse(await readFile(path.join(fixture, 'stories', name), 'utf8')) as Record<string, unknown>,
              STORY_SCHEMA_VERSION
            )
          )
        )
    }
    const t = await openTestCore({ libraryDir: dir })
    try {
      const library = await t.call('library.get', {})
      expect(library.notices).toEqual([])
      expect(library.people.map((p) => p.name)).toEqual(['Rosa Diaz'])
      expect((await t.call('stories.list', {})).map((s) => s.id).sort()).toEqual(
        [...originals.keys()].filter((id) => !id.startsWith('id0023')).sort()
      )
      for (const [id, original] of originals) {
        const detail = await t.call('stories.get', { id })
        expect(detail.story).toEqual({ ...original.story, corrections: [] })
        expect(detail.claims).toEqual(expect.arrayContaining(original.claims))
        // Format 6 marks evidence that is an appearance of the claim; none was before.
        expect(detail.evidence).toEqual(original.evidence.map((e) => ({ ...e, appearance: false })))
        expect(detail.activity).toEqual(original.activity)
        for (const revision of original.revisions) {
          expect(await t.call('stories.revision', { id, revision: revision.revision })).toEqual({
            revision: revision.revision,
            text: revision.text
          })
        }
        expect(await readdir(path.join(dir, 'stories', id))).toEqual(
          expect.arrayContaining(['format1.json', 'story.json', 'activity.jsonl'])
        )
      }
      expect(JSON.parse(await readFile(path.join(dir, 'library.json'), 'utf8'))).toMatchObject({
        schemaVersion: LIBRARY_SCHEMA_VERSION
      })
      expect(await readFile(path.join(dir, 'library.json.v1.bak'), 'utf8')).toBe(
        await readFile(path.join(fixture, 'library.json'), 'utf8')
      )
      // Who is editing belongs to this machine, not the library: choose the editor again.
      await t.call('people.setCurrent', { id: library.people[0]!.id })
      const [trashed] = await t.call('stories.trash', {})
      await t.call('stories.restore', { id: trashed!.id })
      expect((await t.call('stories.get', { id: trashed!.id })).story.title).toBe('In the trash')

      const edited = [...originals.keys()].find(
        (id) => (originals.get(id)?.claims.length ?? 0) > 0 && originals.get(id)?.story.origin.kind === 'paste'
      )!
      const claim = originals.get(edited)!.claims[0]!
      await t.call('claims.update', {
        storyId: edited,
        claimId: claim.id,
        patch: { rationale: 'Saved after the upgrade.' }
      })
      await t.core.close()
      const again = await openTestCore({ libraryDir: dir, identity: t.identity })
      expect(again.core.store.notices).toEqual([])
      const detail = await again.call('stories.get', { id: edited })
      expect(detail.claims.find((c) => c.id === claim.id)?.rationale).toBe('Saved after the upgrade.')
      expect(detail.activity).toHaveLength(originals.get(edited)!.activity.length + 1)
      await again.core.close()
    } finally {
      await t.core.close().catch(() => undefined)
    }
  })

  it('finishes an upgrade a crash cut off', async () => {
    cpSync(fixture, dir, { recursive: true })
    const first = (await readdir(path.join(dir, 'stories'))).find((f) => f.endsWith('.json'))!
    const id = first.slice(0, -5)
    // The folder half written: a crash before the old file was moved in.
    cpSync(path.join(fixture, 'stories', first), path.join(dir, 'stories', id, 'partial.tmp'))
    const t = await openTestCore({ libraryDir: dir })
    await withEditor(t, 'Second Editor')
    expect((await t.call('library.get', {})).notices).toEqual([])
    expect((await t.call('stories.get', { id })).story.id).toBe(id)
    await t.core.close()
  })
})

describe('a library written by the previous version (story format 3, before the change journal)', () => {
  const v3 = path.join(__dirname, 'fixtures', 'library-v3')

  /** A story as format 3 shows it: story.json, the activity lines it counts, the revision texts. */
  async function asWritten(
    folder: string
  ): Promise<Pick<StoryFile, 'story' | 'claims' | 'evidence' | 'activity'> & { texts: string[] }> {
    const state = JSON.parse(await readFile(path.join(folder, 'story.json'), 'utf8')) as {
      schemaVersion: number
      story: StoryFile['story']
      claims: StoryFile['claims']
      evidence: StoryFile['evidence']
      activityLength: number
      revisions: { revision: number }[]
    }
    expect(state.schemaVersion).toBe(3)
    const lines = (await readFile(path.join(folder, 'activity.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .slice(0, state.activityLength)
    const texts = await Promise.all(
      state.revisions.map((r) => readFile(path.join(folder, `rev-${r.revision}.txt`), 'utf8'))
    )
    return {
      story: state.story,
      claims: state.claims,
      evidence: state.evidence,
      activity: lines.map((l) => JSON.parse(l) as Activity),
      texts
    }
  }

  it('is upgraded with each old state file kept, shows the same content, and journals saves afterwards', async () => {
    cpSync(v3, dir, { recursive: true })
    const ids = await readdir(path.join(v3, 'stories'))
    const originals = new Map(
      await Promise.all(ids.map(async (id) => [id, await asWritten(path.join(v3, 'stories', id))] as const))
    )
    const t = await openTestCore({ libraryDir: dir })
    try {
      await withEditor(t, 'Second Editor')
      expect((await t.call('library.get', {})).notices).toEqual([])
      for (const [id, original] of originals) {
        const detail = await t.call('stories.get', { id })
        // Format 6 keeps a corrections log; no earlier story had one.
        expect(detail.story).toEqual({ ...original.story, corrections: [] })
        // Format 5 says which part of the story each claim is in; every format 3 claim is in the text.
        expect(detail.claims).toEqual(
          original.claims.map((c) => ({ ...c, anchor: { ...c.anchor, part: 'body' as const }, reviews: [] }))
        )
        expect(detail.evidence).toEqual(original.evidence.map((e) => ({ ...e, appearance: false })))
        expect(detail.activity).toEqual(original.activity)
        for (const [i, text] of original.texts.entries())
          expect(await t.call('stories.revision', { id, revision: i + 1 })).toEqual({ revision: i + 1, text })
        // The format 3 file is kept as the older version wrote it.
        expect(await readFile(path.join(dir, 'stories', id, 'story.json.v3.bak'), 'utf8')).toBe(
          await readFile(path.join(v3, 'stories', id, 'story.json'), 'utf8')
        )
        expect(JSON.parse(await readFile(path.join(dir, 'stories', id, 'story.json'), 'utf8'))).toMatchObject({
          schemaVersion: STORY_STATE_VERSION,
          journalSeq: 0
        })
      }
      const [trashed] = await t.call('stories.trash', {})
      await t.call('stories.restore', { id: trashed!.id })
      expect((await t.call('stories.get', { id: trashed!.id })).story.title).toBe('In the trash')

      const [id, original] = [...originals].find(([, o]) => o.claims.length > 1)!
      await t.call('claims.update', {
        storyId: id,
        claimId: original.claims[1]!.id,
        patch: { rationale: 'Saved after the upgrade.' }
      })
      expect(
        (await readFile(path.join(dir, 'stories', id, 'journal.jsonl'), 'utf8')).split('\n').filter(Boolean)
      ).toHaveLength(1)
      await t.core.close()
      const again = await openTestCore({ libraryDir: dir, identity: t.identity })
      expect(again.core.store.notices).toEqual([])
      const detail = await again.call('stories.get', { id })
      expect(detail.claims[1]?.rationale).toBe('Saved after the upgrade.')
      expect(detail.activity).toHaveLength(original.activity.length + 1)
      await again.core.close()
    } finally {
      await t.core.close().catch(() => undefined)
    }
  })

  it('is opened read-only story by story by a Factdesk that knows only format 3, rather than missing the journal', async () => {
    cpSync(v3, dir, { recursive: true })
    const t = await openTestCore({ libraryDir: dir })
    const id = (await t.call('stories.list', {}))[0]!.id
    await t.call('stories.get', { id })
    await t.core.close()
    // What format 3 knew: story.json without the journal's line number.
    const older = {
      label: 'the story file',
      schema: StoryState.omit({ journalSeq: true }).extend({ schemaVersion: z.literal(3) }),
      currentVersion: 3,
      migrations: {}
    }
    const outcome = await loadSafely(
      nodeFileIO,
      path.join(dir, 'stories', id, 'story.json'),
      older,
      () => new Date(at),
      { canWrite: false }
    )
    expect(outcome.state).toBe('newer')
  })
})
