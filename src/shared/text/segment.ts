// Sentence boundaries, so a margin click marks a whole statement and suggestions rank whole ones.
// Rule-based, in the manner of the "Golden Rules" segmenters (pySBD, pragmatic_segmenter), tuned on
// news copy; scored against Intl.Segmenter, sbd and wink-nlp by `npm run bench` on the corpus in
// testing/segment-corpus.ts. A line break always ends a sentence: in canonical text it only ever
// separates paragraphs, and in other text it separates list items, ranking lines and headings.
// Inside a line: list markers and bullets start items; then a sentence ends at . ! ? or an
// ellipsis (plus closing quotes or brackets, plus a citation like "[12]") where the next word
// opens a sentence, judged by what the word before the full stop is (a title, an initial, a
// dotted acronym, an abbreviation that takes a number, a number, an address).

export interface Span {
  start: number
  end: number
}

const words = (list: string): Set<string> => new Set(list.split(/\s+/).filter(Boolean))

/** Titles go before a name and never end a sentence. */
const TITLES =
  words(`mr mrs ms mx messrs mme mlle dr prof sen rep gov gen col lt sgt capt cmdr adm maj cpl pvt rev hon pres
  supt insp det atty amb fr mt ft gen brig cdr`)

/** Abbreviations that take a number ("No. 5", "p. 55", "Jan. 5"); before a word, they may end a sentence. */
const BEFORE_NUMBERS = words(`no nos p pp fig figs vol vols art arts sec ch chap para paras n° nº op approx ca
  jan feb mar apr jun jul aug sep sept oct nov dec`)

/** Abbreviations that end a name or a phrase ("Pfizer Inc.", "Jr.", "etc."), and so may end a sentence. */
const AFTER_WORDS = words(`inc ltd co corp bros llc plc jr sr esq etc al ave blvd rd st dept univ assn est yrs hrs mins
  secs mo mos wk wks gov't intl natl`)

/** Abbreviations that never end a sentence however the next word is written. */
const NEVER_LAST = words('vs v e.g i.e cf viz')

/**
 * Words that open a new sentence after an abbreviation that might also be mid-sentence
 * ("… Pfizer Inc. The company" but "Apple Inc. rose"; "the U.S. How" but "the U.S. Government").
 */
const OPENERS = words(`the a an it its he she they we i you this that these those there here his her their our my your
  but and or so yet nor if when where while whether what who whom whose which why how as after before since until
  although though because however meanwhile still instead also then now thus hence besides moreover furthermore
  nevertheless nonetheless no not nobody none some many most all both each every several few any another other others
  is are was were will would can could should may might must do does did has have had let please yes in on at for
  from to by with of under over during despite among officials police authorities experts critics analysts
  researchers residents lawmakers investigators prosecutors officers witnesses observers economists scientists doctors
  voters workers people shares prices sales neither either such one two three four five six seven eight nine ten`)

/** After a.m./p.m., these continue the time rather than open a sentence. */
const TIME_FOLLOWERS =
  words(`monday tuesday wednesday thursday friday saturday sunday january february march april may june
  july august september october november december eastern pacific central mountain local gmt utc bst cet et est edt
  pt pst pdt ct cst cdt mt mst mdt`)

/** Speech verbs: a quoted question or exclamation followed by "Forte said" is one sentence. */
const SPEECH_VERBS = `said|says|asked|asks|told|tells|added|adds|wrote|writes|explained|replied|recalled|noted|continued|argued|insisted|admitted|tweeted|posted|shouted|yelled|cried|warned|declared|announced|stated|claimed|answered|responded|remarked|whispered|conceded|acknowledged|joked|quipped|demanded|wondered`
const ATTRIBUTION = new RegExp(`^(?:\\p{Lu}[\\p{L}'’.-]*\\s+){1,3}(?:${SPEECH_VERBS})\\b`, 'u')

const TERMINALS = '.!?…'
const CLOSERS = `"'”’»)]`
const QUOTE_CLOSERS = `"'”’»`
const OPENING_MARKS = `"'“‘«([`
const BULLETS = '•◦▪‣●■⁃'
/** A list marker opening an item: "1.", "2)", "3.)", "a.", "b)". */
const MARKER = /([0-9]{1,3}|[a-zA-Z])(\.\)|\)|\.)(?=\s)/y
const CITATION = /[[(][^[\]()\n]{1,60}[\])]/y

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c)
const isUpper = (c: string | undefined): boolean => c !== undefined && /\p{Lu}/u.test(c)
const isLower = (c: string | undefined): boolean => c !== undefined && /\p{Ll}/u.test(c)
const isDigit = (c: string | undefined): boolean => c !== undefined && /[0-9]/.test(c)

