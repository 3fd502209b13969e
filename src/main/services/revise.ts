// A new revision of a story's text: keeps the old one, re-anchors every claim, and logs what
// happened to each. A claim that cannot be found with confidence is orphaned, never moved to
// other words.
import type { ReanchorReport, StoryDetail } from '../../shared/contract'
import type { HandlersFor } from '../dispatch'
import { AppError } from '../../shared/result'
import { resolveAnchors } from '../../shared/text/anchor'
import { canonicalText } from '../../shared/text/canonical'
import { recheckAfterRevision } from '../../shared/rules/claims'
import { aboutClaim } from './claims'
import { currentEditor, logActivity, type ServiceContext } from './context'
import { storyDetail } from './stories'
import { summaryFor } from './values'

export async function reviseStory(ctx: ServiceContext, id: string, rawText: string, note: string, by: string): Promise<{ detail: StoryDetail; report: ReanchorReport }> {
  const text = canonicalText(rawText)
  if (!text) throw new AppError('invalid_input', 'A revision needs some text.')
  const file = await ctx.store.updateStory(id, (draft) => {
    const report: ReanchorReport = { revision: draft.story.revision, exact: 0, moved: 0, fuzzy: 0, orphaned: [], recheck: [], followed: [] }
    if (text === draft.story.text) return { draft, report }
    const revision = draft.story.revision + 1
    const at = ctx.now().toISOString()
    // Orphans are tried again too: a sentence cut in one draft is often restored in the next.
    const results = resolveAnchors(
      draft.claims.map((c) => c.anchor),
      draft.story.text,
      text,
      revision
    )
    draft.claims.forEach((claim, i) => {
      const result = results[i]
      const wasOrphaned = claim.orphaned
      if (!result || result.status === 'orphaned') {
        if (wasOrphaned) return
        claim.orphaned = true
        report.orphaned.push(claim.id)
        logActivity(ctx, draft, by, { action: 'claim.orphaned', claimId: claim.id, from: claim.anchor.quote.exact.slice(0, 300), summary: aboutClaim(claim, `Lost its words in revision ${revision}: “${summaryFor(claim.anchor.quote.exact)}”`) })
        return
      }
      report[result.status]++
      const from = claim.anchor.quote.exact
      if (result.status === 'fuzzy') report.followed.push({ claimId: claim.id, before: from, after: result.anchor.quote.exact })
      claim.anchor = result.anchor
      claim.orphaned = false
      if (result.status !== 'exact' || wasOrphaned) {
        const how = wasOrphaned ? 'Found its words again' : 'Followed its words'
        logActivity(ctx, draft, by, { action: 'claim.reanchored', claimId: claim.id, from: from.slice(0, 300), to: result.anchor.quote.exact.slice(0, 300), summary: aboutClaim(claim, `${how} in revision ${revision} (${result.status})`) })
      }
      // Words found unchanged keep their verdict; words that now read otherwise wait for an editor.
      if (recheckAfterRevision(claim, result.anchor.quote.exact)) {
        claim.recheck = { reason: 'revised', at, revision }
        report.recheck.push(claim.id)
        logActivity(ctx, draft, by, {
          action: 'claim.recheck',
          claimId: claim.id,
          from: claim.checked?.exact.slice(0, 300) ?? null,
          to: result.anchor.quote.exact.slice(0, 300),
          summary: aboutClaim(claim, `Needs re-check: its words changed in revision ${revision}`)
        })
      }
    })
    draft.revisions.push({ revision, text, createdAt: at, createdBy: by, note })
    draft.story.text = text
    draft.story.revision = revision
    draft.story.updatedAt = at
    report.revision = revision
    logActivity(ctx, draft, by, {
      action: 'story.revised',
      from: revision - 1,
      to: revision,
      summary: `Revision ${revision}: ${report.exact + report.moved} claims unchanged, ${report.fuzzy} followed edited words (${report.recheck.length} now need re-check), ${report.orphaned.length} orphaned`
    })
    return { draft, report }
  })
  return { detail: storyDetail(ctx, file.draft), report: file.report }
}

export function revisionHandlers(ctx: ServiceContext) {
  return {
    'stories.revise': ({ id, text, note }) => reviseStory(ctx, id, text, note || 'Edited in Factdesk', currentEditor(ctx))
  } satisfies HandlersFor<'stories.revise'>
}
