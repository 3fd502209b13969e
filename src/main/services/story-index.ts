// The library screen's search, filter and sort, in main over an index kept up to date from the
// store's own announcements, so a keystroke costs the same at 50 stories as at 5,000 and only the
// page on screen crosses to the renderer. The words are matched by the full-text index (full-text.ts:
// everything the desk wrote in each story, ranked); with search words the page is best match first.
import type { DeskMark, LibraryPage, LibraryQuery, LibrarySort, StoryFollowUp } from '../../shared/contract'
import { progressOf, type Source, type StoryFile, type StorySummary } from '../../shared/model'
import { FullText, type FullTextOptions } from './full-text'

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
  /** The words of every story: headlines at once, the rest read in the background (`start`). */
  readonly text: FullText
  private readonly byId = new Map<string, StorySummary>()
  /** Every story in each sort order, computed when first asked for and dropped on any change. */
  private readonly sorted = new Map<LibrarySort, StorySummary[]>()

  constructor(stories: readonly StorySummary[], options: FullTextOptions) {
    for (const story of stories) if (story.deletedAt === null) this.byId.set(story.id, story)
    this.text = new FullText(stories, options)
  }

  get size(): number {
    return this.byId.size
  }

  /** Takes in a story's new index line (and reads the story again for its words, or takes them from `file`); a line with `deletedAt` set takes it out. */
  put(summary: StorySummary, file?: StoryFile): void {
    this.sorted.clear()
    this.text.changed(summary, file)
    if (summary.deletedAt !== null) this.byId.delete(summary.id)
    else this.byId.set(summary.id, summary)
  }

  /** Sources were added or edited (a library.json write). */
  sourcesChanged(sources: readonly Source[]): void {
    this.text.sourcesChanged(sources)
  }

  /** Every follow-up owed on a live story, with the story it belongs to (the library's due list). */
  followUps(): StoryFollowUp[] {
    return [...this.byId.values()].flatMap((story) =>
      story.followUps.map((followUp) => ({ storyId: story.id, title: story.title, followUp }))
    )
  }

  /**
   * One page of the stories matching `q`, best match first when it has words (then in the sort asked
   * for), with where each matched; `deskMark` says how each stands with the desk (null: no desk, the
   * desk filter is ignored).
   */
  query(q: LibraryQuery, deskMark: ((id: string) => DeskMark) | null = null): Omit<LibraryPage, 'desk' | 'marks'> {
    const matched = this.text.search(q.query)
    let stories = this.inOrder(q.sort).filter(
      (s) =>
        (matched === null || matched.has(s.id)) &&
        (q.deskState === 'all' || s.deskState === q.deskState) &&
        (q.assignee === 'all' || s.assignees.includes(q.assignee)) &&
        (q.desk === 'all' || deskMark === null || deskMark(s.id) === q.desk)
    )
    // The sort is stable: equal scores keep the order asked for.
    if (matched) stories = stories.sort((a, b) => (matched.get(b.id)?.score ?? 0) - (matched.get(a.id)?.score ?? 0))
    const page = stories.slice(q.offset, q.offset + q.limit)
    const hits = matched
      ? Object.fromEntries(
          page.map((s) => [
            s.id,
            this.text.hits(s.id, matched.get(s.id) as NonNullable<ReturnType<typeof matched.get>>)
          ])
        )
      : {}
    return { total: stories.length, offset: q.offset, stories: page, hits, indexing: this.text.progress }
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
