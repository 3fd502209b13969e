// The library search's word index: everything the desk wrote in each story (headline, outlet, claims'
// words and restatements, rationales, evidence, the sources it cites, tags, comments and the story
// text), one document per story with a field per place (field-index.ts), scored BM25 with the
// headline and claims weighted above the story text. Each story's passages are kept beside it, so a
// hit is shown as the words around it with the matched words marked, saying where it was found.
//
// Kept by main, never rebuilt per keystroke: at library open every live story goes in at once by its
// headline and outlet (its index line), then the stories are read in the background, newest first,
// and each is replaced by its whole document; after that each write the store announces re-reads only
// the story written (and a source's edit only the documents citing it). Nothing is persisted: after a
// restart the index is built again this way (the bench prints how long that takes at 5,000 stories).
import { hitPlaces, type HitPlace, type SearchHit } from '../../shared/contract'
import type { Source, StoryFile, StorySummary } from '../../shared/model'
import { parseQuery, phraseKey, terms, wordLine, words, type Word } from '../../shared/text/words'
import { FieldIndex } from './field-index'

/** How much a hit in each place weighs against one in the story text. */
export const PLACE_WEIGHTS: Readonly<Record<HitPlace, number>> = {
  headline: 4,
  claim: 3,
  tag: 2.5,
  rationale: 2,
  outlet: 2,
  evidence: 1.5,
  source: 1.5,
  comment: 1.2,
  text: 1
}
/** Hits shown per story. */
const HITS_PER_STORY = 3
/** Characters of context a snippet shows before its first marked word, and in all. */
const BEFORE = 60
const SNIPPET = 200
/** Query words whose matches are kept: typing asks again for every word before the last. */
const REMEMBERED_WORDS = 64
/** Stories read between two turns of the event loop while the index is built. */
const BUILD_CHUNK = 8

interface Passage {
  place: HitPlace
  /** Where it is, in words: "claim C4", "rationale of C4", "story text". */
  label: string
  claimId: string | null
  text: string
  /** For evidence: the source it is from (its title goes in the label). */
  sourceId?: string
}

interface Entry {
  summary: Pick<StorySummary, 'id' | 'title' | 'outlet'>
  /** The story's own passages; null while only its headline and outlet are indexed. */
  own: Passage[] | null
  /** Each source the story's evidence cites, with the numbers of the claims citing it. */
  cites: Map<string, number[]>
  /** The story's passages as word lines, for phrases; made when a phrase is first asked about. */
  lines: string[] | null
}

type Doc = Record<HitPlace, string>

/** A story the query matched: its score and the indexed words that matched (a prefix's whole words). */
export interface Match {
  score: number
  terms: ReadonlySet<string>
}

export interface FullTextOptions {
  /** Reads a story's file (without keeping it among the stories in memory). */
  read(id: string): Promise<StoryFile>
  /** The library's sources as they stand. */
  sources(): readonly Source[]
  /**
   * Resolves when background work may go on (core: once the window is quiet, foreground.ts): the build's next
   * stories, and the stories written since they were last read.
   */
  waitTurn?(): Promise<void>
}

export class FullText {
  private readonly index = new FieldIndex<HitPlace>(hitPlaces, PLACE_WEIGHTS, terms)
  private readonly entries = new Map<string, Entry>()
  private sourceText = new Map<string, Source>()
  /** Each story's latest wish (a read or a removal), numbered so an older read never lands after a newer one. */
  private readonly wanted = new Map<string, number>()
  private seq = 0
  private readonly pending = new Set<Promise<void>>()
  /**
   * Stories written since they were last read. Reading one again (all its words: some 25 ms of main's time at a
   * thousand claims) waits for the window's turn, so a save is answered first and a run of saves is read once; a
   * search reads them at once (`settled`), so it never answers from words older than a write it follows.
   */
  private readonly stale = new Set<string>()
  private staleTurn: Promise<void> | null = null
  private readonly remembered = new Map<string, Map<string, { score: number; terms: string[] }>>()
  private building: { done: number; total: number } | null = null
  private build: Promise<void> = Promise.resolve()
  private closed = false

  constructor(
    stories: readonly StorySummary[],
    private readonly options: FullTextOptions
  ) {
    this.sourcesChanged(options.sources())
    const live = stories.filter((s) => s.deletedAt === null)
    for (const s of live) {
      this.entries.set(s.id, { summary: s, own: null, cites: new Map(), lines: null })
      this.index.add(s.id, this.doc(s.id))
    }
  }

