// The library screen's filter and sort over story summaries.
import type { DeskState, StorySummary } from '../../../shared/model'
import { progressOf } from './claim-filters'

export type LibrarySort = 'updated' | 'title' | 'progress' | 'claims'

export interface LibraryFilter {
  query: string
  deskState: DeskState | 'all'
  /** A person's id, or 'all'. */
  assignee: string
  sort: LibrarySort
}

export const defaultLibraryFilter: LibraryFilter = { query: '', deskState: 'all', assignee: 'all', sort: 'updated' }

const sorters: Record<LibrarySort, (a: StorySummary, b: StorySummary) => number> = {
  updated: (a, b) => b.updatedAt.localeCompare(a.updatedAt),
  title: (a, b) => a.title.localeCompare(b.title),
  // Least finished first: that is where the desk's attention goes.
  progress: (a, b) => progressOf(a.statusCounts).ratio - progressOf(b.statusCounts).ratio || b.claimCount - a.claimCount,
  claims: (a, b) => b.claimCount - a.claimCount
}

export function viewStories(stories: readonly StorySummary[], f: LibraryFilter): StorySummary[] {
  const q = f.query.trim().toLowerCase()
  return stories
    .filter((s) => (f.deskState === 'all' || s.deskState === f.deskState) && (f.assignee === 'all' || s.assignees.includes(f.assignee)))
    .filter((s) => !q || `${s.title} ${s.outlet}`.toLowerCase().includes(q))
    .sort((a, b) => sorters[f.sort](a, b) || a.title.localeCompare(b.title))
}
