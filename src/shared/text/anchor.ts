// Anchoring a claim to words in a story, and finding those words again in a new revision.
// The approach of the Hypothesis client: describe a range by its quote plus 32 characters of
// context either side and its position; to resolve, try the words where they were, then every
// exact occurrence, then approximate matches scored on quote, prefix, suffix and position.
// Unlike Hypothesis, which always takes the best candidate, we orphan a claim when no candidate
// is convincing: an editor can re-attach an orphan, but cannot see a claim moved to wrong words.
import search from 'approx-string-match'
import type { ClaimAnchor, StoryPart } from '../model/claim'
import { mapParagraphs } from './position-hint'
import { trimRange, type TextRange } from './range'

/** Enough context to tell a repeated phrase apart, short enough to survive nearby edits. */
export const CONTEXT_LENGTH = 32

export type AnchorStatus = 'exact' | 'moved' | 'fuzzy' | 'orphaned'

export interface ResolvedAnchor {
  status: AnchorStatus
  anchor: ClaimAnchor
}

/** Describes `start..end` of `text`, the text of the story's `part` (see parts.ts). */
export function describe(text: string, start: number, end: number, revision: number, part: StoryPart): ClaimAnchor {
  return {
    part,
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
      suffix: text.slice(end, end + CONTEXT_LENGTH)
    },
    position: { type: 'TextPositionSelector', start, end },
    revision
  }
}

/**
 * 1 when `actual` reads exactly like `expected`, falling towards 0 with each edit. Empty context
 * means the start or end of the story, which only the start or end of the new text matches.
 */
function similarity(actual: string, expected: string): number {
  if (expected.length === 0 || actual.length === 0) return expected.length === actual.length ? 1 : 0
  const best = search(actual, expected, expected.length)[0]
  return best ? Math.max(0, 1 - best.errors / expected.length) : 0
}

interface Candidate {
  start: number
  end: number
  quote: number
  prefix: number
  suffix: number
  score: number
}

/** Weights from Hypothesis's match-quote: the words matter most, context next, position only breaks ties. */
const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 }
const WEIGHT_SUM = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position

function score(text: string, anchor: ClaimAnchor, hint: number, start: number, end: number, errors: number): Candidate {
  const { exact, prefix, suffix } = anchor.quote
  const quote = 1 - errors / exact.length
  const before = similarity(text.slice(Math.max(0, start - prefix.length), start), prefix)
  const after = similarity(text.slice(end, end + suffix.length), suffix)
  const position = 1 - Math.min(1, Math.abs(start - hint) / Math.max(1, text.length))
  const total =
    (WEIGHTS.quote * quote + WEIGHTS.prefix * before + WEIGHTS.suffix * after + WEIGHTS.position * position) /
    WEIGHT_SUM
  return { start, end, quote, prefix: before, suffix: after, score: total }
}

const best = (candidates: Candidate[]): Candidate | undefined =>
  candidates.reduce<Candidate | undefined>((a, b) => (!a || b.score > a.score ? b : a), undefined)

/** A quote this long is specific enough that one exact occurrence is the same words, moved. */
const DISTINCTIVE_LENGTH = 40
/** An approximate match must keep at least this share of the quote's characters. */
const MIN_QUOTE_SIMILARITY = 0.75
/** Most of the context on at least one side must survive (half can match by chance: "… said "). */
const MIN_CONTEXT_SIMILARITY = 0.6
const MAX_EXACT_OCCURRENCES = 2000

function exactCandidates(text: string, anchor: ClaimAnchor, hint: number): Candidate[] {
  const { exact } = anchor.quote
  const out: Candidate[] = []
  for (
    let at = text.indexOf(exact);
    at !== -1 && out.length < MAX_EXACT_OCCURRENCES;
    at = text.indexOf(exact, at + 1)
  ) {
    out.push(score(text, anchor, hint, at, at + exact.length, 0))
  }
  return out
}

const contextHolds = (c: Candidate) => Math.max(c.prefix, c.suffix) >= MIN_CONTEXT_SIMILARITY

/**
 * Moves an approximate match's edges to word edges so a claim never starts or ends mid-word. Each
 * edge goes to the nearer word edge: an approximate match often takes a letter or two of a word
 * that replaced the quote's last word, and widening to that whole word would claim new words.
 */
