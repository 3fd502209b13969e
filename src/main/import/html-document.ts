// Parses untrusted HTML into an inert DOM: no script runs, nothing is fetched, no stylesheet is
// parsed, and nesting is bounded, so a hostile page can neither act nor stall the reader.
import createDOMPurify from 'dompurify'
import { JSDOM, VirtualConsole } from 'jsdom'

/**
 * Deeper than this (counting start tags the way a browser nests them) the extra levels are
 * unwrapped before parsing: the HTML parser and Readability both slow down with the square of the
 * depth (1,000 levels took Readability 50 s), and no real article is nested so deep.
 */
export const MAX_SOURCE_DEPTH = 256
/** Past this depth in the parsed page, a subtree is flattened to paragraphs of its text. */
export const MAX_DOM_DEPTH = 64

/**
 * Stylesheets are dropped before parsing: the text never needs them, and jsdom's CSS parser
 * throws on some valid CSS (`a{border:inherit;border-color:red}`), which would fail the import.
 * A `<style>` element's content is raw text that ends at the first `</style`, as a regular
 * expression can find it.
 */
const STYLE_ELEMENT = /<style\b[^>]*>[\s\S]*?(?:<\/style\s*>|$)/gi

/**
 * Inline images and files (`data:` addresses over a kilobyte) are emptied before parsing: the text
 * never needs them, and URL parsing an 8 MB photo, as Readability does for every image, takes a minute.
 */
function emptyInlineData(html: string): string {
  const parts: string[] = []
  let last = 0
  for (let at = html.indexOf('data:'); at !== -1; at = html.indexOf('data:', at + 5)) {
    const quote = html[at - 1]
    if (quote !== '"' && quote !== "'") continue
    const close = html.indexOf(quote, at)
    if (close === -1) break
    if (close - at < 1024) continue
    parts.push(html.slice(last, at), 'data:,')
    last = close
    at = close - 4
  }
  if (last === 0) return html
  parts.push(html.slice(last))
  return parts.join('')
}

/**
 * jsdom runs no scripts unless `runScripts` is set and loads no subresources unless `resources`
 * is set; both are left unset on purpose. The virtual console swallows jsdom's complaints.
 */
export function parseHtml(html: string, url?: string): JSDOM {
  const source = boundNesting(emptyInlineData(html.replace(STYLE_ELEMENT, '')))
  const dom = new JSDOM(source, {
    url: url || undefined,
    contentType: 'text/html',
    virtualConsole: new VirtualConsole()
  })
  flattenDeepSubtrees(dom.window.document)
  return dom
}

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr'
])
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noembed', 'noframes', 'iframe', 'plaintext'])
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>|<!--[\s\S]*?-->/g

/**
 * Removes start and end tags nested deeper than MAX_SOURCE_DEPTH, keeping their text. A cheap scan
 * over tags, not a parser: it only has to bound the depth, and a page within the bound (every real
 * one) is returned untouched.
 */
function boundNesting(html: string): string {
  const lower = html.toLowerCase()
  const open: string[] = []
  let deepest = 0
  TAG.lastIndex = 0
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[2]?.toLowerCase()
    if (!name) continue
    if (m[1]) {
      const at = open.lastIndexOf(name)
      if (at !== -1) open.length = at
    } else if (!m[3] && !VOID.has(name)) {
      if (RAW_TEXT.has(name)) {
        const close = lower.indexOf(`</${name}`, TAG.lastIndex)
        TAG.lastIndex = close === -1 ? html.length : close
        continue
      }
      open.push(name)
      deepest = Math.max(deepest, open.length)
    }
  }
  if (deepest <= MAX_SOURCE_DEPTH) return html
  // Second pass: drop the tags of elements that would open below the bound, and their end tags.
  const out: string[] = []
  const stack: { name: string; kept: boolean }[] = []
  let last = 0
  let depth = 0
  TAG.lastIndex = 0
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[2]?.toLowerCase()
    if (!name) continue
    if (m[1]) {
      let at = stack.length - 1
      while (at >= 0 && stack[at]!.name !== name) at--
      if (at === -1) continue
      const closing = stack[at]!
      stack.length = at
      // Kept elements are always the bottom of the stack, so the kept depth is a minimum.
      depth = Math.min(stack.length, MAX_SOURCE_DEPTH)
      if (!closing.kept) {
        out.push(html.slice(last, m.index))
        last = TAG.lastIndex
      }
    } else if (!m[3] && !VOID.has(name)) {
      if (RAW_TEXT.has(name)) {
        const close = lower.indexOf(`</${name}`, TAG.lastIndex)
        TAG.lastIndex = close === -1 ? html.length : close
        continue
      }
      const kept = depth < MAX_SOURCE_DEPTH
      stack.push({ name, kept })
      if (kept) depth++
      else {
        out.push(html.slice(last, m.index), ' ')
        last = TAG.lastIndex
      }
    }
  }
  out.push(html.slice(last))
  return out.join('')
}

/**
 * Replaces each subtree that starts at MAX_DOM_DEPTH with paragraphs of its text, walking
 * iteratively so no depth can overflow the stack.
 */
function flattenDeepSubtrees(document: Document): void {
  const root = document.documentElement
  if (!root) return
  const deep: Element[] = []
  const stack: { el: Element; depth: number }[] = [{ el: root, depth: 0 }]
  while (stack.length > 0) {
    const { el, depth } = stack.pop()!
    if (depth >= MAX_DOM_DEPTH) {
      if (el.firstElementChild) deep.push(el)
      continue
    }
    for (let child = el.firstElementChild; child; child = child.nextElementSibling)
      stack.push({ el: child, depth: depth + 1 })
  }
  for (const el of deep) {
    const text = el.textContent ?? ''
    while (el.firstChild) el.firstChild.remove()
    for (const line of text.split(/\n\s*\n/)) {
      if (!line.trim()) continue
      const p = document.createElement('p')
      p.textContent = line.trim()
      el.appendChild(p)
    }
  }
}

/**
 * Inline styles are read for visibility only, then dropped, so neither Readability nor anything
 * else ever asks jsdom's CSS parser about them: an element hidden by its style gets `hidden`.
 */
export function dropInlineStyles(document: Document): void {
  for (const el of Array.from(document.querySelectorAll('[style]'))) {
    const style = el.getAttribute('style') ?? ''
    if (/(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i.test(style)) el.setAttribute('hidden', '')
    el.removeAttribute('style')
  }
}

/** Form controls carry interface words ("Subscribe", "Clear this text input"), never story text. */
const CONTROLS = ['button', 'input', 'select', 'textarea', 'option', 'datalist', 'output']
const NEVER_TEXT = [
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'svg',
  'math',
  'canvas',
  'audio',
  'video',
  'dialog'
]

/**
 * Sanitises `root` in place: event handlers, javascript: links, scripts and the elements above go
 * with their content. Used on what Readability returns and on a whole page when no article stood
 * out; never on what Readability reads, so it can still judge forms, bylines and itemprop itself.
 */
export function sanitise(root: Element): void {
  const view = root.ownerDocument.defaultView
  if (!view) return
  const purify = createDOMPurify(view)
  const forbidden = [...NEVER_TEXT, ...CONTROLS]
  purify.sanitize(root, {
    IN_PLACE: true,
    FORBID_TAGS: forbidden,
    ADD_FORBID_CONTENTS: forbidden,
    ADD_ATTR: ['itemprop'],
    WHOLE_DOCUMENT: false
  })
}
