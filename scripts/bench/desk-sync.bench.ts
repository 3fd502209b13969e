// The shared desk on a real local PostgreSQL: how fast an edit shows up in another editor's library,
// how long 1,000 edits queued offline take to push, and the first sync of a big desk into an empty library.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { deskStatus, settled, startDeskCluster, waitFor } from '../../src/main/desk/testing/desk-cluster'
import { openTestCore } from '../../src/main/testing/test-core'
import { benchIdentity, buildLibrary } from '../../src/main/testing/library-fixture'
import { percentile, row, type Bench, type BenchRow } from './types'

const bench: Bench = {
  name: 'desk-sync',
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = []
    const cluster = await startDeskCluster()
    const root = await mkdtemp(path.join(os.tmpdir(), 'factdesk-bench-desk-'))
    try {
      await cluster.member('news', 'ana')
      await cluster.member('news', 'ben')

      // 1. Edit here, visible in the other library.
      const a = await cluster.client('news', 'ana')
      const b = await cluster.client('news', 'ben')
      const text = Array.from({ length: 20 }, (_, i) => `Claim number ${i} is here.`).join(' ')
      const story = await a.call('stories.create', { title: 'Latency', text })
      const claims: string[] = []
      for (let i = 0; i < 20; i++) {
        const start = text.indexOf(`Claim number ${i} `)
        claims.push((await a.call('claims.create', { storyId: story.id, start, end: start + 14 })).id)
      }
      await waitFor(
        'the story on B',
        async () => (await b.core.store.readStory(story.id).catch(() => null))?.claims.length === 20,
        30_000
      )
      await settled(b)
      const latencies: number[] = []
      for (let i = 0; i < 40; i++) {
        const claimId = claims[i % claims.length]!
        const rationale = `Round ${i}`
        const t0 = performance.now()
        await a.call('claims.update', { storyId: story.id, claimId, patch: { rationale } })
        await waitFor(
          'the edit on B',
          async () =>
            (await b.core.store.readStory(story.id)).claims.find((c) => c.id === claimId)?.rationale === rationale,
          10_000
        )
        latencies.push(performance.now() - t0)
      }
      rows.push(row('edit to visible in another library p50', percentile(latencies, 50), 'ms'))
      rows.push(row('edit to visible in another library p95', percentile(latencies, 95), 'ms', { max: 1000 }))

      // 2. 1,000 edits made offline, pushed on reconnect.
      await a.core.desk.sync!.close()
      for (let i = 0; i < 1000; i++)
        await a.call('claims.update', {
          storyId: story.id,
          claimId: claims[i % claims.length]!,
          patch: { rationale: `Offline ${i}` }
        })
      const t1 = performance.now()
      await a.core.desk.resume()
      await waitFor(
        'the queue pushed',
        async () => {
          await a.core.desk.sync?.idle()
          const s = await deskStatus(a)
          return s.state === 'online' && s.pending === 0
        },
        60_000
      )
      rows.push(row('push 1,000 edits queued offline', performance.now() - t1, 'ms'))

      // 3. First sync of a 500-story x 40-claim desk into an empty library.
      const bigDir = path.join(root, 'big')
      await buildLibrary(bigDir, 500, 40)
      const lead = await openTestCore({
        libraryDir: bigDir,
        identity: benchIdentity,
        checkOutput: false,
        deskRetryMs: 150
      })
      const t2 = performance.now()
      await lead.call('desk.connect', cluster.connectInput('news', 'ana'))
      await settled(lead)
      rows.push(row('first push of 500 stories x 40 claims', performance.now() - t2, 'ms'))
      const fresh = await openTestCore({ checkOutput: false, deskRetryMs: 150 })
      const t3 = performance.now()
      await fresh.call('desk.connect', cluster.connectInput('news', 'ben'))
      await waitFor(
        'every story in the empty library',
        async () => {
          await fresh.core.desk.sync?.idle()
          return fresh.core.store.library.stories.length >= 501 && (await deskStatus(fresh)).pending === 0
        },
        120_000
      )
      rows.push(
        row('first sync of 500 stories x 40 claims into an empty library', performance.now() - t3, 'ms', {
          max: 10_000
        })
      )
      await lead.cleanup()
      await fresh.cleanup()
    } finally {
      await cluster.close()
      await rm(root, { recursive: true, force: true })
    }
    return rows
  }
}

export default bench
