// The words of a claim with a little of the story either side, so a reader sees them in context.
import type { Claim } from '../../shared/model'

/**
 * About one line of text either side. Longer makes 1,000-claim reports heavy; shorter often cuts
 * off the subject of the sentence. The cut is moved back to a word boundary.
 */
const CONTEXT_CHARS = 90

export interface WordsInContext {
  before: string
  quote: string
  after: string
}

/** Paragraph breaks inside the context are shown as a single space. */
const flatten = (text: string): string => text.replace(/\s*\n+\s*/g, ' ')

/** A cut-off start drops the broken first word (unless it is very long) and shows an ellipsis. */
function cutStart(text: string, cut: boolean): string {
  const flat = flatten(text)
  if (!cut) return flat
  const space = flat.search(/\s/)
  return space === -1 || space > 20 ? `…${flat}` : `…${flat.slice(space + 1)}`
}

function cutEnd(text: string, cut: boolean): string {
  const flat = flatten(text)
  if (!cut) return flat
  const space = flat.lastIndexOf(' ')
  return space === -1 || space < flat.length - 20 ? `${flat}…` : `${flat.slice(0, space)}…`
}

/**
 * Uses the story text when the claim's position still holds its exact words; otherwise (orphaned,
 * or a stale position) falls back to the prefix/suffix saved in the claim's quote selector.
 */
export function wordsInContext(text: string, claim: Claim): WordsInContext {
  const { quote, position } = claim.anchor
  const fromStory = !claim.orphaned && text.slice(position.start, position.end) === quote.exact
  if (!fromStory)
    return {
      before: cutStart(quote.prefix, quote.prefix !== ''),
      quote: quote.exact,
      after: cutEnd(quote.suffix, quote.suffix !== '')
    }
  const from = Math.max(0, position.start - CONTEXT_CHARS)
  const to = Math.min(text.length, position.end + CONTEXT_CHARS)
  return {
    before: cutStart(text.slice(from, position.start), from > 0),
    quote: quote.exact,
    after: cutEnd(text.slice(position.end, to), to < text.length)
  }
}