/** Every sentence of `text` (any text: canonical, or with single line breaks), in order. */
export function sentences(text: string): Span[] {
  const out: Span[] = []
  let start = 0
  while (start < text.length) {
    const newline = text.indexOf('\n', start)
    const end = newline === -1 ? text.length : newline
    splitLine(text, start, end, out)
    start = end + 1
  }
  return out
}

/** The sentence containing `offset`, or null when the offset falls on a line break or space between lines. */
export function sentenceAt(text: string, offset: number): Span | null {
  if (offset < 0 || offset >= text.length || text[offset] === '\n') return null
  const start = text.lastIndexOf('\n', offset) + 1
  const newline = text.indexOf('\n', offset)
  const found: Span[] = []
  splitLine(text, start, newline === -1 ? text.length : newline, found)
  return found.find((s) => offset >= s.start && offset < s.end) ?? null
}

/** One line: split into list items, then each item into sentences. */
function splitLine(text: string, from: number, to: number, out: Span[]): void {
  const start = skipSpace(text, from, to)
  let end = to
  while (end > start && isSpace(text[end - 1])) end--
  if (start >= end) return
  for (const item of listItems(text, start, end)) splitItem(text, item.start, item.end, item.body, out)
}

interface Item {
  start: number
  end: number
  /** Where the words begin, after any bullet and list marker. */
  body: number
}

/**
 * A line that opens with a bullet or a list marker may hold several items run together
 * ("1. Finland 2. Denmark", "a) raise taxes b) cut spending", "• 9. first • 10. second").
 * Items are cut before each further bullet and before the next marker in sequence.
 */
function listItems(text: string, start: number, end: number): Item[] {
  const items: Item[] = []
  // Bullets after a space start new items.
  const pieces: Span[] = []
  let pieceStart = start
  if (BULLETS.includes(text[start] ?? '')) {
    for (let i = start + 1; i < end; i++) {
      if (BULLETS.includes(text[i] ?? '') && isSpace(text[i - 1])) {
        pieces.push({ start: pieceStart, end: trimEnd(text, pieceStart, i) })
        pieceStart = i
      }
    }
  }
  pieces.push({ start: pieceStart, end })
  for (const piece of pieces) {
    let at = piece.start
    if (
      BULLETS.includes(text[at] ?? '') ||
      ((text[at] === '-' || text[at] === '*' || text[at] === '–') && isSpace(text[at + 1]))
    )
      at = skipSpace(text, at + 1, piece.end)
    MARKER.lastIndex = at
    const marker = MARKER.exec(text)
    if (!marker || marker.index + marker[0].length > piece.end) {
      items.push({ start: piece.start, end: piece.end, body: at })
      continue
    }
    // Follow the sequence: 1 -> 2 -> 3, a -> b -> c, with the same punctuation.
    let itemStart = piece.start
    let body = skipSpace(text, at + marker[0].length, piece.end)
    let value = marker[1] ?? ''
    const punctuation = marker[2] ?? ''
    for (;;) {
      const next = nextValue(value)
      const needle = ` ${next}${punctuation}`
      let found = text.indexOf(needle, body)
      while (found !== -1 && found < piece.end && !isSpace(text[found + needle.length]))
        found = text.indexOf(needle, found + 1)
      if (found === -1 || found + needle.length >= piece.end) break
      items.push({ start: itemStart, end: trimEnd(text, itemStart, found), body })
      itemStart = found + 1
      body = skipSpace(text, found + needle.length, piece.end)
      value = next
    }
    items.push({ start: itemStart, end: piece.end, body })
  }
  return items
}

const nextValue = (value: string): string =>
  /^[0-9]+$/.test(value) ? String(Number(value) + 1) : String.fromCharCode(value.charCodeAt(0) + 1)

function skipSpace(text: string, at: number, end: number): number {
  while (at < end && isSpace(text[at])) at++
  return at
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && isSpace(text[end - 1])) end--
  return end
}

