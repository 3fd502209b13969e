// Which claims the claim list shows, and the counts and progress the desk reads at a glance.
import type { Claim, ClaimStatus, ClaimType, Evidence, Source, StatusCounts } from '../../../shared/model'
import { workflowStages } from '../../../shared/model/values'
import { stageOf } from '../../../shared/rules/scales'
import { claimLabel, needsRecheck } from '../../../shared/rules/claims'

export interface ClaimFilter {
  status: ClaimStatus | 'all'
  /** 'none' is "no verdict yet". */
  verdict: string | 'none' | 'all'
  type: ClaimType | 'all'
  /** A person's id, 'none' for unassigned. */
  assignee: string | 'none' | 'all'
  noEvidence: boolean
  orphaned: boolean
  /** Verdicts given on words that have since changed. */
  recheck: boolean
  /** Claims flagged "sync conflict" with the desk. */
  conflict: boolean
  query: string
}

export const noFilter: ClaimFilter = {
  status: 'all',
  verdict: 'all',
  type: 'all',
  assignee: 'all',
  noEvidence: false,
  orphaned: false,
  recheck: false,
  conflict: false,
  query: ''
}

export const isFiltered = (f: ClaimFilter): boolean =>
  f.status !== 'all' ||
  f.verdict !== 'all' ||
  f.type !== 'all' ||
  f.assignee !== 'all' ||
  f.noEvidence ||
  f.orphaned ||
  f.recheck ||
  f.conflict ||
  f.query.trim() !== ''

/**
 * Everything a search looks through for one claim: its words and restatement, speaker, tags,
 * rationale and correction, the comments, and each piece of evidence's excerpt, locator and source.
 */
function searchText(c: Claim, evidence: readonly Evidence[], sources: ReadonlyMap<string, Source>): string {
  const parts = [
    claimLabel(c.number),
    c.anchor.quote.exact,
    c.restatement,
    c.speaker,
    c.tags.join(' '),
    c.rationale,
    c.correction,
    ...c.comments.map((m) => m.body)
  ]
  for (const e of evidence) {
    const source = sources.get(e.sourceId)
    parts.push(
      e.excerpt,
      e.locator,
      source?.title ?? '',
      source?.publisher ?? '',
      source?.url ?? '',
      source?.archiveUrl ?? ''
    )
  }
  return parts.join('\n').toLowerCase()
}

/** `conflicted`: the ids of claims with a sync conflict (the desk sync's status says which). */
export function filterClaims(
  claims: readonly Claim[],
  evidence: readonly Evidence[],
  f: ClaimFilter,
  sources: readonly Source[] = [],
  conflicted: ReadonlySet<string> = new Set()
): Claim[] {
  const backed = new Set(evidence.map((e) => e.claimId))
  const q = f.query.trim().toLowerCase()
  const byClaim = new Map<string, Evidence[]>()
  if (q) for (const e of evidence) byClaim.set(e.claimId, [...(byClaim.get(e.claimId) ?? []), e])
  const sourceById = new Map(sources.map((s) => [s.id, s]))
  return claims.filter(
    (c) =>
      (f.status === 'all' || c.status === f.status) &&
      (f.verdict === 'all' || (f.verdict === 'none' ? c.verdict === null : c.verdict === f.verdict)) &&
      (f.type === 'all' || c.type === f.type) &&
      (f.assignee === 'all' || (f.assignee === 'none' ? c.assignee === null : c.assignee === f.assignee)) &&
      (!f.noEvidence || !backed.has(c.id)) &&
      (!f.orphaned || c.orphaned) &&
      (!f.recheck || needsRecheck(c)) &&
      (!f.conflict || conflicted.has(c.id)) &&
      (!q || searchText(c, byClaim.get(c.id) ?? [], sourceById).includes(q))
  )
}

/** Claims by workflow stage, for progress (a status the desk added counts under its stage). */
export function countByStatus(claims: readonly Pick<Claim, 'status'>[]): StatusCounts {
  const counts = Object.fromEntries(workflowStages.map((s) => [s, 0])) as StatusCounts
  for (const c of claims) counts[stageOf(c.status)]++
  return counts
}

/** Claims by status id, for the status filter. */
export function countByStatusId(claims: readonly Pick<Claim, 'status'>[]): Map<ClaimStatus, number> {
  const counts = new Map<ClaimStatus, number>()
  for (const c of claims) counts.set(c.status, (counts.get(c.status) ?? 0) + 1)
  return counts
}

export { progressOf, type Progress } from '../../../shared/model/values'

/** Next or previous claim id in list order, wrapping at neither end. */
export function step(ids: readonly string[], current: string | null, delta: 1 | -1): string | null {
  if (ids.length === 0) return null
  const at = current === null ? -1 : ids.indexOf(current)
  if (at === -1) return delta === 1 ? (ids[0] ?? null) : (ids[ids.length - 1] ?? null)
  return ids[Math.min(ids.length - 1, Math.max(0, at + delta))] ?? null
}
