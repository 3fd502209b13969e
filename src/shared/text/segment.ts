// Sentence boundaries in canonical story text, so a margin click can mark a whole statement.
// A rule-based splitter: a sentence ends at . ! ? or … (plus any closing quotes or brackets)
// followed by a space and a capital, digit or opening quote, unless the word before the full stop
// is an abbreviation, an initial or a dotted acronym that does not end the sentence.
import { paragraphs } from './canonical'

export interface Span {
  start: number
  end: number
}

/** Titles, months and Latin shorthands that are almost never the last word of a sentence. */
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms mx dr prof sen rep gov gen col lt sgt capt cmdr adm maj cpl pvt st jr sr rev hon pres supt insp det ' +
    'inc ltd co corp bros llc plc dept univ assn est approx vs etc eg ie cf al fig no nos vol pp ed eds ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ' +
    'mt ft ave blvd rd hwy ste apt'
  ).split(' ')
)

/** After a dotted acronym (U.S., U.N.) a new sentence usually opens with one of these words. */
const SENTENCE_OPENERS = new Set(
  'the a an it he she they we i you this that these those there but and so yet in on at for if when while as after before since his her their its our my no however meanwhile still'.split(' ')
)

const CLOSERS = `"'”’»)]`
const OPENERS = `"'“‘«([`

function isBoundary(text: string, dot: number, next: number): boolean {
  if (text[dot] !== '.') return true
  const before = text.slice(Math.max(0, dot - 20), dot)
  const word = /([\p{L}.]+)$/u.exec(before)?.[1] ?? ''
  if (word.length === 0) return true
  // A single letter before the full stop is an initial ("J. K. Rowling").
  if (/^\p{Lu}$/u.test(word)) return false
  // Dotted acronyms (U.S., a.m., e.g.) end a sentence only when a typical opener follows.
  if (/^(\p{L}\.)+\p{L}$/u.test(word)) {
    const following = /^[\p{L}']+/u.exec(text.slice(next))?.[0]?.toLowerCase() ?? ''
    return SENTENCE_OPENERS.has(following)
  }
  return !ABBREVIATIONS.has(word.toLowerCase())
}

/** Sentences of one paragraph, given as absolute offsets into `text`. */
function splitParagraph(text: string, paragraph: Span): Span[] {
  const out: Span[] = []
  let start = paragraph.start
  const terminal = /[.!?…]+/g
  terminal.lastIndex = paragraph.start
  for (let m = terminal.exec(text); m && m.index < paragraph.end; m = terminal.exec(text)) {
    let end = m.index + m[0].length
    while (end < paragraph.end && CLOSERS.includes(text[end] ?? '')) end++
    if (text[end] !== ' ') continue
    const next = end + 1
    const nextChar = text[next] ?? ''
    if (!/[\p{Lu}\p{N}]/u.test(nextChar) && !OPENERS.includes(nextChar)) continue
    if (!isBoundary(text, m.index + m[0].length - 1, next)) continue
    out.push({ start, end })
    start = next
    terminal.lastIndex = next
  }
  if (start < paragraph.end) out.push({ start, end: paragraph.end })
  return out
}

export function sentences(text: string): Span[] {
  return paragraphs(text).flatMap((p) => splitParagraph(text, p))
}

/** The sentence containing `offset`, or null when the offset falls between paragraphs. */
export function sentenceAt(text: string, offset: number): Span | null {
  const paragraph = paragraphs(text).find((p) => offset >= p.start && offset < p.end)
  return paragraph ? sentenceIn(text, paragraph, offset) : null
}

/** The sentence containing `offset` within a known paragraph (no scan of the whole story). */
export function sentenceIn(text: string, paragraph: Span, offset: number): Span | null {
  if (offset < paragraph.start || offset >= paragraph.end) return null
  return splitParagraph(text, paragraph).find((s) => offset >= s.start && offset < s.end) ?? null
}

/** The sentences of one paragraph. */
export const sentencesIn = (text: string, paragraph: Span): Span[] => splitParagraph(text, paragraph)
