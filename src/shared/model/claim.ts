// A claim: words in a story that need checking, anchored with W3C Web Annotation selectors.
import { z } from 'zod'
import { Id, IsoDate, LongText, Name, ShortText, limits } from './common'
import { ClaimStatus, VerdictId } from './scales'
import {
  claimTypes,
  contactMethods,
  contactOutcomes,
  priorities,
  reviewConfidences,
  reviewStances,
  storyParts
} from './values'

export {
  claimTypes,
  contactMethods,
  contactOutcomes,
  priorities,
  reviewConfidences,
  reviewStances,
  storyParts
} from './values'

/** TextQuoteSelector: the exact words plus up to 32 characters either side to tell repeats apart. */
export const TextQuoteSelector = z.strictObject({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1).max(limits.longText),
  prefix: z.string().max(200),
  suffix: z.string().max(200)
})
export type TextQuoteSelector = z.infer<typeof TextQuoteSelector>

export const TextPositionSelector = z.strictObject({
  type: z.literal('TextPositionSelector'),
  start: z.number().int().min(0),
  end: z.number().int().min(0)
})
export type TextPositionSelector = z.infer<typeof TextPositionSelector>

/**
 * Which text of the story a claim's words are in: the headline (`story.title`) or the story text
 * (`story.text`). Positions count from the start of that text; shared/text/anchor.ts resolves both alike.
 */
export const StoryPart = z.enum(storyParts)
export type StoryPart = z.infer<typeof StoryPart>

export const ClaimAnchor = z.strictObject({
  part: StoryPart,
  quote: TextQuoteSelector,
  position: TextPositionSelector,
  /** The story revision the selectors were last resolved against. */
  revision: z.number().int().min(1)
})
export type ClaimAnchor = z.infer<typeof ClaimAnchor>

export const ClaimType = z.enum(claimTypes)
export type ClaimType = z.infer<typeof ClaimType>

// Statuses and verdicts are the desk's own scales (scales.ts); a claim holds their ids.

export const Priority = z.enum(priorities)
export type Priority = z.infer<typeof Priority>

export const Comment = z.strictObject({
  id: Id,
  body: LongText.min(1),
  by: Id,
  at: IsoDate
})
export type Comment = z.infer<typeof Comment>

/** The fields an editor sets while working a claim; all of them can be patched. */
export const ClaimFields = z.strictObject({
  restatement: LongText,
  type: ClaimType,
  speaker: ShortText,
  status: ClaimStatus,
  verdict: VerdictId.nullable(),
  rationale: LongText,
  correction: LongText,
  assignee: Id.nullable(),
  priority: Priority,
  tags: z.array(ShortText.min(1)).max(limits.tags),
  publishedUrl: z.string().max(limits.url),
  /** What a Done claim was checked against when no evidence is attached (a call, a document seen). */
  checkedAgainst: LongText
})
export type ClaimFields = z.infer<typeof ClaimFields>

/** A newly marked claim before anyone has worked on it. */
export const defaultClaimFields: ClaimFields = {
  restatement: '',
  type: 'other',
  speaker: '',
  status: 'open',
  verdict: null,
  rationale: '',
  correction: '',
  assignee: null,
  priority: 'normal',
  tags: [],
  publishedUrl: '',
  checkedAgainst: ''
}

/** The words (with their context) a verdict was given on, or a claim was set Done against. */
export const CheckedWords = z.strictObject({
  exact: z.string().max(limits.longText),
  prefix: z.string().max(200),
  suffix: z.string().max(200),
  revision: z.number().int().min(1),
  at: IsoDate,
  by: Id
})
export type CheckedWords = z.infer<typeof CheckedWords>

/** Why a claim's verdict waits for an editor: its words were edited, or it was re-attached by hand. */
export const recheckReasons = ['revised', 'reattached'] as const
export const RecheckReason = z.enum(recheckReasons)
export type RecheckReason = z.infer<typeof RecheckReason>

export const Recheck = z.strictObject({
  reason: RecheckReason,
  at: IsoDate,
  revision: z.number().int().min(1)
})
export type Recheck = z.infer<typeof Recheck>

export const ContactMethod = z.enum(contactMethods)
export type ContactMethod = z.infer<typeof ContactMethod>

export const ContactOutcome = z.enum(contactOutcomes)
export type ContactOutcome = z.infer<typeof ContactOutcome>

/** A calendar day, yyyy-mm-dd: a follow-up is due on a day, not at an instant. */
export const CalendarDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (yyyy-mm-dd)')

/** One attempt to reach a source about a claim. Personal data: only internal reports carry it. */
export const ContactFields = z.strictObject({
  /** Whom: the person or office contacted. */
  contact: Name,
  /** The library source they speak for, when there is one. */
  sourceId: Id.nullable(),
  method: ContactMethod,
  outcome: ContactOutcome,
  at: IsoDate,
  notes: LongText,
  followUp: z.union([z.literal(''), CalendarDay])
})
export type ContactFields = z.infer<typeof ContactFields>

export const ContactAttempt = ContactFields.extend({
  id: Id,
  /** Who on the desk made the attempt. */
  by: Id,
  loggedAt: IsoDate
})
export type ContactAttempt = z.infer<typeof ContactAttempt>

/** A second editor's reading of a claim's verdict: agree or dissent, how sure, and why. */
export const ReviewStance = z.enum(reviewStances)
export type ReviewStance = z.infer<typeof ReviewStance>

export const ReviewConfidence = z.enum(reviewConfidences)
export type ReviewConfidence = z.infer<typeof ReviewConfidence>

export const ReviewFields = z.strictObject({
  stance: ReviewStance,
  confidence: ReviewConfidence,
  note: LongText
})
export type ReviewFields = z.infer<typeof ReviewFields>

/**
 * One second review, kept for good (a dissent stays in the claim's record and in reports even once
 * another editor agreed). It reviewed `verdict` as it stood at `at`; shared/rules/claims.ts says which
 * reviews still count for the claim's present verdict.
 */
export const Review = ReviewFields.extend({
  id: Id,
  by: Id,
  at: IsoDate,
  verdict: VerdictId
})
export type Review = z.infer<typeof Review>

export const Claim = ClaimFields.extend({
  id: Id,
  storyId: Id,
  /** Stable for the story's life, shown as C7; deleted numbers are never reused. */
  number: z.number().int().min(1),
  anchor: ClaimAnchor,
  orphaned: z.boolean(),
  checked: CheckedWords.nullable(),
  recheck: Recheck.nullable(),
  comments: z.array(Comment),
  contacts: z.array(ContactAttempt),
  /** Second reviews of its verdict, oldest first. */
  reviews: z.array(Review).max(1000),
  createdAt: IsoDate,
  createdBy: Id,
  updatedAt: IsoDate,
  updatedBy: Id
})
export type Claim = z.infer<typeof Claim>
