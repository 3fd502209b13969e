// The store under a library's real weight (evidence, five activity entries per claim, three
// revisions per story): claim save in a 3,000- and a 300-claim story open at once and saved to by
// turns (their ratio compares story sizes), and in a 50- and a 5,000-story library open at once and
// saved to by turns (so the noise of the disk and the machine falls on both alike and their ratio
// compares library sizes); opening a 3,000-claim story (first, again, after a crash) and a
// 5,000-story library (cold and warm apart, and after a crash), story opens from disk and from
// memory, and the main heap after GC once every story was opened, measured in a fresh process that
// holds only the core (scripts/bench/heap-probe.ts).
//
// Saves are timed as the window waits for them (until the call returns). Every twentieth save
// starts while the background index write runs (in the app it runs 3 s after a save), so what that
// write costs in a large library shows in the save figures instead of falling between them.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { cleanCloseFileOf } from '../../src/main/store/clean-close'
import { openTestCore, type TestCore } from '../../src/main/testing/test-core'
import { benchIdentity, buildLibrary } from '../../src/main/testing/library-fixture'
import { FIRST_CLAIMS } from '../../src/shared/contract'
import { percentile, row, type Bench, type BenchRow } from './types'

const SAVES = 200
/** Saves to each of the 50- and the 5,000-story library, by turns. */
const SIDE_BY_SIDE_SAVES = 600
/** Every this many saves, one starts while the index write runs. */
const INDEX_WRITE_EVERY = 20
const statuses = ['open', 'in_progress', 'waiting', 'done'] as const
const run = promisify(execFile)

/** One claim save, timed as the window waits for it; every INDEX_WRITE_EVERY-th starts while the index write runs. */
async function claimSave(t: TestCore, i: number, id: string, claimsPerStory: number): Promise<number> {
  const c = (i * 13) % claimsPerStory
  const patch =
    i % 2 === 0 ? { status: statuses[i % 4] } : { rationale: `Checked against the ministry table, pass ${i}.` }
  const indexWrite = i % INDEX_WRITE_EVERY === INDEX_WRITE_EVERY - 1 ? t.core.store.flushIndex() : null
  const started = performance.now()
  await t.call('claims.update', { storyId: id, claimId: `${id}-c${c}`, patch })
  const time = performance.now() - started
  await indexWrite
  return time
}

/** How long the background index write takes after saves to `stories` different stories. */
async function indexWrites(t: TestCore, stories: number, claimsPerStory: number): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < 20; i++) {
    for (let s = 0; s < 5; s++)
      await t.call('claims.update', {
        storyId: `story${(i * 5 + s) % stories}`,
        claimId: `story${(i * 5 + s) % stories}-c${i % claimsPerStory}`,
        patch: { rationale: `Index write ${i}` }
      })
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

const open = (dir: string): Promise<TestCore> =>
  openTestCore({ libraryDir: dir, checkOutput: false, identity: benchIdentity })

/**
 * Saves in two libraries of 40-claim stories, to stories the editor has open (in memory), as in the
 * app: by turns, the first library first on even turns and the second first on odd ones.
 */
async function savesSideBySide(a: TestCore, b: TestCore): Promise<{ small: number[]; large: number[] }> {
  for (const t of [a, b]) for (let s = 0; s < 10; s++) await t.call('stories.get', { id: `story${s}` })
  const small: number[] = []
  const large: number[] = []
  for (let i = 0; i < SIDE_BY_SIDE_SAVES; i++) {
    const turns: [TestCore, number[]][] =
      i % 2 === 0
        ? [
            [a, small],
            [b, large]
          ]
        : [
            [b, large],
            [a, small]
          ]
    for (const [t, times] of turns) times.push(await claimSave(t, i, `story${(i * 7) % 10}`, 40))
  }
  return { small, large }
}

/**
 * The main heap after GC with every story of the library opened once, measured in a fresh Node
 * process that holds only the core (this process has run the other benches).
 */
async function heapOfFreshProcess(dir: string): Promise<{ before: number; after: number }> {
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', path.resolve('scripts/bench/heap-probe.ts'), dir],
    { maxBuffer: 1024 * 1024 }
  )
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as { before: number; after: number }
}

