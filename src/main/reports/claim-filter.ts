// The data export's claim filter: which claims across the library a CSV takes (status, verdict,
// editor, days changed, tag, story). One rule, used by the preview and the export alike.
import type { ClaimFilter } from '../../shared/contract/transfer'
import type { Claim, StoryFile } from '../../shared/model'
import { verdictGiven } from './build'

export function claimPasses(filter: ClaimFilter, file: StoryFile, claim: Claim): boolean {
  if (filter.storyId !== 'all' && file.story.id !== filter.storyId) return false
  if (filter.status !== 'all' && claim.status !== filter.status) return false
  if (filter.verdict !== 'all' && (claim.verdict ?? 'none') !== filter.verdict) return false
  if (filter.tag && !claim.tags.some((t) => t.toLowerCase() === filter.tag.trim().toLowerCase())) return false
  const day = claim.updatedAt.slice(0, 10)
  if (filter.from && day < filter.from) return false
  if (filter.to && day > filter.to) return false
  if (filter.editor !== 'all') {
    const editors = [claim.createdBy, claim.assignee, verdictGiven(file, claim).by]
    if (!editors.includes(filter.editor)) return false
  }
  return true
}

/**
 * The story files with only the claims that pass, their evidence with them; stories left with no
 * claim are dropped. The files are new objects: the ones passed in are not changed.
 */
export function filterStoryFiles(files: readonly StoryFile[], filter: ClaimFilter): StoryFile[] {
  return files.flatMap((file) => {
    const claims = file.claims.filter((c) => claimPasses(filter, file, c))
    if (claims.length === 0) return []
    const kept = new Set(claims.map((c) => c.id))
    return [{ ...file, claims, evidence: file.evidence.filter((e) => kept.has(e.claimId)) }]
  })
}
