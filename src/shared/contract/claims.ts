// Claims and what backs them: marking words, working the claim, evidence and sources.
import { z } from 'zod'
import { Claim, ClaimFields, Comment, Evidence, EvidenceFields, Id, ShortText, Source, SourceFields } from '../model'
import { channel } from './channel'

const StoryClaim = { storyId: Id, claimId: Id }

export const DeletedClaim = z.strictObject({ claim: Claim, evidence: z.array(Evidence) })
export type DeletedClaim = z.infer<typeof DeletedClaim>

export const claimChannels = {
  'claims.create': channel(
    z.strictObject({
      storyId: Id,
      start: z.number().int().min(0),
      end: z.number().int().min(1),
      fields: ClaimFields.partial().optional()
    }),
    Claim
  ),
  'claims.update': channel(z.strictObject({ ...StoryClaim, patch: ClaimFields.partial() }), Claim),
  'claims.reattach': channel(
    z.strictObject({ ...StoryClaim, start: z.number().int().min(0), end: z.number().int().min(1) }),
    Claim
  ),
  'claims.delete': channel(z.strictObject(StoryClaim), DeletedClaim),
  'claims.restore': channel(z.strictObject({ storyId: Id, deleted: DeletedClaim }), Claim),
  'claims.comment': channel(z.strictObject({ ...StoryClaim, body: z.string().trim().min(1).max(20_000) }), Comment),
  /** Takes back one's own comment (undo); answers with the comment removed. */
  'claims.uncomment': channel(z.strictObject({ ...StoryClaim, commentId: Id }), Comment),

  'sources.list': channel(z.strictObject({ query: z.string().max(200).optional() }), z.array(Source)),
  'sources.create': channel(z.strictObject({ fields: SourceFields.partial().extend({ title: ShortText.min(1) }).strict() }), Source),
  'sources.update': channel(z.strictObject({ id: Id, patch: SourceFields.partial() }), Source),

  'evidence.add': channel(z.strictObject({ ...StoryClaim, sourceId: Id, fields: EvidenceFields.partial().optional() }), Evidence),
  'evidence.update': channel(z.strictObject({ storyId: Id, evidenceId: Id, patch: EvidenceFields.partial() }), Evidence),
  'evidence.remove': channel(z.strictObject({ storyId: Id, evidenceId: Id }), Evidence),
  'evidence.restore': channel(z.strictObject({ storyId: Id, evidence: Evidence }), Evidence)
}