/** Sentences of one list item or plain line, scanning for boundaries from `body`. */
function splitItem(text: string, start: number, end: number, body: number, out: Span[]): void {
  let sentenceStart = start
  let i = body
  while (i < end) {
    const c = text[i] ?? ''
    if (!TERMINALS.includes(c)) {
      i++
      continue
    }
    const boundary = boundaryAfter(text, i, end)
    if (boundary.sentenceEnd === null) {
      i = boundary.resume
      continue
    }
    out.push({ start: sentenceStart, end: boundary.sentenceEnd })
    sentenceStart = boundary.resume
    i = boundary.resume
  }
  if (sentenceStart < end) out.push({ start: sentenceStart, end })
}

/**
 * Judges the terminal punctuation at `at`. Returns where the sentence ends (or null when it goes
 * on) and where to continue scanning (the next sentence's start when it ends).
 */
function boundaryAfter(text: string, at: number, end: number): { sentenceEnd: number | null; resume: number } {
  // The whole run of terminals, including a spaced ellipsis ". . .".
  let j = at
  for (;;) {
    if (j < end && TERMINALS.includes(text[j] ?? '')) j++
    else if (text[j] === ' ' && text[j + 1] === '.' && j + 1 < end && (text[j - 1] === '.' || text[j - 1] === '…'))
      j += 2
    else break
  }
  const cluster = text.slice(at, j).replace(/ /g, '')
  const goOn = { sentenceEnd: null, resume: j }
  // "[...]" and "(…)" mark words left out of a quotation, not an ending.
  if ((text[at - 1] === '[' || text[at - 1] === '(') && (text[j] === ']' || text[j] === ')')) return goOn
  let k = j
  let quoted = false
  while (k < end && CLOSERS.includes(text[k] ?? '')) {
    if (QUOTE_CLOSERS.includes(text[k] ?? '')) quoted = true
    k++
  }
  if (k >= end) return { sentenceEnd: end, resume: end }

  let sentenceEnd = k
  let next = k
  if (!isSpace(text[k])) {
    // A citation straight after the stop ("4%.[12] The") belongs to the sentence it follows.
    const cite = citation(text, k, end)
    if (cite !== null && (cite >= end || isSpace(text[cite]))) {
      sentenceEnd = cite
      next = skipSpace(text, cite, end)
      if (next >= end) return { sentenceEnd: end, resume: end }
    } else {
      return noSpaceBoundary(text, at, j, k) ? { sentenceEnd: k, resume: k } : goOn
    }
  } else {
    next = skipSpace(text, k, end)
    const cite = citation(text, next, end)
    if (cite !== null && (cite >= end || isSpace(text[cite]))) {
      const after = skipSpace(text, cite, end)
      if (after >= end || opensSentence(text, after)) {
        sentenceEnd = cite
        next = after
        if (next >= end) return { sentenceEnd: end, resume: end }
      }
    }
  }
  if (!opensSentence(text, next)) return goOn
  if (quoted && ATTRIBUTION.test(text.slice(next, next + 80))) return goOn
  const ends = /[!?]/.test(cluster)
    ? true
    : cluster.length >= 3 || cluster.includes('…')
      ? ellipsisEnds(text, cluster, next)
      : fullStopEnds(text, at, next)
  return ends ? { sentenceEnd, resume: next } : goOn
}

/** The end of a short bracketed citation starting at `at` ("[12]", "(Reuters, 2023)"), if there is one. */
function citation(text: string, at: number, end: number): number | null {
  if (text[at] !== '[' && text[at] !== '(') return null
  CITATION.lastIndex = at
  const match = CITATION.exec(text)
  if (!match || at + match[0].length > end) return null
  // A bracketed sentence of its own ("(It later settled.)") is not a citation.
  if (/[.!?…]\s*[\])]$/.test(match[0])) return null
  let stop = at + match[0].length
  if (text[stop] === '.') stop++
  return stop
}

/** Could a sentence start at `at`: a capital, a digit, an opening quote or bracket, or "eBay"? */
function opensSentence(text: string, at: number): boolean {
  const c = text[at]
  if (c === undefined) return false
  if (isUpper(c) || isDigit(c) || '$£€#'.includes(c) || BULLETS.includes(c)) return true
  if (OPENING_MARKS.includes(c)) return true
  // A brand written in lower case first ("eBay", "iPhone") still opens a sentence.
  return /^\p{Ll}+\p{Lu}/u.test(text.slice(at, at + 12))
}

