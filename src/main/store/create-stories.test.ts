// Many new stories written as one batch (a desk pull): fewer folder fsyncs than one at a time, and a
// batch cut off by a failing disk at any step leaves each story whole or absent, never half written,
// and never touches the stories already saved.
import { mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { StoryFile } from '../../shared/model'
import { syntheticStory } from '../testing/library-fixture'
import { nodeFileIO, type FileIO } from './file-io'
import { LibraryStore } from './library-store'

const story = (id: string): StoryFile => syntheticStory(id, 3, 80)
const newDir = async (): Promise<string> =>
  path.join(await mkdtemp(path.join(os.tmpdir(), 'factdesk-batch-')), 'library')

/** A disk that counts write steps and folder fsyncs; after failAfter(k) every step from the k-th on fails (EIO). */
function countingDisk(): {
  io: FileIO
  dirSyncs: () => number
  fileSyncs: () => number
  steps: () => number
  failAfter(k: number): void
} {
  let failAt = Infinity
  let steps = 0
  let dirSyncs = 0
  let fileSyncs = 0
  const step =
    <A extends unknown[], R>(op: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (++steps >= failAt) throw Object.assign(new Error('EIO: simulated'), { code: 'EIO' })
      return op(...args)
    }
  const io: FileIO = {
    ...nodeFileIO,
    writeFile: step(async (file: string, data: string | Uint8Array, flag: 'wx' | 'w') => {
      fileSyncs++
      await nodeFileIO.writeFile(file, data, flag)
    }),
    rename: step(nodeFileIO.rename),
    link: step(nodeFileIO.link),
    mkdir: step(nodeFileIO.mkdir),
    fsyncDir: step(async (dir: string) => {
      dirSyncs++
      await nodeFileIO.fsyncDir(dir)
    })
  }
  return {
    io,
    dirSyncs: () => dirSyncs,
    fileSyncs: () => fileSyncs,
    steps: () => steps,
    failAfter: (k) => void (failAt = steps + k)
  }
}

describe('LibraryStore.createStories', () => {
  it('fsyncs each story folder three times, not once per file, and every story reads back whole', async () => {
    const files = Array.from({ length: 12 }, (_, i) => story(`b${i}`))
    // Each story is six files: three revision texts, its history, its state file and the state's copy.
    expect(files[0]!.revisions).toHaveLength(3)
    const batch = countingDisk()
    const dir = await newDir()
    const store = await LibraryStore.open(dir, { io: batch.io })
    const start = batch.dirSyncs()
    const startFiles = batch.fileSyncs()
    const summaries = await store.createStories(files)
    expect(summaries.map((s) => s.id)).toEqual(files.map((f) => f.story.id))
    // Per story: one for its revisions and history, one for its state file, one for the state's copy.
    expect(batch.dirSyncs() - start).toBeLessThanOrEqual(3 * files.length)
    // Six fsynced files per story; the digests of what was checked and the story's head prove themselves
    // when read and are written without (eight on the old code).
    expect(batch.fileSyncs() - startFiles).toBe(6 * files.length)
    await store.close()
    const again = await LibraryStore.open(dir)
    for (const file of files) expect(await again.readStory(file.story.id)).toEqual(file)
    await again.close()
  })

  it('refuses a batch naming a story the library has, or one id twice, before writing anything', async () => {
    const store = await LibraryStore.open(await newDir())
    await store.createStory(story('x'))
    await expect(store.createStories([story('y'), story('x')])).rejects.toMatchObject({ code: 'conflict' })
    await expect(store.createStories([story('z'), story('z')])).rejects.toMatchObject({ code: 'conflict' })
    expect(store.library.stories.map((s) => s.id)).toEqual(['x'])
    await store.close()
  })

  it('a batch cut off at any write step leaves each story whole or absent, and the saved ones as they were', async () => {
    const files = Array.from({ length: 4 }, (_, i) => story(`n${i}`))
    const saved = story('saved')
    // How many write steps a whole batch takes, so every one of them can be the one that fails.
    const probe = countingDisk()
    const probeStore = await LibraryStore.open(await newDir(), { io: probe.io })
    const from = probe.steps()
    await probeStore.createStories(files)
    const total = probe.steps() - from
    await probeStore.close()

    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: total }), async (failAfter) => {
        const dir = await newDir()
        const setup = await LibraryStore.open(dir)
        await setup.createStory(saved)
        await setup.close()
        const disk = countingDisk()
        const store = await LibraryStore.open(dir, { io: disk.io, lock: false })
        disk.failAfter(failAfter)
        // Only the digests (a cache, see checked-digest.ts) may fail without failing the batch.
        const failed = await store.createStories(files).then(
          () => null,
          (error: unknown) => error
        )
        if (failed) expect(failed).toMatchObject({ code: 'io_error' })
        // No close (a crash): what the next open finds is what reached the disk.
        const again = await LibraryStore.open(dir, { lock: false })
        expect(await again.readStory('saved')).toEqual(saved)
        for (const file of files) {
          const found = await again.readStory(file.story.id).catch(() => null)
          if (found !== null || !failed) expect(found).toEqual(file)
        }
        await again.close()
      }),
      { numRuns: 12 }
    )
  })
})
