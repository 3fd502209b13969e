// The desk's memory in main: an index of every checked claim in the library (a claim with a
// verdict), kept in step with the store, and the check-worthiness models for "Suggest claims": the
// n-gram model at once, each sentence refined by the combination with the encoder as its embedding comes.
// The index follows the library by itself: before each lookup it re-reads any story whose index
// line changed (or that a call just changed) and drops stories that left the library.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type {
  ArchiveImport,
  ArchiveImportResult,
  EarlierCheck,
  SentenceMatch,
  Suggestion,
  Suggestions
} from '../../shared/contract'
import type { Claim, Stance, StoryFile } from '../../shared/model'
import { AppError } from '../../shared/result'
import { sentences } from '../../shared/text/segment'
import type { LibraryStore } from '../store/library-store'
import { ArchiveStore, type StoredCheck } from './archive/archive-file'
import { ArchiveReader } from './archive/reader'
import { jobName, type ArchiveJob } from './archive/worker-protocol'
import { SentenceEmbedder } from './embedder'
import { archiveContext } from './archive/parse'
import { ClaimIndex, prepareClaim, type MatchScore, type PreparedClaim } from './matcher'
import { Combination, WorthinessModel } from './worthiness'

interface Checked {
  storyId: string
  storyTitle: string
  claim: Claim
  evidence: { sourceId: string; excerpt: string; stance: Stance }[]
}

/** The most suggestions "Suggest claims" shows at once. */
export const MAX_SUGGESTIONS = 12
/**
 * The most sentences of one story sent to the encoder (about 35,000 words: 30 s of the worker's time).
 * A longer story (up to 2 MB of text can be pasted) is ranked by the n-gram model alone.
 */
export const MAX_EMBEDDED_SENTENCES = 2_000
/** How many times a story's refinement is announced on its way (and once more when it is done). */
const REFINE_STEPS = 8

/** The story id an imported check is indexed under (never a story's: ids from the store are random). */
export const ARCHIVE_STORY = 'archive'
/** Checks indexed between two turns of the event loop while an archive is indexed. */
const INDEX_CHUNK = 500

/** A claim counts as checked once it has a verdict. */
export const isChecked = (claim: Claim): boolean => claim.verdict !== null

/** The words a dismissal is remembered by: the sentence itself, so it survives a revision that keeps it. */
export const suggestionKey = (sentence: string): string => sentence.replace(/\s+/g, ' ').trim().slice(0, 300)

export class DeskMemory {
  private index = new ClaimIndex()
  private checked = new Map<string, Checked>()
  /** What each story looked like when indexed (its updatedAt), by id. */
  private seen = new Map<string, string>()
  private indexedStore: LibraryStore | null = null
  private readonly dirty = new Set<string>()
  private models: Promise<Models> | null = null
  /** The encoder's vector of each checked claim's words, kept across re-indexing (an edit re-reads a story). */
  private readonly claimVectors = new Map<string, Float32Array>()
  private embedding = false
  /** Stories whose sentences are on their way through the encoder for a ranking. */
  private readonly refining = new Map<string, Promise<void>>()
  /** The index's version when the vectors of claims no longer there were last forgotten. */
  private prunedAt = -1
  /** The library's archive of imported checks (archive.json), opened with the library. */
  private archive: Promise<ArchiveStore> | null = null
  /** Imported checks in the index, by key. */
  private readonly archived = new Map<string, StoredCheck>()
  private archiveIndexed = -1
  /** When each import was made (the date shown for a check whose archive gave none). */
  private readonly importedAt = new Map<string, string>()

  constructor(
    private readonly store: () => LibraryStore,
    /** The resources folder holding checkworthy-model.json and checkworthy-ngram.json. */
    private readonly modelDir: string,
    readonly embedder = new SentenceEmbedder(),
    private readonly archiveReader = new ArchiveReader()
  ) {}

  /** A call changed this story (or, with null, maybe any story). */
  changed(storyId: string | null): void {
    if (storyId) this.dirty.add(storyId)
  }

