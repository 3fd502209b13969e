// The store under a library's real weight (evidence, five activity entries per claim, three
// revisions per story): claim save in one long story and in small and large libraries side by
// side, opening a 5,000-story library (cold and warm apart, and after a crash), story opens from disk and from
// memory, and the main heap after GC once every story was opened.
//
// Saves are timed as the window waits for them (until the call returns). Every twentieth save
// starts while the background index write runs (in the app it runs 3 s after a save), so what that
// write costs in a large library shows in the save figures instead of falling between them.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { cleanCloseFileOf } from '../../src/main/store/clean-close'
import { openTestCore, type TestCore } from '../../src/main/testing/test-core'
import { benchIdentity, buildLibrary } from './library-fixture'
import { percentile, row, type Bench, type BenchRow } from './types'

const SAVES = 200
/** Every this many saves, one starts while the index write runs. */
const INDEX_WRITE_EVERY = 20
const statuses = ['open', 'in_progress', 'waiting', 'done'] as const
const MB = 1024 * 1024

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** The heap in use once garbage is collected: what the process really holds. */
function heapAfterGc(): number {
  gc()
  gc()
  return process.memoryUsage().heapUsed / MB
}

async function claimSaves(t: TestCore, stories: number, claimsPerStory: number, storyId?: string): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < SAVES; i++) {
    const id = storyId ?? `story${(i * 7) % stories}`
    const c = (i * 13) % claimsPerStory
    const patch = i % 2 === 0 ? { status: statuses[i % 4] } : { rationale: `Checked against the ministry table, pass ${i}.` }
    const indexWrite = i % INDEX_WRITE_EVERY === INDEX_WRITE_EVERY - 1 ? t.core.store.flushIndex() : null
    const started = performance.now()
    await t.call('claims.update', { storyId: id, claimId: `${id}-c${c}`, patch })
    times.push(performance.now() - started)
    await indexWrite
  }
  return times
}

/** How long the background index write takes after saves to `stories` different stories. */
async function indexWrites(t: TestCore, stories: number, claimsPerStory: number): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < 20; i++) {
    for (let s = 0; s < 5; s++) await t.call('claims.update', { storyId: `story${(i * 5 + s) % stories}`, claimId: `story${(i * 5 + s) % stories}-c${i % claimsPerStory}`, patch: { rationale: `Index write ${i}` } })
    const started = performance.now()
    await t.core.store.flushIndex()
    times.push(performance.now() - started)
  }
  return times
}

