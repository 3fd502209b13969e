// The two kinds of file in a library folder: library.json (index, people, sources, settings)
// and stories/<id>.json (one story with its claims, evidence, revisions and activity).
import { z } from 'zod'
import { Id, IsoDate, ShortText } from './common'
import { Claim, ClaimStatus } from './claim'
import { Activity, Person } from './person'
import { Settings } from './settings'
import { Evidence, Source } from './source'
import { DeskState, Story, StoryRevision } from './story'

/** 2: stories live in folders (stories/<id>/), see src/main/store/story-record.ts; the index itself did not change. */
export const LIBRARY_SCHEMA_VERSION = 2
export const STORY_SCHEMA_VERSION = 1

export const StatusCounts = z.strictObject(
  Object.fromEntries(ClaimStatus.options.map((s) => [s, z.number().int().min(0)])) as {
    [K in ClaimStatus]: z.ZodNumber
  }
)
export type StatusCounts = z.infer<typeof StatusCounts>

/** What the library screen needs about a story without opening its file. */
export const StorySummary = z.strictObject({
  id: Id,
  title: ShortText,
  outlet: ShortText,
  deskState: DeskState,
  claimCount: z.number().int().min(0),
  orphanedCount: z.number().int().min(0),
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
  activity: z.array(Activity)
})
export type StoryFile = z.infer<typeof StoryFile>
