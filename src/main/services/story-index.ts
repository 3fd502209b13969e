// The library screen's search, filter and sort, in main over an index kept up to date from the
// store's own announcements, so a keystroke costs the same at 50 stories as at 5,000 and only the
// page on screen crosses to the renderer. MiniSearch does the word matching: every word of the query
// must start a word of the headline or outlet, accents and case aside.
import MiniSearch from 'minisearch'
import type { DeskMark, LibraryPage, LibraryQuery, LibrarySort, StoryFollowUp } from '../../shared/contract'
import { progressOf, type StorySummary } from '../../shared/model'

const fold = (term: string): string => term.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[]
/** Words whose matches are kept: typing a query asks again for every word before the last. */
const REMEMBERED_WORDS = 64
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true })

const sorters: Record<LibrarySort, (a: StorySummary, b: StorySummary) => number> = {
  updated: (a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0),
  title: (a, b) => collator.compare(a.title, b.title),
  // Least finished first: that is where the desk's attention goes.
  progress: (a, b) =>
    progressOf(a.statusCounts).ratio - progressOf(b.statusCounts).ratio || b.claimCount - a.claimCount,
  claims: (a, b) => b.claimCount - a.claimCount
}

export class StoryIndex {
  /** The word index, built when first needed (see `query`), so opening a library does not wait for it. */
  private wordIndex: MiniSearch<StorySummary> | null = null
  private readonly byId = new Map<string, StorySummary>()
  /** Every story in each sort order, computed when first asked for and dropped on any change. */
  private readonly sorted = new Map<LibrarySort, StorySummary[]>()
  /** The stories each query word (as a prefix) matches, dropped on any change. */
  private readonly matches = new Map<string, ReadonlySet<string>>()

  constructor(stories: readonly StorySummary[]) {
    for (const story of stories) if (story.deletedAt === null) this.byId.set(story.id, story)
  }

  private get words(): MiniSearch<StorySummary> {
    if (!this.wordIndex) {
      this.wordIndex = new MiniSearch<StorySummary>({ fields: ['title', 'outlet'], storeFields: [], processTerm: fold })
      this.wordIndex.addAll([...this.byId.values()])
    }
    return this.wordIndex
  }

  get size(): number {
    return this.byId.size
  }

  /** Takes in a story's new index line; a line with `deletedAt` set takes it out. */
  put(summary: StorySummary): void {
    const previous = this.byId.get(summary.id)
    this.sorted.clear()
    this.matches.clear()
    if (summary.deletedAt !== null) {
      if (previous) this.wordIndex?.discard(summary.id)
      this.byId.delete(summary.id)
      return
    }
    this.byId.set(summary.id, summary)
    if (!this.wordIndex) return
    if (!previous) this.wordIndex.add(summary)
    else if (previous.title !== summary.title || previous.outlet !== summary.outlet) this.wordIndex.replace(summary)
  }

  /** Every follow-up owed on a live story, with the story it belongs to (the library's due list). */
  followUps(): StoryFollowUp[] {
    return [...this.byId.values()].flatMap((story) =>
      story.followUps.map((followUp) => ({ storyId: story.id, title: story.title, followUp }))
    )
  }

  /** One page of the stories matching `q`; `deskMark` says how each stands with the desk (null: no desk, the desk filter is ignored). */
  query(q: LibraryQuery, deskMark: ((id: string) => DeskMark) | null = null): Omit<LibraryPage, 'desk' | 'marks'> {
    const matched = this.matching(q.query)
    // The library screen's first page needs no word index; build it right after, before anyone types.
    if (!this.wordIndex) setTimeout(() => void this.words, 0)
    const stories = this.inOrder(q.sort).filter(
      (s) =>
        (matched === null || matched.has(s.id)) &&
        (q.deskState === 'all' || s.deskState === q.deskState) &&
        (q.assignee === 'all' || s.assignees.includes(q.assignee)) &&
        (q.desk === 'all' || deskMark === null || deskMark(s.id) === q.desk)
    )
    return { total: stories.length, offset: q.offset, stories: stories.slice(q.offset, q.offset + q.limit) }
  }

  /**
   * Stories with a word starting with every word of the query, or null when it has no words. Each
   * word is looked up alone and kept, so a keystroke costs one lookup and an intersection, not a
   * scored search over every story that shares the words typed before it.
   */
  private matching(query: string): ReadonlySet<string> | null {
    const terms = [
      ...new Set(
        tokenize(query)
          .map(fold)
          .filter((t) => /[\p{L}\p{N}]/u.test(t))
      )
    ]
    if (terms.length === 0) return null
    const sets = terms.map((term) => {
      let found = this.matches.get(term)
      if (!found) {
        found = new Set(this.words.search(term, { prefix: true }).map((r) => r.id as string))
        if (this.matches.size >= REMEMBERED_WORDS) this.matches.delete(this.matches.keys().next().value as string)
        this.matches.set(term, found)
      }
      return found
    })
    sets.sort((a, b) => a.size - b.size)
    const [smallest, ...others] = sets as [ReadonlySet<string>, ...ReadonlySet<string>[]]
    return others.length === 0 ? smallest : new Set([...smallest].filter((id) => others.every((set) => set.has(id))))
  }

  private inOrder(sort: LibrarySort): StorySummary[] {
    let list = this.sorted.get(sort)
    if (!list) {
      const by = sorters[sort]
      list = [...this.byId.values()].sort(
        (a, b) => by(a, b) || collator.compare(a.title, b.title) || (a.id < b.id ? -1 : 1)
      )
      this.sorted.set(sort, list)
    }
    return list
  }
}
