// A new revision of a story's text: keeps the old one, re-anchors every claim in the text, and logs
// what happened to each (follow.ts). A claim that cannot be found with confidence is orphaned, never
// moved to other words. Claims in the headline follow a new headline instead (stories.ts).
import type { ReanchorReport, StoryDetail } from '../../shared/contract'
import type { GroupHandlers } from '../registry'
import { AppError } from '../../shared/result'
import { canonicalText } from '../../shared/text/canonical'
import { currentEditor, logActivity, type ServiceContext } from './context'
import { emptyReport, followClaims } from './follow'
import { storyDetail } from './stories'

export async function reviseStory(
  ctx: ServiceContext,
  id: string,
  rawText: string,
  note: string,
  by: string
): Promise<{ detail: StoryDetail; report: ReanchorReport }> {
  const text = canonicalText(rawText)
  if (!text) throw new AppError('invalid_input', 'A revision needs some text.')
  const file = await ctx.store.updateStory(id, (draft) => {
    const report = emptyReport(draft.story.revision)
    if (text === draft.story.text) return { draft, report }
    const revision = draft.story.revision + 1
    const at = ctx.now().toISOString()
    followClaims(
      ctx,
      draft,
      { part: 'body', oldText: draft.story.text, newText: text, revision, at, by, where: `in revision ${revision}` },
      report
    )
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
    revise: ({ id, text, note }) => reviseStory(ctx, id, text, note || 'Edited in Factdesk', currentEditor(ctx))
  } satisfies GroupHandlers<'revision'>
}
