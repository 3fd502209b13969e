// An edit corpus for measuring re-anchoring: a long story, claims on random word runs, and realistic
// edits whose effect on every word is known, so each re-anchored claim can be scored right, orphaned
// or wrong against the truth. The story is either synthetic (random words from the sample story's
// vocabulary) or real (whole sentences of real news and political copy, each used once, in order).

export interface Word {
  id: number
  text: string
}
export type Sentence = Word[]
export type Paragraph = Sentence[]

export interface CorpusClaim {
  start: number
  end: number
  words: number[]
}

export type EditKind =
  | 'typo fixes'
  | 'inserted paragraphs'
  | 'deleted paragraphs'
  | 'moved paragraphs'
  | 'reworded sentences'
  | 'deleted sentences'
  | 'all of these'
export const editKinds: EditKind[] = [
  'typo fixes',
  'inserted paragraphs',
  'deleted paragraphs',
  'moved paragraphs',
  'reworded sentences',
  'deleted sentences',
  'all of these'
]

/** Deterministic PRNG (mulberry32) so every run measures the same corpus. */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export class Corpus {
  private nextId = 0
  readonly paragraphs: Paragraph[] = []
  private readonly pick: <T>(items: T[]) => T
  private readonly int: (min: number, max: number) => number

  /** Real sentences not used yet, as words; when set, the story is built from them, not random words. */
  private pool: string[][] | null = null

  constructor(
    private readonly vocabulary: string[],
    private readonly rand: () => number
  ) {
    this.int = (min, max) => min + Math.floor(rand() * (max - min + 1))
    this.pick = (items) => items[Math.floor(rand() * items.length)]!
  }

  static build(sourceText: string, words: number, seed: number): Corpus {
    const vocabulary = [...new Set(sourceText.toLowerCase().match(/[\p{L}’']{3,}/gu) ?? [])]
    const corpus = new Corpus(vocabulary, random(seed))
    let count = 0
    while (count < words) {
      const paragraph = corpus.paragraph()
      corpus.paragraphs.push(paragraph)
      count += paragraph.flat().length
    }
    return corpus
  }

  /**
   * A story of whole real sentences (`sentences`, each split into words on spaces and used at
   * most once), so claims sit in text with real names, numbers, quotes and repeated phrases.
   */
  static fromSentences(sentences: string[], words: number, seed: number): Corpus {
    const rand = random(seed)
    const pool = [...new Set(sentences.map((s) => s.trim()).filter((s) => s.split(' ').length >= 4))].map((s) =>
      s.split(/\s+/)
    )
    // Fisher-Yates with the seeded generator, so each seed reads a different run of sentences.
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1))
      ;[pool[i], pool[j]] = [pool[j]!, pool[i]!]
    }
    const vocabulary = [
      ...new Set(
        pool
          .flat()
          .map((w) => w.toLowerCase())
          .filter((w) => /^[\p{L}’']{3,}$/u.test(w))
      )
    ]
    const corpus = new Corpus(vocabulary, rand)
    corpus.pool = pool
    let count = 0
    while (count < words && pool.length > 0) {
      const paragraph = corpus.paragraph()
      corpus.paragraphs.push(paragraph)
      count += paragraph.flat().length
    }
    return corpus
  }

  /** A word that was not in the story before (a copy of a sentence is other words than the original). */
  fresh(text: string): Word {
    return { id: this.nextId++, text }
  }

  /** A word picked with the corpus's own generator, so a seed always builds the same case. */
  choose<T>(items: T[]): T {
    return this.pick(items)
  }

  between(min: number, max: number): number {
    return this.int(min, max)
  }

  private word(): Word {
    const text = this.rand() < 0.08 ? String(this.int(2, 9999)) : this.pick(this.vocabulary)
    return { id: this.nextId++, text }
  }

  private sentence(): Sentence {
    // A real story that runs out of sentences goes on with random words rather than repeating any.
    const real = this.pool?.pop()
    if (real) return real.map((text) => ({ id: this.nextId++, text }))
    return Array.from({ length: this.int(8, 24) }, () => this.word())
  }

  private paragraph(): Paragraph {
    return Array.from({ length: this.int(2, 5) }, () => this.sentence())
  }

  clone(): Corpus {
    const copy = new Corpus(this.vocabulary, this.rand)
    copy.nextId = this.nextId
    copy.pool = this.pool
    copy.paragraphs.push(...this.paragraphs.map((p) => p.map((s) => s.map((w) => ({ ...w })))))
    return copy
  }

  /** The text and where each word id sits in it. */
  render(): { text: string; offsets: Map<number, { start: number; end: number }> } {
    const offsets = new Map<number, { start: number; end: number }>()
    const parts: string[] = []
    let at = 0
    this.paragraphs.forEach((paragraph, p) => {
      if (p > 0) {
        parts.push('\n\n')
        at += 2
      }
      paragraph.forEach((sentence, s) => {
        if (s > 0) {
          parts.push(' ')
          at += 1
        }
        sentence.forEach((word, w) => {
          if (w > 0) {
            parts.push(' ')
            at += 1
          }
          const real = this.pool !== null
          const text = w === 0 && !real ? word.text.charAt(0).toUpperCase() + word.text.slice(1) : word.text
          const shown = w === sentence.length - 1 && !real ? `${text}.` : text
          offsets.set(word.id, { start: at, end: at + text.length })
          parts.push(shown)
          at += shown.length
        })
      })
    })
    return { text: parts.join(''), offsets }
  }

  /** `count` claims, each a run of 4-16 words inside one sentence. */
  claims(count: number): CorpusClaim[] {
    const sentences = this.paragraphs.flat()
    const { offsets } = this.render()
    return Array.from({ length: count }, () => {
      const sentence = this.pick(sentences)
      const length = Math.min(sentence.length, this.int(4, 16))
      const first = this.int(0, sentence.length - length)
      const words = sentence.slice(first, first + length).map((w) => w.id)
      return { start: offsets.get(words[0]!)!.start, end: offsets.get(words.at(-1)!)!.end, words }
    })
  }

  private randomSentence(): { paragraph: Paragraph; index: number } {
    const paragraph = this.pick(this.paragraphs)
    return { paragraph, index: this.int(0, paragraph.length - 1) }
  }

  edit(kind: EditKind, scale = 1): void {
    const times = (n: number, fn: () => void) => Array.from({ length: Math.max(1, Math.round(n * scale)) }, fn)
    switch (kind) {
      case 'typo fixes':
        // A fixed typo changes one letter of a word; the word is still the same word.
        times(20, () => {
          const { paragraph, index } = this.randomSentence()
          const word = this.pick(paragraph[index]!)
          if (word.text.length < 4) return
          const i = this.int(1, word.text.length - 2)
          word.text = word.text.slice(0, i) + (word.text[i] === 'e' ? 'a' : 'e') + word.text.slice(i + 1)
        })
        break
      case 'inserted paragraphs':
        times(3, () => this.paragraphs.splice(this.int(0, this.paragraphs.length), 0, this.paragraph()))
        break
      case 'deleted paragraphs':
        times(2, () => this.paragraphs.splice(this.int(0, this.paragraphs.length - 1), 1))
        break
      case 'moved paragraphs':
        times(2, () => {
          const [moved] = this.paragraphs.splice(this.int(0, this.paragraphs.length - 1), 1)
          this.paragraphs.splice(this.int(0, this.paragraphs.length), 0, moved!)
        })
        break
      case 'reworded sentences':
        // One word swapped for another: the claim should follow if little else changed.
        times(20, () => {
          const { paragraph, index } = this.randomSentence()
          const sentence = paragraph[index]!
          sentence[this.int(0, sentence.length - 1)] = { id: -1 - this.nextId++, text: this.pick(this.vocabulary) }
        })
        break
      case 'deleted sentences':
        times(10, () => {
          const { paragraph, index } = this.randomSentence()
          if (paragraph.length > 1) paragraph.splice(index, 1)
        })
        break
      case 'all of these':
        for (const k of editKinds.slice(0, -1)) this.edit(k, scale / 2)
        break
    }
  }
}

/** right: followed to its words; orphaned: given up on; needless: orphaned though every word survived; wrong: pointing at other words. */
export type Outcome = 'right' | 'orphaned' | 'needless' | 'wrong'

/**
 * Scores a re-anchored claim against where its words really went. A claim that lost most of its
 * words must be orphaned; one that still has them must cover mostly the characters they occupy.
 */
export function judge(
  claim: CorpusClaim,
  offsets: Map<number, { start: number; end: number }>,
  result: { orphaned: boolean; start: number; end: number }
): Outcome {
  const surviving = claim.words.filter((id) => offsets.has(id))
  const first = offsets.get(surviving[0] ?? NaN)
  const last = offsets.get(surviving.at(-1) ?? NaN)
  if (result.orphaned) return surviving.length === claim.words.length ? 'needless' : 'orphaned'
  if (!first || !last || surviving.length < claim.words.length * 0.5) return 'wrong'
  const overlap = Math.max(0, Math.min(last.end, result.end) - Math.max(first.start, result.start))
  const union = Math.max(last.end, result.end) - Math.min(first.start, result.start)
  return overlap / union >= 0.7 ? 'right' : 'wrong'
}
