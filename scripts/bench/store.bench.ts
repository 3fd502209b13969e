// Claim-save latency in a small and a large library, library open time, memory, IPC round trip.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { openTestCore, type TestCore } from '../../src/main/testing/test-core'
import { benchIdentity, buildLibrary } from './library-fixture'
import { percentile, row, type Bench, type BenchRow } from './types'

const UPDATES = 200
const statuses = ['open', 'in_progress', 'waiting', 'done'] as const

async function claimUpdateLatency(t: TestCore, stories: number, claimsPerStory: number): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < UPDATES; i++) {
    const s = (i * 7) % stories
    const c = (i * 13) % claimsPerStory
    const patch = i % 2 === 0 ? { status: statuses[i % 4] } : { rationale: `Checked against the ministry table, pass ${i}.` }
    const started = performance.now()
    await t.call('claims.update', { storyId: `story${s}`, claimId: `story${s}-c${c}`, patch })
    times.push(performance.now() - started)
  }
  return times
}

interface Measured {
  times: number[]
  openMs: number
  roundTrip: number[]
  /** Heap growth from before opening the library to every story loaded, and the process RSS then. */
  heapMb: number
  rssMb: number
}

const MB = 1024 * 1024

async function measure(stories: number, claimsPerStory: number): Promise<Measured> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'factdesk-bench-'))
  const dir = path.join(root, 'library')
  try {
    await buildLibrary(dir, stories, claimsPerStory)
    const before = process.memoryUsage()
    const opening = performance.now()
    const t = await openTestCore({ libraryDir: dir, checkOutput: false, identity: benchIdentity })
    const openMs = performance.now() - opening
    // Warm the story files once, as an editor opening stories would.
    for (let s = 0; s < stories; s++) await t.call('stories.get', { id: `story${s}` })
    const loaded = process.memoryUsage()
    const times = await claimUpdateLatency(t, stories, claimsPerStory)
    const roundTrip: number[] = []
    for (let i = 0; i < 500; i++) {
      const started = performance.now()
      await t.call('sources.list', {})
      roundTrip.push(performance.now() - started)
    }
    await t.cleanup()
    return { times, openMs, roundTrip, heapMb: (loaded.heapUsed - before.heapUsed) / MB, rssMb: loaded.rss / MB }
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

const bench: Bench = {
  name: 'store',
  async run(): Promise<BenchRow[]> {
    const small = await measure(1, 40)
    const large = await measure(500, 40)
    const ratio = percentile(large.times, 95) / percentile(small.times, 95)
    return [
      row('IPC round trip through dispatch p50', percentile(small.roundTrip, 50), 'ms'),
      row('IPC round trip through dispatch p95', percentile(small.roundTrip, 95), 'ms'),
      row('claim update p50, 1 story x 40 claims', percentile(small.times, 50), 'ms'),
      row('claim update p95, 1 story x 40 claims', percentile(small.times, 95), 'ms'),
      row('claim update p50, 500 stories x 40 claims', percentile(large.times, 50), 'ms'),
      row('claim update p95, 500 stories x 40 claims', percentile(large.times, 95), 'ms', { max: 15 }),
      row('p95 ratio, 500 stories vs 1 story', ratio, 'x', { max: 1.5 }),
      row('library open, 500 stories x 40 claims', large.openMs, 'ms'),
      row('memory held with all 500 stories loaded (heap growth)', large.heapMb, 'MB'),
      row('process RSS with all 500 stories loaded (includes earlier benchmarks)', large.rssMb, 'MB')
    ]
  }
}
export default bench
