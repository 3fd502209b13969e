// Sources are library-wide so one document can back claims in many stories.
import { z } from 'zod'
import { Id, IsoDate, LongText, Name, OptionalUrl, ShortText } from './common'
import { sourceKinds, stances } from './values'

export { sourceKinds, stances } from './values'

export const SourceKind = z.enum(sourceKinds)
export type SourceKind = z.infer<typeof SourceKind>

export const reliabilities = ['unrated', 'high', 'medium', 'low'] as const
export const Reliability = z.enum(reliabilities)
export type Reliability = z.infer<typeof Reliability>

/**
 * A source withheld because naming it could put someone at risk (the IFCN code allows it): every
 * output then shows "confidential source" and its kind only. The reason stays on the desk.
 */
export const Confidential = z.strictObject({ reason: LongText.trim().min(1, 'say why the source is confidential') })
export type Confidential = z.infer<typeof Confidential>

export const SourceFields = z.strictObject({
  url: OptionalUrl,
  title: Name,
  publisher: ShortText,
  author: ShortText,
  publishedAt: z.union([z.literal(''), IsoDate]),
  accessedAt: z.union([z.literal(''), IsoDate]),
  archiveUrl: OptionalUrl,
  kind: SourceKind,
  reliability: Reliability,
  notes: LongText,
  confidential: Confidential.nullable()
})
export type SourceFields = z.infer<typeof SourceFields>

export const Source = SourceFields.extend({
  id: Id,
  createdAt: IsoDate,
  updatedAt: IsoDate
})
export type Source = z.infer<typeof Source>

export const Stance = z.enum(stances)
export type Stance = z.infer<typeof Stance>

export const EvidenceFields = z.strictObject({
  excerpt: LongText,
  stance: Stance,
  locator: ShortText,
  /** The source is a place the claim itself appeared (a post, a speech): ClaimReview lists it as an appearance. */
  appearance: z.boolean()
})
export type EvidenceFields = z.infer<typeof EvidenceFields>

export const Evidence = EvidenceFields.extend({
  id: Id,
  claimId: Id,
  sourceId: Id,
  createdAt: IsoDate,
  createdBy: Id,
  updatedAt: IsoDate
})
export type Evidence = z.infer<typeof Evidence>
