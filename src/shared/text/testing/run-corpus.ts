// Runs the edit corpus through resolveAnchors: outcome counts and timing for each kind of edit.
import { describe, resolveAnchors } from '../anchor'
import { Corpus, editKinds, judge, type EditKind, type Outcome } from './edit-corpus'

export interface CorpusRun {
  kind: EditKind
  claims: number
  outcomes: Record<Outcome, number>
  ms: number
}

export function runCorpus(sourceText: string, options: { words: number; claims: number; seeds: number[]; now: () => number }): CorpusRun[] {
  const runs: CorpusRun[] = []
  for (const kind of editKinds) {
    const run: CorpusRun = { kind, claims: 0, outcomes: { right: 0, orphaned: 0, needless: 0, wrong: 0 }, ms: 0 }
    for (const seed of options.seeds) {
      const before = Corpus.build(sourceText, options.words, seed)
      const claims = before.claims(options.claims)
      const { text: oldText } = before.render()
      const after = before.clone()
      after.edit(kind)
      const { text: newText, offsets } = after.render()
      const anchors = claims.map((c) => describe(oldText, c.start, c.end, 1))
      const started = options.now()
      const results = resolveAnchors(anchors, oldText, newText, 2)
      run.ms = Math.max(run.ms, options.now() - started)
      claims.forEach((claim, i) => {
        const r = results[i]!
        const outcome = judge(claim, offsets, { orphaned: r.status === 'orphaned', start: r.anchor.position.start, end: r.anchor.position.end })
        run.outcomes[outcome]++
      })
      run.claims += claims.length
    }
    runs.push(run)
  }
  return runs
}