  /** Brings the index up to date with the library. */
  async sync(): Promise<void> {
    const store = this.store()
    if (store !== this.indexedStore) {
      this.index = new ClaimIndex()
      this.checked.clear()
      this.seen.clear()
      this.archived.clear()
      this.archive = null
      this.archiveIndexed = -1
      this.indexedStore = store
    }
    const live = new Map(store.library.stories.filter((s) => s.deletedAt === null).map((s) => [s.id, s.updatedAt]))
    for (const id of [...this.seen.keys()]) {
      if (!live.has(id)) this.dropStory(id)
    }
    for (const [id, updatedAt] of live) {
      if (this.seen.get(id) === updatedAt && !this.dirty.has(id)) continue
      this.dirty.delete(id)
      let file: StoryFile
      try {
        // Read and let go, as the search index reads: the store's few stories in memory stay the editor's.
        file = await store.peekStory(id)
      } catch {
        // A story that cannot be read is left out; the library screen reports it.
        this.dropStory(id)
        continue
      }
      this.indexStory(file)
      this.seen.set(id, updatedAt)
    }
    const archive = await this.archiveOf(store)
    if (archive.version !== this.archiveIndexed) {
      const version = archive.version
      await this.indexArchived(
        archive.checks.filter((c) => !this.archived.has(archiveKey(c.id))),
        archive.imports
      )
      this.archiveIndexed = version
    }
    void this.embedClaims()
  }

  /** The library's archive, opened on first use (a damaged archive.json is moved aside and its backup used). */
  private archiveOf(store: LibraryStore): Promise<ArchiveStore> {
    this.archive ??= ArchiveStore.open(store.dir, { readOnly: store.readOnly, now: () => new Date() }).then(
      (archive) => {
        // A restored or salvaged archive.json is said where the library's own damage is (store.recovered).
        store.notify(archive.notices)
        return archive
      },
      (error: unknown) => {
        this.archive = null
        throw error
      }
    )
    return this.archive
  }

  /** Adds imported checks to the index, a chunk at a time so the window is never held up long. */
  private async indexArchived(
    checks: readonly StoredCheck[],
    imports: readonly ArchiveImport[],
    progress: (done: number, total: number) => void = () => undefined,
    /** What the archive worker prepared for the index, by check id (else it is prepared here). */
    prepared?: ReadonlyMap<string, PreparedClaim>
  ): Promise<void> {
    for (const i of imports) this.importedAt.set(i.id, i.importedAt)
    for (let i = 0; i < checks.length; i += INDEX_CHUNK) {
      for (const c of checks.slice(i, i + INDEX_CHUNK)) {
        const key = archiveKey(c.id)
        const context = archiveContext(c)
        this.index.upsert(
          { key, storyId: ARCHIVE_STORY, claimId: c.id, text: c.claim, context },
          prepared?.get(c.id) ?? prepareClaim(c.claim, context)
        )
        const vector = this.claimVectors.get(c.claim)
        if (vector) this.index.setVector(key, vector)
        this.archived.set(key, c)
      }
      progress(Math.min(i + INDEX_CHUNK, checks.length), checks.length)
      await new Promise((resolve) => setImmediate(resolve))
    }
  }

  /**
   * Imports an archive of earlier checks: read in the archive worker (cancellable, nothing kept if
   * cancelled or unreadable), the new checks kept in archive.json, then indexed. Progress by stage.
   */
  async importArchive(
    file: ArchiveJob,
    record: Pick<ArchiveImport, 'id' | 'importedAt' | 'importedBy'>,
    progress: (stage: 'reading' | 'indexing', done: number, total: number) => void
  ): Promise<ArchiveImportResult> {
    const store = this.store()
    if (store.readOnly)
      throw new AppError('read_only', 'This library is open read-only, so no archive can be imported into it.')
    if ('folder' in file && path.resolve(file.folder) === path.resolve(store.dir))
      throw new AppError('invalid_input', 'That is the library open now: choose another library to import checks from.')
    await this.sync()
    const parsed = await this.archiveReader.read(file, progress)
    const archive = await this.archiveOf(store)
    const { result, added } = await archive.add(
      {
        ...record,
        fileName: jobName(file),
        format: parsed.format,
        skipped: parsed.skipped
      },
      parsed.checks
    )
    if (store === this.indexedStore) {
      const version = archive.version
      const prepared = new Map(parsed.checks.map((c, i) => [c.id, parsed.prepared[i] as PreparedClaim]))
      // The second half of indexing (the worker prepared the checks in the first).
      await this.indexArchived(
        added,
        archive.imports,
        (done, total) => progress('indexing', total + done, 2 * total),
        prepared
      )
      this.archiveIndexed = version
      void this.embedClaims()
    }
    return result
  }

  /** Stops every archive being read. */
  cancelArchiveImports(): number {
    return this.archiveReader.cancel()
  }

