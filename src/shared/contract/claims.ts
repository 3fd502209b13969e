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
  Name,
  Review,
  ReviewFields,
  Source,
  SourceFields,
  StoryPart
} from '../model'
import { channels, read, write } from './channel'
import { maxQuoteLength } from './values'

export { maxQuoteLength } from './values'

const StoryClaim = { storyId: Id, claimId: Id }

/** Words to mark: offsets into the headline or the story text (shared/text/anchor.ts partText). */
const WordRange = { part: StoryPart.default('body'), start: z.number().int().min(0), end: z.number().int().min(1) }

const quoteFits = (range: { start: number; end: number }): boolean =>
  range.end > range.start && range.end - range.start <= maxQuoteLength
const quoteTooLong = {
  message: `A claim can quote at most ${maxQuoteLength.toLocaleString('en')} characters. Select fewer words.`,
  path: ['end']
}

export const DeletedClaim = z.strictObject({ claim: Claim, evidence: z.array(Evidence) })
export type DeletedClaim = z.infer<typeof DeletedClaim>

export const claimChannels = channels('claims', {
  create: write(
    z
      .strictObject({
        storyId: Id,
        ...WordRange,
        fields: ClaimFields.partial().optional()
      })
      .refine(quoteFits, quoteTooLong),
    Claim
  ),
  update: write(z.strictObject({ ...StoryClaim, patch: ClaimFields.partial() }), Claim),
  /** Keeps the verdict for the claim's new words and ends its re-check. */
  confirm: write(z.strictObject(StoryClaim), Claim),
  reattach: write(z.strictObject({ ...StoryClaim, ...WordRange }).refine(quoteFits, quoteTooLong), Claim),
  delete: write(z.strictObject(StoryClaim), DeletedClaim),
  restore: write(z.strictObject({ storyId: Id, deleted: DeletedClaim }), Claim),
  comment: write(z.strictObject({ ...StoryClaim, body: z.string().trim().min(1).max(20_000) }), Comment),
  /** Takes back one's own comment (undo); answers with the comment removed. */
  uncomment: write(z.strictObject({ ...StoryClaim, commentId: Id }), Comment),
  /**
   * A second review of the claim's present verdict by an editor who did not give it: agree or dissent
   * (a dissent says why), how sure. Kept for good; shared/rules/claims.ts says which ones count.
   */
  review: write(
    z
      .strictObject({ ...StoryClaim, ...ReviewFields.shape })
      .refine((r) => r.stance === 'agree' || r.note.trim() !== '', {
        message: 'Say why you dissent: the note is what the desk and the report read.',
        path: ['note']
      }),
    Review
  )
})

export const contactChannels = channels('contacts', {
  /** `by` is who on the desk made the attempt; the current editor when left out. */
  add: write(z.strictObject({ ...StoryClaim, fields: ContactFields, by: Id.optional() }), ContactAttempt),
  remove: write(z.strictObject({ ...StoryClaim, contactId: Id }), ContactAttempt)
})

export const sourceChannels = channels('sources', {
  list: read(z.strictObject({ query: z.string().max(200).optional() }), z.array(Source)),
  create: write(z.strictObject({ fields: SourceFields.partial().extend({ title: Name }).strict() }), Source),
  update: write(z.strictObject({ id: Id, patch: SourceFields.partial() }), Source)
})

export const evidenceChannels = channels('evidence', {
  add: write(z.strictObject({ ...StoryClaim, sourceId: Id, fields: EvidenceFields.partial().optional() }), Evidence),
  update: write(z.strictObject({ storyId: Id, evidenceId: Id, patch: EvidenceFields.partial() }), Evidence),
  remove: write(z.strictObject({ storyId: Id, evidenceId: Id }), Evidence),
  restore: write(z.strictObject({ storyId: Id, evidence: Evidence }), Evidence)
})
