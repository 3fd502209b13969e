// Claims following their words when the text they are in changes: a new revision of the story text,
// or a new headline. One path for both: each claim is re-anchored (shared/text/anchor.ts), logged,
// orphaned when its words cannot be found with confidence (never moved to other words), and its
// verdict waits for re-check when its words now read otherwise.
import type { ReanchorReport } from '../../shared/contract'
import type { StoryFile, StoryPart } from '../../shared/model'
import { recheckAfterRevision } from '../../shared/rules/claims'
import { resolveAnchors } from '../../shared/text/anchor'
import { aboutClaim } from './claims'
import { logActivity, type ServiceContext } from './context'
import { summaryFor } from './values'

/** A report with nothing re-anchored yet, for `revision`. */
export const emptyReport = (revision: number): ReanchorReport => ({
  revision,
  exact: 0,
  moved: 0,
  fuzzy: 0,
  orphaned: [],
  recheck: [],
  followed: []
})

export interface TextChange {
  /** The part of the story whose text changed; only its claims move. */
  part: StoryPart
  oldText: string
  newText: string
  /** The story revision the claims are anchored to afterwards. */
  revision: number
  at: string
  by: string
  /** Ends each log line: "in revision 3", "in the new headline". */
  where: string
}

/**
 * Re-anchors the claims in the changed part of `draft` and adds what happened to `report`; the
 * caller puts the new text in place. Orphans are tried again too: words cut in one draft often come back.
 */
export function followClaims(ctx: ServiceContext, draft: StoryFile, change: TextChange, report: ReanchorReport): void {
  const { part, oldText, newText, revision, at, by, where } = change
  const claims = draft.claims.filter((c) => c.anchor.part === part)
  const results = resolveAnchors(
    claims.map((c) => c.anchor),
    oldText,
    newText,
    revision
  )
  claims.forEach((claim, i) => {
    const result = results[i]
    const wasOrphaned = claim.orphaned
    if (!result || result.status === 'orphaned') {
      if (wasOrphaned) return
      claim.orphaned = true
      report.orphaned.push(claim.id)
      logActivity(ctx, draft, by, {
        action: 'claim.orphaned',
        claimId: claim.id,
        from: claim.anchor.quote.exact.slice(0, 300),
        summary: aboutClaim(claim, `Lost its words ${where}: “${summaryFor(claim.anchor.quote.exact)}”`)
      })
      return
    }
    report[result.status]++
    const from = claim.anchor.quote.exact
    if (result.status === 'fuzzy')
      report.followed.push({ claimId: claim.id, before: from, after: result.anchor.quote.exact })
    claim.anchor = result.anchor
    claim.orphaned = false
    if (result.status !== 'exact' || wasOrphaned) {
      const how = wasOrphaned ? 'Found its words again' : 'Followed its words'
      logActivity(ctx, draft, by, {
        action: 'claim.reanchored',
        claimId: claim.id,
        from: from.slice(0, 300),
        to: result.anchor.quote.exact.slice(0, 300),
        summary: aboutClaim(claim, `${how} ${where} (${result.status})`)
      })
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
        summary: aboutClaim(claim, `Needs re-check: its words changed ${where}`)
      })
    }
  })
}
