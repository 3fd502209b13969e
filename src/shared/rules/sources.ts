// How a source was used to check a claim: at first hand (primary) or through someone else's account (secondary).
import type { SourceKind } from '../model'

export const checkMethods = ['primary', 'secondary'] as const
export type CheckMethod = (typeof checkMethods)[number]

/**
 * A source's method follows from its kind: the document, the data, the official's own statement or
 * the interview the desk did are primary; a news report, an expert's reading, a social post and
 * anything else are secondary (someone else's account of the facts).
 */
export const sourceMethods: Record<SourceKind, CheckMethod> = {
  primary_document: 'primary',
  dataset: 'primary',
  official_statement: 'primary',
  interview: 'primary',
  news_report: 'secondary',
  expert: 'secondary',
  social_post: 'secondary',
  other: 'secondary'
}

/** A claim was checked at first hand when any of its evidence is primary; '' when it has no evidence. */
export function claimMethod(kinds: readonly SourceKind[]): CheckMethod | '' {
  if (kinds.length === 0) return ''
  return kinds.some((k) => sourceMethods[k] === 'primary') ? 'primary' : 'secondary'
}
