// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest'
import { layoutParagraph } from './highlight-layout'
import { pointToOffset, rangeToOffsets, selectionOffsets } from './selection'

// Story: "Alpha beta gamma.\n\nDelta epsilon." with a claim over "beta gamma" and one nested on "gamma".
const text = 'Alpha beta gamma.\n\nDelta epsilon.'
const claims = [
  { id: 'outer', start: 6, end: 16 },
  { id: 'inner', start: 11, end: 16 }
]

/** Renders like the article does: paragraphs of runs, with a marker before each claim's first run. */
function render(): HTMLElement {
  const root = document.createElement('article')
  for (const para of [
    { start: 0, end: 17 },
    { start: 19, end: 33 }
  ]) {
    const p = document.createElement('p')
    for (const seg of layoutParagraph(para.start, para.end, claims)) {
      for (const id of seg.starts) {
        const marker = document.createElement('span')
        marker.setAttribute('data-at', String(seg.start))
        marker.textContent = `[${id}]`
        p.append(marker)
      }
      const span = document.createElement(seg.ids.length ? 'mark' : 'span')
      span.setAttribute('data-start', String(seg.start))
      span.setAttribute('data-end', String(seg.end))
      span.textContent = text.slice(seg.start, seg.end)
      p.append(span)
    }
    root.append(p)
  }
  document.body.replaceChildren(root)
  return root
}

const run = (root: HTMLElement, start: number): Text =>
  root.querySelector(`[data-start="${start}"]`)!.firstChild as Text

let root: HTMLElement
beforeEach(() => {
  root = render()
})

describe('selection to story offsets', () => {
  it('maps a selection inside one plain run', () => {
    const range = document.createRange()
    range.setStart(run(root, 0), 0)
    range.setEnd(run(root, 0), 5)
    expect(rangeToOffsets(root, range)).toEqual({ start: 0, end: 5 })
    expect(text.slice(0, 5)).toBe('Alpha')
  })

  it('maps a selection that starts and ends inside existing highlights', () => {
    const range = document.createRange()
    range.setStart(run(root, 6), 2) // "ta gamma" starts inside the outer claim
    range.setEnd(run(root, 11), 3) // ends inside the nested claim
    const offsets = rangeToOffsets(root, range)!
    expect(offsets).toEqual({ start: 8, end: 14 })
    expect(text.slice(offsets.start, offsets.end)).toBe('ta gam')
  })

  it('maps a selection across a paragraph break', () => {
    const range = document.createRange()
    range.setStart(run(root, 11), 0)
    range.setEnd(run(root, 19), 5)
    const offsets = rangeToOffsets(root, range)!
    expect(text.slice(offsets.start, offsets.end)).toBe('gamma.\n\nDelta')
  })

  it('resolves a point on a claim marker to where the marker sits', () => {
    const marker = root.querySelector('[data-at="6"]')!
    expect(pointToOffset(root, marker.firstChild!, 2, 'forward')).toBe(6)
  })

  it('resolves element boundaries: a paragraph start looks forward, a paragraph end looks back', () => {
    const [first, second] = Array.from(root.querySelectorAll('p'))
    expect(pointToOffset(root, second!, 0, 'forward')).toBe(19)
    expect(pointToOffset(root, first!, first!.childNodes.length, 'backward')).toBe(17)
    // A whole-paragraph selection made by triple click: (p, 0) to (next p, 0).
    const range = document.createRange()
    range.setStart(first!, 0)
    range.setEnd(second!, 0)
    expect(rangeToOffsets(root, range)).toEqual({ start: 0, end: 17 })
  })

  it('ignores selections outside the article and empty ones', () => {
    const outside = document.createElement('div')
    outside.textContent = 'elsewhere'
    document.body.append(outside)
    const range = document.createRange()
    range.setStart(outside.firstChild!, 0)
    range.setEnd(run(root, 0), 3)
    expect(rangeToOffsets(root, range)).toBeNull()
    const collapsed = document.createRange()
    collapsed.setStart(run(root, 0), 2)
    expect(rangeToOffsets(root, collapsed)).toBeNull()
  })

  it('reads the live document selection', () => {
    const selection = document.getSelection()!
    const range = document.createRange()
    range.setStart(run(root, 19), 6)
    range.setEnd(run(root, 19), 13)
    selection.removeAllRanges()
    selection.addRange(range)
    const offsets = selectionOffsets(root, selection)!
    expect(text.slice(offsets.start, offsets.end)).toBe('epsilon')
  })
})
