// Claims: marking words in a story, working each claim, re-attaching orphans, undoable deletes.
// A claim is numbered once (C7) for the story's life; its verdict is tied to the words it was
// given on (shared/rules/claims.ts says when it waits for re-check).
import type { GroupHandlers } from '../registry'
import { defaultClaimFields, type Claim, type ClaimFields, type ClaimType, type StoryFile } from '../../shared/model'
import { AppError } from '../../shared/result'
import {
  checkedNow,
  claimLabel,
  claimOnWords,
  isChecked,
  lacksCheckedAgainst,
  lacksSecondReview,
  recheckAfterReattach,
  whyNoReview
} from '../../shared/rules/claims'
import { isDone, statusChoices, verdictChoices, verdictName as nameOnScale } from '../../shared/rules/scales'
import { describe } from '../../shared/text/anchor'
import { partText, type PartRange } from '../../shared/text/parts'
import { trimRange, type TextRange } from '../../shared/text/range'
import { asFound, currentEditor, findById, logActivity, type ServiceContext } from './context'
import { summaryFor } from './values'

/** A selection as a claim's range: inside the text, trimmed to words (shared/text/range.ts), not blank. */
export function tightRange(text: string, start: number, end: number): TextRange {
  if (start >= end || end > text.length) throw new AppError('invalid_input', 'The selection is outside the story text.')
  const range = trimRange(text, { start, end })
  if (!range) throw new AppError('invalid_input', 'Select some words to mark as a claim.')
  return range
}

