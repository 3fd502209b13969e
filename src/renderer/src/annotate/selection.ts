// Turns a DOM selection in the rendered story into character offsets in `story.text`.
// The article renders every run of text as an element with `data-start`/`data-end` (its offsets in
// the story) holding one text node. Anything else in the article that is not story text (claim
// markers, the margin) carries `data-at`, the story offset it sits at, so a selection that starts
// or ends on one still resolves. Paragraph breaks are not rendered; the offsets skip them.

import { storyParts } from '../../../shared/model/values'
import type { StoryPart } from '../../../shared/model'
import type { PartRange } from '../../../shared/text/parts'
import type { TextRange } from '../../../shared/text/range'

const SEGMENT = '[data-start]'

/** Which way to resolve a point between two runs: a start looks forward, an end looks back. */
export type Bias = 'forward' | 'backward'

const numberAttr = (el: Element, name: string): number => Number(el.getAttribute(name))

/** The story offset of the DOM point (node, offset) inside `root`, or null when it is outside. */
export function pointToOffset(root: Element, node: Node, offset: number, bias: Bias): number | null {
  if (!root.contains(node)) return null
  const parent = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element)
  const segment = node.nodeType === Node.TEXT_NODE ? parent?.closest(SEGMENT) : null
  if (segment && root.contains(segment)) {
    const start = numberAttr(segment, 'data-start')
    return Math.min(start + offset, numberAttr(segment, 'data-end'))
  }
  const marker = parent?.closest('[data-at]')
  if (marker && root.contains(marker)) return numberAttr(marker, 'data-at')
  return nearestSegmentEdge(root, node, offset, bias)
}

/** For a point between elements: the first run after it (forward) or the last run before it (backward). */
function nearestSegmentEdge(root: Element, node: Node, offset: number, bias: Bias): number | null {
  const doc = root.ownerDocument
  const point = doc.createRange()
  point.setStart(node, offset)
  point.collapse(true)
  const segments = Array.from(root.querySelectorAll(SEGMENT))
  if (segments.length === 0) return null
  if (bias === 'forward') {
    for (const seg of segments) if (point.comparePoint(seg, 0) >= 0) return numberAttr(seg, 'data-start')
    return numberAttr(segments[segments.length - 1] as Element, 'data-end')
  }
  for (let i = segments.length - 1; i >= 0; i--) {
    const seg = segments[i] as Element
    if (point.comparePoint(seg, seg.childNodes.length) <= 0) return numberAttr(seg, 'data-end')
  }
  return numberAttr(segments[0] as Element, 'data-start')
}

/** The story range a DOM range covers, or null when it is empty or not wholly inside `root`. */
export function rangeToOffsets(root: Element, range: Range): TextRange | null {
  const start = pointToOffset(root, range.startContainer, range.startOffset, 'forward')
  const end = pointToOffset(root, range.endContainer, range.endOffset, 'backward')
  if (start === null || end === null || end <= start) return null
  return { start, end }
}

/** The current document selection as story offsets, if it lies in `root`. */
export function selectionOffsets(root: Element, selection: Selection | null): TextRange | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null
  return rangeToOffsets(root, selection.getRangeAt(0))
}

/** The rendered headline and story text, each rendered as runs with their own offsets. */
export type PartRoots = Record<StoryPart, Element | null>

/**
 * The current selection as offsets in the headline or the story text, whichever wholly holds it;
 * null when it is empty or runs from one into the other (a claim is in one of them).
 */
export function selectionInParts(roots: PartRoots, selection: Selection | null): PartRange | null {
  for (const part of storyParts) {
    const root = roots[part]
    const range = root ? selectionOffsets(root, selection) : null
    if (range) return { part, ...range }
  }
  return null
}

/** The story offset under a screen point, for clicks in the margin (caret APIs differ by engine). */
export function offsetAtPoint(root: Element, x: number, y: number): number | null {
  const doc = root.ownerDocument as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null
    caretRangeFromPoint?: (x: number, y: number) => Range | null
  }
  const position = doc.caretPositionFromPoint?.(x, y)
  if (position) return pointToOffset(root, position.offsetNode, position.offset, 'forward')
  const range = doc.caretRangeFromPoint?.(x, y)
  if (range) return pointToOffset(root, range.startContainer, range.startOffset, 'forward')
  return null
}
