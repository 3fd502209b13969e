// What the window says when a scheduled check of published pages (main's PublishedWatch) finds a page
// changed: one notice per story, naming it; failures and skips are listed in Desk settings instead.
import type { LibraryNotice, WatchRun } from '../../../shared/contract'

export const watchNotices = (run: WatchRun): LibraryNotice[] =>
  run.results
    .filter((r) => r.outcome === 'changed')
    .map((r) => ({
      kind: 'published_changed',
      file: r.storyId,
      message: `“${r.title}” (${r.url}), checked ${run.at.slice(0, 16).replace('T', ' ')} UTC: ${r.message} Log a correction from the story once its claims are checked again.`,
      movedTo: null
    }))
