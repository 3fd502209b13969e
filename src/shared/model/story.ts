// A story under check: canonical plain text (paragraphs split by blank lines) plus metadata.
import { z } from 'zod'
import { canonicalText } from '../text/canonical'
import { Id, IsoDate, limits, LongText, Name, OptionalUrl, ShortText } from './common'
import { deskStates } from './values'

export { deskStates } from './values'
export const DeskState = z.enum(deskStates)
export type DeskState = z.infer<typeof DeskState>

export const StoryMeta = z.strictObject({
  title: Name,
  outlet: ShortText,
  byline: ShortText,
  url: OptionalUrl,
  publishedAt: z.union([z.literal(''), IsoDate]),
  language: z.string().max(35)
})
export type StoryMeta = z.infer<typeof StoryMeta>

/** Where the text came from, so a newer version can be re-imported from the same place. */
export const StoryOrigin = z.strictObject({
  kind: z.enum(['paste', 'file', 'url', 'sample', 'package']),
  location: z.string().max(limits.url)
})
export type StoryOrigin = z.infer<typeof StoryOrigin>

/** Story text as sent by the renderer: made canonical here, and refused if that takes it past the cap. */
export const IncomingStoryText = z
  .string()
  .max(limits.storyText)
  .transform(canonicalText)
  .pipe(
    z
      .string()
      .min(1, 'the story has no text')
      .max(
        limits.storyText,
        `the text is longer than ${limits.storyText.toLocaleString('en')} characters once line breaks and spaces are made regular`
      )
  )

export const StoryRevision = z.strictObject({
  revision: z.number().int().min(1),
  text: z.string().max(limits.storyText),
  createdAt: IsoDate,
  createdBy: Id,
  note: ShortText
})
export type StoryRevision = z.infer<typeof StoryRevision>

/** Who cleared the story and when; an override keeps the editor's reason and what it overrode. */
export const SignOff = z.strictObject({
  at: IsoDate,
  by: Id,
  override: z.strictObject({ reason: LongText.min(1), blockers: z.array(z.string().max(1000)).max(10_000) }).nullable()
})
export type SignOff = z.infer<typeof SignOff>

/**
 * A correction made after publication: when, by whom, what changed (for the desk) and the note the
 * public reads. Reports print the log; ClaimReview's dateModified is the latest one.
 */
export const Correction = z.strictObject({
  id: Id,
  at: IsoDate,
  by: Id,
  what: LongText.trim().min(1, 'say what changed'),
  note: LongText.trim().min(1, 'write the note readers see'),
  /** The claims the correction touches (empty: the story as a whole). */
  claimIds: z.array(Id).max(10_000)
})
export type Correction = z.infer<typeof Correction>

export const Story = StoryMeta.extend({
  id: Id,
  text: z.string().max(limits.storyText),
  revision: z.number().int().min(1),
  deskState: DeskState,
  /** Set while the story is cleared. */
  signOff: SignOff.nullable(),
  /** Corrections since publication, oldest first. */
  corrections: z.array(Correction).max(10_000),
  /** The number the next claim marked in this story gets. */
  nextClaimNumber: z.number().int().min(1),
  origin: StoryOrigin,
  createdAt: IsoDate,
  updatedAt: IsoDate
})
export type Story = z.infer<typeof Story>
