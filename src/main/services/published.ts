// After publication: a signed-off story's page is fetched again and compared with the cleared text.
// A changed page becomes a revision through the one revision path (revise.ts: every claim follows its
// words, a claim whose checked words changed waits for re-check), and the desk gets a suggested entry
// for the corrections log naming those claims; logging it stays the editor's call (stories.correct).
import type { PublishedCheck, ReanchorReport, SuggestedCorrection } from '../../shared/contract'
import type { StoryFile } from '../../shared/model'
import { AppError } from '../../shared/result'
import { claimLabel } from '../../shared/rules/claims'
import { publishedUrl } from '../../shared/rules/published'
import { canonicalText } from '../../shared/text/canonical'
import type { ImportedStory } from '../import'
import type { ServiceContext } from './context'
import { emptyReport } from './follow'
import { reviseStory } from './revise'

const shorten = (words: string, max = 160): string => {
  const flat = words.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`
}

/** The corrections-log entry a changed page suggests: which claims it touches and what readers are told. */
export function suggestCorrection(
  before: StoryFile,
  report: ReanchorReport,
  revision: number,
  url: string
): SuggestedCorrection {
  const touched = [...new Set([...report.recheck, ...report.orphaned])]
  const labels = touched
    .map((id) => before.claims.find((c) => c.id === id))
    .filter((c) => c !== undefined)
    .sort((a, b) => a.number - b.number)
    .map((c) => claimLabel(c.number))
  const what =
    labels.length > 0
      ? `The published page changed (revision ${revision}): ${labels.join(', ')} ${labels.length === 1 ? 'needs' : 'need'} re-check`
      : `The published page changed (revision ${revision}); no checked claim's words changed`
  const edited = report.followed.find((f) => report.recheck.includes(f.claimId))
  const gone = report.orphaned.map((id) => before.claims.find((c) => c.id === id)).find((c) => c !== undefined)
  const note = edited
    ? `An earlier version of this article said “${shorten(edited.before)}”; it now says “${shorten(edited.after)}”.`
    : gone
      ? `An earlier version of this article said “${shorten(gone.anchor.quote.exact)}”; that passage was removed.`
      : `This article was updated after publication (${url}).`
  return { what, note, claimIds: touched }
}

/**
 * Fetches the published page of a signed-off story with `fetchPage` and, when its text differs from the
 * present revision, revises the story with it. Refused (coded) for a story not signed off or without an
 * address; a page that cannot be fetched fails with the importer's own coded error and changes nothing.
 */
export async function checkPublished(
  ctx: ServiceContext,
  id: string,
  by: string,
  fetchPage: (url: string) => Promise<ImportedStory>
): Promise<PublishedCheck> {
  const before = await ctx.store.readStory(id)
  if (!before.story.signOff)
    throw new AppError(
      'conflict',
      'Only a signed-off story is watched after publication: clear it first, or re-import it to bring in a newer version.'
    )
  const url = publishedUrl(before.story)
  if (!url) throw new AppError('invalid_input', 'The story has no address to fetch: add its URL in Details… first.')
  const page = await fetchPage(url)
  const at = ctx.now().toISOString()
  if (canonicalText(page.text) === before.story.text)
    return { url, at, changed: false, report: emptyReport(before.story.revision), suggestion: null }
  const { report } = await reviseStory(ctx, id, page.text, `Published page fetched again from ${url}`.slice(0, 200), by)
  return { url, at, changed: true, report, suggestion: suggestCorrection(before, report, report.revision, url) }
}