const bench: Bench = {
  name: 'store',
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = []

    // A story of 3,000 claims (10,000 words, 15,000 activity entries, three revisions) and one of
    // 300, each in its own library, open at once and saved to by turns, so their p95 ratio compares
    // story sizes, not moments.
    await withLibrary(
      (dir) => buildLibrary(dir, 0, 1, { claims: 3000, words: 10_000 }),
      (dir) =>
        withLibrary(
          (smallDir) => buildLibrary(smallDir, 0, 1, { claims: 300, words: 10_000 }),
          async (smallDir) => {
            const t = await open(dir)
            const s = await open(smallDir)
            // Opened in parts, as the story view opens it: the first claims (from the story's head), then the rest a
            // page at a time. First in the process, so nothing of the story is cached or compiled yet.
            const parts = await openTestCore({
              libraryDir: dir,
              checkOutput: false,
              identity: benchIdentity,
              store: { lock: false }
            })
            const partsAt = performance.now()
            const first = await parts.call('stories.get', { id: 'big', firstClaims: FIRST_CLAIMS })
            const firstPart = performance.now() - partsAt
            let rest = first.rest
            let pages = 0
            let claimsFrom = first.claims.length
            let activityFrom = 0
            while (rest && (rest.claims > 0 || rest.activity > 0)) {
              const page = await parts.call('stories.page', { id: 'big', claimsFrom, activityFrom })
              claimsFrom += page.claims.length
              activityFrom += page.activity.length
              rest = page.rest
              pages++
            }
            const allParts = performance.now() - partsAt
            const firstBytes = JSON.stringify(first).length
            const wholeBytes = JSON.stringify(await parts.call('stories.get', { id: 'big' })).length
            await parts.core.close()
            const opening = performance.now()
            await t.call('stories.get', { id: 'big' })
            const coldOpen = performance.now() - opening
            const warm: number[] = []
            for (let i = 0; i < 20; i++) {
              const at = performance.now()
              await t.call('stories.get', { id: 'big' })
              warm.push(performance.now() - at)
            }
            await s.call('stories.get', { id: 'big' })
            const large: number[] = []
            const small: number[] = []
            for (let i = 0; i < SAVES * 2; i++) {
              const turns: [TestCore, number[], number][] = [
                [t, large, 3000],
                [s, small, 300]
              ]
              if (i % 2 === 1) turns.reverse()
              for (const [core, times, claims] of turns) times.push(await claimSave(core, i, 'big', claims))
            }
            const afterSave = performance.now()
            await t.call('stories.get', { id: 'big' })
            const openAfterSave = performance.now() - afterSave
            // The next start after a crash: story.json and the saves still in its journal.
            const after = await openTestCore({
              libraryDir: dir,
              checkOutput: false,
              identity: benchIdentity,
              store: { lock: false }
            })
            const replaying = performance.now()
            await after.call('stories.get', { id: 'big' })
            const replayOpen = performance.now() - replaying
            await after.core.close()
            const closing = performance.now()
            await t.core.close()
            const close = performance.now() - closing
            await s.core.close()
            rows.push(
              row(
                '3,000-claim story (10,000 words, 15,000 activity entries, 3 revisions): first open whole from disk (another core; files in the OS cache)',
                coldOpen,
                'ms',
                { max: 300 }
              ),
              row(
                `3,000-claim story: first part, ${FIRST_CLAIMS} claims (stories.get with firstClaims, from head.json; cold: first open in the process, files in the OS cache)`,
                firstPart,
                'ms',
                { max: 300 }
              ),
              row(`3,000-claim story: first part and ${pages} pages, all of the story`, allParts, 'ms'),
              row('3,000-claim story: first answer (first part), JSON', firstBytes / 1024, 'KB'),
              row('3,000-claim story: whole stories.get answer, JSON', wholeBytes / 1024, 'KB'),
              row('3,000-claim story: open again p95, unchanged (warm, from memory)', percentile(warm, 95), 'ms', {
                max: 100
              }),
              row('3,000-claim story: open again after a save (warm)', openAfterSave, 'ms', { max: 100 }),
              row('claim save p50, 3,000-claim story (worked claims, long history)', percentile(large, 50), 'ms'),
              row('claim save p95, 3,000-claim story (worked claims, long history)', percentile(large, 95), 'ms', {
                max: 15
              }),
              row('claim save p50, 300-claim story (same run, by turns)', percentile(small, 50), 'ms'),
              row('claim save p95, 300-claim story (same run, by turns)', percentile(small, 95), 'ms'),
              row(
                'claim save p95 ratio, 3,000- vs 300-claim story',
                percentile(large, 95) / percentile(small, 95),
                'x',
                { max: 1.2 }
              ),
              row(
                `3,000-claim story: open from disk with ${SAVES * 2} saves in its journal (after a crash, cold)`,
                replayOpen,
                'ms'
              ),
              row(
                `library close after ${SAVES * 2} saves to the 3,000-claim story (folds its journal into story.json)`,
                close,
                'ms'
              )
            )
          }
        )
    )

    // A 50-story and a 5,000-story library, both open at once: open the large one (cold, then warm,
    // then as after a crash), open every story once, and save claims to both by turns, so disk and
    // machine noise fall on both alike and their ratio compares library sizes, not moments.
    const { small, large } = await withLibrary(
      (dir) => buildLibrary(dir, 50, 40),
      (smallDir) =>
        withLibrary(
          (dir) => buildLibrary(dir, 5000, 40),
          async (dir) => {
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
            const s = await open(smallDir)
            const times = await savesSideBySide(s, t)
            const writesSmall = await indexWrites(s, 50, 40)
            const writesLarge = await indexWrites(t, 5000, 40)
            await s.core.close()
            await t.core.close()
            const heap = await heapOfFreshProcess(dir)
            rows.push(
              row(
                'library open, 5,000 stories x 40 claims (first open in this process, files in the OS cache)',
                coldOpen,
                'ms'
              ),
              row('library open, 5,000 stories x 40 claims (again, warm)', warmOpen, 'ms'),
              row(
                'library open after a crash, 5,000 stories (no clean close: every story folder checked; warm)',
                crashOpen,
                'ms'
              ),
              row('story open p95, 40 claims, from disk (first open of each story)', percentile(fromDisk, 95), 'ms'),
              row('story open p95, 40 claims, from memory (recently opened)', percentile(fromMemory, 95), 'ms'),
              row(
                'main heap after GC, every story of 5,000 opened once (a fresh process with only the core)',
                heap.after,
                'MB',
                { max: 100 }
              ),
              row(
                'heap held by the open 5,000-story library (after GC, vs before opening)',
                heap.after - heap.before,
                'MB'
              ),
              row('index write p95 after 5 saves, 50 stories (background)', percentile(writesSmall, 95), 'ms'),
              row('index write p95 after 5 saves, 5,000 stories (background)', percentile(writesLarge, 95), 'ms')
            )
            return times
          }
        )
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
