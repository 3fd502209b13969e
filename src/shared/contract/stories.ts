// Stories: create, read with everything attached, edit, revise, delete to trash and restore.
import { z } from 'zod'
import {
  Activity,
  Claim,
  Correction,
  DeskState,
  Evidence,
  Id,
  IncomingStoryText,
  limits,
  Name,
  ShortText,
  SignOff,
  Source,
  Story,
  StoryMeta,
  StorySummary
} from '../model'
import { channels, read, write, NoInput, WriteVersion } from './channel'

export { FIRST_CLAIMS } from './values'

export const RevisionInfo = z.strictObject({
  revision: z.number().int(),
  createdAt: z.string(),
  createdBy: Id,
  note: z.string(),
  length: z.number().int()
})

/** A story opened in the story view: claims in story order, their evidence and the sources it cites. */
export const StoryDetail = z.strictObject({
  story: Story,
  claims: z.array(Claim),
  evidence: z.array(Evidence),
  sources: z.array(Source),
  revisions: z.array(RevisionInfo),
  activity: z.array(Activity)
})
export type StoryDetail = z.infer<typeof StoryDetail>

/** What an answer left out of a story opened in parts: claims (story order) and activity entries still to come. */
export const StoryRest = z.strictObject({ claims: z.number().int().min(0), activity: z.number().int().min(0) })
export type StoryRest = z.infer<typeof StoryRest>

/**
 * A story as stories.get reads it, with the number of the last write it holds (see WriteVersion).
 * Asked with `firstClaims`, it holds the first claims in story order with their evidence and no
 * activity, and `rest` says how much stories.page still has to bring.
 */
export const VersionedStory = StoryDetail.extend({ version: WriteVersion, rest: StoryRest.optional() })
export type VersionedStory = z.infer<typeof VersionedStory>

/** The claims (story order) from `claimsFrom` and the activity from `activityFrom`, a page of each, as of `version`. */
export const StoryPage = z.strictObject({
  claims: z.array(Claim),
  evidence: z.array(Evidence),
  activity: z.array(Activity),
  version: WriteVersion,
  rest: StoryRest
})
export type StoryPage = z.infer<typeof StoryPage>

export const ReanchorReport = z.strictObject({
  revision: z.number().int(),
  exact: z.number().int(),
  moved: z.number().int(),
  fuzzy: z.number().int(),
  orphaned: z.array(Id),
  /** Claims whose checked words changed: their verdicts wait for re-check. */
  recheck: z.array(Id),
  /** Claims that followed edited words, with their words before and after the revision. */
  followed: z.array(z.strictObject({ claimId: Id, before: z.string(), after: z.string() }))
})
export type ReanchorReport = z.infer<typeof ReanchorReport>

export const storyChannels = channels('stories', {
  list: read(z.strictObject({ includeDeleted: z.boolean().optional() }), z.array(StorySummary)),
  get: read(z.strictObject({ id: Id, firstClaims: z.number().int().min(1).max(100_000).optional() }), VersionedStory),
  /** The rest of a story opened in parts (stories.get with `firstClaims`), a page at a time. */
  page: read(
    z.strictObject({
      id: Id,
      claimsFrom: z.number().int().min(0).max(1_000_000),
      activityFrom: z.number().int().min(0).max(10_000_000)
    }),
    StoryPage
  ),
  create: write(StoryMeta.partial().extend({ title: Name, text: IncomingStoryText }).strict(), StorySummary),
  update: write(
    z.strictObject({
      id: Id,
      patch: StoryMeta.partial().extend({ deskState: DeskState.optional() }).strict(),
      /** Clears the story although claims block sign-off; logged and printed on the report. */
      overrideReason: z.string().trim().min(1).max(limits.longText).optional()
    }),
    /** The index line, and the sign-off as written: a change of desk state starts or ends it. */
    StorySummary.extend({ signOff: SignOff.nullable() })
  ),
  /** Logs a correction made after publication on a signed-off story; reports print it, ClaimReview dates it. */
  correct: write(
    z.strictObject({
      id: Id,
      what: Correction.shape.what,
      note: Correction.shape.note,
      claimIds: Correction.shape.claimIds
    }),
    Correction
  ),
  revision: read(
    z.strictObject({ id: Id, revision: z.number().int().min(1) }),
    z.strictObject({ revision: z.number().int(), text: z.string() })
  ),
  delete: write(z.strictObject({ id: Id }), StorySummary),
  restore: write(z.strictObject({ id: Id }), StorySummary),
  trash: read(NoInput, z.array(StorySummary))
})

export const revisionChannels = channels('stories', {
  revise: write(
    z.strictObject({ id: Id, text: IncomingStoryText, note: ShortText.optional() }),
    z.strictObject({ detail: StoryDetail, report: ReanchorReport })
  )
})