/** The next word, without opening quotes, lower-cased. */
function nextWord(text: string, at: number): string {
  let i = at
  while (OPENING_MARKS.includes(text[i] ?? '')) i++
  return (/^[\p{L}\p{N}'’]+/u.exec(text.slice(i, i + 40))?.[0] ?? '').toLowerCase()
}

/** "he hesitated... The answer" ends; "the thing is . . . I didn’t" goes on. */
function ellipsisEnds(text: string, cluster: string, next: number): boolean {
  const fourDots = cluster.length >= 4 || (cluster.includes('…') && cluster.length >= 2)
  if (fourDots) return true
  return !(text[next] === 'I' && !/[\p{L}]/u.test(text[next + 1] ?? ''))
}

/** The word before a full stop at `at`: the characters back to the previous space, without opening marks. */
function wordBefore(text: string, at: number): string {
  let i = at
  while (i > 0 && !isSpace(text[i - 1]) && at - i < 80) i--
  let word = text.slice(i, at)
  while (word.length > 0 && OPENING_MARKS.includes(word[0] ?? '')) word = word.slice(1)
  while (word.length > 0 && CLOSERS.includes(word.at(-1) ?? '')) word = word.slice(0, -1)
  return word
}

const looksLikeAddress = (word: string): boolean =>
  word.includes('@') || word.includes('://') || /^www\./i.test(word) || word.includes('/')
const isNumberish = (word: string): boolean => /^[$£€]?[0-9][0-9,.:%/-]*[\p{L}%]{0,3}$/u.test(word)
const isDotted = (word: string): boolean => /^(?:\p{L}{1,3}\.)+\p{L}{1,3}$/u.test(word)

/** Does a single full stop at `at`, followed by a space and the word at `next`, end the sentence? */
function fullStopEnds(text: string, at: number, next: number): boolean {
  let word = wordBefore(text, at)
  if (word === '') return true
  // "Tuesday.Mr": a sentence already ended inside the word; judge the part after it.
  if (!isDotted(word) && !isNumberish(word) && !looksLikeAddress(word) && /\p{L}{2,}\.\p{L}/u.test(word))
    word = word.slice(word.lastIndexOf('.') + 1)
  const lower = word.toLowerCase()
  const following = nextWord(text, next)
  const nextIsNumber = isDigit(text[next])
  const opener = OPENERS.has(following) || OPENING_MARKS.includes(text[next] ?? '')
  if (isNumberish(word) || looksLikeAddress(word)) return true
  if (NEVER_LAST.has(lower)) return false
  // Hyphenated state or party tags ("D-N.Y.") are judged by their last part.
  const last = lower.includes('-') ? (lower.split('-').at(-1) ?? lower) : lower
  if (isDotted(last)) {
    if (last === 'a.m' || last === 'p.m') {
      if (nextIsNumber || TIME_FOLLOWERS.has(following)) return false
      if (TITLES.has(following)) return word === word.toUpperCase()
      return true
    }
    return opener && !nextIsNumber
  }
  if (/^\p{L}$/u.test(word)) {
    // An initial ("George W. Bush") or a page ("p. 55"), unless a sentence plainly opens next ("you and I. Did").
    if (BEFORE_NUMBERS.has(lower) && nextIsNumber) return false
    return opener && !nextIsNumber
  }
  if (TITLES.has(last)) return false
  if (BEFORE_NUMBERS.has(last)) return !nextIsNumber && opener
  if (AFTER_WORDS.has(last)) {
    if (nextIsNumber) return false
    return opener || (last === 'etc' && isUpper(text[next]))
  }
  return true
}

/** "world.Today", "Tuesday.Mr. Smith" and "1,000.That": a stop with no space, then a capitalised word. */
function noSpaceBoundary(text: string, at: number, clusterEnd: number, k: number): boolean {
  if (!isUpper(text[k]) || !isLower(text[k + 1])) return false
  const word = wordBefore(text, at)
  let i = k
  while (i < text.length && !isSpace(text[i])) i++
  const whole = word + text.slice(at, i)
  if (looksLikeAddress(whole)) return false
  if (clusterEnd - at > 1 || text[at] !== '.') return true
  const lastPart = word.split('.').at(-1) ?? ''
  return (
    /^(?:\p{L}{2,}|[0-9][0-9,]*%?)$/u.test(lastPart) &&
    !TITLES.has(lastPart.toLowerCase()) &&
    !AFTER_WORDS.has(lastPart.toLowerCase())
  )
}

/** The sentence containing `offset` within a known paragraph (the margin's "+" asks per paragraph). */
export function sentenceIn(text: string, paragraph: Span, offset: number): Span | null {
  if (offset < paragraph.start || offset >= paragraph.end) return null
  return sentenceAt(text, offset)
}
