// Every file in a library folder is accounted for on the next start, and notices are told only
// for real damage, once, saying what was done. Real files in temp folders, reopened each time.
import { cpSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, unlink, utimes, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import type { StoryFile } from '../../shared/model'
import { storyFileOf } from '../testing/story-file'
import { appSender, openTestCore, withEditor } from '../testing/test-core'
import { nodeFileIO, type FileIO } from './file-io'
import { LibraryStore } from './library-store'

const at = '2026-11-25T10:00:00.000Z'
const storyFile = (id: string, title = `Story ${id}`): StoryFile => storyFileOf(id, { story: { title } })

let dir: string
const file = (...parts: string[]): string => path.join(dir, ...parts)
beforeEach(async () => {
  dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'factdesk-files-')), 'library')
})

/** A library with two stories, s1 saved twice (its .bak, the last good copy, holds the second title too). */
async function twoStories(): Promise<void> {
  const store = await LibraryStore.open(dir)
  await store.createStory(storyFile('s1', 'First title'))
  await store.updateStory('s1', (f) => void (f.story.title = 'Second title'))
  await store.createStory(storyFile('s2'))
  await store.updateLibrary(
    (l) => void l.people.push({ id: 'ed', name: 'Ed', initials: 'E', createdAt: at, active: true, formerNames: [] })
  )
  await store.close()
}

/** Makes a file look older than library.json, so opening does not read it (it is read when the story is opened). */
const age = (name: string): Promise<void> =>
  utimes(name, new Date(Date.parse(at) - 60_000), new Date(Date.parse(at) - 60_000))
/** The same for a story's state file and its journal. */
const ageStory = async (state: string): Promise<void> => {
  await age(state)
  await age(path.join(path.dirname(state), 'journal.jsonl')).catch(() => undefined)
}

