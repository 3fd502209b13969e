// Reads the text of a DOM subtree as paragraphs: every block element (p, h1-h6, li, td, ...) starts
// a new one, so headings and list items never run into the prose around them. List items keep
// their bullet or number, and a line break (<br>) keeps its line as a paragraph of its own, so a
// ranking or a line-broken list reads as it did on the page.
import { canonicalText } from '../../shared/text/canonical'

const BLOCKS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'CAPTION',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL'
])

/**
 * Never text, whatever a sanitiser before us let through. Template content lives in a separate
 * fragment and is not reached by walking children anyway; it is listed for the reader's sake.
 */
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'SVG',
  'MATH',
  'CANVAS',
  'HEAD',
  'TITLE',
  'META',
  'LINK',
  'BUTTON',
  'SELECT',
  'TEXTAREA',
  'INPUT',
  'OPTION'
])

const TEXT_NODE = 3
const ELEMENT_NODE = 1

/**
 * Canonical text of `root`. Source-formatting whitespace is collapsed like a browser does, except
 * inside <pre>, whose line breaks are kept until canonicalText folds single ones into spaces and
 * keeps blank lines as paragraph breaks. The walk is iterative, so no nesting depth can overflow.
 */
export function blockText(root: Node): string {
  const out: string[] = []
  // Work items: a node to read, or a string to emit when a block element closes.
  const work: (Node | string)[] = []
  const pushChildren = (node: Node) => {
    const children: Node[] = []
    for (let child = node.firstChild; child; child = child.nextSibling) children.push(child)
    for (let i = children.length - 1; i >= 0; i--) work.push(children[i]!)
  }
  pushChildren(root)
  // A list item's marker waits for the item's first words, so "1." and a <p> inside the <li> stay on one line.
  let marker = ''
  while (work.length > 0) {
    const item = work.pop()!
    if (typeof item === 'string') {
      marker = ''
      out.push(item)
      continue
    }
    if (item.nodeType === TEXT_NODE) {
      const raw = item.nodeValue ?? ''
      const text = insidePre(item) ? raw : raw.replace(/[ \t\n\r\f]+/g, ' ')
      if (marker && text.trim()) {
        out.push(marker)
        marker = ''
      }
      out.push(text)
      continue
    }
    if (item.nodeType !== ELEMENT_NODE) continue
    const element = item as Element
    const tag = element.tagName.toUpperCase()
    if (SKIP.has(tag) || element.hasAttribute('hidden')) continue
    if (tag === 'BR') {
      marker = ''
      out.push('\n\n')
      continue
    }
    const block = BLOCKS.has(tag)
    if (tag === 'LI') {
      out.push('\n\n')
      marker = listMarker(element)
    } else if (block && !marker) out.push('\n\n')
    if (block) work.push('\n\n')
    pushChildren(element)
  }
  return canonicalText(out.join(''))
}

function insidePre(node: Node): boolean {
  for (let el = node.parentElement; el; el = el.parentElement) if (el.tagName.toUpperCase() === 'PRE') return true
  return false
}

/** Labels of each numbered list's items, worked out once per list. */
const numbered = new WeakMap<Element, Map<Element, string>>()

/** "• " in a bulleted list; "3. " in a numbered one, honouring `start`, `value`, `reversed` and `type`. */
function listMarker(item: Element): string {
  const list = item.parentElement
  if (!list || list.tagName.toUpperCase() !== 'OL') return '• '
  let labels = numbered.get(list)
  if (!labels) {
    labels = new Map()
    const items = Array.from(list.children).filter((c) => c.tagName.toUpperCase() === 'LI')
    const reversed = list.hasAttribute('reversed')
    const start = Number.parseInt(list.getAttribute('start') ?? '', 10)
    const type = list.getAttribute('type')
    let number = Number.isFinite(start) ? start : reversed ? items.length : 1
    for (const other of items) {
      const value = Number.parseInt(other.getAttribute('value') ?? '', 10)
      if (Number.isFinite(value)) number = value
      labels.set(other, type === 'a' ? letters(number).toLowerCase() : type === 'A' ? letters(number) : String(number))
      number += reversed ? -1 : 1
    }
    numbered.set(list, labels)
  }
  return `${labels.get(item) ?? ''}. `
}

const letters = (n: number): string => (n >= 1 && n <= 26 ? String.fromCharCode(64 + n) : String(n))
