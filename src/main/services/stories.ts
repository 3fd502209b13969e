// Stories: create, open with everything attached, edit metadata and desk state, trash and restore.
import { current, isDraft } from 'immer'
import type { GroupHandlers } from '../registry'
import type { StoryDetail } from '../../shared/contract'
import type { DeskState, StoryFile, StoryMeta, StoryOrigin, StoryRevision } from '../../shared/model'
import { STORY_SCHEMA_VERSION } from '../../shared/model'
import { AppError } from '../../shared/result'
import { describeBlocker, FINAL_DESK_STATE, signOffBlockers, storyOrder } from '../../shared/rules/claims'
import { currentEditor, logActivity, type ServiceContext, type StoreContext } from './context'
import { emptyReport, followClaims } from './follow'

export interface NewStory {
  meta: Partial<StoryMeta> & { title: string }
  text: string
  origin: StoryOrigin
}

/** Builds a new story file (revision 1) stamped with `by`; used by paste, import and the sample. */
export function newStoryFile(ctx: StoreContext, input: NewStory, by: string): StoryFile {
  const at = ctx.now().toISOString()
  const id = ctx.newId()
  const file: StoryFile = {
    schemaVersion: STORY_SCHEMA_VERSION,
    story: {
      id,
      title: input.meta.title,
      outlet: input.meta.outlet ?? '',
      byline: input.meta.byline ?? '',
      url: input.meta.url ?? '',
      publishedAt: input.meta.publishedAt ?? '',
      language: input.meta.language ?? 'en',
      text: input.text,
      revision: 1,
      deskState: 'draft',
      signOff: null,
      corrections: [],
      nextClaimNumber: 1,
      origin: input.origin,
      createdAt: at,
      updatedAt: at
    },
    revisions: [
      { revision: 1, text: input.text, createdAt: at, createdBy: by, note: `Imported from ${input.origin.kind}` }
    ],
    claims: [],
    evidence: [],
    activity: []
  }
  logActivity(ctx, file, by, { action: 'story.created', summary: `Story “${input.meta.title}” created` })
  return file
}

export function storyDetail(ctx: ServiceContext, file: StoryFile): StoryDetail {
  const cited = new Set(file.evidence.map((e) => e.sourceId))
  return {
    story: file.story,
    claims: [...file.claims].sort(storyOrder),
    evidence: file.evidence,
    sources: ctx.store.library.sources.filter((s) => cited.has(s.id)),
    revisions: file.revisions.map((r) => revisionInfo({ ...r, length: r.text.length })),
    activity: file.activity
  }
}

const revisionInfo = (r: Omit<StoryRevision, 'text'> & { length: number }): StoryDetail['revisions'][number] => ({
  revision: r.revision,
  createdAt: r.createdAt,
  createdBy: r.createdBy,
  note: r.note,
  length: r.length
})

/** How much one stories.page answer brings of a story opened in parts. */
export const PAGE = { claims: 500, activity: 5000 }

/** The evidence attached to `claims`. */
function evidenceOf<E extends { claimId: string }>(evidence: E[], claims: readonly { id: string }[]): E[] {
  const ids = new Set(claims.map((c) => c.id))
  return evidence.filter((e) => ids.has(e.claimId))
}

const metaFields = ['title', 'outlet', 'byline', 'url', 'publishedAt', 'language', 'deskState'] as const

