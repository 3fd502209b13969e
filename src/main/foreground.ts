// The window goes first. Main's background work (the search index's first reading of every story, seconds at
// thousands of stories) reads its next batch only once the window has made no call for a moment, so the first
// screen, a reload or a run of keystrokes neither waits behind a batch in main's event loop nor shares the
// CPU with it. Measured (issue 29): a 5,000-story library's screen reloaded while the index was being read took
// 1.6x as long as once it was read, which made the paint grow with the library.

/** How long the window must have been quiet before background work goes on. */
export const QUIET_MS = 500

export class Foreground {
  private last = Number.NEGATIVE_INFINITY

  constructor(
    private readonly quietMs = QUIET_MS,
    private readonly now: () => number = () => performance.now()
  ) {}

  /** The window made a call. */
  heard(): void {
    this.last = this.now()
  }

  /** Resolves once the window has made no call for `quietMs` (at once when it has been quiet that long). */
  async quiet(): Promise<void> {
    for (;;) {
      const wait = this.last + this.quietMs - this.now()
      if (wait <= 0) return
      await new Promise((resolve) => setTimeout(resolve, wait))
    }
  }
}
