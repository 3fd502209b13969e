// The desk's rules for a verdict it can stand behind, in one place for services, reports and screens:
// which words a verdict was given on, when it waits for re-check, what blocks sign-off and what
// may be published.
import type { CheckedWords, Claim, DeskState, Evidence, RecheckReason, Review, Settings, StoryPart } from '../model'
import { anchorRange, sameRange, type PartRange } from '../text/parts'
import { isDone } from './scales'

/** How a claim is named everywhere people talk about it: the list, toasts, history, reports. */
export const claimLabel = (number: number): string => `C${number}`

/** The claim already on these very words (not an orphan), if any: the same words are never two claims. */
export const claimOnWords = <C extends Pick<Claim, 'anchor' | 'orphaned'>>(
  claims: readonly C[],
  range: PartRange
): C | undefined => claims.find((c) => !c.orphaned && sameRange(anchorRange(c.anchor), range))

/** The desk state that means "signed off"; reaching it is what the sign-off rules guard. */
export const FINAL_DESK_STATE: DeskState = 'cleared'

/** The headline is read before the story text. */
const partRank = (part: StoryPart): number => (part === 'headline' ? 0 : 1)

/** Anchored claims in the order their words appear (headline first); orphaned ones (no place in the text) last. */
export function storyOrder(
  a: Pick<Claim, 'orphaned' | 'anchor' | 'createdAt'>,
  b: Pick<Claim, 'orphaned' | 'anchor' | 'createdAt'>
): number {
  if (a.orphaned !== b.orphaned) return a.orphaned ? 1 : -1
  return (
    partRank(a.anchor.part) - partRank(b.anchor.part) ||
    a.anchor.position.start - b.anchor.position.start ||
    a.anchor.position.end - b.anchor.position.end ||
    a.createdAt.localeCompare(b.createdAt)
  )
}

/** The claim's words as they stand now, as a checked-words record stamped with who and when. */
export function checkedNow(claim: Pick<Claim, 'anchor'>, by: string, at: string): CheckedWords {
  const { exact, prefix, suffix } = claim.anchor.quote
  return { exact, prefix, suffix, revision: claim.anchor.revision, at, by }
}

/** A claim carries a checked-words record once it has a verdict or is Done. */
export const isChecked = (claim: Pick<Claim, 'verdict' | 'status'>): boolean => claim.verdict !== null || isDone(claim)

export const needsRecheck = (claim: Pick<Claim, 'recheck'>): boolean => claim.recheck !== null

/** The checked words when they differ from today's, for the panel's word diff and the reports. */
export function checkedWordsIfChanged(claim: Pick<Claim, 'checked' | 'anchor'>): string | null {
  return claim.checked && claim.checked.exact !== claim.anchor.quote.exact ? claim.checked.exact : null
}

/**
 * After a revision re-anchored a claim: does its verdict still stand? Words found exactly (or moved
 * unchanged) keep it; words that now read differently from the checked ones do not.
 */
export function recheckAfterRevision(claim: Pick<Claim, 'checked' | 'recheck'>, newWords: string): boolean {
  return claim.recheck === null && claim.checked !== null && claim.checked.exact !== newWords
}

/** An editor placing an orphan on words by hand: a checked claim's verdict must be looked at again. */
export const recheckAfterReattach = (claim: Pick<Claim, 'checked'>): boolean => claim.checked !== null

export const recheckReasonLabels: Record<RecheckReason, string> = {
  revised: 'the words were edited in a revision',
  reattached: 'the claim was re-attached to new words'
}

/** Done with nothing attached and no note on what it was checked against. */
export function lacksCheckedAgainst(
  claim: Pick<Claim, 'id' | 'status' | 'checkedAgainst'>,
  evidence: readonly Pick<Evidence, 'claimId'>[]
): boolean {
  return isDone(claim) && claim.checkedAgainst.trim() === '' && !evidence.some((e) => e.claimId === claim.id)
}

/** Who gave the claim's present verdict, as its checked words say (the editor a second review must not be). */
export const verdictGiver = (claim: Pick<Claim, 'verdict' | 'checked'>): string | null =>
  claim.verdict === null ? null : (claim.checked?.by ?? null)

/**
 * The second reviews that speak to the claim's present verdict: given on that verdict, since it was
 * given on the present words, by someone other than its giver; each reviewer's latest only (an editor
 * who agreed and then dissented no longer agrees). Older reviews stay on the claim as its record.
 */