  /** Starts reading every story into the index in the background, newest first. */
  start(): Promise<void> {
    const ids = [...this.entries.values()]
      .map((e) => e.summary as StorySummary)
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))
      .map((s) => s.id)
    this.building = { done: 0, total: ids.length }
    this.build = (async () => {
      for (let i = 0; i < ids.length && !this.closed; i += BUILD_CHUNK) {
        await new Promise((resolve) => setImmediate(resolve))
        await this.options.waitTurn?.()
        if (this.closed) break
        await Promise.all(
          ids.slice(i, i + BUILD_CHUNK).map((id) => {
            const entry = this.entries.get(id)
            return entry && !entry.own ? this.load(id) : undefined
          })
        )
        if (this.building) this.building.done = Math.min(ids.length, i + BUILD_CHUNK)
      }
      this.building = null
    })()
    return this.build
  }

  /** How far the first reading of the stories has come; null once every story is in. */
  get progress(): { done: number; total: number } | null {
    return this.building && { ...this.building }
  }

  /** Every story written so far read again (at once, not waiting for a turn), and (unless `build` is false) the background build done too. */
  async settled({ build = true }: { build?: boolean } = {}): Promise<void> {
    if (build) await this.build
    for (;;) {
      this.readStale()
      if (this.pending.size === 0) return
      await Promise.all([...this.pending])
    }
  }

  close(): void {
    this.closed = true
  }

  /**
   * A story was written (or created, restored, healed): read it again, or index `file` when the writer
   * has it in hand (a story just created: a desk pull creates hundreds, which the store does not keep
   * in memory, so reading them back meant reading each from disk again). A trashed one leaves the index.
   */
  changed(summary: StorySummary, file?: StoryFile): void {
    if (summary.deletedAt !== null) return this.remove(summary.id)
    const entry = this.entries.get(summary.id)
    if (!entry) {
      this.entries.set(summary.id, { summary, own: null, cites: new Map(), lines: null })
      this.index.add(summary.id, this.doc(summary.id))
      this.remembered.clear()
    } else if (entry.summary.title !== summary.title || entry.summary.outlet !== summary.outlet) {
      this.swap([summary.id], () => (entry.summary = summary))
    }
    if (file) {
      this.stale.delete(summary.id)
      const ticket = ++this.seq
      this.wanted.set(summary.id, ticket)
      return this.take(summary.id, file, ticket)
    }
    this.stale.add(summary.id)
    this.staleTurn ??= (async () => {
      await new Promise((resolve) => setImmediate(resolve))
      await this.options.waitTurn?.()
      this.staleTurn = null
      this.readStale()
    })()
  }

  /** Reads again every story written since it was last read. */
  private readStale(): void {
    if (this.closed) return
    for (const id of this.stale) {
      const done = this.load(id).finally(() => this.pending.delete(done))
      this.pending.add(done)
    }
    this.stale.clear()
  }

  /** Sources were added or edited: the stories citing them are indexed with their new words. */
  sourcesChanged(sources: readonly Source[]): void {
    const touched = [...this.entries].filter(([, e]) => sources.some((s) => e.cites.has(s.id))).map(([id]) => id)
    this.swap(touched, () => {
      for (const source of sources) this.sourceText.set(source.id, source)
    })
  }

  private remove(id: string): void {
    this.stale.delete(id)
    this.wanted.set(id, ++this.seq)
    if (!this.entries.has(id)) return
    this.swap([id], () => this.entries.delete(id))
  }

  /** Reads the story and indexes all of it, unless a newer read or a removal was asked for meanwhile. */
  private async load(id: string): Promise<void> {
    const ticket = ++this.seq
    this.wanted.set(id, ticket)
    let file: StoryFile
    try {
      file = await this.options.read(id)
    } catch {
      return // unreadable: its headline and outlet stay searchable; the library screen reports the damage
    }
    this.take(id, file, ticket)
  }

  /** Indexes all of a story as `file` holds it, unless a newer read or a removal was asked for meanwhile. */
  private take(id: string, file: StoryFile, ticket: number): void {
    const entry = this.entries.get(id)
    if (this.closed || this.wanted.get(id) !== ticket || !entry) return
    this.wanted.delete(id)
    this.swap([id], () => {
      Object.assign(entry, passagesOf(file))
      entry.summary = { id, title: file.story.title, outlet: file.story.outlet }
    })
  }

  /** Makes the change and indexes these stories again as they are now (a story gone leaves the index). */
  private swap(ids: readonly string[], change: () => void): void {
    change()
    for (const id of ids) {
      const entry = this.entries.get(id)
      if (!entry) {
        this.index.remove(id)
        continue
      }
      entry.lines = null
      this.index.add(id, this.doc(id))
    }
    this.remembered.clear()
  }

  private passages(entry: Entry): Passage[] {
    const head: Passage[] = [
      { place: 'headline', label: 'headline', claimId: null, text: entry.summary.title },
      { place: 'outlet', label: 'outlet', claimId: null, text: entry.summary.outlet }
    ]
    const cited = [...entry.cites].flatMap(([sourceId, numbers]): Passage[] => {
      const source = this.sourceText.get(sourceId)
      if (!source) return []
      const text = [source.title, source.publisher, source.author, source.notes].filter(Boolean).join(' · ')
      return [{ place: 'source', label: `cited by ${claimList(numbers)}`, claimId: null, text, sourceId }]
    })
    return [...head, ...(entry.own ?? []), ...cited]
  }

  private doc(id: string): Doc {
    const doc = {} as Doc
    for (const place of hitPlaces) doc[place] = ''
    const entry = this.entries.get(id)
    if (!entry) return doc
    for (const p of this.passages(entry)) doc[p.place] = doc[p.place] ? `${doc[p.place]}\n${p.text}` : p.text
    return doc
  }

  /**
   * The stories matching every word of the query (the word being typed as a prefix) and each quoted
   * phrase, with their scores; null when the query has no words.
   */
  search(query: string): Map<string, Match> | null {
    const parsed = parseQuery(query)
    if (parsed.terms.length === 0) return null
    const found = parsed.terms.map(({ term, prefix }) => this.lookup(term, prefix))
    found.sort((a, b) => a.size - b.size)
    const [smallest, ...others] = found as [(typeof found)[number], ...typeof found]
    const matches = new Map<string, Match>()
    for (const [id, hit] of smallest) {
      let score = hit.score
      const matched = new Set(hit.terms)
      let all = true
      for (const other of others) {
        const more = other.get(id)
        if (!more) {
          all = false
          break
        }
        score += more.score
        for (const t of more.terms) matched.add(t)
      }
      if (all) matches.set(id, { score, terms: matched })
    }
    if (parsed.phrases.length > 0) {
      const keys = parsed.phrases.map(phraseKey)
      for (const id of matches.keys()) {
        const lines = this.linesOf(id)
        if (!keys.every((key) => lines.some((line) => line.includes(key)))) matches.delete(id)
      }
    }
    return matches
  }

  /** One word's matches, kept until the index changes: a keystroke looks up only the word it changed. */
  private lookup(term: string, prefix: boolean): Map<string, { score: number; terms: string[] }> {
    const key = `${prefix ? '*' : '='}${term}`
    let found = this.remembered.get(key)
    if (!found) {
      found = this.index.search(term, { prefix })
      if (this.remembered.size >= REMEMBERED_WORDS)
        this.remembered.delete(this.remembered.keys().next().value as string)
      this.remembered.set(key, found)
    }
    return found
  }

  private linesOf(id: string): string[] {
    const entry = this.entries.get(id)
    if (!entry) return []
    entry.lines ??= this.passages(entry).map((p) => wordLine(p.text))
    return entry.lines
  }

  /**
   * Where a story matched: its best passages (most of the query's words, then the weightier place),
   * each as a snippet with the matched words marked.
   */
  hits(id: string, match: Match): SearchHit[] {
    const entry = this.entries.get(id)
    if (!entry) return []
    // Passages are ranked from their cached word lines (a matched word is one the line holds), and only
    // the few shown are cut into words for their snippets: cutting every passage of a long story that
    // holds a common word was most of a query's time.
    const lines = this.linesOf(id)
    const keys = [...match.terms].map((t) => ` ${t} `)
    const ranked: { passage: Passage; rank: number; order: number }[] = []
    this.passages(entry).forEach((passage, order) => {
      const line = lines[order] ?? wordLine(passage.text)
      let distinct = 0
      for (const key of keys) if (line.includes(key)) distinct++
      if (distinct > 0) ranked.push({ passage, rank: distinct * 10 + PLACE_WEIGHTS[passage.place], order })
    })
    ranked.sort((a, b) => b.rank - a.rank || a.order - b.order)
    return ranked.slice(0, HITS_PER_STORY).map(({ passage }) => {
      const cut = words(passage.text)
      return {
        place: passage.place,
        label: passage.sourceId ? this.evidenceLabel(passage) : passage.label,
        claimId: passage.claimId,
        ...snippet(
          passage.text,
          cut,
          cut.filter((w) => match.terms.has(w.term))
        )
      }
    })
  }

  private evidenceLabel(passage: Passage): string {
    const title = this.sourceText.get(passage.sourceId ?? '')?.title ?? 'a source'
    return passage.place === 'evidence' ? `evidence from ${title}${passage.label}` : `source ${title}, ${passage.label}`
  }
}