export function storyHandlers(ctx: ServiceContext, canonical: (text: string) => string) {
  return {
    list: ({ includeDeleted }) => ctx.store.library.stories.filter((s) => includeDeleted || s.deletedAt === null),
    trash: () => ctx.store.library.stories.filter((s) => s.deletedAt !== null),
    get: async ({ id, firstClaims }) => {
      // The number is read before the story: a write landing in between makes the answer newer than
      // its number says (fetched again, harmless), never older.
      const version = ctx.storyVersion(id)
      // A story not in memory: its first part from its head, without reading the rest (story-head.ts).
      const start = firstClaims === undefined ? null : await ctx.store.readStoryStart(id, firstClaims)
      if (start)
        return {
          story: start.story,
          claims: start.claims,
          evidence: start.evidence,
          sources: ctx.store.library.sources.filter((s) => start.sourceIds.has(s.id)),
          revisions: start.revisions.map(revisionInfo),
          activity: [],
          version,
          rest: { claims: start.claimCount - start.claims.length, activity: start.activityCount }
        }
      const detail = storyDetail(ctx, await ctx.store.readStory(id))
      if (firstClaims === undefined) return { ...detail, version }
      // The first screen: the first claims in story order with their evidence; the rest comes by stories.page.
      const claims = detail.claims.slice(0, firstClaims)
      return {
        ...detail,
        claims,
        evidence: evidenceOf(detail.evidence, claims),
        activity: [],
        version,
        rest: { claims: detail.claims.length - claims.length, activity: detail.activity.length }
      }
    },
    page: async ({ id, claimsFrom, activityFrom }) => {
      const version = ctx.storyVersion(id)
      const file = await ctx.store.readStory(id)
      const claims = [...file.claims].sort(storyOrder).slice(claimsFrom, claimsFrom + PAGE.claims)
      const activity = file.activity.slice(activityFrom, activityFrom + PAGE.activity)
      return {
        claims,
        evidence: evidenceOf(file.evidence, claims),
        activity,
        version,
        rest: {
          claims: Math.max(0, file.claims.length - claimsFrom - claims.length),
          activity: Math.max(0, file.activity.length - activityFrom - activity.length)
        }
      }
    },
    create: async ({ text, ...meta }) => {
      const by = currentEditor(ctx)
      const canonicalText = canonical(text)
      if (!canonicalText) throw new AppError('invalid_input', 'The story has no text.')
      return ctx.store.createStory(
        newStoryFile(ctx, { meta, text: canonicalText, origin: { kind: 'paste', location: '' } }, by)
      )
    },
    update: async ({ id, patch, overrideReason }) => {
      const by = currentEditor(ctx)
      const signedOff = await ctx.store.updateStory(id, (file) => {
        // Claims in the headline follow its words into the new headline, as claims in the text follow a revision.
        if (patch.title !== undefined && patch.title !== file.story.title) {
          const change = {
            part: 'headline' as const,
            oldText: file.story.title,
            newText: patch.title,
            revision: file.story.revision,
            at: ctx.now().toISOString(),
            by,
            where: 'in the new headline'
          }
          followClaims(ctx, file, change, emptyReport(file.story.revision))
        }
        if (patch.deskState !== undefined && patch.deskState !== file.story.deskState)
          signOff(ctx, file, patch.deskState, overrideReason, by)
        for (const field of metaFields) {
          const next = patch[field]
          const previous = file.story[field]
          if (next === undefined || next === previous) continue
          Object.assign(file.story, { [field]: next })
          logActivity(ctx, file, by, {
            action: 'story.updated',
            field,
            from: previous,
            to: next,
            summary: `${field} changed`
          })
        }
        file.story.updatedAt = ctx.now().toISOString()
        // The draft is gone once the write is done: answer what it holds.
        return isDraft(file.story.signOff) ? current(file.story.signOff) : file.story.signOff
      })
      return { ...summaryOf(ctx, id), signOff: signedOff }
    },
    correct: async ({ id, what, note, claimIds }) => {
      const by = currentEditor(ctx)
      return ctx.store.updateStory(id, (file) => {
        if (!file.story.signOff)
          throw new AppError(
            'conflict',
            'Only a signed-off story has corrections: it has not been published from the desk yet, so edit it instead.'
          )
        const known = new Set(file.claims.map((c) => c.id))
        const unknown = claimIds.filter((c) => !known.has(c))
        if (unknown.length > 0) throw new AppError('not_found', `Not claims of this story: ${unknown.join(', ')}.`)
        const at = ctx.now().toISOString()
        const correction = { id: ctx.newId(), at, by, what, note, claimIds: [...new Set(claimIds)] }
        file.story.corrections.push(correction)
        file.story.updatedAt = at
        logActivity(ctx, file, by, {
          action: 'story.corrected',
          to: note.slice(0, 1000),
          summary: `Correction logged: ${what}`.slice(0, 1000)
        })
        return correction
      })
    },
    revision: async ({ id, revision }) => {
      const file = await ctx.store.readStory(id)
      const found = file.revisions.find((r) => r.revision === revision)
      if (!found) throw new AppError('not_found', `Story revision ${revision} does not exist.`)
      return { revision: found.revision, text: found.text }
    },
    delete: async ({ id }) => {
      currentEditor(ctx)
      return ctx.store.trashStory(id)
    },
    restore: async ({ id }) => {
      currentEditor(ctx)
      return ctx.store.restoreStory(id)
    }
  } satisfies GroupHandlers<'stories'>
}

/**
 * Reaching the final desk state takes every claim Done with a current verdict (the rules in
 * shared/rules/claims.ts); an editor may override with a written reason, which is kept with the
 * sign-off and logged. Leaving the final state ends the sign-off.
 */
export function signOff(
  ctx: ServiceContext,
  file: StoryFile,
  next: DeskState,
  overrideReason: string | undefined,
  by: string
): void {
  if (next !== FINAL_DESK_STATE) {
    file.story.signOff = null
    return
  }
  const blockers = signOffBlockers(file.claims, file.evidence, ctx.store.library.settings).map(describeBlocker)
  if (blockers.length > 0 && !overrideReason) {
    const issues = blockers.slice(0, 20).map((message) => ({ path: 'claims', message }))
    throw new AppError(
      'conflict',
      `${blockers.length} ${blockers.length === 1 ? 'claim blocks' : 'claims block'} sign-off: ${blockers.slice(0, 3).join('; ')}${blockers.length > 3 ? '; …' : ''}. Finish them, or override with a reason.`,
      issues
    )
  }
  const at = ctx.now().toISOString()
  const override = blockers.length > 0 && overrideReason ? { reason: overrideReason, blockers } : null
  file.story.signOff = { at, by, override }
  logActivity(ctx, file, by, {
    action: 'story.signed_off',
    from: override ? blockers.join('; ').slice(0, 1000) : null,
    to: override ? override.reason.slice(0, 1000) : null,
    summary: override
      ? `Signed off with an override of ${blockers.length} blocking claim(s). Reason: ${override.reason}`.slice(0, 1000)
      : 'Signed off: every claim Done with a current verdict'
  })
}

export function summaryOf(ctx: ServiceContext, id: string) {
  const summary = ctx.store.library.stories.find((s) => s.id === id)
  if (!summary) throw new AppError('not_found', 'That story is not in the library.')
  return summary
}
