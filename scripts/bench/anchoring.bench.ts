// Re-anchoring quality and speed: 500 claims on a 10,000-word story, synthetic and real news copy
// (the real one through five times the usual edits), and a 1.5 MB story of 100,000 identical
// paragraphs, where re-anchoring must stay linear in the story's size; and the near-twin corpus, where
// a claim must never move to a look-alike sentence.
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { describe, resolveAnchors } from '../../src/shared/text/anchor'
import { canonicalText } from '../../src/shared/text/canonical'
import { articleSentences, checkworthySentences } from '../../src/shared/text/testing/real-sentences'
import { realStory, runCorpus, syntheticStory, type CorpusRun } from '../../src/shared/text/testing/run-corpus'
import { runTwinCorpus, twinKinds } from '../../src/shared/text/testing/twin-corpus'
import { percentile, row, type Bench, type BenchRow } from './types'

const WORDS = 10_000
const CLAIMS = 500
const SEEDS = [11, 12, 13]
const SHARED = path.resolve('..', 'shared')

function corpusRows(label: string, runs: CorpusRun[], seeds: number): BenchRow[] {
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
    row(
      `${label}: claims re-anchored to the right place (${runs.length} edit kinds x ${seeds} stories x ${CLAIMS} claims)`,
      share(total.right),
      '%'
    ),
    row(`${label}: claims orphaned (their words were deleted or rewritten)`, share(total.orphaned), '%'),
    row(`${label}: claims orphaned although every word survived`, share(total.needless), '%'),
    row(`${label}: claims re-anchored to the wrong words`, share(total.wrong), '%', { max: 0 }),
    ...runs.map((r) =>
      row(`${label}: re-anchor ${CLAIMS} claims, ${WORDS}-word story: ${r.kind} (slowest of ${seeds})`, r.ms, 'ms', {
        max: 100
      })
    ),
    row(`${label}: re-anchor ${CLAIMS} claims, ${WORDS}-word story: slowest edit`, slowest, 'ms', { max: 100 })
  ]
}

/**
 * Real sentences: the larger sets in ../shared when they are there, else the vendored fixtures the
 * tests read (saying so, since the figures are then over fewer sentences).
 */
async function realSentences(sample: string): Promise<string[]> {
  const shared = existsSync(path.join(SHARED, 'datasets/checkworthy/CT24_checkworthy_english_train.tsv'))
  if (!shared) process.stderr.write(`anchoring: ${SHARED}/datasets missing, using test/fixtures (the dev split)\n`)
  const root = shared ? SHARED : 'test'
  const articles = path.join(root, 'fixtures/articles')
  const files = (await readdir(articles)).filter((f) => f.endsWith('.txt'))
  const texts = await Promise.all(files.map((f) => readFile(path.join(articles, f), 'utf8')))
  const checkworthy = await readFile(
    shared
      ? path.join(SHARED, 'datasets/checkworthy/CT24_checkworthy_english_train.tsv')
      : 'test/fixtures/checkworthy/CT24_checkworthy_english_dev.tsv',
    'utf8'
  )
  return [...texts.flatMap(articleSentences), ...articleSentences(sample), ...checkworthySentences(checkworthy)]
}

const TWIN_SEEDS = Array.from({ length: 100 }, (_, i) => i + 1)

