// An adversarial corpus for re-anchoring: near twins. A story of real sentences holds a claim in one
// sentence and, in another paragraph, a near twin of that sentence: the same wording with one detail
// changed (a name, a number, a negation, the speaker). Then either the claim's sentence is deleted
// (the claim must be orphaned: the twin is other words, and a verdict on it would be a verdict on
// words nobody checked) or it is kept with ordinary edits around it (the claim must stay on its own
// words, not jump to the twin). Scored with the edit corpus's judge, by word identity.
import { describe, resolveAnchors } from '../anchor'
import { Corpus, judge, type Outcome, type Sentence } from './edit-corpus'

export type TwinKind = 'name' | 'number' | 'negation' | 'speaker'
export const twinKinds: TwinKind[] = ['name', 'number', 'negation', 'speaker']

/** deleted: the claim's sentence is gone, only its twin is left; kept: the sentence stays, lightly edited. */
export type TwinScenario = 'deleted' | 'kept'

interface Mutation {
  words: string[]
  /** Index in the original sentence of the word that differs (or before which a word was added). */
  at: number
}

const AUXILIARY = /^(is|was|are|were|will|would|can|could|does|did|do|has|have|had|should|must)$/i
const SPEECH = /^(said|says|told|added|argued|claimed|stated|insisted|warned)[,.]?$/i
/** Capitalised words not at a sentence start: names of people, places, bodies. */
const NAME = /^([A-Z][a-z]{2,})([,.;:’'”]*)$/

/** A different number of the same shape: 30 -> 37, 2024 -> 2025, 4.5% -> 5.5%. */
function otherNumber(word: string, pick: (min: number, max: number) => number): string {
  return word.replace(/\d+/, (digits) => {
    const n = Number(digits)
    const next = n + pick(1, 9)
    return String(next).length === digits.length || digits.length > 1 ? String(next) : String(n === 9 ? 8 : n + 1)
  })
}

function mutate(kind: TwinKind, words: string[], names: string[], corpus: Corpus): Mutation | null {
  const indices = (test: (w: string, i: number) => boolean) =>
    words.map((w, i) => (test(w, i) ? i : -1)).filter((i) => i >= 0)
  switch (kind) {
    case 'number': {
      const found = indices((w) => /\d/.test(w))
      if (found.length === 0) return null
      const at = corpus.choose(found)
      return { words: words.map((w, i) => (i === at ? otherNumber(w, (a, b) => corpus.between(a, b)) : w)), at }
    }
    case 'name': {
      const found = indices((w, i) => i > 0 && NAME.test(w))
      if (found.length === 0) return null
      const at = corpus.choose(found)
      const [, name, tail] = NAME.exec(words[at]!)!
      const others = names.filter((n) => n !== name)
      return { words: words.map((w, i) => (i === at ? corpus.choose(others) + tail : w)), at }
    }
    case 'negation': {
      const not = indices((w) => /^not[,.]?$/i.test(w) || /n[’']t$/i.test(w))
      if (not.length > 0) {
        const at = corpus.choose(not)
        const word = words[at]!
        // "did not" -> "did"; "didn't" -> "did"
        if (/^not/i.test(word)) return { words: words.filter((_, i) => i !== at), at }
        return { words: words.map((w, i) => (i === at ? w.replace(/n[’']t$/i, '') : w)), at }
      }
      const aux = indices((w) => AUXILIARY.test(w))
      if (aux.length === 0) return null
      const at = corpus.choose(aux) + 1
      return { words: [...words.slice(0, at), 'not', ...words.slice(at)], at }
    }
    case 'speaker': {
      const found = indices((w, i) => i > 0 && SPEECH.test(w))
      if (found.length === 0) return null
      const verb = corpus.choose(found)
      // The speaker is the word before the verb ("Rutte said") or, in "said Rutte", the word after.
      const after = /[,]$/.test(words[verb - 1] ?? '') && verb + 1 < words.length
      const at = after ? verb + 1 : verb - 1
      const [, , tail] = NAME.exec(words[at]!) ?? [undefined, undefined, /[,.;:]*$/.exec(words[at]!)?.[0] ?? '']
      return { words: words.map((w, i) => (i === at ? corpus.choose(names) + tail : w)), at }
    }
  }
}

export interface TwinCase {
  kind: TwinKind
  scenario: TwinScenario
  oldText: string
  newText: string
  claim: { start: number; end: number }
  judge: (result: { orphaned: boolean; start: number; end: number }) => Outcome
}

/**
 * One case: a story of about `words` words of `pool`'s sentences with a near twin of the claim's
 * sentence in another paragraph, or null when this seed's sentences offer nothing to mutate.
 */
export function twinCase(
  pool: string[],
  kind: TwinKind,
  scenario: TwinScenario,
  seed: number,
  words = 1200
): TwinCase | null {
  const corpus = Corpus.fromSentences(pool, words, seed)
  const names = [...new Set(pool.flatMap((s) => s.split(/\s+/).slice(1)).flatMap((w) => NAME.exec(w)?.[1] ?? []))]
  const { paragraphs } = corpus
  if (paragraphs.length < 3) return null
  const places = paragraphs.flatMap((p, pi) => p.map((s, si) => ({ pi, si, s })))
  const candidates = places
    .map((place) => ({
      place,
      mutation: mutate(
        kind,
        place.s.map((w) => w.text),
        names,
        corpus
      )
    }))
    .filter((c) => c.mutation !== null)
  if (candidates.length === 0) return null
  const { place, mutation } = corpus.choose(candidates)
  const sentence: Sentence = place.s
  // The twin goes into another paragraph, at any sentence boundary there.
  const others = paragraphs.map((_, i) => i).filter((i) => i !== place.pi)
  const into = paragraphs[corpus.choose(others)]!
  into.splice(
    corpus.between(0, into.length),
    0,
    mutation!.words.map((w) => corpus.fresh(w))
  )

  // The claim: 4-16 words of the sentence, half the time over the changed word, else anywhere in it.
  const length = Math.min(sentence.length, corpus.between(4, 16))
  const over = corpus.between(0, 1) === 1
  const lowest = over ? Math.max(0, mutation!.at - length + 1) : 0
  const highest = over ? Math.min(sentence.length - length, mutation!.at) : sentence.length - length
  const first = corpus.between(lowest, Math.max(lowest, highest))
  const claimWords = sentence.slice(first, first + length).map((w) => w.id)
  const before = corpus.render()
  const claim = {
    start: before.offsets.get(claimWords[0]!)!.start,
    end: before.offsets.get(claimWords.at(-1)!)!.end,
    words: claimWords
  }

  const after = corpus.clone()
  const home = after.paragraphs[place.pi]!
  if (scenario === 'deleted') {
    home.splice(place.si, 1)
    if (home.length === 0) after.paragraphs.splice(place.pi, 1)
  } else {
    // Ordinary copy-editing around the claim: its paragraph moves or a neighbouring sentence goes.
    if (home.length > 1 && corpus.between(0, 1) === 1) home.splice(place.si === 0 ? 1 : place.si - 1, 1)
    else {
      const [moved] = after.paragraphs.splice(place.pi, 1)
      after.paragraphs.splice(corpus.between(0, after.paragraphs.length), 0, moved!)
    }
  }
  after.edit('typo fixes', 0.25)
  const rendered = after.render()
  return {
    kind,
    scenario,
    oldText: before.text,
    newText: rendered.text,
    claim,
    judge: (result) => judge(claim, rendered.offsets, result)
  }
}

export interface TwinRun {
  kind: TwinKind
  scenario: TwinScenario
  cases: number
  outcomes: Record<Outcome, number>
}

/** Every kind and scenario over `seeds`; a seed whose story offers nothing to mutate is skipped. */
export function runTwinCorpus(pool: string[], seeds: number[]): TwinRun[] {
  const runs: TwinRun[] = []
  for (const scenario of ['deleted', 'kept'] as const) {
    for (const kind of twinKinds) {
      const run: TwinRun = { kind, scenario, cases: 0, outcomes: { right: 0, orphaned: 0, needless: 0, wrong: 0 } }
      for (const seed of seeds) {
        const c = twinCase(pool, kind, scenario, seed)
        if (!c) continue
        const anchor = describe(c.oldText, c.claim.start, c.claim.end, 1, 'body')
        const [r] = resolveAnchors([anchor], c.oldText, c.newText, 2)
        run.outcomes[
          c.judge({ orphaned: r!.status === 'orphaned', start: r!.anchor.position.start, end: r!.anchor.position.end })
        ]++
        run.cases++
      }
      runs.push(run)
    }
  }
  return runs
}
