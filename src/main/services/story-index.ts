// The library screen's search, filter and sort, in main over an index kept up to date from the
// store's own announcements, so a keystroke costs the same at 50 stories as at 5,000 and only the
// page on screen crosses to the renderer. MiniSearch does the word matching: every word of the query
// must start a word of the headline or outlet, accents and case aside.
import MiniSearch from 'minisearch'
import type { LibraryPage, LibraryQuery, LibrarySort, StoryFollowUp } from '../../shared/contract'
import { progressOf, type StorySummary } from '../../shared/model'

const fold = (term: string): string => term.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true })

const sorters: Record<LibrarySort, (a: StorySummary, b: StorySummary) => number> = {
  updated: (a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0),
  title: (a, b) => collator.compare(a.title, b.title),
  // Least finished first: that is where the desk's attention goes.
  progress: (a, b) => progressOf(a.statusCounts).ratio - progressOf(b.statusCounts).ratio || b.claimCount - a.claimCount,
  claims: (a, b) => b.claimCount - a.claimCount
}

export class StoryIndex {
  private readonly words = new MiniSearch<StorySummary>({
    fields: ['title', 'outlet'],
    storeFields: [],
    processTerm: fold,
    searchOptions: { prefix: true, combineWith: 'AND' }
  })
  private readonly byId = new Map<string, StorySummary>()
  /** Every story in each sort order, computed when first asked for and dropped on any change. */
  private readonly sorted = new Map<LibrarySort, StorySummary[]>()

  constructor(stories: readonly StorySummary[]) {
    const live = stories.filter((s) => s.deletedAt === null)
    for (const story of live) this.byId.set(story.id, story)
    this.words.addAll(live)
  }

  get size(): number {
    return this.byId.size
  }

  /** Takes in a story's new index line; a line with `deletedAt` set takes it out. */
  put(summary: StorySummary): void {
    const previous = this.byId.get(summary.id)
    this.sorted.clear()
    if (summary.deletedAt !== null) {
      if (previous) this.words.discard(summary.id)
      this.byId.delete(summary.id)
      return
    }
    this.byId.set(summary.id, summary)
    if (!previous) this.words.add(summary)
    else if (previous.title !== summary.title || previous.outlet !== summary.outlet) this.words.replace(summary)
  }

  /** Every follow-up owed on a live story, with the story it belongs to (the library's due list). */
  followUps(): StoryFollowUp[] {
    return [...this.byId.values()].flatMap((story) => story.followUps.map((followUp) => ({ storyId: story.id, title: story.title, followUp })))
  }

  query(q: LibraryQuery): LibraryPage {
    const matched = /[\p{L}\p{N}]/u.test(q.query) ? new Set(this.words.search(q.query).map((r) => r.id as string)) : null
    const stories = this.inOrder(q.sort).filter(
      (s) => (matched === null || matched.has(s.id)) && (q.deskState === 'all' || s.deskState === q.deskState) && (q.assignee === 'all' || s.assignees.includes(q.assignee))
    )
    return { total: stories.length, offset: q.offset, stories: stories.slice(q.offset, q.offset + q.limit) }
  }

  private inOrder(sort: LibrarySort): StorySummary[] {
    let list = this.sorted.get(sort)
    if (!list) {
      const by = sorters[sort]
      list = [...this.byId.values()].sort((a, b) => by(a, b) || collator.compare(a.title, b.title) || (a.id < b.id ? -1 : 1))
      this.sorted.set(sort, list)
    }
    return list
  }
}