const claimList = (numbers: readonly number[]): string => {
  const shown = numbers.slice(0, 3).map((n) => `C${n}`)
  return numbers.length > 3 ? `${shown.join(', ')} and ${numbers.length - 3} more` : shown.join(', ')
}

/** A story's own passages (the headline and outlet are the index line's) and the sources it cites. */
function passagesOf(file: StoryFile): Pick<Entry, 'own' | 'cites'> {
  const own: Passage[] = []
  const cites = new Map<string, number[]>()
  const number = new Map<string, number>()
  const add = (place: HitPlace, label: string, claimId: string | null, text: string, sourceId?: string): void => {
    if (text.trim()) own.push({ place, label, claimId, text, ...(sourceId ? { sourceId } : {}) })
  }
  for (const claim of file.claims) {
    const c = `C${claim.number}`
    number.set(claim.id, claim.number)
    add('claim', `claim ${c}`, claim.id, claim.anchor.quote.exact)
    add('claim', `claim ${c}, restated`, claim.id, claim.restatement)
    add('claim', `claim ${c}, speaker`, claim.id, claim.speaker)
    add('rationale', `rationale of ${c}`, claim.id, claim.rationale)
    add('rationale', `${c}, checked against`, claim.id, claim.checkedAgainst)
    add('rationale', `correction for ${c}`, claim.id, claim.correction)
    add('tag', `tags of ${c}`, claim.id, claim.tags.join(', '))
    for (const comment of claim.comments) add('comment', `comment on ${c}`, claim.id, comment.body)
  }
  for (const e of file.evidence) {
    const n = number.get(e.claimId)
    add(
      'evidence',
      n === undefined ? '' : ` (C${n})`,
      e.claimId,
      [e.excerpt, e.locator].filter(Boolean).join(' · '),
      e.sourceId
    )
    const citing = cites.get(e.sourceId) ?? []
    if (n !== undefined && !citing.includes(n)) citing.push(n)
    cites.set(e.sourceId, citing)
  }
  add('text', 'story text', null, file.story.text)
  return { own, cites }
}