  async archiveImports(): Promise<ArchiveImport[]> {
    return [...(await this.archiveOf(this.store())).imports]
  }

  /**
   * Embeds the checked claims not embedded yet, in the background and in chunks (the worker puts a lookup's
   * query ahead of them). Until every claim is embedded, lookups rank without the encoder.
   */
  private async embedClaims(): Promise<void> {
    if (this.embedding || this.embedder.unavailable) return
    this.embedding = true
    try {
      for (;;) {
        const pending = this.index.unembedded().slice(0, 64)
        if (pending.length === 0 || this.embedder.unavailable) break
        const vectors = await this.embedder.embed(
          pending.map((c) => c.text),
          { background: true }
        )
        pending.forEach((c, i) => {
          const v = vectors[i] as Float32Array
          this.claimVectors.set(c.text, v)
          this.index.setVector(c.key, v)
        })
      }
      // Forget the vectors of words no claim has any more (only after the index changed: a lookup's sync
      // must not walk 10,000 claims each time).
      if (this.prunedAt !== this.index.version) {
        const live = new Set(this.index.texts())
        for (const text of this.claimVectors.keys()) if (!live.has(text)) this.claimVectors.delete(text)
        this.prunedAt = this.index.version
      }
    } catch {
      // The encoder could not run: lookups rank without it (the embedder retries after a while).
    } finally {
      this.embedding = false
    }
  }

  /** Vectors of claims' words embedded earlier (the bench's cache), as if this memory had embedded them. */
  rememberClaimVectors(texts: string[], vectors: Float32Array[]): void {
    texts.forEach((t, i) => {
      const v = vectors[i]
      if (v) this.claimVectors.set(t, v)
    })
    this.seen.clear()
  }

  /** Whether every checked claim is embedded (lookups then use the encoder). */
  get claimsEmbedded(): boolean {
    return this.index.allEmbedded
  }

  /** Waits until the background embedding of the claims has finished (for tests and the bench). */
  async claimsReady(): Promise<void> {
    await this.sync()
    while (this.embedding) await new Promise((resolve) => setTimeout(resolve, 20))
  }

  private dropStory(id: string): void {
    for (const key of this.index.keysOfStory(id)) this.checked.delete(key)
    this.index.removeStory(id)
    this.seen.delete(id)
  }

  private indexStory(file: StoryFile): void {
    this.dropStory(file.story.id)
    for (const claim of file.claims) {
      if (!isChecked(claim)) continue
      const key = `${file.story.id}/${claim.id}`
      const text = claim.anchor.quote.exact
      const context = [file.story.title, claim.restatement, claim.rationale, ...claim.tags].join(' ')
      this.index.upsert({ key, storyId: file.story.id, claimId: claim.id, text, context })
      const vector = this.claimVectors.get(text)
      if (vector) this.index.setVector(key, vector)
      this.checked.set(key, {
        storyId: file.story.id,
        storyTitle: file.story.title,
        claim,
        evidence: file.evidence
          .filter((e) => e.claimId === claim.id)
          .map((e) => ({ sourceId: e.sourceId, excerpt: e.excerpt, stance: e.stance }))
      })
    }
  }

  get indexedClaims(): number {
    return this.index.size
  }

  /**
   * Earlier checks that may say what `text` says, strongest first, each with its confidence band (never cut
   * by a threshold; a changed figure or flipped negation is flagged). Two stages: with every claim embedded
   * and the query's vector at hand (embedded before, kept by its words), the encoder joins the ranking at
   * once. Otherwise the answer comes at once without it (BM25 and the text features) and then, once that
   * answer is out, the query is sent to the worker ahead of any background work; with `wait`, the lookup
   * waits for that vector instead, so a second ask refines the first answer.
   */
  async lookup(
    text: string,
    options: { exclude?: string; limit?: number; wait?: boolean } = {}
  ): Promise<EarlierCheck[]> {
    await this.sync()
    const encoder = this.index.size > 0 && this.claimsEmbedded && !this.embedder.unavailable
    const known = encoder ? (this.claimVectors.get(text) ?? this.embedder.cached([text])[0]) : undefined
    const queryVector = known ?? (encoder && options.wait === true ? await this.embedQuery(text) : undefined)
    const sources = this.sourceTitles()
    const found = this.index
      .lookup(text, { exclude: options.exclude, limit: options.limit ?? 5, queryVector })
      .map((m) => this.describe(m, sources))
    // The first answer is ranked before the query goes to the encoder, and the job is posted after the
    // answer has left: the worker's ~60 ms of encoding never competes with the first answer for the CPU.
    if (encoder && !queryVector) setImmediate(() => void this.embedQuery(text))
    return found
  }

