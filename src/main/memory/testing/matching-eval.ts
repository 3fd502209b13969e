// Scores "checked before" matching on the evaluation set in matching-eval.json: every claim is
// indexed (among any distractors given), each "match" variant must find its claim (recall@5, MRR),
// and each "avoid" variant (negated, figure changed) must not be taken for it: where its claim shows,
// it is flagged and never 'strong'.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { ClaimIndex } from '../matcher'

export interface EvalClaim {
  id: string
  text: string
  match: [string, string][]
  avoid: [string, string][]
}

export const matchingEvalSet = (): EvalClaim[] =>
  (JSON.parse(readFileSync(path.join(__dirname, 'matching-eval.json'), 'utf8')) as { claims: EvalClaim[] }).claims

export interface EvalResult {
  positives: number
  recallAt5: number
  mrr: number
  negatives: number
  /** Share of negated / changed-figure variants whose original, where shown, is flagged and not 'strong'. */
  negativesFlagged: number
  /** Share of negatives whose original scores below every true variant of the same claim. */
  negativesRankedBelow: number
  misses: string[]
}

export function evaluateMatching(claims: EvalClaim[], distractors: string[] = []): EvalResult {
  const index = new ClaimIndex()
  distractors.forEach((text, i) => index.upsert({ key: `d${i}`, storyId: 'distractors', claimId: `d${i}`, text }))
  for (const c of claims) index.upsert({ key: c.id, storyId: 'eval', claimId: c.id, text: c.text })
  let positives = 0
  let found = 0
  let reciprocal = 0
  const misses: string[] = []
  const trueScores = new Map<string, number[]>()
  for (const c of claims) {
    for (const [kind, text] of c.match) {
      positives++
      const results = index.lookup(text, { limit: 5 })
      const rank = results.findIndex((r) => r.key === c.id)
      if (rank >= 0) {
        found++
        reciprocal += 1 / (rank + 1)
      } else misses.push(`${c.id} ${kind}: ${text}`)
      const own = index.lookup(text, { limit: 50 }).find((r) => r.key === c.id)
      trueScores.set(c.id, [...(trueScores.get(c.id) ?? []), own?.score ?? 0])
    }
  }
  let negatives = 0
  let flagged = 0
  let below = 0
  for (const c of claims) {
    for (const [kind, text] of c.avoid) {
      negatives++
      const shown = index.lookup(text, { limit: 5 }).find((r) => r.key === c.id)
      if (!shown || ((shown.figuresDiffer || shown.negationDiffers) && shown.band !== 'strong')) flagged++
      else misses.push(`${c.id} ${kind} matched unflagged: ${text}`)
      const own = index.lookup(text, { limit: 50 }).find((r) => r.key === c.id)?.score ?? 0
      if (own < Math.min(...(trueScores.get(c.id) ?? [1]))) below++
    }
  }
  return {
    positives,
    recallAt5: found / positives,
    mrr: reciprocal / positives,
    negatives,
    negativesFlagged: flagged / negatives,
    negativesRankedBelow: below / negatives,
    misses
  }
}