/** The words around the first matched word, whitespace runs shown as one space, matched words marked. */
function snippet(text: string, cut: readonly Word[], at: readonly Word[]): Pick<SearchHit, 'snippet' | 'marks'> {
  const first = at[0] as Word
  let from = 0
  let to = text.length
  if (text.length > SNIPPET) {
    const startWord = cut.find((w) => w.end > first.start - BEFORE) ?? first
    from = startWord.start
    const lastWord = cut.filter((w) => w.end <= from + SNIPPET).at(-1)
    to = Math.max(first.end, lastWord?.end ?? first.end)
  }
  let out = from > 0 ? '…' : ''
  const marks: [number, number][] = []
  const marked = at.filter((w) => w.start >= from && w.end <= to)
  let next = 0
  let i = from
  while (i < to) {
    const w = marked[next]
    if (w && i === w.start) {
      marks.push([out.length, out.length + (w.end - w.start)])
      out += text.slice(w.start, w.end)
      i = w.end
      next++
      continue
    }
    const ch = text[i] as string
    if (/\s/.test(ch)) {
      if (!out.endsWith(' ') && out !== '' && out !== '…') out += ' '
      while (i < to && /\s/.test(text[i] as string)) i++
      continue
    }
    out += ch
    i++
  }
  if (to < text.length) out = `${out.trimEnd()}…`
  return { snippet: out, marks }
}
