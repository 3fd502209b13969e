// After publication, on a schedule: while the app runs, main checks every signed-off story with an
// address every N hours (a choice of this computer, off by default) and tells the window what it found.
import { z } from 'zod'
import { Id, IsoDate } from '../model'
import { channels, NoInput, read } from './channel'

/** Whole hours between two checks; null: off. At most a week. */
export const WatchHours = z.number().int().min(1).max(168).nullable()

export const watchOutcomes = ['unchanged', 'changed', 'failed', 'skipped'] as const

/** What one scheduled check found for one story. */
export const WatchResult = z.strictObject({
  storyId: Id,
  title: z.string(),
  url: z.string(),
  outcome: z.enum(watchOutcomes),
  /** What happened, in words: the error of a page that could not be fetched, why a story was skipped. */
  message: z.string(),
  /** Claims a changed page sent to re-check (or orphaned). */
  recheck: z.number().int().min(0)
})
export type WatchResult = z.infer<typeof WatchResult>

export const WatchRun = z.strictObject({
  at: IsoDate,
  results: z.array(WatchResult)
})
export type WatchRun = z.infer<typeof WatchRun>

export const WatchState = z.strictObject({
  hours: WatchHours,
  /** A check is under way. */
  running: z.boolean(),
  /** When the next check is due; null when off. */
  nextAt: IsoDate.nullable(),
  /** The last finished check in this library since the app started. */
  lastRun: WatchRun.nullable()
})
export type WatchState = z.infer<typeof WatchState>

// Read calls: the schedule is this computer's, not the library's (nothing in the library changes).
export const publishedChannels = channels('published', {
  watch: read(NoInput, WatchState),
  setWatch: read(z.strictObject({ hours: WatchHours }), WatchState)
})
