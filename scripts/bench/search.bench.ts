// The library search at 5,000 worked stories (the desk bench's library: 40 claims with evidence and a
// rationale on every third, 400 words each, and 300 claims given rationales with rarer words through
// the core): how long the index takes to build at open, and one query's p95 through dispatch (ranked,
// with snippets, a page of 100), each query after a write so no word's matches are remembered, beside
// the simplest baseline, a linear scan of every story's words with `includes` (matching only).
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fold, parseQuery } from '../../src/shared/text/words'
import { benchIdentity, buildManyStories } from '../../src/main/testing/library-fixture'
import { openTestCore } from '../../src/main/testing/test-core'
import { percentile, row, type Bench, type BenchRow } from './types'

const STORIES = 5_000
const RARE = ['bathymetry', 'jobcentre', 'tonnage', 'sedimentation', 'pensioners', 'tariff', 'vaccination', 'census']
const QUERIES = [
  'c',
  'co',
  'council',
  'council budget',
  'council budget 12',
  'regional',
  'officials ministry',
  'bathymetry',
  'tonn',
  'census tariff',
  '"regional budgets"',
  '"table 4"',
  'morning herald',
  'evening post 4021',
  'jobcentre council'
]
const ROUNDS = 4

const bench: Bench = {
  name: 'library-search',
  async run(): Promise<BenchRow[]> {
    const root = await mkdtemp(path.join(os.tmpdir(), 'factdesk-search-bench-'))
    const dir = path.join(root, 'library')
    try {
      await buildManyStories(dir, STORIES, { claims: 40, words: 400 })
      const opened = performance.now()
      const t = await openTestCore({ libraryDir: dir, checkOutput: false, identity: benchIdentity })
      await t.core.searchIndex.settled()
      const buildMs = performance.now() - opened

      for (let i = 0; i < 300; i++) {
        const storyId = `s${(i * 17) % STORIES}`
        await t.call('claims.update', {
          storyId,
          claimId: `s${(i * 17) % STORIES}-c${i % 40}`,
          patch: {
            rationale: `Checked the ${RARE[i % RARE.length]} figures against the ${RARE[(i * 3) % RARE.length]} table.`
          }
        })
      }
      await t.core.searchIndex.settled()

      const search = (query: string) =>
        t.call('library.search', {
          query,
          deskState: 'all',
          assignee: 'all',
          desk: 'all',
          sort: 'updated',
          offset: 0,
          limit: 100
        })
      const times: number[] = []
      let edits = 0
      for (let round = 0; round < ROUNDS; round++) {
        for (const query of QUERIES) {
          // A write first: the index forgets the words it remembered, as after any edit on the desk.
          await t.call('claims.update', {
            storyId: 's1',
            claimId: 's1-c1',
            patch: { rationale: `Edit ${edits++}` }
          })
          const started = performance.now()
          await search(query)
          times.push(performance.now() - started)
        }
      }

      // The baseline: every story's words, folded, scanned for each query's words with `includes`.
      const texts: string[] = []
      for (let i = 0; i < STORIES; i++) {
        const file = await t.core.store.peekStory(`s${i}`)
        texts.push(
          fold(
            [
              file.story.title,
              file.story.outlet,
              file.story.text,
              ...file.claims.flatMap((c) => [c.anchor.quote.exact, c.restatement, c.rationale, ...c.tags]),
              ...file.evidence.map((e) => e.excerpt)
            ].join('\n')
          )
        )
      }
      const scans: number[] = []
      for (let round = 0; round < ROUNDS; round++) {
        for (const query of QUERIES) {
          const words = parseQuery(query).terms.map((w) => w.term)
          const started = performance.now()
          texts.filter((text) => words.every((w) => text.includes(w)))
          scans.push(performance.now() - started)
        }
      }
      await t.cleanup()
      const at = `${STORIES.toLocaleString('en')} worked stories`
      return [
        row(`search index build at open (background), ${at}`, buildMs, 'ms'),
        row(`search query p50 (ranked, snippets, after a write), ${at}`, percentile(times, 50), 'ms'),
        row(`search query p95 (ranked, snippets, after a write), ${at}`, percentile(times, 95), 'ms', { max: 50 }),
        row(`baseline: linear scan with includes, p95 (matching only), ${at}`, percentile(scans, 95), 'ms')
      ]
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  }
}

export default bench