async function withLibrary<T>(build: (dir: string) => Promise<void>, run: (dir: string) => Promise<T>): Promise<T> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'factdesk-bench-'))
  const dir = path.join(root, 'library')
  try {
    await build(dir)
    return await run(dir)
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

const open = (dir: string): Promise<TestCore> => openTestCore({ libraryDir: dir, checkOutput: false, identity: benchIdentity })

/** Saves in a library of 40-claim stories, to stories the editor has open (in memory), as in the app. */
async function savesToOpenStories(t: TestCore): Promise<number[]> {
  for (let s = 0; s < 10; s++) await t.call('stories.get', { id: `story${s}` })
  return claimSaves(t, 10, 40)
}

const bench: Bench = {
  name: 'store',
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = []

    // One story of 3,000 claims with 15,000 activity entries and three revisions.
    await withLibrary(
      (dir) => buildLibrary(dir, 0, 1, { claims: 3000, words: 40_000 }),
      async (dir) => {
        const t = await open(dir)
        const opening = performance.now()
        await t.call('stories.get', { id: 'big' })
        const coldOpen = performance.now() - opening
        const warmOpening = performance.now()
        await t.call('stories.get', { id: 'big' })
        const warmOpen = performance.now() - warmOpening
        const times = await claimSaves(t, 1, 3000, 'big')
        // The next start after a crash: story.json and the saves still in its journal.
        const after = await openTestCore({ libraryDir: dir, checkOutput: false, identity: benchIdentity, store: { lock: false } })
        const replaying = performance.now()
        await after.call('stories.get', { id: 'big' })
        const replayOpen = performance.now() - replaying
        await after.core.close()
        const closing = performance.now()
        await t.core.close()
        const close = performance.now() - closing
        rows.push(
          row('3,000-claim story (15,000 activity entries, 3 revisions): first open from disk (cold; files in the OS cache)', coldOpen, 'ms'),
          row('3,000-claim story: open again from memory (warm)', warmOpen, 'ms'),
          row('claim save p50, 3,000-claim story with long history', percentile(times, 50), 'ms'),
          row('claim save p95, 3,000-claim story with long history', percentile(times, 95), 'ms', { max: 15 }),
          row('3,000-claim story: open from disk with 200 saves in its journal (after a crash, cold)', replayOpen, 'ms'),
          row('library close after 200 saves to the 3,000-claim story (folds its journal into story.json)', close, 'ms')
        )
      }
    )

    const small = await withLibrary(
      (dir) => buildLibrary(dir, 50, 40),
      async (dir) => {
        const t = await open(dir)
        const times = await savesToOpenStories(t)
        const writes = await indexWrites(t, 50, 40)
        await t.core.close()
        rows.push(row('index write p95 after 5 saves, 50 stories (background)', percentile(writes, 95), 'ms'))
        return times
      }
    )

    // A 5,000-story library: open it (cold, then warm), open every story once, and save claims;
    // the heap after GC must stay small however many stories were opened.
    const large = await withLibrary(
      (dir) => buildLibrary(dir, 5000, 40),
      async (dir) => {
        const before = heapAfterGc()
        let started = performance.now()
        const cold = await open(dir)
        const coldOpen = performance.now() - started
        await cold.core.close()
        // The next start after a crash finds no clean-close marker, so every story folder is checked.
        await rm(cleanCloseFileOf(dir))
        started = performance.now()
        const crashed = await open(dir)
        const crashOpen = performance.now() - started
        await crashed.core.close()
        started = performance.now()
        const t = await open(dir)
        const warmOpen = performance.now() - started
        const fromDisk: number[] = []
        for (let s = 0; s < 5000; s++) {
          const at = performance.now()
          await t.call('stories.get', { id: `story${s}` })
          fromDisk.push(performance.now() - at)
        }
        const fromMemory: number[] = []
        for (let i = 0; i < 200; i++) {
          const at = performance.now()
          await t.call('stories.get', { id: `story${4999 - (i % 5)}` })
          fromMemory.push(performance.now() - at)
        }
        const heap = heapAfterGc()
        rows.push(
          row('library open, 5,000 stories x 40 claims (first open in this process, files in the OS cache)', coldOpen, 'ms'),
          row('library open, 5,000 stories x 40 claims (again, warm)', warmOpen, 'ms'),
          row('library open after a crash, 5,000 stories (no clean close: every story folder checked; warm)', crashOpen, 'ms'),
          row('story open p95, 40 claims, from disk (first open of each story)', percentile(fromDisk, 95), 'ms'),
          row('story open p95, 40 claims, from memory (recently opened)', percentile(fromMemory, 95), 'ms'),
          row('main heap after GC, every story of 5,000 opened once', heap, 'MB', { max: 100 }),
          row('heap held by the open 5,000-story library (after GC, vs before opening)', heap - before, 'MB')
        )
        const times = await savesToOpenStories(t)
        const writes = await indexWrites(t, 5000, 40)
        await t.core.close()
        rows.push(row('index write p95 after 5 saves, 5,000 stories (background)', percentile(writes, 95), 'ms'))
        return times
      }
    )
    rows.push(
      row('claim save p50, 50 stories x 40 claims (to 10 open stories)', percentile(small, 50), 'ms'),
      row('claim save p95, 50 stories x 40 claims (to 10 open stories)', percentile(small, 95), 'ms'),
      row('claim save p50, 5,000 stories x 40 claims (to 10 open stories)', percentile(large, 50), 'ms'),
      row('claim save p95, 5,000 stories x 40 claims (to 10 open stories)', percentile(large, 95), 'ms', { max: 15 }),
      row('claim save p95 ratio, 5,000 vs 50 stories', percentile(large, 95) / percentile(small, 95), 'x', { max: 1.5 })
    )
    return rows
  }
}
export default bench
