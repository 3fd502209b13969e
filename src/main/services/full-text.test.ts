// The search index kept up to date write by write must answer exactly as one built afresh from the
// library as it ends up: generated edits (claims' words, rationales, evidence, tags, comments,
// headlines, story text, sources, trash and restore), with reads that finish out of order and reads
// that fail, as a slow or damaged disk would give.
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import type { Source, StoryFile, StorySummary } from '../../shared/model'
import { BENCH_SOURCE, syntheticStory } from '../testing/library-fixture'
import { summarise } from '../store/summary'
import { FullText } from './full-text'

const VOCABULARY = ['census', 'bridge', 'jobcentre', 'élection', 'budget', 'harbour', 'vaccine', 'tariff', 'pension']
const QUERIES = [
  'census',
  'bridge',
  'jobcentre',
  'election',
  'BUDGET',
  'harb',
  'vaccine tariff',
  '"regional budgets"',
  'officials',
  'pension census',
  'ministry'
]

const source = (id: string, title: string): Source => ({
  id,
  url: '',
  title,
  publisher: '',
  author: '',
  publishedAt: '',
  accessedAt: '',
  archiveUrl: '',
  kind: 'official_statement',
  reliability: 'high',
  notes: '',
  confidential: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z'
})

type Edit =
  | {
      kind: 'rationale' | 'restatement' | 'comment' | 'tag' | 'excerpt' | 'title' | 'text'
      story: number
      claim: number
      word: number
    }
  | { kind: 'trash' | 'restore'; story: number }
  | { kind: 'source'; word: number }

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('rationale', 'restatement', 'comment', 'tag', 'excerpt', 'title', 'text'),
    story: fc.nat(4),
    claim: fc.nat(2),
    word: fc.nat(VOCABULARY.length - 1)
  }),
  fc.record({ kind: fc.constantFrom('trash', 'restore'), story: fc.nat(4) }),
  fc.record({ kind: fc.constant('source'), word: fc.nat(VOCABULARY.length - 1) })
) as fc.Arbitrary<Edit>

/** A library in memory whose reads finish in an order the test chooses, and some of which fail. */
class Library {
  files = new Map<string, StoryFile>()
  trashed = new Set<string>()
  sources = [source(BENCH_SOURCE, 'Regional budget release')]
  private waiting: (() => void)[] = []

  constructor(public failing: ReadonlySet<number>) {
    for (let i = 0; i < 5; i++) this.files.set(`s${i}`, syntheticStory(`s${i}`, 3, 60))
  }
  private reads = 0

  read = (id: string): Promise<StoryFile> => {
    const n = this.reads++
    // The file as it stands now: a later write is a later read.
    const file = this.files.get(id)
    return new Promise((resolve, reject) => {
      this.waiting.push(() => (file && !this.failing.has(n) ? resolve(file) : reject(new Error('unreadable'))))
    })
  }

  /** Lets the reads waiting finish, in the order `order` picks. */
  async release(order: number[]): Promise<void> {
    while (this.waiting.length > 0) {
      const pick = (order.shift() ?? 0) % this.waiting.length
      const [next] = this.waiting.splice(pick, 1)
      next?.()
      await Promise.resolve()
    }
  }

  summaries(): StorySummary[] {
    return [...this.files.values()].map((f) => ({
      ...summarise(f),
      deletedAt: this.trashed.has(f.story.id) ? '2026-02-01T00:00:00.000Z' : null
    }))
  }

  apply(e: Edit): { summary?: StorySummary; sources?: Source[] } {
    if (e.kind === 'source') {
      this.sources = [{ ...this.sources[0]!, title: `Office of ${VOCABULARY[e.word]}` }]
      return { sources: this.sources }
    }
    const id = `s${e.story}`
    if (e.kind === 'trash') this.trashed.add(id)
    else if (e.kind === 'restore') this.trashed.delete(id)
    else {
      const file = structuredClone(this.files.get(id)!)
      const at = e as Extract<Edit, { claim: number }>
      const word = VOCABULARY[at.word]!
      const claim = file.claims[at.claim]!
      if (e.kind === 'rationale') claim.rationale = `Checked against the ${word} figures.`
      if (e.kind === 'restatement') claim.restatement = `The ${word} rose.`
      if (e.kind === 'tag') claim.tags = [word]
      if (e.kind === 'comment')
        claim.comments = [
          ...claim.comments,
          { id: `k${claim.comments.length}`, body: word, by: 'x', at: claim.createdAt }
        ]
      if (e.kind === 'excerpt') file.evidence[at.claim]!.excerpt = `Table on ${word}.`
      if (e.kind === 'title') file.story.title = `A story about ${word}`
      if (e.kind === 'text') file.story.text = `${file.story.text}\n\nA paragraph on the ${word}.`
      this.files.set(id, file)
    }
    return { summary: this.summaries().find((s) => s.id === id)! }
  }
}

/** Lets every read finish (in the order given) until the index has taken in all it asked for. */
async function drain(index: FullText, lib: Library, order: number[]): Promise<void> {
  let done = false
  void index.settled().then(() => (done = true))
  while (!done) {
    await new Promise((resolve) => setImmediate(resolve))
    await lib.release(order)
  }
}

/** What a query answers: each story's score (rounded) and its hits. */
function answer(index: FullText, query: string): unknown {
  const found = index.search(query)
  if (!found) return null
  return [...found]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, m]) => ({ id, score: Math.round(m.score * 1e6) / 1e6, hits: index.hits(id, m) }))
}

