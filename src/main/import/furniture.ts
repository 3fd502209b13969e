// What a news page puts around and between the story's paragraphs, found by structure, never by its
// words: pictures with their captions and credits, a line that is mostly a link (a newsletter promo,
// "Related: …", a skip link past an advertisement) and the byline block repeated in the text.
// Readability already drops asides, forms and most ad slots; this runs on what it keeps.

/** Elements that hold a picture and what is said about it (caption, credit, "Image source"). */
const PICTURES = 'figure, figcaption, picture, video, audio, [itemprop~="associatedMedia"], [itemprop~="caption"]'

/** A line at most this long that is mostly link text is a promo, not a paragraph of the story. */
const PROMO_MAX_CHARS = 160
const PROMO_LINK_SHARE = 0.4

const words = (el: Element): string => (el.textContent ?? '').replace(/\s+/g, ' ').trim()

export function dropFurniture(root: Element, byline?: string): void {
  for (const el of Array.from(root.querySelectorAll(PICTURES))) el.remove()
  for (const el of Array.from(root.querySelectorAll('p, li, h2, h3, h4, div'))) {
    // Leaf blocks only: a paragraph, or a div holding text and inline elements.
    if (!root.contains(el) || el.querySelector('p, li, div, ul, ol, table, blockquote, h2, h3, h4')) continue
    const text = words(el)
    if (!text) continue
    if (isPromo(el, text) || isByline(text, byline)) el.remove()
  }
  // A list or block whose every line went is left empty: drop it too.
  for (const el of Array.from(root.querySelectorAll('ul, ol, div, section')))
    if (root.contains(el) && !words(el) && !el.querySelector('img, table')) el.remove()
}

function isPromo(el: Element, text: string): boolean {
  if (text.length > PROMO_MAX_CHARS) return false
  const links = Array.from(el.querySelectorAll('a[href]'))
  if (links.length === 0) return false
  // A link to a place on the same page is a skip link ("Continue reading the main story").
  if (links.every((a) => a.getAttribute('href')!.startsWith('#'))) return true
  const share = links.reduce((n, a) => n + words(a).length, 0) / text.length
  if (share >= 0.9) return true
  // A sentence of the story may link a name ("<a>Ms. Park</a> said no."); a promo is a label and a
  // title ("Related: …") or an aside in brackets, not a sentence.
  const sentence = /[.!?…]["”’)]*$/.test(text) && !/^\[.*\]$/.test(text)
  return share >= PROMO_LINK_SHARE && !sentence
}

/** The byline block the page repeats at the top of the text: the author's name and a short title. */
function isByline(text: string, byline?: string): boolean {
  if (!byline || text.length > byline.length + 60) return false
  const name = byline.split(/,| and /)[0]!.trim()
  return name.length > 0 && text.replace(/^By\s+/i, '').startsWith(name)
}