function snapToWords(text: string, start: number, end: number): TextRange {
  const word = /[\p{L}\p{N}]/u
  const inWord = (at: number) => word.test(text[at - 1] ?? '') && word.test(text[at] ?? '')
  if (inWord(start)) {
    let back = start
    while (back > 0 && inWord(back)) back--
    let forward = start
    while (forward < end && inWord(forward)) forward++
    start = start - back <= forward - start ? back : forward
  }
  if (inWord(end)) {
    let forward = end
    while (forward < text.length && inWord(forward)) forward++
    let back = end
    while (back > start && inWord(back)) back--
    end = forward - end <= end - back ? forward : back
  }
  return trimRange(text, { start, end }) ?? { start: end, end }
}

/** A word of text (a run without spaces) and where it is; `text` is lower case, without punctuation at its ends. */
interface TextWord {
  text: string
  start: number
  end: number
  /** Where its letters and digits begin and end (its punctuation left out). */
  inner: TextRange
}

const wordsIn = (text: string, from: number, to: number): TextWord[] =>
  [...text.slice(from, to).matchAll(/\S+/g)].map((m) => {
    const start = from + m.index
    const lead = m[0].search(/[\p{L}\p{N}]/u)
    const trail = m[0].length - 1 - (m[0].match(/[\p{L}\p{N}][^\p{L}\p{N}]*$/u)?.index ?? m[0].length - 1)
    const inner =
      lead === -1 ? { start, end: start + m[0].length } : { start: start + lead, end: start + m[0].length - trail }
    return { text: text.slice(inner.start, inner.end).toLowerCase(), start, end: start + m[0].length, inner }
  })

/** The same word, or the same word with a typo fixed (a short word must match exactly). */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true
  if (Math.min(a.length, b.length) < 4) return false
  return similarity(a, b) >= 0.7
}

/** How many of the quote's words at either edge may have been replaced by other words. */
const EDGE_WORDS = 2

/**
 * Puts the edges of an approximate match on the quote's own first and last words. The letters an
 * approximate search matches can stop short of the quote's last words when a word before them was
 * replaced by a longer one ("somebody's got to do" → "somebody's industrial to do" matches as well
 * ending at "somebody's"), or run over a new word that replaced the quote's first word. An edge whose
 * word is the quote's edge word stays. Else it goes to the nearest word, within the slack the match's
 * errors allow outside the range or among its first (last) words inside, that is one of the quote's
 * first (last) words followed (preceded) by the next quote word, or by the one after with a replaced
 * word between; the outermost such quote word wins. When none is found the edge stays.
 */
function alignEdges(text: string, range: TextRange, exact: string, errors: number): TextRange {
  const quote = wordsIn(exact, 0, exact.length).map((w) => w.text)
  if (quote.length < EDGE_WORDS + 2) return range
  const slack = 3 * errors + 8
  // Within the range's own paragraph: a claim never grows across a paragraph break.
  const breakBefore = text.lastIndexOf('\n\n', range.start - 1)
  const breakAfter = text.indexOf('\n\n', range.end)
  const from = Math.max(range.start - slack, breakBefore === -1 ? 0 : breakBefore + 2)
  const to = Math.min(range.end + slack, breakAfter === -1 ? text.length : breakAfter)
  const words = wordsIn(text, from, to)
  const first = words.findIndex((w) => w.start >= range.start)
  const last = words.findLastIndex((w) => w.end <= range.end)
  if (first === -1 || last < first) return range
  /** Whether the words from index `i` on (step 1) or back (step -1) read like the quote's from `k`. */
  const reads = (i: number, k: number, step: 1 | -1) =>
    sameWord(words[i]?.text ?? '', quote[k]!) &&
    (sameWord(words[i + step]?.text ?? '', quote[k + step] ?? '') ||
      sameWord(words[i + 2 * step]?.text ?? '', quote[k + 2 * step] ?? ''))
  const edge = (at: number, outer: number, inner: number, step: 1 | -1, quoteEdge: number): number => {
    if (sameWord(words[at]!.text, quote[quoteEdge]!)) return at
    // Candidates: outside the range (within the slack) and the range's first EDGE_WORDS words, nearest first.
    const candidates: number[] = []
    for (let i = outer; step === 1 ? i < at + EDGE_WORDS && i <= inner : i > at - EDGE_WORDS && i >= inner; i += step)
      candidates.push(i)
    candidates.sort((a, b) => Math.abs(a - at) - Math.abs(b - at))
    for (let k = 0; k <= EDGE_WORDS; k++) {
      const q = quoteEdge + k * step
      const found = candidates.find((i) => reads(i, q, step))
      if (found !== undefined) return found
    }
    return at
  }
  // An edge that moves takes the word's punctuation only where the quote's edge has it.
  const wordChar = /[\p{L}\p{N}]/u
  const from0 = edge(first, 0, last, 1, 0)
  const to0 = edge(last, words.length - 1, first, -1, quote.length - 1)
  const start =
    from0 === first ? range.start : wordChar.test(exact[0]!) ? words[from0]!.inner.start : words[from0]!.start
  const end = to0 === last ? range.end : wordChar.test(exact.at(-1)!) ? words[to0]!.inner.end : words[to0]!.end
  return start < end ? { start, end } : range
}