describe('FullText', () => {
  it('kept up to date write by write, answers as an index built afresh from the final library', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(edit, { maxLength: 25 }),
        fc.array(fc.nat(20), { maxLength: 60 }),
        fc.uniqueArray(fc.nat(80), { maxLength: 6 }),
        fc.boolean(),
        // Which writes come with the story in hand (a story just created: indexed without a read).
        fc.array(fc.boolean(), { maxLength: 25 }),
        async (edits, order, failing, releaseEachTime, inHand) => {
          const lib = new Library(new Set(failing))
          const kept = new FullText(lib.summaries(), { read: lib.read, sources: () => lib.sources })
          const build = kept.start()
          for (const [i, e] of edits.entries()) {
            const { summary, sources } = lib.apply(e)
            if (summary) kept.changed(summary, inHand[i] ? lib.files.get(summary.id) : undefined)
            if (sources) kept.sourcesChanged(sources)
            if (releaseEachTime) await lib.release(order)
          }
          await drain(kept, lib, order)
          // A failed read leaves the story as it was last indexed until its next write: write each once more.
          lib.failing = new Set()
          for (const s of lib.summaries()) if (s.deletedAt === null) kept.changed(s)
          await drain(kept, lib, [])
          await build

          const clean = new Library(new Set())
          clean.files = lib.files
          clean.trashed = lib.trashed
          clean.sources = lib.sources
          const fresh = new FullText(clean.summaries(), { read: clean.read, sources: () => clean.sources })
          const freshBuild = fresh.start()
          await drain(fresh, clean, [])
          await freshBuild
          for (const q of QUERIES) expect(answer(kept, q), q).toEqual(answer(fresh, q))
        }
      ),
      { numRuns: 60 }
    )
  })

  it('indexes a story handed over with its write without reading it, and a later read of an older write loses to it', async () => {
    const lib = new Library(new Set())
    const reads: string[] = []
    const index = new FullText(lib.summaries(), {
      read: (id) => (reads.push(id), lib.read(id)),
      sources: () => lib.sources
    })
    lib.apply({ kind: 'rationale', story: 0, claim: 0, word: 0 })
    index.changed(lib.summaries()[0]!) // read asked for: census
    void index.settled({ build: false }) // a search: the read starts now
    const { summary } = lib.apply({ kind: 'rationale', story: 0, claim: 0, word: 1 })
    index.changed(summary!, lib.files.get('s0')) // in hand: bridge, at once
    expect([...(index.search('bridge')?.keys() ?? [])]).toEqual(['s0'])
    await drain(index, lib, [])
    expect(reads).toEqual(['s0'])
    expect(index.search('census')?.size).toBe(0)
    expect([...(index.search('bridge')?.keys() ?? [])]).toEqual(['s0'])
  })

  it('a read that finishes after a newer one never puts the older words back', async () => {
    const lib = new Library(new Set())
    const index = new FullText(lib.summaries(), { read: lib.read, sources: () => lib.sources })
    lib.apply({ kind: 'rationale', story: 0, claim: 0, word: 0 })
    index.changed(lib.summaries()[0]!)
    void index.settled({ build: false }) // a search: the read starts now
    const { summary } = lib.apply({ kind: 'rationale', story: 0, claim: 0, word: 1 })
    index.changed(summary!)
    void index.settled({ build: false }) // another search: the second read starts while the first waits
    await lib.release([1, 0]) // the newer read first, then the older
    await drain(index, lib, [])
    expect(index.search('census')?.size).toBe(0)
    expect([...(index.search('bridge')?.keys() ?? [])]).toEqual(['s0'])
  })

  it('reads a written story again only in its turn (a save is answered first), or at once when a search asks', async () => {
    const lib = new Library(new Set())
    let open: () => void = () => undefined
    const turn = new Promise<void>((resolve) => (open = resolve))
    const read: string[] = []
    const index = new FullText(lib.summaries(), {
      read: (id) => (read.push(id), lib.read(id)),
      sources: () => lib.sources,
      waitTurn: () => turn
    })
    // Two writes to one story and one to another while the window is busy: nothing is read meanwhile.
    for (const e of [
      { kind: 'rationale', story: 1, claim: 0, word: 3 },
      { kind: 'tag', story: 1, claim: 1, word: 4 },
      { kind: 'restatement', story: 2, claim: 0, word: 5 }
    ] as const)
      index.changed(lib.apply(e).summary as StorySummary)
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve))
    expect(read).toEqual([])
    // A search reads them at once, each once, and finds the words written.
    await drain(index, lib, [])
    expect(read.sort()).toEqual(['s1', 's2'])
    expect([...(index.search(VOCABULARY[3] as string)?.keys() ?? [])]).toContain('s1')
    // The turn coming later reads nothing again.
    open()
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve))
    expect(read).toHaveLength(2)
    // A write in the window's turn is read then.
    index.changed(lib.apply({ kind: 'tag', story: 0, claim: 0, word: 6 }).summary as StorySummary)
    await vi.waitFor(() => expect(read).toContain('s0'))
    await drain(index, lib, [])
    expect([...(index.search(VOCABULARY[6] as string)?.keys() ?? [])]).toContain('s0')
  })

  it('reads no story in the background while its turn has not come (the window is making calls), and all once it has', async () => {
    const lib = new Library(new Set())
    let open: () => void = () => undefined
    const turn = new Promise<void>((resolve) => (open = resolve))
    const waited: string[] = []
    const read = (id: string): Promise<StoryFile> => (waited.push(id), lib.read(id))
    const index = new FullText(lib.summaries(), { read, sources: () => lib.sources, waitTurn: () => turn })
    const build = index.start()
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve))
    expect(waited).toEqual([])
    expect(index.progress).toEqual({ done: 0, total: 5 })
    open()
    await drain(index, lib, [])
    await build
    expect(waited.sort()).toEqual(['s0', 's1', 's2', 's3', 's4'])
    expect(index.progress).toBeNull()
  })
})
