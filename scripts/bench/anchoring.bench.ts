// Re-anchoring quality and speed over the synthetic edit corpus: 500 claims on a 10,000-word story.
import { readFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { runCorpus } from '../../src/shared/text/testing/run-corpus'
import { row, type Bench } from './types'

const WORDS = 10_000
const CLAIMS = 500
const SEEDS = [11, 12, 13]

const bench: Bench = {
  name: 'anchoring',
  async run() {
    const sample = await readFile('resources/sample-story.txt', 'utf8')
    // Warm the JIT once so the timings measure steady-state work, as in a running app.
    runCorpus(sample, { words: 2000, claims: 50, seeds: [1], now: () => 0 })
    const runs = runCorpus(sample, { words: WORDS, claims: CLAIMS, seeds: SEEDS, now: () => performance.now() })
    const total = { claims: 0, right: 0, orphaned: 0, needless: 0, wrong: 0 }
    for (const run of runs) {
      total.claims += run.claims
      total.right += run.outcomes.right
      total.orphaned += run.outcomes.orphaned + run.outcomes.needless
      total.needless += run.outcomes.needless
      total.wrong += run.outcomes.wrong
    }
    const share = (n: number) => (100 * n) / total.claims
    const slowest = Math.max(...runs.map((r) => r.ms))
    return [
      row(`claims re-anchored to the right place (${runs.length} edit kinds x ${SEEDS.length} stories x ${CLAIMS} claims)`, share(total.right), '%'),
      row('claims orphaned (their words were deleted or rewritten)', share(total.orphaned), '%'),
      row('claims orphaned although every word survived', share(total.needless), '%'),
      row('claims re-anchored to the wrong words', share(total.wrong), '%', { max: 0 }),
      ...runs.map((r) => row(`re-anchor ${CLAIMS} claims, ${WORDS}-word story: ${r.kind} (slowest of ${SEEDS.length})`, r.ms, 'ms', { max: 100 })),
      row(`re-anchor ${CLAIMS} claims, ${WORDS}-word story: slowest edit`, slowest, 'ms', { max: 100 })
    ]
  }
}

export default bench