interface Found extends Candidate {
  /** The candidate's edges moved to word edges: the words the claim would cover. */
  range: TextRange
}

/** How many distinct places an approximate search offers before it gives up (twins are few). */
const MAX_FUZZY_PLACES = 3

function fuzzyIn(
  text: string,
  anchor: ClaimAnchor,
  hint: number,
  from: number,
  to: number,
  take: (c: Candidate) => TextRange | undefined
): Found | undefined {
  const { exact } = anchor.quote
  const maxErrors = Math.min(256, Math.floor(exact.length * (1 - MIN_QUOTE_SIMILARITY)))
  const ranked = search(text.slice(from, to), exact, maxErrors)
    .map((m) => score(text, anchor, hint, from + m.start, from + m.end, m.errors))
    .sort((a, b) => b.score - a.score)
  // The best match at each of a few places: a near twin's words may score best, and the claim's
  // own words, edited, come next.
  const tried: Candidate[] = []
  for (const found of ranked) {
    if (tried.length >= MAX_FUZZY_PLACES || found.quote < MIN_QUOTE_SIMILARITY) return undefined
    if (tried.some((t) => t.start < found.end && found.start < t.end)) continue
    tried.push(found)
    // Without its context, only a long, nearly identical quote is trusted: a short one ("And we can
    // do it.") recurs in real copy, and its look-alike elsewhere is other words.
    if (!contextHolds(found) && (found.quote < 0.9 || exact.length < DISTINCTIVE_LENGTH)) continue
    const range = take(found)
    if (range) return { ...found, range }
  }
  return undefined
}

/** How far around the expected place to look first; most edits move words only a little. */
const NEARBY = 2000

function fuzzyCandidate(
  text: string,
  anchor: ClaimAnchor,
  hint: number,
  take: (c: Candidate) => TextRange | undefined
): Found | undefined {
  // Very short quotes ("40%") match too much of any story approximately; they must match exactly.
  if (anchor.quote.exact.length < 8) return undefined
  // A near, nearly identical match with its context intact is taken without scanning the whole
  // story; anything less certain is compared against every candidate in the text.
  const from = Math.max(0, hint - NEARBY)
  const to = Math.min(text.length, hint + anchor.quote.exact.length + NEARBY)
  const near = fuzzyIn(text, anchor, hint, from, to, take)
  if (near && near.quote >= 0.9 && contextHolds(near)) return near
  return from === 0 && to === text.length ? near : fuzzyIn(text, anchor, hint, 0, text.length, take)
}

/**
 * How far the words of another place may read from a candidate (quote and context) and still be
 * where it came from: a near twin copied with one word changed is well within this.
 */
const MAX_ORIGIN_ERRORS = 0.25
/** Context compared (within the paragraph) when the anchor's own context reads the same at two places. */
const WIDE_CONTEXT = 240

/** Pieces of a window (10 characters, one every 20) looked up word for word to find where else it might be. */
const PIECE = 10
/** A piece found more often than this ("s of the ") says nothing about where the window came from. */
const COMMON_PIECE = 8