  /** The query's vector from the encoder (ahead of any background work), or undefined if it cannot run. */
  private embedQuery(text: string): Promise<Float32Array | undefined> {
    return this.embedder.embed([text]).then(
      (v) => v[0],
      () => undefined
    )
  }

  /** A search: the same ranking, a few more results. */
  search(query: string, wait = false): Promise<EarlierCheck[]> {
    return this.lookup(query, { limit: 8, wait })
  }

  async matchesFor(storyId: string, claimId: string, wait = false): Promise<EarlierCheck[]> {
    const file = await this.store().readStory(storyId)
    const claim = file.claims.find((c) => c.id === claimId)
    if (!claim) throw new AppError('not_found', 'That claim is not in this story (it may have been deleted).')
    return this.lookup(claim.anchor.quote.exact, { exclude: `${storyId}/${claimId}`, wait })
  }

  /** The sentences of a story that match an earlier check in another story, with the best match each. */
  async storyMatches(storyId: string): Promise<SentenceMatch[]> {
    const file = await this.store().readStory(storyId)
    await this.sync()
    const text = file.story.text
    const out: SentenceMatch[] = []
    const sources = this.sourceTitles()
    for (const span of sentences(text)) {
      const best = this.index
        .lookup(text.slice(span.start, span.end), { limit: 5 })
        .find((m) => !m.key.startsWith(`${storyId}/`))
      // A sentence is marked for a strong or possible match, never a weak or a flagged one.
      if (best && best.band !== 'weak' && !best.figuresDiffer && !best.negationDiffers)
        out.push({ ...span, match: this.describe(best, sources) })
    }
    return out
  }

  private sourceTitles(): Map<string, string> {
    return new Map(this.store().library.sources.map((s) => [s.id, s.title]))
  }

  private describe(m: MatchScore, sources: Map<string, string>): EarlierCheck {
    const found = {
      score: Math.round(m.score * 1000) / 1000,
      band: m.band,
      figuresDiffer: m.figuresDiffer,
      negationDiffers: m.negationDiffers
    }
    const imported = this.archived.get(m.key)
    if (imported)
      return {
        storyId: ARCHIVE_STORY,
        claimId: imported.id,
        storyTitle: imported.headline || imported.origin,
        quote: imported.claim,
        restatement: '',
        verdict: null,
        rationale: '',
        checkedAt: imported.date
          ? `${imported.date}T00:00:00.000Z`
          : (this.importedAt.get(imported.importId) ?? new Date().toISOString()),
        evidence: [],
        ...found,
        imported: { url: imported.url, origin: imported.origin, rating: imported.rating }
      }
    const checked = this.checked.get(m.key)
    if (!checked) throw new AppError('internal', 'The claim index is out of step with the library.')
    const { claim } = checked
    return {
      storyId: checked.storyId,
      claimId: claim.id,
      storyTitle: checked.storyTitle,
      quote: claim.anchor.quote.exact,
      restatement: claim.restatement,
      verdict: claim.verdict,
      rationale: claim.rationale,
      checkedAt: claim.updatedAt,
      evidence: checked.evidence.map((e) => ({
        sourceTitle: sources.get(e.sourceId) ?? 'Unknown source',
        excerpt: e.excerpt,
        stance: e.stance
      })),
      ...found
    }
  }

  loadModels(): Promise<Models> {
    const json = async (file: string): Promise<unknown> =>
      JSON.parse(await readFile(path.join(this.modelDir, file), 'utf8'))
    const read = async (file: string, usesEmbedding: boolean): Promise<WorthinessModel> => {
      const model = WorthinessModel.fromFile(await json(file))
      if (model.usesEmbedding !== usesEmbedding)
        throw new AppError('invalid_input', `${file} is not the model Factdesk expects there.`)
      return model
    }
    this.models ??= Promise.all([
      read('checkworthy-model.json', true),
      read('checkworthy-ngram.json', false),
      json('checkworthy-combination.json').then((j) => Combination.fromFile(j))
    ])
      .then(([encoder, ngram, combination]) => ({ encoder, ngram, combination }))
      .catch((error: unknown) => {
        this.models = null
        if (error instanceof AppError) throw error
        throw new AppError('io_error', `The check-worthiness model could not be loaded: ${String(error)}`)
      })
    return this.models
  }

