import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import type { StoryFile } from '../../shared/model'
import { storyFileOf } from '../testing/story-file'
import { nodeFileIO, type FileIO } from './file-io'
import { LibraryStore } from './library-store'

const at = '2026-11-25T10:00:00.000Z'
const storyFile = (id: string, title = `Story ${id}`): StoryFile => storyFileOf(id, { story: { title } })

let dir: string

/** The index lines on disk: library.json's, with index.jsonl's in their place. */
async function indexOnDisk(): Promise<{ id: string; title: string }[]> {
  const library = JSON.parse(await readFile(path.join(dir, 'library.json'), 'utf8')) as {
    stories: { id: string; title: string }[]
  }
  const journal = await readFile(path.join(dir, 'index.jsonl'), 'utf8').catch(() => '')
  const lines = new Map(library.stories.map((s) => [s.id, s]))
  for (const line of journal.split('\n').filter(Boolean)) {
    const summary = JSON.parse(line) as { id: string; title: string }
    lines.set(summary.id, summary)
  }
  return [...lines.values()]
}

beforeEach(async () => {
  dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'factdesk-store-')), 'library')
})

describe('LibraryStore', () => {
  it('creates a library, and a reopened store sees every change that returned', async () => {
    const store = await LibraryStore.open(dir)
    expect(store.created).toBe(true)
    await store.createStory(storyFile('s1'))
    await store.updateStory('s1', (f) => void (f.story.title = 'Renamed'))
    await store.updateLibrary((l) => void (l.settings.organisationName = 'The Desk'))
    await store.close()

    const again = await LibraryStore.open(dir)
    expect(again.created).toBe(false)
    expect(again.library.stories.map((s) => s.title)).toEqual(['Renamed'])
    expect((await again.readStory('s1')).story.title).toBe('Renamed')
    expect(again.library.settings.organisationName).toBe('The Desk')
    expect(again.notices).toEqual([])
    await again.close()
  })

  it('shows a saved story in the index at once and writes the index to disk soon after', async () => {
    const store = await LibraryStore.open(dir)
    await store.createStory(storyFile('s1'))
    await store.updateStory('s1', (f) => void (f.story.title = 'Renamed'))
    expect(store.library.stories.map((s) => s.title)).toEqual(['Renamed'])
    const library = await readFile(path.join(dir, 'library.json'), 'utf8')
    await store.flushIndex()
    // The line is appended to index.jsonl; library.json, which holds every story's line, is not rewritten for it.
    expect(await readFile(path.join(dir, 'library.json'), 'utf8')).toBe(library)
    expect((await indexOnDisk()).map((s) => s.title)).toEqual(['Renamed'])
    // A restart without close (a crash) finds it there.
    const again = await LibraryStore.open(dir, { lock: false })
    expect(again.notices).toEqual([])
    expect(again.library.stories.map((s) => s.title)).toEqual(['Renamed'])
    await again.close()
    await store.close()
  })

  it('folds index.jsonl into library.json once it grows, and ignores a journal older than library.json', async () => {
    const store = await LibraryStore.open(dir)
    await store.createStory(storyFile('s1'))
    await store.flushIndex()
    const library = await readFile(path.join(dir, 'library.json'), 'utf8')
    for (let i = 0; i < 300; i++) {
      await store.updateStory('s1', (f) => void (f.story.title = `Title ${i}`))
      await store.flushIndex()
    }
    expect(await readFile(path.join(dir, 'library.json'), 'utf8')).not.toBe(library)
    expect((await readFile(path.join(dir, 'index.jsonl'), 'utf8')).length).toBeLessThan(70 * 1024)
    expect((await indexOnDisk()).map((s) => s.title)).toEqual(['Title 299'])
    // A rewrite of library.json cut off before it emptied the journal leaves a journal older than it.
    await store.updateStory('s1', (f) => void (f.story.title = 'Old line'))
    await store.flushIndex()
    const journal = await readFile(path.join(dir, 'index.jsonl'), 'utf8')
    await store.updateStory('s1', (f) => void (f.story.title = 'Newest'))
    await store.updateLibrary((l) => void (l.settings.organisationName = 'Rewrites library.json'))
    await store.close()
    await writeFile(path.join(dir, 'index.jsonl'), journal)
    const past = new Date(Date.now() - 60_000)
    await utimes(path.join(dir, 'index.jsonl'), past, past)
    const again = await LibraryStore.open(dir)
    expect(again.library.stories.map((s) => s.title)).toEqual(['Newest'])
    await again.close()
  })

  it('recomputes index lines a crash left behind the story files', async () => {
    const store = await LibraryStore.open(dir)
    await store.createStory(storyFile('s1'))
    await store.createStory(storyFile('s2'))
    await store.flushIndex()
    const index = await readFile(path.join(dir, 'library.json'), 'utf8')
    await store.updateStory('s1', (f) => void (f.story.title = 'Saved just before the crash'))
    await store.close()
    // The folder as a crash right after that save would leave it: story written, index not yet.
    await writeFile(path.join(dir, 'library.json'), index)
    const past = new Date(Date.now() - 60_000)
    await utimes(path.join(dir, 'library.json'), past, past)

    const reopened = await LibraryStore.open(dir)
    expect(reopened.library.stories.map((s) => s.title).sort()).toEqual(['Saved just before the crash', 'Story s2'])
    expect(reopened.notices).toEqual([])
    await reopened.close()
  })

  it('after a clean close opens without looking at any story file for stale index lines, and after a crash looks at every one', async () => {
    const store = await LibraryStore.open(dir)
    for (const id of ['s1', 's2', 's3']) await store.createStory(storyFile(id))
    await store.close()
    const looked: string[] = []
    const counting: FileIO = {
      ...nodeFileIO,
      modifiedAt: (file) => (
        file.includes(`${path.sep}stories${path.sep}`) && looked.push(file),
        nodeFileIO.modifiedAt(file)
      )
    }

    const clean = await LibraryStore.open(dir, { io: counting })
    expect(looked).toEqual([])
    // The first write removes the marker before it touches the folder; what follows is cut off by a crash.
    await clean.updateStory('s2', (f) => void (f.story.title = 'Saved, then the crash'))
    await expect(readFile(path.join(dir, 'clean-close.json'))).rejects.toMatchObject({ code: 'ENOENT' })
    const afterCrash = await LibraryStore.open(dir, { io: counting, lock: false })
    expect(new Set(looked.map((f) => path.basename(path.dirname(f))))).toEqual(new Set(['s1', 's2', 's3']))
    expect(afterCrash.library.stories.map((s) => s.title).sort()).toEqual([
      'Saved, then the crash',
      'Story s1',
      'Story s3'
    ])
    expect(afterCrash.notices).toEqual([])
    await afterCrash.close()
    await clean.close()
  })

  it('checks every story when the clean-close marker is torn, or the index changed after it', async () => {
    const store = await LibraryStore.open(dir)
    await store.createStory(storyFile('s1'))
    await store.close()
    const marker = await readFile(path.join(dir, 'clean-close.json'), 'utf8')
    const looked: string[] = []
    const counting: FileIO = {
      ...nodeFileIO,
      modifiedAt: (file) => (
        file.includes(`${path.sep}stories${path.sep}`) && looked.push(file),
        nodeFileIO.modifiedAt(file)
      )
    }

    // A crash while the marker was written.
    await writeFile(path.join(dir, 'clean-close.json'), marker.slice(0, 20))
    await (await LibraryStore.open(dir, { io: counting })).close()
    expect(looked.length).toBeGreaterThan(0)

    // An index line appended by a Factdesk that knows no marker.
    looked.length = 0
    const line = (await indexOnDisk())[0]!
    await writeFile(
      path.join(dir, 'index.jsonl'),
      `${JSON.stringify({ ...line, title: 'Written by an older Factdesk' })}\n`,
      { flag: 'a' }
    )
    const again = await LibraryStore.open(dir, { io: counting })
    expect(looked.length).toBeGreaterThan(0)
    await again.close()

    // Closed cleanly again: nothing to check.
    looked.length = 0
    await (await LibraryStore.open(dir, { io: counting })).close()
    expect(looked).toEqual([])
  })

  it('keeps a story in the trash even when its index line was still on the way to disk', async () => {
    const store = await LibraryStore.open(dir)
    await store.createStory(storyFile('s1'))
    await store.updateStory('s1', (f) => void (f.story.title = 'Renamed'))
    await store.trashStory('s1')
    await store.flushIndex()
    await store.close()
    const again = await LibraryStore.open(dir)
    expect(again.library.stories).toMatchObject([{ id: 's1', title: 'Renamed', deletedAt: expect.any(String) }])
    await again.close()
  })

  it('keeps 1,000 overlapping updates', async () => {
    const store = await LibraryStore.open(dir)
    await store.createStory(storyFile('s1'))
    await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        i % 2 === 0
          ? store.updateStory(
              's1',
              (f) =>
                void f.activity.push({
                  id: `a${i}`,
                  at,
                  by: 'ed',
                  action: 'story.updated',
                  storyId: 's1',
                  claimId: null,
                  field: null,
                  from: null,
                  to: i,
                  summary: ''
                })
            )
          : store.updateLibrary(
              (l) =>
                void l.people.push({
                  id: `p${i}`,
                  name: `Person ${i}`,
                  initials: 'P',
                  createdAt: at,
                  active: true,
                  formerNames: []
                })
            )
      )
    )
    await store.close()
    const again = await LibraryStore.open(dir)
    expect((await again.readStory('s1')).activity).toHaveLength(500)
    expect(again.library.people).toHaveLength(500)
    await again.close()
  })

  it.each(['ENOSPC', 'EACCES', 'EPERM'])(
    'on %s returns io_error, keeps memory as it was, and a retry works',
    async (code) => {
      let failNext = false
      // The next write fails, whether it rewrites a file or appends to one (a claim save appends to the journal).
      const io: FileIO = {
        ...nodeFileIO,
        writeFile: async (file, data, flag) => {
          if (failNext) {
            failNext = false
            throw Object.assign(new Error(code), { code })
          }
          return nodeFileIO.writeFile(file, data, flag)
        },
        appendFile: async (file, data) => {
          if (failNext) {
            failNext = false
            throw Object.assign(new Error(code), { code })
          }
          return nodeFileIO.appendFile(file, data)
        }
      }
      const store = await LibraryStore.open(dir, { io })
      await store.createStory(storyFile('s1'))
      failNext = true
      await expect(store.updateStory('s1', (f) => void (f.story.title = 'Lost?'))).rejects.toMatchObject({
        code: 'io_error'
      })
      expect((await store.readStory('s1')).story.title).toBe('Story s1')
      expect(store.library.stories[0]?.title).toBe('Story s1')
      await store.updateStory('s1', (f) => void (f.story.title = 'Saved'))
      await store.close()
      const again = await LibraryStore.open(dir)
      expect((await again.readStory('s1')).story.title).toBe('Saved')
      await again.close()
    }
  )

  it('refuses a second process on the same folder but takes over a stale lock', async () => {
    const store = await LibraryStore.open(dir)
    await store.close()
    // A lock left by a process that has died is stale.
    await writeFile(path.join(dir, 'library.lock'), JSON.stringify({ pid: 2 ** 22 + 12345 }))
    const reopened = await LibraryStore.open(dir)
    await reopened.close()
    // A lock held by a live process (our parent, standing in for another Factdesk) is respected.
    await writeFile(path.join(dir, 'library.lock'), JSON.stringify({ pid: process.ppid }))
    await expect(LibraryStore.open(dir)).rejects.toMatchObject({ code: 'conflict' })
  })

  it('heals an index that lost a story, and keeps a line whose file is gone as missing', async () => {
    const store = await LibraryStore.open(dir)
    await store.createStory(storyFile('s1'))
    await store.createStory(storyFile('s2'))
    await store.close()
    const index = JSON.parse(await readFile(path.join(dir, 'library.json'), 'utf8')) as { stories: { id: string }[] }
    const lines = await indexOnDisk()
    index.stories = lines.filter((s) => s.id !== 's1').concat({ ...lines[0]!, id: 'ghost' })
    await writeFile(path.join(dir, 'library.json'), JSON.stringify(index))
    await rm(path.join(dir, 'index.jsonl'))
    const again = await LibraryStore.open(dir)
    expect(again.library.stories.map((s) => s.id).sort()).toEqual(['ghost', 's1', 's2'])
    expect(again.notices.map((n) => n.kind)).toEqual(['missing'])
    await again.close()
  })

  it('rebuilds a lost index from the story files, keeping the damaged index aside', async () => {
    const store = await LibraryStore.open(dir)
    await store.createStory(storyFile('s1'))
    await store.close()
    await writeFile(path.join(dir, 'library.json'), '{"schemaVersion":1,"stor')
    await writeFile(path.join(dir, 'library.json.bak'), '')
    const again = await LibraryStore.open(dir)
    expect(again.library.stories.map((s) => s.id)).toEqual(['s1'])
    expect(again.notices.map((n) => n.kind)).toContain('quarantined')
    expect((await readdir(path.join(dir, 'recovered'))).some((f) => f.endsWith('-library.json'))).toBe(true)
    await again.close()
  })

  it('falls back to the backup when library.json parses but does not fit its format, keeping it in recovered/', async () => {
    const store = await LibraryStore.open(dir)
    await store.createStory(storyFile('s1'))
    await store.updateLibrary(
      (l) => void l.people.push({ id: 'ed', name: 'Ed', initials: 'E', createdAt: at, active: true, formerNames: [] })
    )
    await store.close()
    for (const misfit of [
      '{"schemaVersion":1}',
      '{"schemaVersion":2,"stories":7}',
      '{"schemaVersion":1,"stories":[null]}'
    ]) {
      await writeFile(path.join(dir, 'library.json'), misfit)
      const again = await LibraryStore.open(dir)
      expect(again.notices.map((n) => n.kind)).toEqual(['quarantined', 'recovered_from_backup'])
      expect(again.notices[0]?.message).toMatch(/does not fit|does not match/)
      expect(again.library.people.map((p) => p.id)).toEqual(['ed'])
      expect(again.library.stories.map((s) => s.id)).toEqual(['s1'])
      await again.close()
      const kept = await readdir(path.join(dir, 'recovered'))
      expect(await Promise.all(kept.map((f) => readFile(path.join(dir, 'recovered', f), 'utf8')))).toContain(misfit)
    }
  })

  it('opens a library from a newer Factdesk read-only and refuses changes', async () => {
    const store = await LibraryStore.open(dir)
    await store.close()
    const newer = JSON.stringify({ schemaVersion: 99, stories: [], future: true })
    await writeFile(path.join(dir, 'library.json'), newer)
    const again = await LibraryStore.open(dir)
    expect(again.readOnly).toBe(true)
    await expect(again.updateLibrary(() => undefined)).rejects.toMatchObject({ code: 'read_only' })
    expect(await readFile(path.join(dir, 'library.json'), 'utf8')).toBe(newer)
    await again.close()
  })

  it('moves a deleted story to trash/ and back', async () => {
    const store = await LibraryStore.open(dir)
    await store.createStory(storyFile('s1'))
    expect((await store.trashStory('s1')).deletedAt).not.toBeNull()
    expect(await readdir(path.join(dir, 'trash'))).toContain('s1')
    await expect(store.readStory('s1')).rejects.toMatchObject({ code: 'not_found' })
    await store.restoreStory('s1')
    expect((await store.readStory('s1')).story.title).toBe('Story s1')
    await store.close()
  })
})

describe('story cache', () => {
  it('a read racing a change on a story not yet loaded never brings back the older version', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-race-'))
    try {
      const first = await LibraryStore.open(dir, { lock: false })
      await first.createStory(storyFile('race'))
      await first.close()
      const store = await LibraryStore.open(dir, { lock: false })
      await Promise.all([store.readStory('race'), store.updateStory('race', (f) => void (f.story.title = 'Changed'))])
      await store.updateStory('race', (f) => void (f.story.outlet = 'Next'))
      const after = await store.readStory('race')
      expect([after.story.title, after.story.outlet]).toEqual(['Changed', 'Next'])
      await store.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