/**
 * The parts of `oldText` outside `skip` where `window` might read within `limit` errors (null when
 * every piece of it is everywhere, so it could come from anywhere): around
 * each place where a piece of it appears word for word (seed and extend, as BLAST does). A twin with
 * a word or two changed keeps most pieces, so this finds it with a few indexOf calls instead of an
 * approximate search over the whole story for every claim that moved.
 */
function placesLike(oldText: string, window: string, limit: number, skip: TextRange): TextRange[] | null {
  const starts: number[] = []
  let informative = 0
  for (let i = 0; i + PIECE <= window.length; i += 2 * PIECE) {
    const piece = window.slice(i, i + PIECE)
    const hits: number[] = []
    for (let at = oldText.indexOf(piece); at !== -1 && hits.length <= COMMON_PIECE; at = oldText.indexOf(piece, at + 1))
      hits.push(at)
    if (hits.length > COMMON_PIECE) continue
    informative++
    for (const at of hits) if (at + PIECE <= skip.start || at >= skip.end) starts.push(at - i)
  }
  if (informative === 0) return null
  const regions: TextRange[] = []
  for (const at of starts.sort((a, b) => a - b)) {
    const from = Math.max(0, at - limit)
    const to = Math.min(oldText.length, at + window.length + limit)
    const last = regions.at(-1)
    if (last && from <= last.end) last.end = Math.max(last.end, to)
    else regions.push({ start: from, end: to })
  }
  return regions
}

/**
 * Which place of the old text the words at `start..end` of `text` read most like, with `before`
 * and `after` characters of context: the claim's own place (`own`), another one, or both equally
 * ('none': neither reads like it).
 */
function origin(
  text: string,
  oldText: string,
  own: TextRange | null,
  start: number,
  end: number,
  context: number,
  inParagraph = false
): 'own' | 'other' | 'tie' | 'none' {
  let from = Math.max(0, start - context)
  let to = Math.min(text.length, end + context)
  if (inParagraph) {
    // Paragraphs around it move and change in any copy-edit; its own paragraph is what tells.
    const breakBefore = text.lastIndexOf('\n\n', start - 1)
    const breakAfter = text.indexOf('\n\n', end)
    if (breakBefore !== -1) from = Math.max(from, breakBefore + 2)
    if (breakAfter !== -1) to = Math.min(to, breakAfter)
  }
  const window = text.slice(from, to)
  const quote = text.slice(start, end)
  // How far the candidate's words read from old words at `s..e` (give or take a few characters).
  const limit = Math.floor(window.length * MAX_ORIGIN_ERRORS)
  // How far the candidate's words read from old words at `s..e` (give or take a few characters);
  // past half the words they read like other words, however far.
  const quoteLimit = Math.floor(quote.length / 2)
  const quoteErrors = (s: number, e: number) =>
    Math.min(
      quoteLimit + 1,
      ...search(oldText.slice(Math.max(0, s - 4), e + 4), quote, quoteLimit).map((m) => m.errors)
    )
  // How far the candidate reads from the claim's own place, words and context.
  let ownWindow = Number.POSITIVE_INFINITY
  let ownQuote = Number.POSITIVE_INFINITY
  if (own !== null) {
    const region = oldText.slice(Math.max(0, own.start - context - 16), own.end + context + 16)
    for (const m of search(region, window, limit)) ownWindow = Math.min(ownWindow, m.errors)
    ownQuote = quoteErrors(own.start, own.end)
  }
  // The other place that reads closest: where does the candidate's quote fall in it?
  let other: { errors: number; start: number; end: number } | null = null
  const ownZone = own === null ? { start: 0, end: 0 } : { start: own.start - context, end: own.end + context }
  const places = placesLike(oldText, window, limit, ownZone)
  // Words repeated all over the story (the same paragraph a hundred times) could be any of them.
  if (places === null) return 'tie'
  const matches = places.flatMap((region) =>
    search(oldText.slice(region.start, region.end), window, limit).map((m) => ({
      ...m,
      start: m.start + region.start,
      end: m.end + region.start
    }))
  )
  for (const m of matches) {
    const quoteStart = m.start + (start - from)
    const quoteEnd = m.end - (to - end)
    // Other words when most of the quote lies outside the claim's own words (a twin right next to
    // them overlaps a little).
    const overlap = own === null ? 0 : Math.min(quoteEnd, own.end) - Math.max(quoteStart, own.start)
    if (overlap * 2 > Math.max(1, quoteEnd - quoteStart)) continue
    if (!other || m.errors < other.errors) other = { errors: m.errors, start: quoteStart, end: quoteEnd }
  }
  if (!other) return own === null ? 'none' : 'own'
  // The words themselves decide first (a twin differs in one of them), then the words with context.
  const otherQuote = quoteErrors(other.start, other.end)
  if (otherQuote !== ownQuote) return otherQuote < ownQuote ? 'other' : 'own'
  return other.errors < ownWindow ? 'other' : other.errors > ownWindow ? 'own' : 'tie'
}