  /**
   * The story's sentences most worth checking that are not claims yet and were not dismissed, strongest
   * first. Each sentence whose embedding is at hand is scored by the combination (n-gram model, encoder
   * model and embedding); the others by the calibrated n-gram model, on the same scale, at once. The
   * sentences not embedded are sent to the encoder (`refining`), once per story at a time, and `progress`
   * hears as they come in (about eight times a story, and when done), so the window can ask again and
   * show each step. With `wait`, the answer waits for every embedding instead. If the encoder cannot run,
   * or the story has more than MAX_EMBEDDED_SENTENCES open sentences, the n-gram ranking is the answer.
   */
  async suggest(file: StoryFile, wait = false, progress?: RefineProgress): Promise<Suggestions> {
    const { encoder, ngram, combination } = await this.loadModels()
    const text = file.story.text
    const dismissed = new Set(file.dismissedSuggestions ?? [])
    const claimed = file.claims.filter((c) => !c.orphaned && c.anchor.part === 'body').map((c) => c.anchor.position)
    const open = sentences(text)
      .map((span) => ({ span, sentence: text.slice(span.start, span.end) }))
      .filter(
        ({ span, sentence }) =>
          !dismissed.has(suggestionKey(sentence)) && !claimed.some((p) => p.start < span.end && p.end > span.start)
      )
    const texts = open.map((o) => o.sentence)
    let vectors = this.embedder.cached(texts)
    let refining = false
    if (vectors.some((v) => !v) && !this.embedder.unavailable && texts.length <= MAX_EMBEDDED_SENTENCES) {
      if (wait) {
        try {
          vectors = await this.embedder.embed(texts)
        } catch (error) {
          if (error instanceof AppError && error.code === 'cancelled') throw error
          // The encoder could not run: the n-gram ranking below is the answer.
        }
      } else {
        refining = true
        this.refine(file.story.id, texts, progress)
      }
    }
    const scored = open.map(({ span, sentence }, i) => {
      const vector = vectors[i]
      const pNgram = ngram.score(sentence)
      if (!vector)
        return { span, sentence, model: ngram, score: combination.first(pNgram), pass: combination.firstThreshold }
      const score = combination.refined({
        ngram: pNgram,
        encoder: encoder.score(sentence, vector),
        embedding: combination.embeddingScore(vector)
      })
      return { span, sentence, model: encoder, score, pass: combination.refinedThreshold }
    })
    const embedded = vectors.filter((v) => v !== undefined).length
    const suggestions: Suggestion[] = scored
      .filter((s) => s.score >= s.pass)
      .sort((a, b) => b.score - a.score)
      .slice(0, MAX_SUGGESTIONS)
      .map(({ span, sentence, model, score }) => ({
        ...span,
        score: Math.round(score * 1000) / 1000,
        reason: model.reason(sentence),
        key: suggestionKey(sentence)
      }))
    const all = embedded === open.length
    return {
      suggestions,
      model: all ? 'encoder' : 'ngram',
      refining: refining && !all,
      embedded,
      sentences: open.length
    }
  }

  /** Sends a story's sentences to the encoder, unless that story's are on their way already. */
  private refine(storyId: string, texts: string[], progress: RefineProgress | undefined): void {
    if (this.refining.has(storyId)) return
    const step = Math.max(1, Math.ceil(new Set(texts).size / REFINE_STEPS))
    let next = step
    // The last word is said once the vectors are cached, so asking again then finds them all.
    const embedding: Promise<void> = this.embedder
      .embed(texts, {
        progress: (done, total) => {
          if (done >= total || done < next) return
          next = done + step
          progress?.(done, total, false)
        }
      })
      .then(
        () => true,
        () => false
      )
      .then((embedded) => {
        // Forgotten before the last word, so a story changed meanwhile is sent again when asked again.
        if (this.refining.get(storyId) === embedding) this.refining.delete(storyId)
        const total = new Set(texts).size
        progress?.(embedded ? total : 0, total, true)
      })
    this.refining.set(storyId, embedding)
  }

  close(): Promise<void> {
    return this.embedder.close()
  }
}

const archiveKey = (id: string): string => `${ARCHIVE_STORY}/${id}`

interface Models {
  encoder: WorthinessModel
  ngram: WorthinessModel
  combination: Combination
}

/** Heard as a story's sentences are embedded: how many are in, of how many; `finished` the last time. */
export type RefineProgress = (embedded: number, sentences: number, finished: boolean) => void
