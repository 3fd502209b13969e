import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { describe as anchorAt, resolveAnchors } from './anchor'
import { articleSentences, checkworthySentences } from './testing/real-sentences'
import { realStory, runCorpus, syntheticStory } from './testing/run-corpus'
import { runTwinCorpus, twinCase, twinKinds } from './testing/twin-corpus'

const root = path.join(__dirname, '../../..')
const sample = readFileSync(path.join(root, 'resources/sample-story.txt'), 'utf8')

/** Real news and political copy, vendored in test/fixtures (see its README for where each file came from). */
function realSentences(): string[] {
  const fixtures = path.join(root, 'test/fixtures')
  const articles = path.join(fixtures, 'articles')
  const fromArticles = readdirSync(articles)
    .filter((f) => f.endsWith('.txt'))
    .flatMap((f) => articleSentences(readFileSync(path.join(articles, f), 'utf8')))
  const checkworthy = checkworthySentences(
    readFileSync(path.join(fixtures, 'checkworthy/CT24_checkworthy_english_dev.tsv'), 'utf8')
  )
  return [...fromArticles, ...articleSentences(sample), ...checkworthy]
}

it('re-anchors a synthetic edit corpus without ever pointing a claim at the wrong words', () => {
  const runs = runCorpus({ build: syntheticStory(sample, 3000), claims: 150, seeds: [1, 2, 3], now: () => 0 })
  for (const run of runs) {
    expect(run.outcomes.wrong, run.kind).toBe(0)
    // Edits that keep every word must keep (almost) every claim.
    if (run.kind !== 'deleted sentences' && run.kind !== 'deleted paragraphs' && run.kind !== 'all of these') {
      expect(run.outcomes.right / run.claims, run.kind).toBeGreaterThan(0.95)
    }
  }
})

it('re-anchors real news copy through five times the usual edits without pointing a claim at the wrong words', () => {
  const pool = realSentences()
  expect(pool.length).toBeGreaterThan(500)
  const runs = runCorpus({ build: realStory(pool, 3000), claims: 150, seeds: [4, 5], now: () => 0, scale: 5 })
  for (const run of runs) {
    expect(run.outcomes.wrong, run.kind).toBe(0)
    if (run.kind === 'typo fixes' || run.kind === 'moved paragraphs' || run.kind === 'inserted paragraphs') {
      expect(run.outcomes.right / run.claims, run.kind).toBeGreaterThan(0.9)
    }
  }
})

/** Seeds of the twin properties: fixed, so that a run of the suite is repeatable. */
const propertySeed = Number(process.env.FACTDESK_PROPERTY_SEED ?? 20261207)

const resolveTwin = (c: NonNullable<ReturnType<typeof twinCase>>) => {
  const [r] = resolveAnchors([anchorAt(c.oldText, c.claim.start, c.claim.end, 1, 'body')], c.oldText, c.newText, 2)
  return c.judge({ orphaned: r!.status === 'orphaned', start: r!.anchor.position.start, end: r!.anchor.position.end })
}

it('orphans a claim whose sentence was deleted, never moving it to a near twin left elsewhere (name, number, negation, speaker)', () => {
  const pool = realSentences()
  // Before the twin check, 77 to 88 of each 100 such claims moved to the twin.
  fc.assert(
    fc.property(fc.constantFrom(...twinKinds), fc.integer({ min: 1, max: 1_000_000 }), (kind, seed) => {
      const c = twinCase(pool, kind, 'deleted', seed)
      if (c) expect(resolveTwin(c)).toBe('orphaned')
    }),
    // Twins standing right before the claim's sentence, which then inherit its context on one side
    // (about 1 case in 1,500 before each side was read on its own): found by CI's random runs. A fixed
    // seed keeps a run of the suite repeatable; FACTDESK_PROPERTY_SEED explores others.
    {
      numRuns: 60,
      examples: [
        ['name', 48819],
        ['number', 102947]
      ],
      seed: propertySeed
    }
  )
})

it('keeps a claim on its own words when a near twin of its sentence is elsewhere in the story', () => {
  const pool = realSentences()
  fc.assert(
    fc.property(fc.constantFrom(...twinKinds), fc.integer({ min: 1, max: 1_000_000 }), (kind, seed) => {
      const c = twinCase(pool, kind, 'kept', seed)
      if (c) expect(resolveTwin(c)).not.toBe('wrong')
    }),
    { numRuns: 60, examples: [['speaker', 886090]], seed: propertySeed }
  )
  // Measured over fixed seeds: none goes to the twin, and few of the claims whose words all survived are
  // orphaned (only where the claim's words stand twice, each place agreeing with one side of its context).
  const kept = runTwinCorpus(pool, [1, 2, 3, 4, 5, 6]).filter((r) => r.scenario === 'kept')
  const cases = kept.reduce((n, r) => n + r.cases, 0)
  const right = kept.reduce((n, r) => n + r.outcomes.right, 0)
  expect(cases).toBeGreaterThan(20)
  for (const run of kept) expect(run.outcomes.wrong, run.kind).toBe(0)
  expect(right / cases).toBeGreaterThan(0.9)
})

// Found by a random seed (about 1 kept case in 4,000 before paragraphs carried their claims): the claim's
// paragraph moves away, and a near twin that stood right before it (another speaker, the same closing
// words) inherits the claim's context on both sides; the claim's short words went to the twin. Its
// paragraph, moved word for word, now carries it (`mapParagraphs(...).carried`).
it('a claim whose paragraph moved away goes with it, not to a near twin left where it stood', () => {
  const c = twinCase(realSentences(), 'speaker', 'kept', 886090)
  expect(c).not.toBeNull()
  expect(resolveTwin(c!)).toBe('right')
})