/** A negated verb, or "no/never/none", held to a period: "has not … since", "no … in the past year". */
const ABSENCE =
  /\b(?:(?:has|have|had|did|does|do|was|were|is|are)(?:\s+not|n[’']t)|never|no\s+longer|not\s+(?:yet|once)|none|no)\b[^.]*?\b(?:since|until|yet|so\s+far|to\s+date|in\s+(?:the\s+)?(?:past|last)|for\s+(?:the\s+)?(?:past|last)|this\s+(?:year|month|week)|in\s+\d{4}|in\s+(?:over\s+)?(?:a|\d+)\s+(?:years?|months?|weeks?|decades?))\b/i

/** A first guess at the claim type from the words themselves; the editor can change it. */
export function guessType(words: string): ClaimType {
  if (/[“"«].{3,}[”"»]/.test(words)) return 'quote'
  // "has not announced new aid since January": what has not happened (in a period) is a claim of its own kind.
  if (ABSENCE.test(words)) return 'absence'
  if (/\d/.test(words)) return 'statistic'
  if (/\b(said|says|according to|told|announced|confirmed)\b/i.test(words)) return 'attribution'
  return 'other'
}

export function findClaim(file: StoryFile, claimId: string): Claim {
  const claim = findById(file.claims, claimId)
  if (!claim) throw new AppError('not_found', 'That claim is not in this story (it may have been deleted).')
  return claim
}

/** A new claim on `start..end` of the story's headline or text, taking the story's next claim number. */
export function newClaim(
  file: StoryFile,
  range: PartRange,
  id: string,
  by: string,
  at: string,
  fields: Partial<ClaimFields> = {}
): Claim {
  const text = partText(file.story, range.part)
  const words = text.slice(range.start, range.end)
  const number = file.story.nextClaimNumber++
  return {
    ...defaultClaimFields,
    type: guessType(words),
    ...fields,
    id,
    storyId: file.story.id,
    number,
    anchor: describe(text, range.start, range.end, file.story.revision, range.part),
    orphaned: false,
    checked: null,
    recheck: null,
    comments: [],
    contacts: [],
    reviews: [],
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    updatedBy: by
  }
}

/** "C7 · words…": how activity summaries name a claim, so the log reads the same as the desk. */
export const aboutClaim = (claim: Pick<Claim, 'number'>, text: string): string =>
  `${claimLabel(claim.number)} · ${text}`

export function claimHandlers(ctx: ServiceContext) {
  const verdictName = (verdict: Claim['verdict']): string =>
    verdict ? nameOnScale(ctx.store.library.settings, verdict) : 'no verdict'

  /**
   * Keeps the checked words in step with a change: a verdict given (or changed) records the words
   * as they stand and settles a pending re-check; becoming Done records them if nothing had.
   */
  function recordCheck(
    file: StoryFile,
    claim: Claim,
    before: Pick<Claim, 'verdict' | 'status'>,
    by: string,
    at: string
  ): void {
    const verdictChanged = claim.verdict !== before.verdict
    if (!isChecked(claim)) {
      claim.checked = null
      claim.recheck = null
      return
    }
    if (verdictChanged) {
      if (claim.recheck) {
        logActivity(ctx, file, by, {
          action: 'claim.confirmed',
          claimId: claim.id,
          field: 'verdict',
          from: claim.checked?.exact.slice(0, 300) ?? null,
          to: claim.anchor.quote.exact.slice(0, 300),
          summary: aboutClaim(
            claim,
            `Verdict changed for the new words: ${verdictName(before.verdict)} → ${verdictName(claim.verdict)}`
          )
        })
      }
      claim.checked = checkedNow(claim, by, at)
      claim.recheck = null
    } else if (claim.checked === null) {
      claim.checked = checkedNow(claim, by, at)
    }
  }

  /**
   * A verdict or status given now is one the desk's scales offer (a retired one only stays on the claims
   * that had it): ids from another desk's scale, or retired since the window last heard, are refused.
   */
  function assertOffered(fields: Partial<ClaimFields>, before: Pick<Claim, 'verdict' | 'status'> | null): void {
    const settings = ctx.store.library.settings
    const { verdict, status } = fields
    if (verdict != null && verdict !== before?.verdict && !verdictChoices(settings).some((e) => e.id === verdict))
      throw new AppError(
        'invalid_input',
        `“${nameOnScale(settings, verdict)}” is not a verdict this desk gives now (see Settings).`
      )
    if (status !== undefined && status !== before?.status && !statusChoices(settings).some((e) => e.id === status))
      throw new AppError('invalid_input', `“${status}” is not a status this desk uses now (see Settings).`)
  }

  /** The desk's second-review rule: a claim is Done only once another editor agreed with its present verdict. */
  function assertReviewedIfDone(claim: Claim): void {
    if (isDone(claim) && lacksSecondReview(claim, ctx.store.library.settings))
      throw new AppError(
        'conflict',
        `${claimLabel(claim.number)} needs an agreeing second review of its verdict by another editor before it can be Done (a desk rule in Settings).`
      )
  }

  return {
    create: ({ storyId, part, start, end, fields }) => {
      const by = currentEditor(ctx)
      return ctx.store.updateStory(storyId, (file) => {
        const range = { part, ...tightRange(partText(file.story, part), start, end) }
        const twin = claimOnWords(asFound(file.claims), range)
        if (twin)
          throw new AppError(
            'conflict',
            `Those exact words are already a claim (marked ${twin.createdAt.slice(0, 10)}). Open it from the claim list instead.`
          )
        const at = ctx.now().toISOString()
        if (fields) assertOffered(fields, null)
        const claim = newClaim(file, range, ctx.newId(), by, at, fields)
        recordCheck(file, claim, defaultClaimFields, by, at)
        assertReviewedIfDone(claim)
        file.claims.push(claim)
        file.story.updatedAt = at
        const words = claim.anchor.quote.exact
        logActivity(ctx, file, by, {
          action: 'claim.created',
          claimId: claim.id,
          to: words.slice(0, 300),
          summary: aboutClaim(claim, `Marked “${summaryFor(words)}” as a claim`)
        })
        return claim
      })
    },
    update: ({ storyId, claimId, patch }) => {
      const by = currentEditor(ctx)
      const { requireCheckedAgainst } = ctx.store.library.settings
      return ctx.store.updateStory(storyId, (file) => {
        const claim = findClaim(file, claimId)
        const at = ctx.now().toISOString()
        const before = { verdict: claim.verdict, status: claim.status }
        assertOffered(patch, before)
        for (const [field, next] of Object.entries(patch) as [keyof ClaimFields, ClaimFields[keyof ClaimFields]][]) {
          const previous = claim[field]
          if (next === undefined || JSON.stringify(next) === JSON.stringify(previous)) continue
          Object.assign(claim, { [field]: next })
          logActivity(ctx, file, by, {
            action: 'claim.updated',
            claimId,
            field,
            from: previous,
            to: next,
            summary: aboutClaim(claim, `${field} changed`)
          })
        }
        if (
          requireCheckedAgainst &&
          ((patch.status !== undefined && isDone(claim)) || patch.checkedAgainst !== undefined) &&
          lacksCheckedAgainst(claim, file.evidence)
        ) {
          throw new AppError(
            'invalid_input',
            `${claimLabel(claim.number)} has no evidence attached: say what it was checked against before setting it Done (a desk rule in Settings).`
          )
        }
        recordCheck(file, claim, before, by, at)
        // Setting Done, or changing the verdict of a Done claim (its reviews were of the old one).
        if ((patch.status !== undefined && isDone(claim)) || claim.verdict !== before.verdict)
          assertReviewedIfDone(claim)
        claim.updatedAt = at
        claim.updatedBy = by
        file.story.updatedAt = at
        return claim
      })
    },
    review: ({ storyId, claimId, stance, confidence, note }) => {
      const by = currentEditor(ctx)
      return ctx.store.updateStory(storyId, (file) => {
        const claim = findClaim(file, claimId)
        const refused = whyNoReview(claim, by)
        if (refused) throw new AppError(claim.verdict === null ? 'conflict' : 'forbidden', refused)
        const at = ctx.now().toISOString()
        const review = { id: ctx.newId(), by, at, verdict: claim.verdict!, stance, confidence, note: note.trim() }
        claim.reviews.push(review)
        claim.updatedAt = file.story.updatedAt = at
        claim.updatedBy = by
        const what = stance === 'agree' ? 'agrees with' : 'dissents from'
        logActivity(ctx, file, by, {
          action: 'claim.reviewed',
          claimId,
          from: verdictName(claim.verdict),
          to: stance,
          summary: aboutClaim(
            claim,
            `Second review ${what} “${verdictName(claim.verdict)}” (${confidence} confidence)${review.note ? `: ${review.note}` : ''}`
          ).slice(0, 1000)
        })
        return review
      })
    },
    confirm: ({ storyId, claimId }) => {
      const by = currentEditor(ctx)
      return ctx.store.updateStory(storyId, (file) => {
        const claim = findClaim(file, claimId)
        if (!claim.recheck) throw new AppError('conflict', `${claimLabel(claim.number)} is not waiting for re-check.`)
        if (claim.orphaned)
          throw new AppError(
            'conflict',
            `${claimLabel(claim.number)} is orphaned: re-attach it to words before confirming its verdict.`
          )
        const at = ctx.now().toISOString()
        logActivity(ctx, file, by, {
          action: 'claim.confirmed',
          claimId,
          from: claim.checked?.exact.slice(0, 300) ?? null,
          to: claim.anchor.quote.exact.slice(0, 300),
          summary: aboutClaim(claim, `Verdict “${verdictName(claim.verdict)}” confirmed for the new words`)
        })
        claim.checked = checkedNow(claim, by, at)
        claim.recheck = null
        claim.updatedAt = file.story.updatedAt = at
        claim.updatedBy = by
        return claim
      })
    },
    reattach: ({ storyId, claimId, part, start, end }) => {
      const by = currentEditor(ctx)
      return ctx.store.updateStory(storyId, (file) => {
        const claim = findClaim(file, claimId)
        const text = partText(file.story, part)
        const range = tightRange(text, start, end)
        const previous = claim.anchor.quote.exact
        const at = ctx.now().toISOString()
        claim.anchor = describe(text, range.start, range.end, file.story.revision, part)
        claim.orphaned = false
        claim.updatedAt = file.story.updatedAt = at
        claim.updatedBy = by
        logActivity(ctx, file, by, {
          action: 'claim.reanchored',
          claimId,
          from: previous,
          to: claim.anchor.quote.exact,
          summary: aboutClaim(claim, 'Re-attached to new words')
        })
        if (recheckAfterReattach(claim)) {
          claim.recheck = { reason: 'reattached', at, revision: file.story.revision }
          logActivity(ctx, file, by, {
            action: 'claim.recheck',
            claimId,
            from: claim.checked?.exact.slice(0, 300) ?? null,
            to: claim.anchor.quote.exact.slice(0, 300),
            summary: aboutClaim(claim, 'Needs re-check: re-attached to new words')
          })
        }
        return claim
      })
    },
    delete: ({ storyId, claimId }) => {
      const by = currentEditor(ctx)
      return ctx.store.updateStory(storyId, (file) => {
        const claim = findClaim(file, claimId)
        const evidence = file.evidence.filter((e) => e.claimId === claimId)
        file.claims = file.claims.filter((c) => c.id !== claimId)
        file.evidence = file.evidence.filter((e) => e.claimId !== claimId)
        file.story.updatedAt = ctx.now().toISOString()
        logActivity(ctx, file, by, {
          action: 'claim.deleted',
          claimId,
          from: claim.anchor.quote.exact.slice(0, 300),
          summary: aboutClaim(claim, 'Claim deleted')
        })
        return { claim, evidence }
      })
    },
    restore: ({ storyId, deleted }) => {
      const by = currentEditor(ctx)
      if (deleted.claim.storyId !== storyId || deleted.evidence.some((e) => e.claimId !== deleted.claim.id)) {
        throw new AppError('invalid_input', 'That deleted claim does not belong to this story.')
      }
      return ctx.store.updateStory(storyId, (file) => {
        if (file.claims.some((c) => c.id === deleted.claim.id))
          throw new AppError('conflict', 'That claim is already in the story.')
        if (file.claims.some((c) => c.number === deleted.claim.number))
          throw new AppError('conflict', `Another claim is already ${claimLabel(deleted.claim.number)}.`)
        const known = new Set(ctx.store.library.sources.map((s) => s.id))
        file.claims.push(deleted.claim)
        file.story.nextClaimNumber = Math.max(file.story.nextClaimNumber, deleted.claim.number + 1)
        file.evidence.push(
          ...deleted.evidence.filter((e) => known.has(e.sourceId) && !file.evidence.some((x) => x.id === e.id))
        )
        file.story.updatedAt = ctx.now().toISOString()
        logActivity(ctx, file, by, {
          action: 'claim.restored',
          claimId: deleted.claim.id,
          summary: aboutClaim(deleted.claim, 'Claim restored')
        })
        return deleted.claim
      })
    },
    comment: ({ storyId, claimId, body }) => {
      const by = currentEditor(ctx)
      return ctx.store.updateStory(storyId, (file) => {
        const claim = findClaim(file, claimId)
        const comment = { id: ctx.newId(), body, by, at: ctx.now().toISOString() }
        claim.comments.push(comment)
        // A comment is a change to the story too: its updatedAt is the version the window compares.
        file.story.updatedAt = comment.at
        logActivity(ctx, file, by, {
          action: 'claim.commented',
          claimId,
          to: summaryFor(body),
          summary: aboutClaim(claim, 'Comment added')
        })
        return comment
      })
    },
    uncomment: ({ storyId, claimId, commentId }) => {
      const by = currentEditor(ctx)
      return ctx.store.updateStory(storyId, (file) => {
        const claim = findClaim(file, claimId)
        const comment = claim.comments.find((c) => c.id === commentId)
        if (!comment) throw new AppError('not_found', 'That comment is no longer on the claim.')
        if (comment.by !== by) throw new AppError('forbidden', 'Only the editor who wrote a comment can take it back.')
        claim.comments = claim.comments.filter((c) => c.id !== commentId)
        file.story.updatedAt = ctx.now().toISOString()
        logActivity(ctx, file, by, {
          action: 'claim.uncommented',
          claimId,
          from: summaryFor(comment.body),
          summary: aboutClaim(claim, 'Comment taken back')
        })
        return comment
      })
    }
  } satisfies GroupHandlers<'claims'>
}