/**
 * Where each side of the claim's unedited words at `start..end` of `text` reads from, when those
 * words stood word for word elsewhere in `oldText` too: 'other' when both sides read more like the
 * other place's, 'split' when one side does and the other reads more like the claim's own place,
 * null otherwise (no other place, or no side that tells). A side tells when it reads within
 * MAX_ORIGIN_ERRORS of the place it is nearer to.
 */
function sideOrigins(
  text: string,
  oldText: string,
  own: TextRange,
  start: number,
  end: number,
  context: number
): 'other' | 'split' | null {
  const others: number[] = []
  const length = end - start
  for (
    let at = oldText.indexOf(text.slice(start, end));
    at !== -1;
    at = oldText.indexOf(text.slice(start, end), at + 1)
  )
    if (at !== own.start && others.length < MAX_FUZZY_PLACES) others.push(at)
  if (others.length === 0) return null
  const distance = (a: string, b: string) =>
    a.length === 0 || b.length === 0 ? Math.max(a.length, b.length) : (search(a, b, b.length)[0]?.errors ?? b.length)
  const vote = (side: string, ownSide: string, otherSides: string[]): 'own' | 'other' | null => {
    if (side.length === 0) return null
    const toOwn = distance(side, ownSide)
    const toOther = Math.min(...otherSides.map((o) => distance(side, o)))
    if (toOwn === toOther || Math.min(toOwn, toOther) > side.length * MAX_ORIGIN_ERRORS) return null
    return toOwn < toOther ? 'own' : 'other'
  }
  const before = (t: string, at: number) => t.slice(Math.max(0, at - context), at)
  const after = (t: string, at: number) => t.slice(at, at + context)
  const votes = [
    vote(
      before(text, start),
      before(oldText, own.start),
      others.map((at) => before(oldText, at))
    ),
    vote(
      after(text, end),
      after(oldText, own.end),
      others.map((at) => after(oldText, at + length))
    )
  ]
  if (votes.includes('other')) return votes.includes('own') ? 'split' : 'other'
  return null
}

/**
 * True when the words at `start..end` of `text` are a near twin of the claim's words that was in
 * the story already (the same sentence with another name, number, negation or speaker), not the
 * claim's words moved or edited: with their context they read more like another place of
 * `oldText` than like the claim's own place there, or as much like both even with a wide context.
 * The anchor's context alone cannot tell these apart when the twin's sentence is the context too;
 * where the words came from can.
 */
function fromElsewhere(text: string, oldText: string, anchor: ClaimAnchor, start: number, end: number): boolean {
  const { exact, prefix, suffix } = anchor.quote
  // The claim's own place in the old text, when its words are there (an orphan's are not).
  const own = oldText.slice(anchor.position.start, anchor.position.end) === exact ? anchor.position : null
  // Edited words that were in the old text word for word, elsewhere, are those words.
  const words = text.slice(start, end)
  if (words === exact) {
    // The claim's words unedited: only a twin holding them word for word could be mistaken for them.
    const first = oldText.indexOf(exact)
    if (own !== null && first === own.start && oldText.indexOf(exact, first + 1) === -1) return false
  } else {
    for (let at = oldText.indexOf(words); at !== -1; at = oldText.indexOf(words, at + 1)) {
      if (own === null || at >= own.end || at + words.length <= own.start) return true
    }
  }
  const context = Math.max(prefix.length, suffix.length)
  // Each side of the words on its own: a twin standing right before (or after) the claim's deleted
  // sentence keeps its own context on one side and inherits the claim's on the other. Read whole,
  // the inherited side can outweigh the twin's, so sides that disagree are settled by the paragraph.
  const sides = words === exact && own !== null ? sideOrigins(text, oldText, own, start, end, context) : null
  if (sides === 'other') return true
  if (sides !== 'split') {
    const near = origin(text, oldText, own, start, end, context)
    if (near !== 'tie') return near === 'other'
  }
  const wide = origin(text, oldText, own, start, end, WIDE_CONTEXT, true)
  return wide === 'other' || wide === 'tie'
}

