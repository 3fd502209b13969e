// Reads the text of a DOM subtree as paragraphs: every block element (p, h1-h6, li, td, ...) starts
// a new one, so headings and list items never run into the prose around them.
import { canonicalText } from '../../shared/text/canonical'

const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
  'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL'
])

/**
 * Never text, whatever a sanitiser before us let through. Template content lives in a separate
 * fragment and is not reached by walking children anyway; it is listed for the reader's sake.
 */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'CANVAS', 'HEAD', 'TITLE', 'META', 'LINK', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT'])

const TEXT_NODE = 3
const ELEMENT_NODE = 1

/**
 * Canonical text of `root`. Source-formatting whitespace is collapsed like a browser does, except
 * inside <pre>, whose line breaks are kept until canonicalText folds single ones into spaces and
 * keeps blank lines as paragraph breaks. <br> is a line break, so <br><br> splits a paragraph.
 */
export function blockText(root: Node): string {
  const out: string[] = []
  walk(root, out, false)
  return canonicalText(out.join(''))
}

function walk(node: Node, out: string[], inPre: boolean): void {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE) {
      const text = child.nodeValue ?? ''
      out.push(inPre ? text : text.replace(/[ \t\n\r\f]+/g, ' '))
      continue
    }
    if (child.nodeType !== ELEMENT_NODE) continue
    const tag = (child as Element).tagName.toUpperCase()
    if (SKIP.has(tag)) continue
    if (tag === 'BR') {
      out.push('\n')
      continue
    }
    const block = BLOCKS.has(tag)
    if (block) out.push('\n\n')
    walk(child, out, inPre || tag === 'PRE')
    if (block) out.push('\n\n')
  }
}