export function currentReviews(claim: Pick<Claim, 'verdict' | 'checked' | 'reviews'>): Review[] {
  const giver = verdictGiver(claim)
  if (claim.verdict === null || claim.checked === null) return []
  const since = claim.checked.at
  const latest = new Map<string, Review>()
  for (const r of claim.reviews) if (r.verdict === claim.verdict && r.at >= since && r.by !== giver) latest.set(r.by, r)
  return [...latest.values()]
}

/** An editor other than the verdict's giver agrees with the present verdict. */
export const hasAgreeingReview = (claim: Pick<Claim, 'verdict' | 'checked' | 'reviews'>): boolean =>
  currentReviews(claim).some((r) => r.stance === 'agree')

/** The desk asks for a second review and this claim's present verdict has no agreeing one yet. */
export const lacksSecondReview = (
  claim: Pick<Claim, 'verdict' | 'checked' | 'reviews'>,
  settings: Pick<Settings, 'requireSecondReview'>
): boolean => settings.requireSecondReview && !hasAgreeingReview(claim)

/** Why `by` may not review the claim now; null when they may. */
export function whyNoReview(claim: Pick<Claim, 'number' | 'verdict' | 'checked'>, by: string): string | null {
  if (claim.verdict === null) return `${claimLabel(claim.number)} has no verdict to review yet.`
  if (verdictGiver(claim) === by)
    return `You gave ${claimLabel(claim.number)}'s verdict: a second review is by another editor.`
  return null
}

export const blockReasons = [
  'not_done',
  'no_verdict',
  'orphaned',
  'needs_recheck',
  'no_checked_against',
  'no_second_review'
] as const
export type BlockReason = (typeof blockReasons)[number]

export const blockReasonLabels: Record<BlockReason, string> = {
  not_done: 'not Done',
  no_verdict: 'no verdict',
  orphaned: 'orphaned',
  needs_recheck: 'needs re-check',
  no_checked_against: 'Done with no evidence or note on what it was checked against',
  no_second_review: 'no agreeing second review by another editor'
}

export interface SignOffBlocker {
  claimId: string
  number: number
  reasons: BlockReason[]
}

/** Why one claim keeps its story from being cleared; empty when it does not. */
export function claimBlockers(
  claim: Claim,
  evidence: readonly Evidence[],
  settings: Pick<Settings, 'requireCheckedAgainst' | 'requireSecondReview'>
): BlockReason[] {
  const reasons: BlockReason[] = []
  if (!isDone(claim)) reasons.push('not_done')
  if (claim.verdict === null) reasons.push('no_verdict')
  if (claim.orphaned) reasons.push('orphaned')
  if (needsRecheck(claim)) reasons.push('needs_recheck')
  if (settings.requireCheckedAgainst && lacksCheckedAgainst(claim, evidence)) reasons.push('no_checked_against')
  if (claim.verdict !== null && lacksSecondReview(claim, settings)) reasons.push('no_second_review')
  return reasons
}

/** Every claim that blocks sign-off, in claim-number order. */
export function signOffBlockers(
  claims: readonly Claim[],
  evidence: readonly Evidence[],
  settings: Pick<Settings, 'requireCheckedAgainst' | 'requireSecondReview'>
): SignOffBlocker[] {
  return claims
    .map((c) => ({ claimId: c.id, number: c.number, reasons: claimBlockers(c, evidence, settings) }))
    .filter((b) => b.reasons.length > 0)
    .sort((a, b) => a.number - b.number)
}

export const describeBlocker = (b: SignOffBlocker): string =>
  `${claimLabel(b.number)}: ${b.reasons.map((r) => blockReasonLabels[r]).join(', ')}`

export const leftOutReasons = ['not_signed_off', 'not_done', 'no_verdict', 'needs_recheck', 'orphaned'] as const
export type LeftOutReason = (typeof leftOutReasons)[number]

export const leftOutReasonLabels: Record<LeftOutReason, string> = {
  not_signed_off: 'story not signed off',
  not_done: 'not Done',
  no_verdict: 'no verdict',
  needs_recheck: 'waiting for re-check',
  orphaned: 'orphaned'
}

/**
 * ClaimReview publishes only a Done verdict given on the words as they stand, in a story the desk
 * signed off: null when it may go out.
 */
export function whyNotPublishable(
  claim: Pick<Claim, 'status' | 'verdict' | 'orphaned'> & { needsRecheck: boolean },
  signedOff: boolean
): LeftOutReason | null {
  if (!signedOff) return 'not_signed_off'
  if (!isDone(claim)) return 'not_done'
  if (claim.verdict === null) return 'no_verdict'
  if (claim.needsRecheck) return 'needs_recheck'
  if (claim.orphaned) return 'orphaned'
  return null
}