describe('every file accounted for', () => {
  it('restores a deleted story file from its backup, with one notice, on open after a crash', async () => {
    await twoStories()
    // A crash leaves no clean-close marker, so opening checks every story folder.
    await unlink(file('clean-close.json'))
    await unlink(file('stories', 's1', 'story.json'))
    const store = await LibraryStore.open(dir)
    expect(store.notices.map((n) => [n.kind, n.message])).toEqual([
      ['recovered_from_backup', expect.stringContaining('was missing and was restored')]
    ])
    expect((await store.readStory('s1')).story.title).toBe('Second title')
    await store.close()
    const again = await LibraryStore.open(dir)
    expect(again.notices).toEqual([])
    await again.close()
  })

  it('restores a story file deleted after a clean close from its backup when the story is first read, with one notice', async () => {
    await twoStories()
    await unlink(file('stories', 's1', 'story.json'))
    const store = await LibraryStore.open(dir)
    // After a clean close opening looks at no story file; the story's own load finds the damage.
    expect(store.notices).toEqual([])
    expect(store.library.stories.find((s) => s.id === 's1')?.title).toBe('Second title')
    expect((await store.readStory('s1')).story.title).toBe('Second title')
    expect(store.notices.map((n) => [n.kind, n.message])).toEqual([
      ['recovered_from_backup', expect.stringContaining('was missing and was restored')]
    ])
    // The index line follows the story as restored, also after a restart.
    expect(store.library.stories.find((s) => s.id === 's1')?.title).toBe('Second title')
    await store.close()
    const again = await LibraryStore.open(dir)
    expect(again.notices).toEqual([])
    expect(again.library.stories.find((s) => s.id === 's1')?.title).toBe('Second title')
    expect((await again.readStory('s1')).story.title).toBe('Second title')
    expect(again.notices).toEqual([])
    await again.close()
  })

  it('sweeps the temp files cut-off writes left, in the trash too, on the next start', async () => {
    await twoStories()
    const store = await LibraryStore.open(dir)
    await store.trashStory('s2')
    await store.close()
    const left = [
      file('library.json.123.abc.0.tmp'),
      file('stories', 's1', 'story.json.123.abc.1.tmp'),
      file('trash', 'index.123.abc.2.tmp'),
      file('trash', 's2', 'story.json.bak.123.abc.3.tmp')
    ]
    for (const temp of left) await writeFile(temp, 'half a write')
    // A crash leaves no clean-close marker.
    await unlink(file('clean-close.json'))
    const again = await LibraryStore.open(dir)
    await again.readStory('s1')
    const remaining = [
      ...(await readdir(dir)),
      ...(await readdir(file('stories', 's1'))),
      ...(await readdir(file('trash'))),
      ...(await readdir(file('trash', 's2')))
    ]
    expect(remaining.filter((name) => name.endsWith('.tmp'))).toEqual([])
    expect(again.notices).toEqual([])
    await again.close()
  })

  it('says of an index line whose story folder is gone (and not in the trash) that it is missing, and what to do', async () => {
    await twoStories()
    const { rename } = await import('node:fs/promises')
    const aside = path.join(path.dirname(dir), 's2-elsewhere')
    await rename(file('stories', 's2'), aside)
    const store = await LibraryStore.open(dir)
    expect(store.notices.map((n) => [n.kind, n.message])).toEqual([
      [
        'missing',
        expect.stringMatching(/“Story s2” are missing from the library folder.*put its folder back \(stories\/s2\)/)
      ]
    ])
    // Kept in the list, refused with a code when opened; the other story is untouched.
    expect(store.library.stories.map((s) => s.id).sort()).toEqual(['s1', 's2'])
    await expect(store.readStory('s2')).rejects.toMatchObject({ code: 'not_found' })
    expect((await store.readStory('s1')).story.title).toBe('Second title')
    await store.close()
    // Doing what the notice says brings it back.
    await rename(aside, file('stories', 's2'))
    const again = await LibraryStore.open(dir)
    expect((await again.readStory('s2')).story.title).toBe('Story s2')
    expect(again.notices).toEqual([])
    await again.close()
  })

  it('follows a story a crash left back in the library with its line still saying trashed, with a notice', async () => {
    await twoStories()
    const store = await LibraryStore.open(dir)
    await store.trashStory('s2')
    await store.close()
    // Restoring moves the folder back first and writes the line after: a crash between leaves this.
    const { rename } = await import('node:fs/promises')
    await rename(file('trash', 's2'), file('stories', 's2'))
    await unlink(file('clean-close.json'))
    const reopened = await LibraryStore.open(dir)
    expect(reopened.notices.map((n) => [n.kind, n.message])).toEqual([
      ['rebuilt', expect.stringContaining('was being restored from the trash when Factdesk stopped')]
    ])
    expect(reopened.library.stories.find((s) => s.id === 's2')?.deletedAt).toBeNull()
    expect((await reopened.readStory('s2')).story.title).toBe('Story s2')
    await reopened.close()
    const again = await LibraryStore.open(dir)
    expect(again.notices).toEqual([])
    await again.close()
  })

  it('shows a story a crash left in the trash with its line still in the list as trashed, with a notice', async () => {
    await twoStories()
    // The trash moves the folder first and writes the line after: a crash between leaves this.
    const { rename } = await import('node:fs/promises')
    await rename(file('stories', 's2'), file('trash', 's2'))
    await unlink(file('clean-close.json'))
    const store = await LibraryStore.open(dir)
    expect(store.notices.map((n) => [n.kind, n.message])).toEqual([
      ['missing', expect.stringContaining('was being moved to the trash when Factdesk stopped')]
    ])
    expect(store.library.stories.find((s) => s.id === 's2')?.deletedAt).not.toBeNull()
    await store.restoreStory('s2')
    expect((await store.readStory('s2')).story.title).toBe('Story s2')
    await store.close()
    const again = await LibraryStore.open(dir)
    expect(again.notices).toEqual([])
    await again.close()
  })

  it('keeps a story whose file and backup are gone in the list as missing, and the rest usable', async () => {
    await twoStories()
    await rm(file('stories', 's1'), { recursive: true })
    const store = await LibraryStore.open(dir)
    expect(store.notices.map((n) => n.kind)).toEqual(['missing'])
    expect(store.library.stories.map((s) => s.id).sort()).toEqual(['s1', 's2'])
    await expect(store.readStory('s1')).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('missing')
    })
    await store.updateStory('s2', (f) => void (f.story.title = 'Still works'))
    await store.close()
  })

  it('rebuilds a library whose index and backup are gone from its story files, and never seeds it as new', async () => {
    const t = await openTestCore()
    await withEditor(t)
    const mine = (await t.call('stories.create', { title: 'Mine', text: 'Words of my own.' })).id
    const before = (await t.call('stories.list', {})).map((s) => s.id).sort()
    await t.core.close()
    await rm(path.join(t.dir, 'library.json'))
    await rm(path.join(t.dir, 'library.json.bak'), { force: true })
    const again = await openTestCore({ libraryDir: t.dir })
    const state = await again.call('library.get', {})
    const stories = await again.call('stories.list', {})
    expect(stories.map((s) => s.id).sort()).toEqual(before)
    expect(stories.some((s) => s.id === mine)).toBe(true)
    expect(state.notices.map((n) => n.kind)).toEqual(['rebuilt'])
    await again.cleanup()
    await t.cleanup()
  })

  it('tells about damage found when a story is first opened, once, as an event', async () => {
    const t = await openTestCore()
    await withEditor(t)
    const id = (await t.call('stories.create', { title: 'Kept', text: 'Words.' })).id
    await t.call('stories.update', { id, patch: { title: 'Kept twice' } })
    await t.core.close()
    const storyPath = path.join(t.dir, 'stories', id, 'story.json')
    await writeFile(storyPath, '{"schemaVersion":2,"sto')
    await ageStory(storyPath)
    const again = await openTestCore({ libraryDir: t.dir })
    expect(again.core.store.notices).toEqual([])
    await again.call('stories.get', { id })
    await again.call('stories.get', { id })
    const told = again.platform.events
      .filter((e) => e.event === 'store.recovered')
      .map((e) => (e.payload as { kind: string }).kind)
    expect(told).toEqual(['quarantined', 'recovered_from_backup'])
    await again.cleanup()
    await t.cleanup()
  })

  it('adds a story file a crash left out of the index without calling it damage', async () => {
    await twoStories()
    const index = JSON.parse(await readFile(file('library.json'), 'utf8')) as { stories: { id: string }[] }
    index.stories = index.stories.filter((s) => s.id !== 's2')
    await writeFile(file('library.json'), JSON.stringify(index))
    const store = await LibraryStore.open(dir)
    expect(store.library.stories.map((s) => s.id).sort()).toEqual(['s1', 's2'])
    expect(store.notices).toEqual([])
    await store.close()
  })

  it('sets aside a story file whose name differs from the story inside, once, without a second index line', async () => {
    await twoStories()
    cpSync(file('stories', 's2'), file('stories', 's9'), { recursive: true })
    const store = await LibraryStore.open(dir)
    expect(store.notices.map((n) => n.kind)).toEqual(['quarantined'])
    expect(store.library.stories.map((s) => s.id).sort()).toEqual(['s1', 's2'])
    await store.close()
    const again = await LibraryStore.open(dir)
    expect(again.notices).toEqual([])
    expect(again.library.stories.map((s) => s.id).sort()).toEqual(['s1', 's2'])
    await again.close()
  })

  it('reads a library.json that starts with a byte order mark as good', async () => {
    await twoStories()
    const content = await readFile(file('library.json'), 'utf8')
    await writeFile(file('library.json'), `\uFEFF${content}`)
    await ageStory(file('stories', 's1', 'story.json'))
    await ageStory(file('stories', 's2', 'story.json'))
    const store = await LibraryStore.open(dir)
    expect(store.notices).toEqual([])
    expect(store.library.people.map((p) => p.name)).toEqual(['Ed'])
    await store.close()
  })

  it('opens a library from a newer Factdesk read-only with what it understands of it visible', async () => {
    await twoStories()
    const index = JSON.parse(await readFile(file('library.json'), 'utf8')) as Record<string, unknown> & {
      stories: Record<string, unknown>[]
    }
    const newer = JSON.stringify({
      ...index,
      schemaVersion: 99,
      stories: index.stories.map((s) => ({ ...s, colour: 'teal' })),
      shelves: []
    })
    await writeFile(file('library.json'), newer)
    const store = await LibraryStore.open(dir)
    expect(store.readOnly).toBe(true)
    expect(store.notices.map((n) => n.kind)).toEqual(['read_only'])
    expect(store.library.stories.map((s) => s.title).sort()).toEqual(['Second title', 'Story s2'])
    expect(store.library.people.map((p) => p.name)).toEqual(['Ed'])
    expect((await store.readStory('s1')).story.title).toBe('Second title')
    await store.close()
    expect(await readFile(file('library.json'), 'utf8')).toBe(newer)
  })

  it.each(['EACCES', 'EPERM', 'EBUSY'])(
    'gives a coded error for a story file that fails with %s, and the rest of the library opens and works',
    async (code) => {
      await twoStories()
      const store0 = await LibraryStore.open(dir)
      await store0.updateStory('s1', (f) => void (f.story.title = 'Newer than the index'))
      await store0.close()
      const blocked = file('stories', 's1', 'story.json')
      const io: FileIO = {
        ...nodeFileIO,
        readFile: async (name) => {
          if (name === blocked) throw Object.assign(new Error(`${code}: simulated`), { code })
          return nodeFileIO.readFile(name)
        }
      }
      const store = await LibraryStore.open(dir, { io })
      expect(store.library.stories.map((s) => s.id).sort()).toEqual(['s1', 's2'])
      await expect(store.readStory('s1')).rejects.toMatchObject({
        code: 'io_error',
        message: expect.stringContaining('story file s1')
      })
      await store.updateStory('s2', (f) => void (f.story.title = 'Usable'))
      await store.close()
    }
  )
})

describe('export.reveal', () => {
  it('shows only the report the app just saved', async () => {
    const t = await openTestCore()
    try {
      await withEditor(t)
      const revealed: string[] = []
      t.platform.revealFile = (name) => void revealed.push(name)
      const other = await t.core.dispatch('export.reveal', { path: '/etc/passwd' }, appSender)
      expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } })
      t.platform.saveDir = t.dir
      const ids = (await t.call('stories.list', {})).map((s) => s.id)
      const saved = await t.call('export.report', {
        scope: 'selected',
        storyIds: ids,
        format: 'markdown',
        options: { includeExcerpts: true, includeActivity: false, includeOrphaned: true, internal: false }
      })
      expect(await t.core.dispatch('export.reveal', { path: saved.path }, appSender)).toMatchObject({ ok: true })
      expect(
        await t.core.dispatch('export.reveal', { path: path.join(t.dir, 'library.json') }, appSender)
      ).toMatchObject({ ok: false, error: { code: 'forbidden' } })
      expect(revealed).toEqual([saved.path])
      expect((await readdir(t.dir)).some((f) => f.endsWith('.md'))).toBe(true)
    } finally {
      await t.cleanup()
    }
  })
})
