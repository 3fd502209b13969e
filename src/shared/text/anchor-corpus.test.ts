import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { articleSentences, checkworthySentences } from './testing/real-sentences'
import { realStory, runCorpus, syntheticStory } from './testing/run-corpus'

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
