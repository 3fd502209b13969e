// Runs work once the next frame is painted: what reads the layout (scrolling something into view) then
// finds it already computed, instead of forcing it in the middle of a commit before the frame can paint.
/** Calls `run` after the next paint; returns a cancel. */
export function afterPaint(run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const frame = requestAnimationFrame(() => {
    // A task queued from a frame callback runs after that frame is painted.
    timer = setTimeout(run, 0)
  })
  return () => {
    cancelAnimationFrame(frame)
    if (timer !== undefined) clearTimeout(timer)
  }
}
