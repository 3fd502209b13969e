// The two kinds of file in a library folder: library.json (index, people, sources, settings)
// and stories/<id>.json (one story with its claims, evidence, revisions and activity).
import { z } from 'zod'
import { Id, IsoDate, ShortText } from './common'
import { CalendarDay, Claim } from './claim'
import { workflowStages, type WorkflowStage } from './scales'

export { progressOf, type Progress } from './values'
import { Activity, Person } from './person'
import { Settings } from './settings'
import { Evidence, Source } from './source'
import { DeskState, Story, StoryRevision } from './story'

/**
 * 2: index lines carry re-check and follow-up counts; who is editing moved out of the library into each
 * machine's config; people can be deactivated and renamed.
 * 3: stories live in folders (stories/<id>/, see src/main/store/story-record.ts); the index itself did not
 * change, the version tells an older Factdesk to open such a library read-only.
 * 4: settings carry the logo and the transparency statements; a source can be confidential.
 * 5: settings say whether a claim needs a second review before Done.
 * 6: settings hold the desk's verdict scale and statuses (names, former names, colours, ratings) instead
 * of the names of the built-in ones.
 */
export const LIBRARY_SCHEMA_VERSION = 6
/**
 * The story record as services and packages see it; on disk it is a story folder (story-record.ts).
 * 4: the story's corrections log; evidence marked as an appearance of the claim.
 * 5: claims keep their second reviews.
 */
export const STORY_SCHEMA_VERSION = 5

/** Claims by workflow stage (a status the desk added counts under its stage). */
export const StatusCounts = z.strictObject(
  Object.fromEntries(workflowStages.map((s) => [s, z.number().int().min(0)])) as {
    [K in WorkflowStage]: z.ZodNumber
  }
)
export type StatusCounts = z.infer<typeof StatusCounts>

/** A follow-up promised on a claim's latest contact attempt, for the library's due list. */
export const FollowUp = z.strictObject({
  claimId: Id,
  claimNumber: z.number().int().min(1),
  due: CalendarDay,
  contact: ShortText,
  by: Id
})
export type FollowUp = z.infer<typeof FollowUp>

/** What the library screen needs about a story without opening its file. */
export const StorySummary = z.strictObject({
  id: Id,
  title: ShortText,
  outlet: ShortText,
  deskState: DeskState,
  claimCount: z.number().int().min(0),
  orphanedCount: z.number().int().min(0),
  recheckCount: z.number().int().min(0),
  followUps: z.array(FollowUp),
  statusCounts: StatusCounts,
  assignees: z.array(Id),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  updatedBy: Id.nullable(),
  deletedAt: IsoDate.nullable()
})
export type StorySummary = z.infer<typeof StorySummary>

export const LibraryFile = z.strictObject({
  schemaVersion: z.literal(LIBRARY_SCHEMA_VERSION),
  stories: z.array(StorySummary),
  people: z.array(Person),
  sources: z.array(Source),
  settings: Settings
})
export type LibraryFile = z.infer<typeof LibraryFile>

export const StoryFile = z.strictObject({
  schemaVersion: z.literal(STORY_SCHEMA_VERSION),
  story: Story,
  revisions: z.array(StoryRevision),
  claims: z.array(Claim),
  evidence: z.array(Evidence),
  activity: z.array(Activity),
  /** Keys of "Suggest claims" suggestions an editor dismissed, so they stay dismissed. */
  dismissedSuggestions: z.array(z.string().max(300)).max(5000).optional()
})
export type StoryFile = z.infer<typeof StoryFile>
