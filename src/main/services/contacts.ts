// The contact log: each attempt to reach a source about a claim, who made it, and the follow-up owed.
import type { GroupHandlers } from '../registry'
import type { ContactAttempt } from '../../shared/model'
import { AppError } from '../../shared/result'
import { contactOutcomeLabels } from '../../shared/rules/contacts'
import { aboutClaim, findClaim } from './claims'
import { currentEditor, logActivity, type ServiceContext } from './context'

export function contactHandlers(ctx: ServiceContext) {
  return {
    add: ({ storyId, claimId, fields, by: madeBy }) => {
      const editor = currentEditor(ctx)
      const { people, sources } = ctx.store.library
      const by = madeBy ?? editor
      if (!people.some((p) => p.id === by))
        throw new AppError('not_found', 'There is no editor with that id on the desk.')
      if (fields.sourceId && !sources.some((s) => s.id === fields.sourceId))
        throw new AppError('not_found', 'That source is not in the library.')
      return ctx.store.updateStory(storyId, (file) => {
        const claim = findClaim(file, claimId)
        const attempt: ContactAttempt = { ...fields, id: ctx.newId(), by, loggedAt: ctx.now().toISOString() }
        claim.contacts.push(attempt)
        file.story.updatedAt = attempt.loggedAt
        const follow = attempt.followUp ? `, follow up ${attempt.followUp}` : ''
        logActivity(ctx, file, editor, {
          action: 'claim.contacted',
          claimId,
          to: attempt.outcome,
          summary: aboutClaim(
            claim,
            `Contact attempt (${attempt.method.replace('_', ' ')}): ${contactOutcomeLabels[attempt.outcome]}${follow}`
          )
        })
        return attempt
      })
    },
    remove: ({ storyId, claimId, contactId }) => {
      const by = currentEditor(ctx)
      return ctx.store.updateStory(storyId, (file) => {
        const claim = findClaim(file, claimId)
        const attempt = claim.contacts.find((c) => c.id === contactId)
        if (!attempt) throw new AppError('not_found', 'That contact attempt is not on this claim.')
        claim.contacts = claim.contacts.filter((c) => c.id !== contactId)
        file.story.updatedAt = ctx.now().toISOString()
        logActivity(ctx, file, by, {
          action: 'claim.contacted',
          claimId,
          from: attempt.outcome,
          summary: aboutClaim(claim, 'Contact attempt removed from the log')
        })
        return attempt
      })
    }
  } satisfies GroupHandlers<'contacts'>
}
