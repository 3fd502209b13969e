// Claims and what backs them: marking words, working the claim, evidence and sources.
import { z } from 'zod'
import {
  Claim,
  ClaimFields,
  Comment,
  ContactAttempt,
  ContactFields,
  Evidence,
  EvidenceFields,
  Id,
  limits,
  Name,
  Source,
  SourceFields,
  StoryPart
} from '../model'
import { channel } from './channel'

const StoryClaim = { storyId: Id, claimId: Id }

/** Words to mark: offsets into the headline or the story text (shared/text/anchor.ts partText). */
const WordRange = { part: StoryPart.default('body'), start: z.number().int().min(0), end: z.number().int().min(1) }

/** A claim quotes at most `limits.longText` characters, the cap its saved quote has. */
export const maxQuoteLength = limits.longText
const quoteFits = (range: { start: number; end: number }): boolean =>
  range.end > range.start && range.end - range.start <= maxQuoteLength
const quoteTooLong = {
  message: `A claim can quote at most ${maxQuoteLength.toLocaleString('en')} characters. Select fewer words.`,
  path: ['end']
}

export const DeletedClaim = z.strictObject({ claim: Claim, evidence: z.array(Evidence) })
export type DeletedClaim = z.infer<typeof DeletedClaim>

export const claimChannels = {
  'claims.create': channel(
    z
      .strictObject({
        storyId: Id,
        ...WordRange,
        fields: ClaimFields.partial().optional()
      })
      .refine(quoteFits, quoteTooLong),
    Claim
  ),
  'claims.update': channel(z.strictObject({ ...StoryClaim, patch: ClaimFields.partial() }), Claim),
  /** Keeps the verdict for the claim's new words and ends its re-check. */
  'claims.confirm': channel(z.strictObject(StoryClaim), Claim),
  'claims.reattach': channel(z.strictObject({ ...StoryClaim, ...WordRange }).refine(quoteFits, quoteTooLong), Claim),
  'claims.delete': channel(z.strictObject(StoryClaim), DeletedClaim),
  'claims.restore': channel(z.strictObject({ storyId: Id, deleted: DeletedClaim }), Claim),
  'claims.comment': channel(z.strictObject({ ...StoryClaim, body: z.string().trim().min(1).max(20_000) }), Comment),
  /** Takes back one's own comment (undo); answers with the comment removed. */
  'claims.uncomment': channel(z.strictObject({ ...StoryClaim, commentId: Id }), Comment),
  /** `by` is who on the desk made the attempt; the current editor when left out. */
  'contacts.add': channel(z.strictObject({ ...StoryClaim, fields: ContactFields, by: Id.optional() }), ContactAttempt),
  'contacts.remove': channel(z.strictObject({ ...StoryClaim, contactId: Id }), ContactAttempt),

  'sources.list': channel(z.strictObject({ query: z.string().max(200).optional() }), z.array(Source)),
  'sources.create': channel(
    z.strictObject({ fields: SourceFields.partial().extend({ title: Name }).strict() }),
    Source
  ),
  'sources.update': channel(z.strictObject({ id: Id, patch: SourceFields.partial() }), Source),

  'evidence.add': channel(
    z.strictObject({ ...StoryClaim, sourceId: Id, fields: EvidenceFields.partial().optional() }),
    Evidence
  ),
  'evidence.update': channel(
    z.strictObject({ storyId: Id, evidenceId: Id, patch: EvidenceFields.partial() }),
    Evidence
  ),
  'evidence.remove': channel(z.strictObject({ storyId: Id, evidenceId: Id }), Evidence),
  'evidence.restore': channel(z.strictObject({ storyId: Id, evidence: Evidence }), Evidence)
}
