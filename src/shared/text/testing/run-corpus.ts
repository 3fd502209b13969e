// Runs the edit corpus through resolveAnchors: outcome counts and timing for each kind of edit.
import { describe, resolveAnchors } from '../anchor'
import { Corpus, editKinds, judge, type EditKind, type Outcome } from './edit-corpus'

export interface CorpusRun {
  kind: EditKind
  claims: number
  outcomes: Record<Outcome, number>
  ms: number
}

export interface CorpusOptions {
  /** The story before editing, for one seed. */
  build: (seed: number) => Corpus
  claims: number
  seeds: number[]
  now: () => number
  /** How many times the usual number of edits of each kind (1 = 20 typos, 3 inserted paragraphs, ...). */
  scale?: number
}

/** A synthetic story of `words` random words from the sample story's vocabulary. */
export const syntheticStory = (sourceText: string, words: number) => (seed: number) =>
  Corpus.build(sourceText, words, seed)

/** A story of `words` words of whole real sentences. */
export const realStory = (sentences: string[], words: number) => (seed: number) =>
  Corpus.fromSentences(sentences, words, seed)

export function runCorpus(options: CorpusOptions): CorpusRun[] {
  const runs: CorpusRun[] = []
  for (const kind of editKinds) {
    const run: CorpusRun = { kind, claims: 0, outcomes: { right: 0, orphaned: 0, needless: 0, wrong: 0 }, ms: 0 }
    for (const seed of options.seeds) {
      const before = options.build(seed)
      const claims = before.claims(options.claims)
      const { text: oldText } = before.render()
      const after = before.clone()
      after.edit(kind, options.scale ?? 1)
      const { text: newText, offsets } = after.render()
      const anchors = claims.map((c) => describe(oldText, c.start, c.end, 1, 'body'))
      const started = options.now()
      const results = resolveAnchors(anchors, oldText, newText, 2)
      run.ms = Math.max(run.ms, options.now() - started)
      claims.forEach((claim, i) => {
        const r = results[i]!
        const outcome = judge(claim, offsets, {
          orphaned: r.status === 'orphaned',
          start: r.anchor.position.start,
          end: r.anchor.position.end
        })
        run.outcomes[outcome]++
      })
      run.claims += claims.length
    }
    runs.push(run)
  }
  return runs
}
