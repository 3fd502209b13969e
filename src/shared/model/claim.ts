// A claim: words in a story that need checking, anchored with W3C Web Annotation selectors.
import { z } from 'zod'
import { Id, IsoDate, LongText, ShortText, limits } from './common'

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

export const ClaimAnchor = z.strictObject({
  quote: TextQuoteSelector,
  position: TextPositionSelector,
  /** The story revision the selectors were last resolved against. */
  revision: z.number().int().min(1)
})
export type ClaimAnchor = z.infer<typeof ClaimAnchor>

export const claimTypes = ['statistic', 'quote', 'attribution', 'event', 'comparison', 'causal', 'prediction', 'other'] as const
export const ClaimType = z.enum(claimTypes)
export type ClaimType = z.infer<typeof ClaimType>

export const claimStatuses = ['open', 'in_progress', 'waiting', 'done'] as const
export const ClaimStatus = z.enum(claimStatuses)
export type ClaimStatus = z.infer<typeof ClaimStatus>

export const verdicts = ['accurate', 'mostly_accurate', 'needs_context', 'misleading', 'false', 'unverifiable'] as const
export const Verdict = z.enum(verdicts)
export type Verdict = z.infer<typeof Verdict>

export const priorities = ['low', 'normal', 'high'] as const
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
  verdict: Verdict.nullable(),
  rationale: LongText,
  correction: LongText,
  assignee: Id.nullable(),
  priority: Priority,
  tags: z.array(ShortText.min(1)).max(limits.tags),
  publishedUrl: z.string().max(limits.url)
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
  publishedUrl: ''
}

export const Claim = ClaimFields.extend({
  id: Id,
  storyId: Id,
  anchor: ClaimAnchor,
  orphaned: z.boolean(),
  comments: z.array(Comment),
  createdAt: IsoDate,
  createdBy: Id,
  updatedAt: IsoDate,
  updatedBy: Id
})
export type Claim = z.infer<typeof Claim>
