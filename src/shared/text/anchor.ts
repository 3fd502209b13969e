// Anchoring a claim to words in a story, and finding those words again in a new revision.
// The approach of the Hypothesis client: describe a range by its quote plus 32 characters of
// context either side and its position; to resolve, try the words where they were, then every
// exact occurrence, then approximate matches scored on quote, prefix, suffix and position.
// Unlike Hypothesis, which always takes the best candidate, we orphan a claim when no candidate
// is convincing: an editor can re-attach an orphan, but cannot see a claim moved to wrong words.
import search from 'approx-string-match'
import type { ClaimAnchor, StoryPart } from '../model/claim'
import { positionHint } from './position-hint'
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

function fuzzyIn(text: string, anchor: ClaimAnchor, hint: number, from: number, to: number): Candidate | undefined {
  const { exact } = anchor.quote
  const maxErrors = Math.min(256, Math.floor(exact.length * (1 - MIN_QUOTE_SIMILARITY)))
  const matches = search(text.slice(from, to), exact, maxErrors)
  const found = best(matches.map((m) => score(text, anchor, hint, from + m.start, from + m.end, m.errors)))
  if (!found || found.quote < MIN_QUOTE_SIMILARITY) return undefined
  // Without its context, only a long, nearly identical quote is trusted: a short one ("And we can
  // do it.") recurs in real copy, and its look-alike elsewhere is other words.
  if (!contextHolds(found) && (found.quote < 0.9 || exact.length < DISTINCTIVE_LENGTH)) return undefined
  return found
}

/** How far around the expected place to look first; most edits move words only a little. */
const NEARBY = 2000

function fuzzyCandidate(text: string, anchor: ClaimAnchor, hint: number): Candidate | undefined {
  // Very short quotes ("40%") match too much of any story approximately; they must match exactly.
  if (anchor.quote.exact.length < 8) return undefined
  // A near, nearly identical match with its context intact is taken without scanning the whole
  // story; anything less certain is compared against every candidate in the text.
  const from = Math.max(0, hint - NEARBY)
  const to = Math.min(text.length, hint + anchor.quote.exact.length + NEARBY)
  const near = fuzzyIn(text, anchor, hint, from, to)
  if (near && near.quote >= 0.9 && contextHolds(near)) return near
  return from === 0 && to === text.length ? near : fuzzyIn(text, anchor, hint, 0, text.length)
}

export function resolveAnchor(
  anchor: ClaimAnchor,
  text: string,
  revision: number,
  hint = anchor.position.start
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
  const top = best(occurrences)
  if (top && (contextHolds(top) || (occurrences.length === 1 && exact.length >= DISTINCTIVE_LENGTH))) {
    const status = top.start === start && top.end === end ? 'exact' : 'moved'
    return { status, anchor: describe(text, top.start, top.end, revision, anchor.part) }
  }
  // The words still appear but nowhere convincingly theirs (a repeat in other context): fuzzy
  // matching would only find the same doubtful places, so give up rather than guess.
  if (occurrences.length > 0) return orphan

  const fuzzy = fuzzyCandidate(text, anchor, hint)
  if (!fuzzy) return orphan
  const range = snapToWords(text, fuzzy.start, fuzzy.end)
  // The whole words claimed must still read like the quote, not just the letters matched.
  if (range.start >= range.end || similarity(text.slice(range.start, range.end), exact) < MIN_QUOTE_SIMILARITY)
    return orphan
  return { status: 'fuzzy', anchor: describe(text, range.start, range.end, revision, anchor.part) }
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
  const hint = positionHint(oldText, newText)
  return anchors.map((anchor) => resolveAnchor(anchor, newText, revision, hint(anchor.position.start)))
}
