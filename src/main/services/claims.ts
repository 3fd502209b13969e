// Claims: marking words in a story, working each claim, re-attaching orphans, undoable deletes.
import type { HandlersFor } from '../dispatch'
import { defaultClaimFields, type Claim, type ClaimFields, type ClaimType, type StoryFile } from '../../shared/model'
import { AppError } from '../../shared/result'
import { describe } from '../../shared/text/anchor'
import { currentEditor, logActivity, type ServiceContext } from './context'
import { summaryFor } from './values'

/** Trims whitespace off both ends of a selection so a claim starts and ends on words. */
export function tightRange(text: string, start: number, end: number): { start: number; end: number } {
  if (start >= end || end > text.length) throw new AppError('invalid_input', 'The selection is outside the story text.')
  while (start < end && /\s/.test(text[start] ?? '')) start++
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--
  if (start === end) throw new AppError('invalid_input', 'Select some words to mark as a claim.')
  return { start, end }
}

/** A first guess at the claim type from the words themselves; the editor can change it. */
export function guessType(words: string): ClaimType {
  if (/[“"«].{3,}[”"»]/.test(words)) return 'quote'
  if (/\d/.test(words)) return 'statistic'
  if (/\b(said|says|according to|told|announced|confirmed)\b/i.test(words)) return 'attribution'
  return 'other'
}

export function findClaim(file: StoryFile, claimId: string): Claim {
  const claim = file.claims.find((c) => c.id === claimId)
  if (!claim) throw new AppError('not_found', 'That claim is not in this story (it may have been deleted).')
  return claim
}

export function claimHandlers(ctx: ServiceContext) {
  return {
    'claims.create': ({ storyId, start, end, fields }) => {
      const by = currentEditor(ctx)
      return ctx.store.updateStory(storyId, (file) => {
        const range = tightRange(file.story.text, start, end)
        const twin = file.claims.find((c) => !c.orphaned && c.anchor.position.start === range.start && c.anchor.position.end === range.end)
        if (twin) throw new AppError('conflict', `Those exact words are already a claim (marked ${twin.createdAt.slice(0, 10)}). Open it from the claim list instead.`)
        const at = ctx.now().toISOString()
        const words = file.story.text.slice(range.start, range.end)
        const claim: Claim = {
          ...defaultClaimFields,
          type: guessType(words),
          ...fields,
          id: ctx.newId(),
          storyId,
          anchor: describe(file.story.text, range.start, range.end, file.story.revision),
          orphaned: false,
          comments: [],
          createdAt: at,
          createdBy: by,
          updatedAt: at,
          updatedBy: by
        }
        file.claims.push(claim)
        file.story.updatedAt = at
        logActivity(ctx, file, by, { action: 'claim.created', claimId: claim.id, to: words.slice(0, 300), summary: `Marked “${summaryFor(words)}” as a claim` })
        return claim
      })
    },
    'claims.update': ({ storyId, claimId, patch }) => {
      const by = currentEditor(ctx)
      return ctx.store.updateStory(storyId, (file) => {
        const claim = findClaim(file, claimId)
        const at = ctx.now().toISOString()
        for (const [field, next] of Object.entries(patch) as [keyof ClaimFields, ClaimFields[keyof ClaimFields]][]) {
          const previous = claim[field]
          if (next === undefined || JSON.stringify(next) === JSON.stringify(previous)) continue
          Object.assign(claim, { [field]: next })
          logActivity(ctx, file, by, { action: 'claim.updated', claimId, field, from: previous, to: next, summary: `${field} changed` })
        }
        claim.updatedAt = at
        claim.updatedBy = by
        file.story.updatedAt = at
        return claim
      })
    },
    'claims.reattach': ({ storyId, claimId, start, end }) => {
      const by = currentEditor(ctx)
      return ctx.store.updateStory(storyId, (file) => {
        const claim = findClaim(file, claimId)
        const range = tightRange(file.story.text, start, end)
        const previous = claim.anchor.quote.exact
        claim.anchor = describe(file.story.text, range.start, range.end, file.story.revision)
        claim.orphaned = false
        claim.updatedAt = file.story.updatedAt = ctx.now().toISOString()
        claim.updatedBy = by
        logActivity(ctx, file, by, { action: 'claim.reanchored', claimId, from: previous, to: claim.anchor.quote.exact, summary: 'Claim re-attached to new words' })
        return claim
      })
    },
    'claims.delete': ({ storyId, claimId }) => {
      const by = currentEditor(ctx)
      return ctx.store.updateStory(storyId, (file) => {
        const claim = findClaim(file, claimId)
        const evidence = file.evidence.filter((e) => e.claimId === claimId)
        file.claims = file.claims.filter((c) => c.id !== claimId)
        file.evidence = file.evidence.filter((e) => e.claimId !== claimId)
        file.story.updatedAt = ctx.now().toISOString()
        logActivity(ctx, file, by, { action: 'claim.deleted', claimId, from: claim.anchor.quote.exact.slice(0, 300), summary: 'Claim deleted' })
        return { claim, evidence }
      })
    },
    'claims.restore': ({ storyId, deleted }) => {
      const by = currentEditor(ctx)
      if (deleted.claim.storyId !== storyId || deleted.evidence.some((e) => e.claimId !== deleted.claim.id)) {
        throw new AppError('invalid_input', 'That deleted claim does not belong to this story.')
      }
      return ctx.store.updateStory(storyId, (file) => {
        if (file.claims.some((c) => c.id === deleted.claim.id)) throw new AppError('conflict', 'That claim is already in the story.')
        const known = new Set(ctx.store.library.sources.map((s) => s.id))
        file.claims.push(deleted.claim)
        file.evidence.push(...deleted.evidence.filter((e) => known.has(e.sourceId) && !file.evidence.some((x) => x.id === e.id)))
        file.story.updatedAt = ctx.now().toISOString()
        logActivity(ctx, file, by, { action: 'claim.restored', claimId: deleted.claim.id, summary: 'Claim restored' })
        return deleted.claim
      })
    },
    'claims.comment': ({ storyId, claimId, body }) => {
      const by = currentEditor(ctx)
      return ctx.store.updateStory(storyId, (file) => {
        const claim = findClaim(file, claimId)
        const comment = { id: ctx.newId(), body, by, at: ctx.now().toISOString() }
        claim.comments.push(comment)
        logActivity(ctx, file, by, { action: 'claim.commented', claimId, to: summaryFor(body), summary: 'Comment added' })
        return comment
      })
    },
    'claims.uncomment': ({ storyId, claimId, commentId }) => {
      const by = currentEditor(ctx)
      return ctx.store.updateStory(storyId, (file) => {
        const claim = findClaim(file, claimId)
        const comment = claim.comments.find((c) => c.id === commentId)
        if (!comment) throw new AppError('not_found', 'That comment is no longer on the claim.')
        if (comment.by !== by) throw new AppError('forbidden', 'Only the editor who wrote a comment can take it back.')
        claim.comments = claim.comments.filter((c) => c.id !== commentId)
        logActivity(ctx, file, by, { action: 'claim.uncommented', claimId, from: summaryFor(comment.body), summary: 'Comment taken back' })
        return comment
      })
    }
  } satisfies HandlersFor<'claims.create' | 'claims.update' | 'claims.reattach' | 'claims.delete' | 'claims.restore' | 'claims.comment' | 'claims.uncomment'>
}
