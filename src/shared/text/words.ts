// Words as the library search sees them: runs of letters and digits, with case and accents folded
// ("Élection" and "election" are one word). The one tokenizer of the search: the index, the query, the
// phrase check and the highlighted snippet all cut text here, so a highlighted word is always a word
// the index matched.

/** One word of a text: its folded form and where it stands in the text as written. */
export interface Word {
  term: string
  start: number
  end: number
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu

/** True when every character of `text` is ASCII (then NFD changes nothing and there is no mark to drop). */
function ascii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false
  return true
}

/**
 * Case and accents folded: the form every word is indexed and looked up by. An ASCII word is only
 * lowercased (the same result without the normalisation's copies: most words of an English story).
 */
export const fold = (text: string): string =>
  ascii(text) ? text.toLowerCase() : text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

/** The words of a text with their places in it. */
export function words(text: string): Word[] {
  const found: Word[] = []
  for (const m of text.matchAll(WORD)) found.push({ term: fold(m[0]), start: m.index, end: m.index + m[0].length })
  return found
}

/** The folded words of a text, in order (`words` without their places: indexing a story needs none). */
export function terms(text: string): string[] {
  const found = text.match(WORD)
  if (!found) return []
  for (let i = 0; i < found.length; i++) found[i] = fold(found[i]!)
  return found
}

/** A text as its folded words with one space around each, so a phrase is a plain substring (`phraseKey`). */
export const wordLine = (text: string): string => ` ${terms(text).join(' ')} `

/** What `wordLine` holds when the words of `phrase` stand in a row. */
export const phraseKey = (phrase: readonly string[]): string => ` ${phrase.join(' ')} `

export interface ParsedQuery {
  /**
   * Every distinct folded word of the query, in order: a word typed plainly matches any word it starts
   * (so each keystroke finds something), a word inside quotes only itself.
   */
  terms: { term: string; prefix: boolean }[]
  /** Each quoted phrase of two or more words, as folded words. */
  phrases: string[][]
}

/** Reads a search box's words: "quoted words" are a phrase, each of the others matches any word it starts. */
export function parseQuery(query: string): ParsedQuery {
  const phrases: string[][] = []
  const found = new Map<string, boolean>()
  const parts = query.split('"')
  parts.forEach((part, i) => {
    const inPart = terms(part)
    // An odd part stands between quotes; the last odd part of an unclosed quote is plain words.
    const quoted = i % 2 === 1 && i < parts.length - 1
    if (quoted && inPart.length > 1) phrases.push(inPart)
    for (const term of inPart) found.set(term, (found.get(term) ?? false) || !quoted)
  })
  return { terms: [...found].map(([term, prefix]) => ({ term, prefix })), phrases }
}
