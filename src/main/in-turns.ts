// Work on many items with a bounded number under way at once (files, each waiting mostly on the disk).

/** Runs `work` on every item, at most `width` at a time; after a failure starts no more, lets the running ones end, and throws it. */
export async function inTurns<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  let failure: { error: unknown } | null = null
  const lane = async (): Promise<void> => {
    while (!failure && next < items.length) {
      try {
        await work(items[next++]!)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane))
  if (failure) throw (failure as { error: unknown }).error
}