/** The near-twin corpus: a claim's sentence deleted or kept while a near twin of it stays elsewhere. */
function twinRows(pool: string[]): BenchRow[] {
  const runs = runTwinCorpus(pool, TWIN_SEEDS)
  const sum = (scenario: 'deleted' | 'kept', outcome: 'right' | 'orphaned' | 'needless' | 'wrong') =>
    runs.filter((r) => r.scenario === scenario).reduce((n, r) => n + r.outcomes[outcome], 0)
  const cases = (scenario: 'deleted' | 'kept') =>
    runs.filter((r) => r.scenario === scenario).reduce((n, r) => n + r.cases, 0)
  const deleted = cases('deleted')
  const kept = cases('kept')
  const kinds = twinKinds.join(', ')
  return [
    row(
      `near twins (${kinds}): claim's sentence deleted, claims moved to the twin's words (${deleted} cases)`,
      (100 * sum('deleted', 'wrong')) / deleted,
      '%',
      { max: 0 }
    ),
    row(`near twins: claim's sentence deleted, claims orphaned`, (100 * sum('deleted', 'orphaned')) / deleted, '%'),
    row(
      `near twins: claim's sentence kept and edited around, claims on their own words (${kept} cases)`,
      (100 * sum('kept', 'right')) / kept,
      '%'
    ),
    row(`near twins: claim's sentence kept, claims moved to wrong words`, (100 * sum('kept', 'wrong')) / kept, '%', {
      max: 0
    }),
    row(
      `near twins: claim's sentence kept, claims orphaned although every word survived`,
      (100 * sum('kept', 'needless')) / kept,
      '%'
    )
  ]
}

/**
 * A revision of a story of `count` identical paragraphs: one paragraph added at the top, one
 * edited, one deleted; 500 claims spread through it. Times what revising costs in CPU: making the
 * text canonical and re-anchoring every claim.
 */
function repeatedParagraphs(count: number): { chars: number; p50: number; orphaned: number } {
  const paragraph = 'Rent rose 3%.'
  const oldText = Array.from({ length: count }, () => paragraph).join('\n\n')
  const lines = oldText.split('\n\n')
  lines[Math.floor(count / 2)] = 'Rent rose 4%.'
  lines.splice(Math.floor(count / 3), 1)
  const raw = ['A new first paragraph.', ...lines].join('\n\n')
  const anchors = Array.from({ length: CLAIMS }, (_, i) => {
    const start = Math.floor((i / CLAIMS) * count) * (paragraph.length + 2)
    return describe(oldText, start, start + paragraph.length, 1, 'body')
  })
  const times: number[] = []
  let orphaned = 0
  for (let i = 0; i < 4; i++) {
    const started = performance.now()
    const text = canonicalText(raw)
    const results = resolveAnchors(anchors, oldText, text, 2)
    if (i > 0) times.push(performance.now() - started)
    orphaned = results.filter((r) => r.status === 'orphaned').length
  }
  return { chars: oldText.length, p50: percentile(times, 50), orphaned }
}

const bench: Bench = {
  name: 'anchoring',
  async run() {
    const sample = await readFile('resources/sample-story.txt', 'utf8')
    // Warm the JIT once so the timings measure steady-state work, as in a running app.
    runCorpus({ build: syntheticStory(sample, 2000), claims: 50, seeds: [1], now: () => 0 })
    const synthetic = runCorpus({
      build: syntheticStory(sample, WORDS),
      claims: CLAIMS,
      seeds: SEEDS,
      now: () => performance.now()
    })
    const pool = await realSentences(sample)
    const real = runCorpus({
      build: realStory(pool, WORDS),
      claims: CLAIMS,
      seeds: SEEDS,
      now: () => performance.now(),
      scale: 5
    })
    const sizes = [25_000, 50_000, 100_000].map((count) => ({ count, ...repeatedParagraphs(count) }))
    const largest = sizes.at(-1)!
    return [
      ...corpusRows('synthetic', synthetic, SEEDS.length),
      ...corpusRows('real news copy, 5x edits', real, SEEDS.length),
      ...twinRows(pool),
      ...sizes.map((s) =>
        row(
          `revise a ${(s.chars / 1e6).toFixed(2)} MB story of ${s.count.toLocaleString('en')} identical paragraphs, ${CLAIMS} claims p50 (${s.orphaned} orphaned)`,
          s.p50,
          'ms',
          s.count === 100_000 ? { max: 2000 } : undefined
        )
      ),
      row(
        'repeated paragraphs: time for 4x the paragraphs / time for 1x (linear = 4)',
        largest.p50 / sizes[0]!.p50,
        'x',
        { max: 6 }
      )
    ] satisfies BenchRow[]
  }
}

export default bench
