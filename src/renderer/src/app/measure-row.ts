// How a virtualised list (the library's rows, a story's claim list) learns its rows' heights.
import type { useVirtualizer } from '@tanstack/react-virtual'

/**
 * A row's height as the ResizeObserver reports it once the frame is laid out; a row just rendered counts as its last
 * known height (or the estimate) until then, so rendering a screen of rows forces no layout in the middle of React's
 * commit (the virtualizer's own measure reads offsetHeight there, once per row).
 */
export const measureRow: NonNullable<
  Parameters<typeof useVirtualizer<HTMLDivElement, Element>>[0]['measureElement']
> = (element, entry, instance) => {
  const box = entry?.borderBoxSize?.[0]
  if (box) return Math.round(box.blockSize)
  const index = instance.indexFromElement(element)
  return instance.measurementsCache[index]?.size ?? instance.options.estimateSize(index)
}