export function resolveAnchor(
  anchor: ClaimAnchor,
  text: string,
  revision: number,
  hint = anchor.position.start,
  oldText?: string
): ResolvedAnchor {
  const { exact } = anchor.quote
  const { start, end } = anchor.position
  const orphan: ResolvedAnchor = { status: 'orphaned', anchor }
  if (exact.length === 0) return orphan

  // Fast path: the same words with the same context where we expect them (most claims, most edits).
  const { prefix, suffix } = anchor.quote
  for (const at of hint === start ? [start] : [hint, start]) {
    const atEnd = at + exact.length
    const same =
      at >= prefix.length &&
      text.slice(at, atEnd) === exact &&
      text.slice(at - prefix.length, at) === prefix &&
      text.slice(atEnd, atEnd + suffix.length) === suffix
    if (same)
      return {
        status: at === start && atEnd === end ? 'exact' : 'moved',
        anchor: describe(text, at, atEnd, revision, anchor.part)
      }
  }

  const occurrences = exactCandidates(text, anchor, hint)
  const twin = (c: TextRange) => oldText !== undefined && fromElsewhere(text, oldText, anchor, c.start, c.end)
  const top = best(occurrences)
  // Two places with the claim's words, each agreeing with its context on one side only (its own sentence,
  // moved, against a near twin left where it stood): nothing says which is the claim's, so it is orphaned.
  if (top && occurrences.some((c) => c !== top && contextHolds(c) && (c.prefix > top.prefix || c.suffix > top.suffix)))
    return orphan
  if (top && (contextHolds(top) || (occurrences.length === 1 && exact.length >= DISTINCTIVE_LENGTH))) {
    if (!twin(top)) {
      const status = top.start === start && top.end === end ? 'exact' : 'moved'
      return { status, anchor: describe(text, top.start, top.end, revision, anchor.part) }
    }
    // The same words are a near twin's, which were there before; the claim's own may be here, edited.
  } else if (occurrences.length > 0) {
    // The words still appear but nowhere convincingly theirs (a repeat in other context): fuzzy
    // matching would only find the same doubtful places, so give up rather than guess.
    return orphan
  }

  const fuzzy = fuzzyCandidate(text, anchor, hint, (c) => {
    const snapped = snapToWords(text, c.start, c.end)
    // The whole words claimed must still read like the quote, not just the letters matched.
    if (
      snapped.start >= snapped.end ||
      similarity(text.slice(snapped.start, snapped.end), exact) < MIN_QUOTE_SIMILARITY
    )
      return undefined
    const range = alignEdges(text, snapped, exact, Math.round((1 - c.quote) * exact.length))
    return twin(range) ? undefined : range
  })
  if (!fuzzy) return orphan
  return { status: 'fuzzy', anchor: describe(text, fuzzy.range.start, fuzzy.range.end, revision, anchor.part) }
}

/**
 * Re-anchors every claim from `oldText` into `newText` (revision `revision`), in the order given;
 * the anchors are all in one part of the story, the part whose text changed.
 */
export function resolveAnchors(
  anchors: ClaimAnchor[],
  oldText: string,
  newText: string,
  revision: number
): ResolvedAnchor[] {
  const paragraphs = mapParagraphs(oldText, newText)
  return anchors.map((anchor) => {
    const { start, end } = anchor.position
    // A claim whose paragraph moved word for word goes with it, whatever its context across the
    // paragraph's edges says (a near twin left where it stood may have inherited that context).
    const to = oldText.slice(start, end) === anchor.quote.exact ? paragraphs.carried(start, end) : null
    if (to !== null)
      return {
        status: to === start ? 'exact' : 'moved',
        anchor: describe(newText, to, to + (end - start), revision, anchor.part)
      }
    return resolveAnchor(anchor, newText, revision, paragraphs.hint(start), oldText)
  })
}
