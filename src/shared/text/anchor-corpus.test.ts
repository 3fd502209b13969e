import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { runCorpus } from './testing/run-corpus'

const sample = readFileSync(path.join(__dirname, '../../../resources/sample-story.txt'), 'utf8')

it('re-anchors a synthetic edit corpus without ever pointing a claim at the wrong words', () => {
  const runs = runCorpus(sample, { words: 3000, claims: 150, seeds: [1, 2, 3], now: () => 0 })
  for (const run of runs) {
    expect(run.outcomes.wrong, run.kind).toBe(0)
    // Edits that keep every word must keep (almost) every claim.
    if (run.kind !== 'deleted sentences' && run.kind !== 'deleted paragraphs' && run.kind !== 'all of these') {
      expect(run.outcomes.right / run.claims, run.kind).toBeGreaterThan(0.95)
    }
  }
})
