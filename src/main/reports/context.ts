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

const trimStartToWord = (text: string): string => {
  if (text.length < CONTEXT_CHARS) return text
  const space = text.search(/\s/)
  return space === -1 || space > 20 ? `…${text}` : `…${text.slice(space + 1)}`
}

const trimEndToWord = (text: string): string => {
  if (text.length < CONTEXT_CHARS) return text
  const space = Math.max(text.lastIndexOf(' '), text.lastIndexOf('\n'))
  return space < text.length - 20 ? `${text}…` : `${text.slice(0, space)}…`
}

/** Paragraph breaks inside the context are shown as a single space. */
const flatten = (text: string): string => text.replace(/\s*\n+\s*/g, ' ')

/**
 * Uses the story text when the claim's position still holds its exact words; otherwise (orphaned,
 * or a stale position) falls back to the prefix/suffix saved in the claim's quote selector.
 */
export function wordsInContext(text: string, claim: Claim): WordsInContext {
  const { quote, position } = claim.anchor
  const fromStory = !claim.orphaned && text.slice(position.start, position.end) === quote.exact
  const before = fromStory ? text.slice(Math.max(0, position.start - CONTEXT_CHARS), position.start) : quote.prefix
  const after = fromStory ? text.slice(position.end, position.end + CONTEXT_CHARS) : quote.suffix
  return { before: trimStartToWord(flatten(before)), quote: quote.exact, after: trimEndToWord(flatten(after)) }
}
