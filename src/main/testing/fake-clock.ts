// A fake clock for a timer a service is given (the published-page watch's `WatchTimers`): `advance`
// fires what falls due, in order, as the clock passes it; nothing waits on the wall clock.
import type { WatchTimers } from '../services/published-watch'

/** A fake clock for the watch's timer: `advance` fires what falls due, in order, as the clock passes it. */
export class FakeClock implements WatchTimers {
  now = Date.UTC(2026, 11, 1, 9)
  private timers = new Map<number, { at: number; run: () => void }>()
  private ids = 0
  setTimeout(run: () => void, ms: number): number {
    this.timers.set(++this.ids, { at: this.now + ms, run })
    return this.ids
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number)
  }
  async advance(ms: number): Promise<void> {
    const until = this.now + ms
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0]
      if (!due) break
      this.timers.delete(due[0])
      this.now = due[1].at
      due[1].run()
      // What the timer started runs on its own; let its first steps be taken before the clock moves on.
      await new Promise((resolve) => setImmediate(resolve))
    }
    this.now = until
  }
}
